"""Service life-cycle events (spec 08) and the customer notice that goes with a status change."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.customers.models import Contact
from omnicrm.fields import iso
from omnicrm.notify.outbox import queue_email
from omnicrm.services.models import Service, ServiceLifecycleEvent

# The life-cycle event that a new status opens, seen from the status it leaves.
STATUS_EVENTS = {
    ("Suspended", "Active"): "resumed",
    ("Pending Cancellation", "Active"): "cancel_reversed",
    "Active": "activated",
    "Suspended": "suspended",
    "Inactive": "cancelled",
    "Pending Cancellation": "cancel_requested",
    "Deactivated": "deactivated",
}


def _actor() -> str:
    principal = g.get("principal") if has_request_context() else None
    return str(principal.user_id) if principal and principal.user_id else "system"


def add(session: Session, service: Service, event: str, reason: str | None = None) -> ServiceLifecycleEvent:
    """Close the open event of the service and open this one."""
    now = clock.now()
    open_event = session.scalar(
        select(ServiceLifecycleEvent)
        .where(ServiceLifecycleEvent.service_id == service.service_id, ServiceLifecycleEvent.end_date.is_(None))
        .order_by(ServiceLifecycleEvent.id.desc())
    )
    if open_event is not None and event not in ("renewed", "plan_changed"):
        open_event.end_date = now
    row = ServiceLifecycleEvent(service_id=service.service_id, event=event, start_date=now, actor=_actor(), reason=reason)
    session.add(row)
    return row


def status_changed(session: Session, service: Service, old: str, reason: str | None = None) -> None:
    """Life-cycle event and customer notice for a status change (08: every change notifies the customer)."""
    event = STATUS_EVENTS.get((old, service.service_status)) or STATUS_EVENTS[service.service_status]
    add(session, service, event, reason)
    contact = session.scalar(
        select(Contact)
        .where(Contact.customer_id == service.customer_id, Contact.contact_email.is_not(None))
        .order_by(Contact.contact_types.not_like("%Primary%"), Contact.contact_id)
    )
    if contact is not None:
        variables = {
            "customer_name": contact.contact_firstname,
            "service_name": service.service_name,
            "old_status": old,
            "new_status": service.service_status,
            "reason": reason,
        }
        subject = f"Your service {service.service_name} is now {service.service_status}"
        queue_email(
            session, "service_status_changed", contact.contact_email, variables, customer_id=service.customer_id, subject=subject
        )


def as_dict(row: ServiceLifecycleEvent) -> dict[str, Any]:
    return {
        "id": row.id,
        "service_id": row.service_id,
        "event": row.event,
        "start_date": iso(row.start_date),
        "end_date": iso(row.end_date),
        "actor": row.actor,
        "reason": row.reason,
        "created": iso(row.created),
    }
