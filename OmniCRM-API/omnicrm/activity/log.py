"""Write one activity row in the caller's transaction, attributed to the current principal."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context
from sqlalchemy.orm import Session

from omnicrm.activity.models import Activity
from omnicrm.auth.principal import client_ip
from omnicrm.redact import is_secret, redact


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old": x, "new": y}} for the fields whose value changed (secrets left out)."""
    return {
        field: {"old": before.get(field), "new": after.get(field)}
        for field in sorted(set(before) | set(after))
        if not is_secret(field) and before.get(field) != after.get(field)
    }


def record(
    session: Session,
    object_type: str,
    action: str,
    description: str,
    *,
    object_id: int | str | None = None,
    customer_id: int | None = None,
    service_id: int | None = None,
    changes_json: dict[str, Any] | None = None,
) -> Activity:
    principal = g.get("principal") if has_request_context() else None
    row = Activity(
        object_type=object_type,
        action=action,
        description=description,
        object_id=None if object_id is None else str(object_id),
        customer_id=customer_id,
        service_id=service_id,
        changes_json=redact(changes_json) if changes_json else None,
        user_id=principal.user_id if principal else None,
        impersonating_user_id=principal.impersonator_id if principal else None,
        actor=principal.actor if principal else "system",
        ip_address=client_ip() if has_request_context() else None,
    )
    session.add(row)
    return row
