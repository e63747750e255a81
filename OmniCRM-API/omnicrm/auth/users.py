"""Users administration (spec 02 §3.8, 07 "Users"): create, search, edit, soft delete and restore."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.auth import passwords, sessions, twofactor
from omnicrm.auth.accounts import effective_permissions, parse_ip_restriction
from omnicrm.auth.catalogue import ADMIN
from omnicrm.auth.credentials import check_password_policy
from omnicrm.auth.models import Role, User
from omnicrm.config import Settings
from omnicrm.customers.models import Contact
from omnicrm.errors import ApiError, bad_request, conflict, not_found

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
UPDATABLE = {
    "first_name",
    "middle_name",
    "last_name",
    "email",
    "phone_number",
    "roles",
    "role",
    "is_active",
    "deleted",
    "contact_id",
    "ip_restriction",
}


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def _iso(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def get(session: Session, user_id: int) -> User:
    query = select(User).where(User.id == user_id).options(selectinload(User.roles).selectinload(Role.permissions))
    user = session.scalar(query)
    if user is None:
        raise not_found("User")
    return user


def as_row(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "pending_email": user.pending_email,
        "email_verified": user.email_verified,
        "first_name": user.first_name,
        "middle_name": user.middle_name,
        "last_name": user.last_name,
        "phone_number": user.phone_number,
        "roles": [role.name for role in user.roles],
        "is_active": user.is_active,
        "deleted": user.deleted,
        "is_2fa_enabled": twofactor.is_active(user),
        "must_change_password": user.must_change_password,
        "login_count": user.login_count,
        "last_login": _iso(user.last_login),
        "locked": bool(user.locked_until and user.locked_until > clock.now()),
        "contact_id": user.contact_id,
        "created": _iso(user.created),
    }


def as_detail(user: User) -> dict[str, Any]:
    return {**as_row(user), "permissions": effective_permissions(user), "ip_restriction": user.ip_restriction or ""}


def _role_names(value: object) -> list[str]:
    """A list of role names, or one string of comma-separated names ("Support, Finance")."""
    if isinstance(value, str):
        names = [name.strip() for name in value.split(",")]
    elif isinstance(value, list) and all(isinstance(name, str) for name in value):
        names = [name.strip() for name in value]
    else:
        raise bad_request("Invalid roles", {"role": "a role name, comma-separated names or a list of names"})
    return [name for name in names if name]


def _load_roles(session: Session, names: list[str]) -> list[Role]:
    keys = {name.lower() for name in names}
    roles = list(session.scalars(select(Role).where(Role.name_key.in_(keys))))
    unknown = sorted(keys - {role.name_key for role in roles})
    if unknown:
        raise bad_request("Unknown role", {"role": f"unknown: {', '.join(unknown)}"})
    return roles


def _required_text(body: dict[str, Any], field: str, errors: dict[str, str], maximum: int) -> str | None:
    value = body.get(field)
    if not isinstance(value, str) or not value.strip():
        errors[field] = "required"
        return None
    if len(value.strip()) > maximum:
        errors[field] = f"at most {maximum} characters"
        return None
    return value.strip()


def _optional_text(body: dict[str, Any], field: str, errors: dict[str, str], maximum: int) -> str | None:
    value = body.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > maximum:
        errors[field] = f"text of at most {maximum} characters"
        return None
    return value.strip()


def _email(body: dict[str, Any], errors: dict[str, str]) -> str | None:
    value = body.get("email")
    if not isinstance(value, str) or not EMAIL.match(value.strip()):
        errors["email"] = "a valid e-mail address is required"
        return None
    return value.strip().lower()


def _email_taken(session: Session, email: str, user_id: int | None = None) -> bool:
    query = select(User.id).where(or_(func.lower(User.email) == email, func.lower(User.pending_email) == email))
    if user_id is not None:
        query = query.where(User.id != user_id)
    return session.scalar(query) is not None


def _portal_contact(session: Session, contact_id: object, errors: dict[str, str]) -> int | None:
    """The contact a portal user acts for: it must exist and have an e-mail address."""
    if contact_id is None:
        return None
    if isinstance(contact_id, bool) or not isinstance(contact_id, int):
        errors["contact_id"] = "an integer or null"
        return None
    contact = session.get(Contact, contact_id)
    if contact is None:
        errors["contact_id"] = "no such contact"
    elif not contact.contact_email:
        errors["contact_id"] = "the contact needs an e-mail address to be linked to a user"
    return contact_id


def create(session: Session, body: dict[str, Any]) -> User:
    errors: dict[str, str] = {}
    email = _email(body, errors)
    username = _optional_text(body, "username", errors, 150) or email
    first_name = _required_text(body, "first_name", errors, 100)
    last_name = _required_text(body, "last_name", errors, 100)
    middle_name = _optional_text(body, "middle_name", errors, 100)
    phone = _optional_text(body, "phone_number", errors, 32)
    if "role" not in body and "roles" not in body:
        errors["role"] = "required"
    contact_id = _portal_contact(session, body.get("contact_id"), errors)
    if errors:
        raise bad_request("Invalid user", errors)
    roles = _load_roles(session, _role_names(body.get("role", body.get("roles"))))
    password = check_password_policy(body.get("password"), _settings().security.password_policy, "password")
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())) or _email_taken(session, email):
        raise conflict("A user with this username or e-mail already exists")
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        middle_name=middle_name,
        last_name=last_name,
        phone_number=phone,
        contact_id=contact_id,
        must_change_password=True,  # admin-chosen password: the user sets their own at first login
        password_hash="",
        roles=roles,
    )
    passwords.set_password(user, password)
    session.add(user)
    session.flush()
    log.record(
        session, "user", "create", f"User {email} created with roles {', '.join(r.name for r in roles)}", object_id=user.id
    )
    if body.get("send_welcome_email"):
        passwords.send_welcome(session, user)
    session.commit()
    return user


def _active_admin_ids(session: Session) -> set[int]:
    query = (
        select(User)
        .where(User.deleted.is_(False), User.is_active.is_(True))
        .options(selectinload(User.roles).selectinload(Role.permissions))
    )
    return {user.id for user in session.scalars(query) if holds_admin(user)}


def _grants_admin(role: Role) -> bool:
    return role.name_key == ADMIN or any(permission.name == ADMIN for permission in role.permissions)


def holds_admin(user: User) -> bool:
    return any(_grants_admin(role) for role in user.roles)


def _ensure_not_last_admin(session: Session, user: User) -> None:
    if holds_admin(user) and _active_admin_ids(session) <= {user.id}:
        raise conflict("This is the last active administrator")


def update(session: Session, user: User, body: dict[str, Any]) -> User:
    body = {field: value for field, value in body.items() if field in UPDATABLE}  # unknown fields are ignored
    errors: dict[str, str] = {}
    changes: dict[str, Any] = {}
    for field, maximum in (("first_name", 100), ("last_name", 100)):
        if field in body:
            changes[field] = _required_text(body, field, errors, maximum)
    for field, maximum in (("middle_name", 100), ("phone_number", 32)):
        if field in body:
            changes[field] = _optional_text(body, field, errors, maximum)
    new_email = _email(body, errors) if "email" in body else None
    for flag in ("is_active", "deleted"):
        if flag in body and not isinstance(body[flag], bool):
            errors[flag] = "true or false"
    if body.get("deleted") is True:
        errors["deleted"] = "use DELETE to delete a user; only false (restore) is accepted here"
    if "ip_restriction" in body:
        changes["ip_restriction"] = parse_ip_restriction(body["ip_restriction"] or "") or None
    if "contact_id" in body:
        changes["contact_id"] = _portal_contact(session, body["contact_id"], errors)
    if errors:
        raise bad_request("Invalid user", errors)
    roles = _load_roles(session, _role_names(body.get("roles", body.get("role")))) if "roles" in body or "role" in body else None
    if new_email and new_email != user.email and _email_taken(session, new_email, user.id):
        raise conflict("A user with this e-mail already exists")
    before = as_detail(user)
    if roles is not None:
        if holds_admin(user) and not any(_grants_admin(role) for role in roles):
            _ensure_not_last_admin(session, user)
        user.roles = roles
    if body.get("is_active") is False:
        _ensure_not_last_admin(session, user)
    for field, value in changes.items():
        setattr(user, field, value)
    if "is_active" in body:
        user.is_active = body["is_active"]
    if body.get("deleted") is False and user.deleted:
        user.deleted, user.deleted_at = False, None
    if new_email and new_email != user.email:
        passwords.request_email_change(session, user, new_email)
    log.record(
        session,
        "user",
        "update",
        f"User {user.email} updated",
        object_id=user.id,
        changes_json=log.changes(before, as_detail(user)),
    )
    session.commit()
    if body.get("is_active") is False:
        sessions.revoke_user_sessions(user.id)
    if roles is not None or "contact_id" in changes:
        sessions.permissions_changed()
    return user


def soft_delete(session: Session, user: User, acting_user_id: int | None) -> None:
    if user.id == acting_user_id:
        raise conflict("You cannot delete yourself")
    _ensure_not_last_admin(session, user)
    user.deleted, user.deleted_at = True, clock.now()
    log.record(session, "user", "delete", f"User {user.email} deleted", object_id=user.id)
    session.commit()
    sessions.revoke_user_sessions(user.id)


def search_query(search: str | None, filters: dict[str, Any]) -> Select:
    query = select(User).options(selectinload(User.roles))
    if not filters.get("deleted"):
        query = query.where(User.deleted.is_(False))
    elif filters["deleted"] in ([True], True):
        query = query.where(User.deleted.is_(True))
    if search:
        pattern = f"%{search.lower()}%"
        columns = (User.username, User.email, User.first_name, User.last_name)
        query = query.where(or_(*(func.lower(column).like(pattern) for column in columns)))
    if filters.get("role"):
        names = [name.lower() for name in _role_names(filters["role"])]
        query = query.where(User.roles.any(Role.name_key.in_(names)))
    if filters.get("email_domain"):
        query = query.where(func.lower(User.email).like(f"%@{str(filters['email_domain']).lower().lstrip('@')}"))
    if "is_2fa_enabled" in filters:
        query = query.where(User.is_2fa_enabled.is_(bool(filters["is_2fa_enabled"])))
    for key, operator in (("last_login_after", "__ge__"), ("last_login_before", "__le__")):
        if filters.get(key):
            query = query.where(getattr(User.last_login, operator)(_parse_moment(filters[key], key)))
    return query


def _parse_moment(value: object, field: str) -> datetime:
    try:
        return datetime.fromisoformat(str(value).replace("Z", ""))
    except ValueError:
        raise bad_request("Invalid filter", {field: "an ISO date or date-time"}) from None


def parse_filters(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        filters = json.loads(raw)
    except json.JSONDecodeError:
        raise bad_request("Invalid filter", {"filters": "a JSON object"}) from None
    if not isinstance(filters, dict):
        raise bad_request("Invalid filter", {"filters": "a JSON object"})
    return filters


def ensure_self_or_admin(caller_user_id: int | None, caller_is_admin: bool, user_id: int) -> None:
    if not caller_is_admin and caller_user_id != user_id:
        raise ApiError(403, "Permission denied")
