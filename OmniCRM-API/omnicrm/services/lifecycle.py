"""What changes a service's life (spec 04 §15-§17, §20; 06 B4, B8; 08): status changes that drive the OCS,
deprovisioning, deletion, auto-renew and renewals, cancellation with a grace period.

Every change is one database transaction with its activity row and life-cycle event. OCS calls come first: when
the OCS refuses or cannot be reached nothing is saved (502).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.auth.principal import Principal
from omnicrm.catalogue.models import Product
from omnicrm.config import Settings
from omnicrm.errors import ApiError, bad_request, conflict, not_found
from omnicrm.fields import iso
from omnicrm.integrations.ocs import OcsClient, OcsError, OcsUnavailable, ocs_client
from omnicrm.provisioning import jobs
from omnicrm.provisioning.models import Provision
from omnicrm.services import events, records
from omnicrm.services.models import Service, ServiceAddon
from omnicrm.services.usage import parse_plan_id

SYSTEM = Principal(actor="system", kind="system")


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def _ocs(action: str, call: Any, *args: Any) -> Any:
    """One OCS call on behalf of a change: its failure is a 502 and the change is not saved."""
    try:
        return call(*args)
    except OcsUnavailable:
        raise ApiError(502, "OCS unreachable") from None
    except OcsError as error:
        raise ApiError(502, f"OCS refused to {action}: {error.message}") from None


def _ensure_idle(session: Session, service: Service) -> None:
    if records.job_running(session, service.service_id):
        raise conflict("A provisioning job is running for this service")


# ------------------------------------------------------------------ action plans


def account_plans(ocs: OcsClient, service: Service) -> list[str]:
    """The ActionPlan ids the service's OCS account is attached to (each once)."""
    if not service.service_uuid:
        return []
    plans = _ocs("read the action plans", ocs.get_account_action_plans, service.service_uuid)
    return list(dict.fromkeys(plan["ActionPlanId"] for plan in plans))


def remove_plan(ocs: OcsClient, service: Service, plan_id: str) -> None:
    """A plan made for this service is removed; a shared plan only loses this account."""
    if parse_plan_id(plan_id).get("service_uuid") == service.service_uuid:
        _ocs("remove the action plan", ocs.remove_action_plan, plan_id)
    else:
        _ocs("detach the action plan", lambda: ocs.remove_action_timing(plan_id, account=service.service_uuid))


def remove_all_plans(ocs: OcsClient, service: Service) -> list[str]:
    plan_ids = account_plans(ocs, service)
    for plan_id in plan_ids:
        remove_plan(ocs, service, plan_id)
    return plan_ids


# ------------------------------------------------------------------ jobs for a service


def _stored_vars(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def deprovision_play(service: Service) -> tuple[str | None, dict[str, Any]]:
    if service.deprovisioning_play:
        return service.deprovisioning_play, _stored_vars(service.deprovisioning_json_vars)
    return service.provisioning_play, _stored_vars(service.provisioning_json_vars)


def start_job(
    session: Session, service: Service, caller: Principal, play: str, stored: dict[str, Any], **flags: Any
) -> Provision:
    product = session.get(Product, service.product_id) if service.product_id else None
    return jobs.start(
        session,
        play=play,
        caller=caller,
        customer_id=service.customer_id,
        product=product,
        service=service,
        product_vars=stored,
        system_vars=flags,
    )


def deprovision(session: Session, service: Service, caller: Principal, delete: bool = False) -> Provision | None:
    """Start the deprovision job (04 §15-16); with no play at all, release the inventory here and return None."""
    play, stored = deprovision_play(service)
    if not play:
        records.release_inventory(session, service)
        return None
    flags: dict[str, Any] = {"action": "deprovision"}
    if delete:
        flags["delete_service_on_success"] = True
    return start_job(session, service, caller, play, stored, **flags)


# ------------------------------------------------------------------ status changes


def change_status(session: Session, service: Service, values: dict[str, Any], caller: Principal) -> Provision | None:
    """Apply a PATCH's `service_status` (04 §15). Returns the job it started, if any. The caller commits.

    A playbook reporting a status (its rollback, its deprovision) is the running job itself and has already done
    the network side: its report is only recorded, and no other play starts."""
    new, old = values["service_status"], service.service_status
    if new == old:
        return None
    by_play = bool(caller.claims.get("playbook"))
    if not by_play:
        _ensure_idle(session, service)
        _drive_ocs(service, old, new)
    service.service_status = new
    service.suspension_reason = values.get("suspension_reason") if new == "Suspended" else None
    if new == "Deactivated" and service.service_deactivate_date is None:
        service.service_deactivate_date = clock.now()
    _record_status(session, service, old, values.get("note") or values.get("suspension_reason"))
    job = None if by_play else _follow_up(session, service, old, new, values, caller)
    if new in ("Inactive", "Deactivated"):
        _end_addons(session, service)
    return job


def _drive_ocs(service: Service, old: str, new: str) -> None:
    """Suspending disables the OCS account, resuming enables it; an OCS refusal stops the change (502)."""
    if not service.service_uuid:
        return
    if new == "Suspended" and old in ("Active", "Pending Cancellation"):
        _ocs("suspend the account", ocs_client().suspend_account, service.service_uuid)
    elif old == "Suspended" and new == "Active":
        _ocs("resume the account", ocs_client().resume_account, service.service_uuid)


def _follow_up(
    session: Session, service: Service, old: str, new: str, values: dict[str, Any], caller: Principal
) -> Provision | None:
    """Out of service → the deprovision job (or the system's own release); back in service on request → a new run."""
    if new == "Inactive" and old in ("Active", "Suspended", "Pending Cancellation"):
        if not deprovision_play(service)[0]:
            remove_all_plans(ocs_client(), service)
        return deprovision(session, service, caller)
    if new == "Active" and old in ("Inactive", "Deactivated") and values.get("reprovision"):
        if not service.provisioning_play:
            raise ApiError(422, "The service has no provisioning play to run again")
        return start_job(session, service, caller, service.provisioning_play, _stored_vars(service.provisioning_json_vars))
    return None


def _record_status(session: Session, service: Service, old: str, reason: str | None) -> None:
    log.record(
        session,
        "service",
        "status_change",
        f"Service {service.service_id} status changed from {old} to {service.service_status}",
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
        changes_json={"service_status": {"old": old, "new": service.service_status}},
    )
    events.status_changed(session, service, old, reason)


def _end_addons(session: Session, service: Service) -> None:
    """06 B8: active add-ons end with the service; rental hardware follows the return flow instead."""
    now = clock.now()
    for addon in session.scalars(
        select(ServiceAddon).where(ServiceAddon.service_id == service.service_id, ServiceAddon.status.in_(("Active", "Applied")))
    ):
        if addon.inventory_ids:
            addon.status, addon.return_due_date = "Pending Return", now + timedelta(days=_settings().services.return_due_days)
        else:
            addon.status, addon.cancelled_date = "Cancelled", now


# ------------------------------------------------------------------ auto-renew


def set_auto_renew(session: Session, service: Service, wanted: bool, own: bool) -> None:
    """The PATCH toggle (04 §17, 06 B4): off removes the renewal plans; on needs a product that allows it."""
    if wanted == service.auto_renew:
        return
    product = session.get(Product, service.product_id) if service.product_id else None
    if wanted and product is not None and not product.allow_auto_renew:
        raise ApiError(403 if own else 409, "This product cannot renew automatically")
    if own and product is not None and not product.allow_auto_renew:
        raise ApiError(403, "This product's auto-renew cannot be changed")
    if not wanted:
        remove_auto_renew(session, service, require_plans=False)
        return
    service.auto_renew = True
    _auto_renew_activity(session, service, "auto_renew_enabled", "Auto-renew enabled")


def remove_auto_renew(session: Session, service: Service, require_plans: bool = True) -> list[str]:
    ocs = ocs_client()
    plan_ids = account_plans(ocs, service)
    if require_plans and not plan_ids:
        raise not_found("Auto-renew plan")
    for plan_id in plan_ids:
        remove_plan(ocs, service, plan_id)
    service.auto_renew = False
    for addon in session.scalars(select(ServiceAddon).where(ServiceAddon.service_id == service.service_id)):
        addon.auto_renew, addon.next_renewal_date = False, None
    _auto_renew_activity(session, service, "auto_renew_removed", f"Auto-renew removed ({', '.join(plan_ids) or 'no plan'})")
    return plan_ids


def remove_one_plan(session: Session, service: Service, plan_id: str) -> None:
    ocs = ocs_client()
    plan_ids = account_plans(ocs, service)
    if plan_id not in plan_ids:
        raise not_found("Action plan")
    remove_plan(ocs, service, plan_id)
    if len(plan_ids) == 1:
        service.auto_renew = False
    _auto_renew_activity(session, service, "auto_renew_removed", f"Action plan {plan_id} removed")


def _auto_renew_activity(session: Session, service: Service, action: str, description: str) -> None:
    log.record(
        session,
        "service",
        action,
        f"Service {service.service_id}: {description}",
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
    )


def renew_now(session: Session, service: Service, body: dict[str, Any], caller: Principal) -> Provision:
    """A job running the product's play with `action: "renew"` (decision 8)."""
    if service.service_status in ("Inactive", "Deactivated"):
        raise conflict(f"The service is {service.service_status}: it cannot be renewed")
    _ensure_idle(session, service)
    product_id = body.get("product_id", service.product_id)
    if isinstance(product_id, bool) or not isinstance(product_id, int):
        raise bad_request("Invalid renewal", {"product_id": "an integer"})
    period = body.get("period_months")
    if period is not None and (isinstance(period, bool) or not isinstance(period, int) or not 1 <= period <= 36):
        raise bad_request("Invalid renewal", {"period_months": "a whole number of months from 1 to 36"})
    product = session.get(Product, product_id)
    if product is None:
        raise not_found("Product")
    flags: dict[str, Any] = {"action": "renew"}
    if period:
        flags["period_months"] = period
    _auto_renew_activity(session, service, "renew_now", f"renewal started ({product.product_name})")
    return jobs.for_service(session, service, product, caller, {}, flags)


# ------------------------------------------------------------------ cancellation


def cancel(session: Session, service: Service, body: dict[str, Any], caller: Principal, own: bool) -> dict[str, Any]:
    """Decision 11: now (staff `immediate` or `when: now`), at the end of the paid period, or after the grace."""
    if own and not _settings().self_care.allow_service_cancellation:
        raise ApiError(403, "Cancelling a service is done by our staff: please contact support")
    if service.service_status in ("Deactivated", "Pending Cancellation", "Inactive"):
        raise bad_request(f"The service is already {service.service_status}")
    when = body.get("when")
    if when not in (None, "now", "period_end"):
        raise bad_request("Invalid cancellation", {"when": "now or period_end"})
    immediate = body.get("immediate") is True or when == "now"
    if body.get("immediate") is True and own:
        raise ApiError(403, "Only staff can cancel immediately")
    reason = body.get("reason") if isinstance(body.get("reason"), str) else None
    _ensure_idle(session, service)
    now = clock.now()
    service.cancellation_requested_at = now
    grace = _settings().services.cancellation_grace_days
    if when == "period_end" and not immediate:
        service.scheduled_deprovision_date = service.service_deactivate_date or now
        events.add(session, service, "cancel_requested", reason)
        _cancel_activity(session, service, f"cancellation scheduled for {service.scheduled_deprovision_date:%Y-%m-%d}")
        return {"service_status": service.service_status, "scheduled_deprovision_date": iso(service.scheduled_deprovision_date)}
    if grace and not immediate:
        old = service.service_status
        service.service_status, service.scheduled_deprovision_date = "Pending Cancellation", now + timedelta(days=grace)
        _record_status(session, service, old, reason)
        return {"service_status": service.service_status, "scheduled_deprovision_date": iso(service.scheduled_deprovision_date)}
    job = change_status(session, service, {"service_status": "Inactive", "note": reason}, caller)
    return {"service_status": service.service_status, "provision_id": job.provision_id if job else None}


def reverse_cancellation(session: Session, service: Service) -> None:
    if service.service_status != "Pending Cancellation" and service.scheduled_deprovision_date is None:
        raise bad_request("The service has no pending cancellation")
    old = service.service_status
    service.cancellation_requested_at = service.scheduled_deprovision_date = None
    if old == "Pending Cancellation":
        service.service_status = "Active"
        _record_status(session, service, old, "cancellation reversed")
    else:
        events.add(session, service, "cancel_reversed")
        _cancel_activity(session, service, "scheduled cancellation reversed")


def _cancel_activity(session: Session, service: Service, what: str) -> None:
    log.record(
        session,
        "service",
        "update",
        f"Service {service.service_id}: {what}",
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
    )


def run_due_cancellations(session: Session) -> list[int]:
    """The daily pass: services whose scheduled deprovision date has come are cancelled now (06 B8, 08 check 5)."""
    due = session.scalars(
        select(Service).where(
            Service.scheduled_deprovision_date.is_not(None),
            Service.scheduled_deprovision_date <= clock.now(),
            Service.service_status.in_(("Active", "Suspended", "Pending Cancellation")),
        )
    ).all()
    done = []
    for service in due:
        if records.job_running(session, service.service_id):
            continue
        change_status(session, service, {"service_status": "Inactive", "note": "scheduled cancellation"}, SYSTEM)
        session.commit()
        done.append(service.service_id)
    return done


# ------------------------------------------------------------------ deletion


def delete(session: Session, service: Service, caller: Principal) -> dict[str, Any]:
    """04 §16: Inactive, plans removed, then either a deprovision job that deletes the row when it succeeds, or
    (no play) the inventory released and the row deleted at once. The caller commits."""
    _ensure_idle(session, service)
    old = service.service_status
    remove_all_plans(ocs_client(), service)
    service.service_status = "Inactive"
    if old != "Inactive":
        events.add(session, service, "cancelled", "service deleted")
    job = deprovision(session, service, caller, delete=True)
    if job is not None:
        return {"service_id": service.service_id, "status": "deletion_started", "provision_id": job.provision_id}
    records.remove(session, service)
    return {"service_id": service.service_id, "status": "deleted", "provision_id": None}


def bulk_delete(session: Session, body: dict[str, Any], caller: Principal) -> list[dict[str, Any]]:
    ids = body.get("service_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 500 or any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise bad_request("Invalid bulk delete", {"service_ids": "a list of 1 to 500 service ids"})
    results = []
    for service_id in dict.fromkeys(ids):
        service = session.get(Service, service_id)
        if service is None:
            results.append({"service_id": service_id, "status": "not_found", "message": "Service not found"})
            continue
        try:
            results.append(delete(session, service, caller))
            session.commit()
        except ApiError as error:
            session.rollback()
            results.append({"service_id": service_id, "status": "error", "message": error.message})
    return results
