"""Impersonation (spec 04 §24): staff act as a user, with the user's permissions, audited on both ids."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.auth import sessions
from omnicrm.auth.accounts import login_body, role_names
from omnicrm.auth.models import ImpersonationLog
from omnicrm.auth.principal import Principal
from omnicrm.auth.users import get, holds_admin
from omnicrm.errors import ApiError, bad_request, conflict


def _open_log(session: Session, staff_id: int) -> ImpersonationLog | None:
    query = select(ImpersonationLog).where(
        ImpersonationLog.impersonating_user_id == staff_id, ImpersonationLog.impersonation_end.is_(None)
    )
    return session.scalar(query)


def start(session: Session, caller: Principal, target_id: object, ip: str) -> dict[str, Any]:
    if caller.user_id is None or caller.impersonator_id is not None:
        raise ApiError(403, "Impersonation needs a staff user session")
    if not isinstance(target_id, int) or isinstance(target_id, bool):
        raise bad_request("Invalid user", {"user_id": "required, an integer"})
    if target_id == caller.user_id:
        raise bad_request("You cannot impersonate yourself", {"user_id": "is you"})
    target = get(session, target_id)
    if target.deleted or not target.is_active:
        raise bad_request("This user is disabled", {"user_id": "disabled user"})
    if holds_admin(target):
        raise ApiError(403, "Administrators cannot be impersonated")
    if _open_log(session, caller.user_id) is not None:
        raise conflict("You are already impersonating someone; stop that session first")
    record = ImpersonationLog(impersonating_user_id=caller.user_id, target_user_id=target.id, ip_address=ip)
    session.add(record)
    log.record(
        session,
        "impersonation",
        "impersonation_start",
        f"Impersonation of {target.email} started by {caller.actor}",
        object_id=target.id,
    )
    session.commit()
    tokens = sessions.start_session(target, role_names(target), remember_me=False, ip=ip, impersonator_id=caller.user_id)
    body = login_body(target, tokens)
    return {
        **body,
        "success": True,
        "impersonating_user_id": caller.user_id,
        "target_user_id": target.id,
        "impersonation_start": record.impersonation_start.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def stop(session: Session, caller: Principal, ip: str) -> dict[str, Any]:
    if caller.impersonator_id is None:
        raise bad_request("This session is not an impersonation")
    record = _open_log(session, caller.impersonator_id)
    now = clock.now()
    duration = 0
    if record is not None:
        record.impersonation_end = now
        duration = int((now - record.impersonation_start).total_seconds())
        record.impersonation_duration = duration
    staff = get(session, caller.impersonator_id)
    log.record(
        session,
        "impersonation",
        "impersonation_end",
        f"Impersonation by {staff.email} ended after {duration} s",
        object_id=caller.user_id,
    )
    session.commit()
    sessions.end_session(caller.claims["sid"])
    sessions.deny_access_token(caller.claims)
    tokens = sessions.start_session(staff, role_names(staff), remember_me=False, ip=ip)
    return {**login_body(staff, tokens), "duration_seconds": duration}


def history(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(select(ImpersonationLog).order_by(ImpersonationLog.impersonation_log_id.desc()).limit(500))
    return [
        {
            "impersonation_log_id": row.impersonation_log_id,
            "impersonating_user_id": row.impersonating_user_id,
            "target_user_id": row.target_user_id,
            "impersonation_start": row.impersonation_start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "impersonation_end": row.impersonation_end.strftime("%Y-%m-%dT%H:%M:%SZ") if row.impersonation_end else None,
            "impersonation_duration": row.impersonation_duration,
            "ip_address": row.ip_address,
        }
        for row in rows
    ]
