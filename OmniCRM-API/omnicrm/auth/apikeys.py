"""Database-managed API keys (spec 01 §4.3, §5.3): the full key is shown once, only its SHA-256 is kept."""

from __future__ import annotations

import secrets
import string
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.activity.models import Activity
from omnicrm.auth.catalogue import ADMIN, normalise
from omnicrm.auth.credentials import sha256
from omnicrm.auth.models import ApiKey, Permission
from omnicrm.auth.principal import Principal
from omnicrm.errors import ApiError, bad_request, conflict, not_found

KEY_PREFIX = "sk_live_"
KEY_ALPHABET = string.ascii_lowercase + string.digits
EXPIRING_SOON = timedelta(days=30)
STATUSES = ("all", "active", "expiring_soon", "expired")
SORTS = {"name": ApiKey.name, "created": ApiKey.created, "expiry_date": ApiKey.expiry_date, "created_by": ApiKey.created_by}
EDITABLE = {"name", "description", "expiry_date", "permissions", "is_protected"}
READ_ONLY = {"api_key", "api_key_id", "created", "created_by", "key_hash", "last_used"}


def new_key() -> str:
    return KEY_PREFIX + "".join(secrets.choice(KEY_ALPHABET) for _ in range(40))


def _iso(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def status(api_key: ApiKey) -> tuple[str, bool]:
    """(status, expiring_soon): an expiring key is still active."""
    if api_key.expiry_date is None:
        return "active", False
    now = clock.now()
    if api_key.expiry_date < now:
        return "expired", False
    return "active", api_key.expiry_date - now <= EXPIRING_SOON


def as_dict(api_key: ApiKey) -> dict[str, Any]:
    state, expiring = status(api_key)
    return {
        "api_key_id": api_key.api_key_id,
        "name": api_key.name,
        "description": api_key.description,
        "api_key_masked": f"{KEY_PREFIX}...{api_key.key_last4}",
        "status": state,
        "expiring_soon": expiring,
        "permissions": api_key.permissions,
        "is_protected": api_key.is_protected,
        "created": _iso(api_key.created),
        "created_by": api_key.created_by,
        "expiry_date": _iso(api_key.expiry_date),
        "last_used": _iso(api_key.last_used),
        "last_used_ip": api_key.last_used_ip,
        "last_modified": _iso(api_key.last_modified),
    }


def _with_full_key(api_key: ApiKey, full_key: str) -> dict[str, Any]:
    return {**as_dict(api_key), "api_key": full_key}


def _parse_expiry(value: object) -> datetime | None:
    """A date (YYYY-MM-DD) means the end of that day, UTC; null means never."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request("Invalid expiry date", {"expiry_date": "must be a date YYYY-MM-DD or null"})
    try:
        day = date.fromisoformat(value[:10]) if len(value) >= 10 else date.fromisoformat(value)
    except ValueError:
        raise bad_request("Invalid expiry date", {"expiry_date": "must be a valid date YYYY-MM-DD"}) from None
    expiry = datetime.combine(day, time(23, 59, 59))
    if expiry < clock.now():
        raise bad_request("Expiry date is in the past", {"expiry_date": "must not be in the past"})
    return expiry


def _validate_permissions(session: Session, value: object, caller: Principal) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(name, str) for name in value):
        raise bad_request("At least one permission is required", {"permissions": "a non-empty list of permission names"})
    names = sorted({normalise(name) for name in value})
    known = set(session.scalars(select(Permission.name).where(Permission.name.in_(names))))
    unknown = [name for name in names if name not in known]
    if unknown:
        raise bad_request("Unknown permission", {"permissions": f"unknown: {', '.join(unknown)}"})
    lacking = [name for name in names if not caller.can(name)]
    if lacking:
        raise ApiError(403, f"You cannot grant permissions you do not hold: {', '.join(lacking)}")
    return [ADMIN] if ADMIN in names else names


def _validate_text(body: dict[str, Any], errors: dict[str, str], partial: bool) -> None:
    if "name" in body or not partial:
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            errors["name"] = "required"
        elif len(name.strip()) > 100:
            errors["name"] = "at most 100 characters"
    description = body.get("description")
    if description is not None and (not isinstance(description, str) or len(description) > 500):
        errors["description"] = "at most 500 characters"


def _ensure_unique_name(session: Session, name: str, api_key_id: int | None = None) -> None:
    query = select(ApiKey.api_key_id).where(ApiKey.name == name)
    if api_key_id is not None:
        query = query.where(ApiKey.api_key_id != api_key_id)
    if session.scalar(query) is not None:
        raise conflict(f"An API key named {name!r} already exists")


def create(session: Session, body: dict[str, Any], caller: Principal) -> dict[str, Any]:
    errors: dict[str, str] = {}
    _validate_text(body, errors, partial=False)
    if errors:
        raise bad_request("Invalid API key", errors)
    name = body["name"].strip()
    expiry = _parse_expiry(body.get("expiry_date"))
    permissions = _validate_permissions(session, body.get("permissions"), caller)
    _ensure_unique_name(session, name)
    full_key = new_key()
    api_key = ApiKey(
        name=name,
        description=body.get("description"),
        key_hash=sha256(full_key),
        key_last4=full_key[-4:],
        permissions=permissions,
        expiry_date=expiry,
        is_protected=bool(body.get("is_protected", False)),
        created_by=caller.actor,
    )
    session.add(api_key)
    session.flush()
    log.record(session, "api_key", "create", f"API key {name!r} created", object_id=api_key.api_key_id)
    session.commit()
    return _with_full_key(api_key, full_key)


def get(session: Session, api_key_id: int) -> ApiKey:
    api_key = session.get(ApiKey, api_key_id)
    if api_key is None:
        raise not_found("API key")
    return api_key


def detail(session: Session, api_key: ApiKey) -> dict[str, Any]:
    query = select(Activity).where(Activity.actor == f"api_key:{api_key.name}").order_by(Activity.activity_id.desc()).limit(20)
    recent = [
        {
            "activity_id": row.activity_id,
            "action": row.action,
            "description": row.description,
            "created": _iso(row.created),
            "ip_address": row.ip_address,
        }
        for row in session.scalars(query)
    ]
    return {**as_dict(api_key), "recent_access": recent}


def update(session: Session, api_key: ApiKey, body: dict[str, Any], caller: Principal) -> dict[str, Any]:
    forbidden = sorted(set(body) & READ_ONLY)
    if forbidden:
        raise bad_request("Field is not editable", {field: "field is not editable" for field in forbidden})
    body = {field: value for field, value in body.items() if field in EDITABLE}  # unknown fields are ignored
    errors: dict[str, str] = {}
    _validate_text(body, errors, partial=True)
    if errors:
        raise bad_request("Invalid API key", errors)
    changes: dict[str, Any] = {}
    if "name" in body:
        changes["name"] = body["name"].strip()
        _ensure_unique_name(session, changes["name"], api_key.api_key_id)
    if "description" in body:
        changes["description"] = body["description"]
    if "expiry_date" in body:
        changes["expiry_date"] = _parse_expiry(body["expiry_date"])
    if "permissions" in body:
        changes["permissions"] = _validate_permissions(session, body["permissions"], caller)
    if "is_protected" in body:
        changes["is_protected"] = bool(body["is_protected"])
    before = {field: getattr(api_key, field) for field in changes}
    for field, value in changes.items():
        setattr(api_key, field, value)
    api_key.last_modified = clock.now()
    diff = log.changes({k: str(v) for k, v in before.items()}, {k: str(v) for k, v in changes.items()})
    log.record(session, "api_key", "update", f"API key {api_key.name!r} updated", object_id=api_key.api_key_id, changes_json=diff)
    session.commit()
    return as_dict(api_key)


def regenerate(session: Session, api_key: ApiKey) -> dict[str, Any]:
    full_key = new_key()
    api_key.key_hash, api_key.key_last4, api_key.last_modified = sha256(full_key), full_key[-4:], clock.now()
    log.record(session, "api_key", "regenerate", f"API key {api_key.name!r} regenerated", object_id=api_key.api_key_id)
    session.commit()
    return _with_full_key(api_key, full_key)


def remove(session: Session, api_key: ApiKey) -> None:
    if api_key.is_protected:
        raise conflict("API key is protected")
    log.record(session, "api_key", "delete", f"API key {api_key.name!r} deleted", object_id=api_key.api_key_id)
    session.delete(api_key)
    session.commit()


def listing(session: Session, search: str | None, wanted: str, sort: str, order: str) -> dict[str, Any]:
    errors = {}
    if wanted not in STATUSES:
        errors["status"] = f"must be one of {', '.join(STATUSES)}"
    if sort not in SORTS:
        errors["sort"] = f"must be one of {', '.join(SORTS)}"
    if order not in ("asc", "desc"):
        errors["order"] = "must be asc or desc"
    if errors:
        raise bad_request("Invalid list parameters", errors)
    keys = list(session.scalars(select(ApiKey).order_by(getattr(SORTS[sort], order)(), ApiKey.api_key_id)))
    rows = [as_dict(key) for key in keys]
    summary = {
        "total": len(rows),
        "active": sum(row["status"] == "active" for row in rows),
        "expiring_soon": sum(row["expiring_soon"] for row in rows),
        "expired": sum(row["status"] == "expired" for row in rows),
    }
    if search:
        needle = search.lower()
        rows = [row for row in rows if any(needle in (row[f] or "").lower() for f in ("name", "description", "api_key_masked"))]
    if wanted == "active":
        rows = [row for row in rows if row["status"] == "active"]
    elif wanted == "expiring_soon":
        rows = [row for row in rows if row["expiring_soon"]]
    elif wanted == "expired":
        rows = [row for row in rows if row["status"] == "expired"]
    return {"data": rows, "summary": summary}
