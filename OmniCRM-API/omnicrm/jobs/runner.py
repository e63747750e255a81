"""Background work with two back ends behind the same job functions.

- `thread` (default): an in-process worker pool, nothing else to run.
- `rq`: jobs go to a Redis queue and `omnicrm worker` (`make worker`) runs them, so API instances stay
  stateless and workers scale on their own.

A job is a module-level function taking JSON-serialisable keyword arguments. `enqueue` records the job in
the caller's transaction and hands it to the back end only after that transaction commits, so a worker
never sees a job whose data is not there yet, and a rolled-back change starts no job.
"""

from __future__ import annotations

import importlib
import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import redis
from flask import Flask, current_app, g
from rq import Queue, SimpleWorker
from sqlalchemy import event
from sqlalchemy.orm import Session

from omnicrm.config import Settings
from omnicrm.db import close_session, get_session, utcnow
from omnicrm.jobs.models import FAILED, RUNNING, SUCCEEDED, BackgroundJob

log = logging.getLogger(__name__)
PENDING = "omnicrm.pending_jobs"


class Runner(Protocol):
    name: str

    def submit(self, job_id: str) -> None: ...
    def shutdown(self) -> None: ...


class ThreadRunner:
    name = "thread"

    def __init__(self, app: Flask, workers: int) -> None:
        self.app = app
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="omnicrm-job")

    def submit(self, job_id: str) -> None:
        self.pool.submit(self._run, job_id)

    def _run(self, job_id: str) -> None:
        with self.app.app_context():
            execute(job_id)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True)


class RQRunner:
    name = "rq"

    def __init__(self, settings: Settings) -> None:
        if not settings.redis.url:
            raise RuntimeError("jobs.backend: 'rq' needs redis.url")
        # RQ stores pickled payloads, so this client must not decode responses.
        self.connection = redis.Redis.from_url(settings.redis.url)
        self.queue = Queue(settings.jobs.queue, connection=self.connection)
        self.timeout = settings.provisioning.job_timeout_seconds

    def submit(self, job_id: str) -> None:
        self.queue.enqueue(execute, job_id, job_id=job_id, job_timeout=self.timeout)

    def work(self, burst: bool = False) -> bool:
        """Run queued jobs in this process (call inside an application context)."""
        return SimpleWorker([self.queue], connection=self.connection).work(burst=burst, with_scheduler=False)

    def shutdown(self) -> None:
        self.connection.close()


def make_runner(app: Flask, settings: Settings) -> Runner:
    if settings.jobs.backend == "rq":
        return RQRunner(settings)
    return ThreadRunner(app, settings.jobs.workers)


def runner() -> Runner:
    return current_app.extensions["omnicrm.jobs"]


def enqueue(session: Session, func: Callable[..., Any], **arguments: Any) -> str:
    """Record a job in `session`'s transaction; it is submitted when that transaction commits."""
    job_id = str(uuid.uuid4())
    active = runner()
    session.add(BackgroundJob(job_id=job_id, name=job_name(func), backend=active.name, arguments=arguments))
    session.info.setdefault(PENDING, []).append((active, job_id))
    return job_id


def job_name(func: Callable[..., Any]) -> str:
    if "<" in func.__qualname__:
        raise ValueError(f"{func.__qualname__}: a job must be a module-level function")
    return f"{func.__module__}:{func.__qualname__}"


def _resolve(name: str) -> Callable[..., Any]:
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


def execute(job_id: str) -> None:
    """Run one recorded job and record its outcome (in an application context, on any back end)."""
    g.request_id = f"job:{job_id}"
    session = get_session()
    try:
        job = session.get(BackgroundJob, job_id)
        if job is None:
            log.error("job %s: no such job", job_id)
            return
        job.status, job.started, job.attempts = RUNNING, utcnow(), job.attempts + 1
        session.commit()
        try:
            _resolve(job.name)(**job.arguments)
        except Exception as exc:  # a job's failure is recorded, never lost
            log.exception("job %s (%s) failed", job_id, job.name)
            session.rollback()
            job.status, job.error = FAILED, f"{type(exc).__name__}: {exc}"
        else:
            job.status = SUCCEEDED
        job.finished = utcnow()
        session.commit()
    finally:
        close_session()


def _submit_pending(session: Session) -> None:
    for active, job_id in session.info.pop(PENDING, []):
        active.submit(job_id)


def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING, None)


def watch_sessions(sessions: Any) -> None:
    """Hook job submission to the commits of a sessionmaker's sessions."""
    event.listen(sessions, "after_commit", _submit_pending)
    event.listen(sessions, "after_rollback", _forget_pending)
