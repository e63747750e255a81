"""Running a job: ansible-runner in the background job pool, each event committed as it happens (spec 04 §5-§9)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
import threading
from datetime import timedelta
from typing import Any

import ansible_runner
from flask import current_app
from sqlalchemy import select, update

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.auth.credentials import decrypt
from omnicrm.auth.sessions import playbook_token
from omnicrm.config import Settings
from omnicrm.customers.models import Customer
from omnicrm.db import get_session
from omnicrm.notify.outbox import queue_email
from omnicrm.provisioning.models import FAILED, IGNORED, RUNNING, SUCCESS, Provision, ProvisionEvent
from omnicrm.provisioning.playbooks import plays_dir
from omnicrm.redact import redact
from omnicrm.services import hooks

log_ = logging.getLogger(__name__)
RESULT_CAP = 64 * 1024
OUTPUT_CAP = 256 * 1024
FATAL = "Fatal error"
_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def _slot() -> threading.BoundedSemaphore:
    """At most provisioning.max_concurrent_jobs playbooks run at once in this process."""
    limit = _settings().provisioning.max_concurrent_jobs
    with _slots_lock:
        return _slots.setdefault(limit, threading.BoundedSemaphore(limit))


def _capped(value: Any, cap: int = RESULT_CAP) -> str:
    text = json.dumps(redact(value), default=str)
    return text if len(text) <= cap else text[: cap - 14] + "...[truncated]"


class EventRecorder:
    """Turns ansible-runner events into provision_event rows, committed one by one so a poll sees them."""

    def __init__(self, provision_id: int) -> None:
        self.provision_id = provision_id
        self.by_task: dict[str, ProvisionEvent] = {}
        self.first_failure: str | None = None

    def __call__(self, event: dict[str, Any]) -> bool:
        kind = event.get("event", "")
        data = event.get("event_data") or {}
        if kind in ("playbook_on_task_start", "playbook_on_handler_task_start"):
            self._start(data)
        elif kind in ("runner_on_ok", "runner_on_skipped", "runner_on_failed", "runner_on_unreachable"):
            self._finish(kind, data)
        return True

    def _start(self, data: dict[str, Any]) -> None:
        session = get_session()
        number = len(self.by_task) + 1
        row = ProvisionEvent(
            provision_id=self.provision_id,
            event_number=number,
            event_name=(data.get("task") or data.get("task_action") or "task")[:512],
        )
        session.add(row)
        session.commit()
        self.by_task[data.get("task_uuid", str(number))] = row

    def _finish(self, kind: str, data: dict[str, Any]) -> None:
        row = self.by_task.get(data.get("task_uuid", ""))
        if row is None:
            return
        result = {
            key: value for key, value in (data.get("res") or {}).items() if not key.startswith("_ansible")
        }  # Ansible's own flags
        if kind == "runner_on_skipped":
            status, result = SUCCESS, {"skipped": True, **result}
        elif kind == "runner_on_ok":
            status = SUCCESS
        elif kind == "runner_on_failed" and data.get("ignore_errors"):
            status = IGNORED
        else:
            status = FAILED
            if self.first_failure is None:
                self.first_failure = str(result.get("msg") or row.event_name)
        row.provisioning_status, row.provisioning_result_json, row.finished = status, _capped(result), clock.now()
        get_session().commit()


def _common_causes(output: str) -> list[str]:
    causes = []
    if "could not be found" in output or "not found" in output.lower() and ".yaml" in output:
        causes.append("Playbook file not found: check the product's provisioning_play")
    if "Syntax Error" in output or "YAML" in output:
        causes.append("YAML syntax error: check indentation and quoting")
    if "is undefined" in output:
        causes.append("A variable used by the playbook was not provided: check provisioning_json_vars and request body")
    if "UNREACHABLE" in output:
        causes.append("Ansible could not reach localhost / controller")
    return causes


def _fatal_event(job: Provision, result: dict[str, Any]) -> ProvisionEvent:
    return ProvisionEvent(
        provision_id=job.provision_id,
        event_number=_next_number(job.provision_id),
        event_name=FATAL,
        provisioning_status=FAILED,
        provisioning_result_json=json.dumps(result, default=str),
        finished=clock.now(),
    )


def _fatal_result(rc: int | None, stdout: str, stderr: str, extra_vars: dict[str, Any]) -> dict[str, Any]:
    """What Ansible said when it failed without a failed task: exit code, output, likely causes, variables."""
    causes = _common_causes(stdout + stderr)
    return {
        "exit_code": rc,
        "stdout": stdout[-OUTPUT_CAP:],
        "stderr": stderr[-OUTPUT_CAP:],
        "common_causes": causes,
        "variables": redact(extra_vars),
    }


def _next_number(provision_id: int) -> int:
    numbers = get_session().scalars(select(ProvisionEvent.event_number).where(ProvisionEvent.provision_id == provision_id)).all()
    return max(numbers, default=0) + 1


def run(provision_id: int, sealed_vars: str) -> None:
    """The background job: run the play, record events as they come, then settle the outcome.

    The variables travel encrypted (they may hold secrets of the request); the API token the playbook uses to
    call back is minted only now, so no token is ever stored.
    """
    with _slot():
        session = get_session()
        job = session.get(Provision, provision_id)
        job.started = clock.now()
        session.commit()
        extra_vars = {
            **json.loads(decrypt(_settings(), sealed_vars)),
            "access_token": playbook_token(session, job.initiating_user, provision_id),
        }
        recorder = EventRecorder(provision_id)
        private_dir = tempfile.mkdtemp(prefix=f"omnicrm-provision-{provision_id}-")
        os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")  # the venv's ansible
        try:
            result = ansible_runner.run(
                private_data_dir=private_dir,
                playbook=str(plays_dir() / f"{job.provisioning_play}.yaml"),
                extravars=extra_vars,
                inventory="localhost,",
                event_handler=recorder,
                quiet=True,
                timeout=_settings().provisioning.job_timeout_seconds,
            )
            rc, status = result.rc, result.status
            stdout, stderr = _read(result.stdout), _read(result.stderr)
        except Exception as exc:  # ansible could not even start: recorded as a fatal error
            log_.exception("provision %s: ansible-runner failed to start", provision_id)
            rc, status, stdout, stderr = None, "failed", "", f"{type(exc).__name__}: {exc}"
        finally:
            shutil.rmtree(private_dir, ignore_errors=True)
        _settle(session, job, recorder, rc, status, stdout, stderr, extra_vars)


def _read(stream: Any) -> str:
    try:
        return stream.read() if stream is not None else ""
    except (OSError, ValueError):
        return ""


def _settle(
    session: Any,
    job: Provision,
    recorder: EventRecorder,
    rc: int | None,
    status: str,
    stdout: str,
    stderr: str,
    extra_vars: dict[str, Any],
) -> None:
    session.refresh(job)
    job.ansible_rc, job.finished = rc, clock.now()
    if status == "successful" and rc == 0:
        job.provisioning_status = SUCCESS
        log.record(
            session,
            "provision",
            "provision_succeeded",
            f"Provisioning job #{job.provision_id} ({job.provisioning_play}) succeeded",
            object_id=job.provision_id,
            customer_id=job.customer_id,
            service_id=job.service_id,
        )
    else:
        job.provisioning_status = FAILED
        job.error_summary = recorder.first_failure
        if status == "timeout":
            seconds = _settings().provisioning.job_timeout_seconds
            session.add(_fatal_event(job, {"reason": "timeout", "timeout_seconds": seconds}))
            job.error_summary = f"Timed out after {seconds} s (the playbook's rescue did not run)"
        elif recorder.first_failure is None:
            result = _fatal_result(rc, stdout, stderr, extra_vars)
            session.add(_fatal_event(job, result))
            job.error_summary = result["common_causes"][0] if result["common_causes"] else f"ansible-playbook exited with {rc}"
        log.record(
            session,
            "provision",
            "provision_failed",
            f"Provisioning job #{job.provision_id} ({job.provisioning_play}) failed: {job.error_summary}",
            object_id=job.provision_id,
            customer_id=job.customer_id,
            service_id=job.service_id,
        )
        _failure_email(session, job)
    hooks.after_job(session, job, job.provisioning_status == SUCCESS)
    session.commit()


def _failure_email(session: Any, job: Provision) -> None:
    recipients = _settings().provisioning.failure_list
    if not recipients:
        log_.warning("provision %s failed and provisioning.failure_list is empty: no e-mail", job.provision_id)
        return
    customer = session.get(Customer, job.customer_id) if job.customer_id else None
    events = session.scalars(
        select(ProvisionEvent).where(ProvisionEvent.provision_id == job.provision_id).order_by(ProvisionEvent.event_number)
    )
    who = customer.customer_name if customer else "no customer"
    variables = {
        "subject": f"Provisioning failed: {job.playbook_description or job.provisioning_play} — {who} (#{job.provision_id})",
        "provision_id": job.provision_id,
        "customer_id": job.customer_id,
        "customer_name": customer.customer_name if customer else None,
        "product_id": job.product_id,
        "service_id": job.service_id,
        "error_summary": job.error_summary,
        "events": [
            {
                "event_number": e.event_number,
                "event_name": e.event_name,
                "provisioning_status": e.provisioning_status,
                "result": e.provisioning_result_json,
            }
            for e in events
        ],
    }
    for recipient in recipients:
        queue_email(
            session,
            "provisioning_failure",
            recipient,
            redact(variables),
            customer_id=job.customer_id,
            subject=variables["subject"],
        )


def recover_interrupted(session: Any, timeout_seconds: int) -> int:
    """At start-up: jobs left running longer than the timeout were cut by a restart; they fail now."""
    cutoff = clock.now() - timedelta(seconds=timeout_seconds)
    stuck = list(session.scalars(select(Provision).where(Provision.provisioning_status == RUNNING, Provision.created < cutoff)))
    for job in stuck:
        session.add(_fatal_event(job, {"reason": "interrupted", "message": "Job interrupted by API restart"}))
        session.execute(
            update(Provision)
            .where(Provision.provision_id == job.provision_id)
            .values(provisioning_status=FAILED, finished=clock.now(), error_summary="Job interrupted by API restart")
        )
    session.commit()
    return len(stuck)
