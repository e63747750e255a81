"""Roles and permissions administration (spec 07 "Roles and permissions")."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from omnicrm.activity import log
from omnicrm.auth import sessions
from omnicrm.auth.catalogue import PROTECTED_ROLES
from omnicrm.auth.models import Permission, Role, User, user_role
from omnicrm.errors import bad_request, conflict, not_found

PERMISSION_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def permission_dict(permission: Permission) -> dict[str, Any]:
    return {"id": permission.id, "name": permission.name, "description": permission.description}


def role_dict(session: Session, role: Role) -> dict[str, Any]:
    users = session.scalar(select(func.count()).select_from(user_role).where(user_role.c.role_id == role.id))
    return {
        "id": role.id,
        "name": role.name,
        "description": role.description,
        "permissions": [permission.name for permission in role.permissions],
        "user_count": users or 0,
        "protected": role.name_key in PROTECTED_ROLES,
    }


def get(session: Session, role_id: int) -> Role:
    role = session.scalar(select(Role).where(Role.id == role_id).options(selectinload(Role.permissions)))
    if role is None:
        raise not_found("Role")
    return role


def list_roles(session: Session) -> list[dict[str, Any]]:
    return [
        role_dict(session, role)
        for role in session.scalars(select(Role).options(selectinload(Role.permissions)).order_by(Role.name))
    ]


def _name(body: dict[str, Any], required: bool) -> str | None:
    name = body.get("name")
    if name is None and not required:
        return None
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > 100:
        raise bad_request("Invalid role", {"name": "required, at most 100 characters"})
    return name.strip()


def _ensure_free(session: Session, name: str, role_id: int | None = None) -> None:
    query = select(Role.id).where(Role.name_key == name.lower())
    if role_id is not None:
        query = query.where(Role.id != role_id)
    if session.scalar(query) is not None:
        raise conflict(f"A role named {name!r} already exists")


def create_role(session: Session, body: dict[str, Any]) -> Role:
    name = _name(body, required=True)
    _ensure_free(session, name)
    role = Role(name=name, name_key=name.lower(), description=body.get("description"), permissions=[])
    session.add(role)
    session.flush()
    log.record(session, "role", "create", f"Role {name} created", object_id=role.id)
    session.commit()
    sessions.permissions_changed()
    return role


def update_role(session: Session, role: Role, body: dict[str, Any]) -> Role:
    name = _name(body, required=False)
    if name is not None and name.lower() != role.name_key:
        if role.name_key in PROTECTED_ROLES:
            raise conflict(f"The built-in role {role.name} cannot be renamed")
        _ensure_free(session, name, role.id)
        role.name, role.name_key = name, name.lower()
    elif name is not None:
        role.name = name
    if "description" in body:
        role.description = body["description"]
    log.record(session, "role", "update", f"Role {role.name} updated", object_id=role.id)
    session.commit()
    sessions.permissions_changed()
    return role


def delete_role(session: Session, role: Role) -> None:
    if role.name_key in PROTECTED_ROLES:
        raise conflict(f"The built-in role {role.name} cannot be deleted")
    log.record(session, "role", "delete", f"Role {role.name} deleted", object_id=role.id)
    session.delete(role)  # the user_role rows go with it
    session.commit()
    sessions.permissions_changed()


def _permission_ids(body: dict[str, Any]) -> list[int]:
    ids = body.get("permission_ids", [body["permission_id"]] if "permission_id" in body else None)
    if not isinstance(ids, list) or not ids or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise bad_request("Invalid permissions", {"permission_ids": "a non-empty list of permission ids"})
    return ids


def add_permissions(session: Session, role: Role, body: dict[str, Any]) -> Role:
    ids = _permission_ids(body)
    permissions = list(session.scalars(select(Permission).where(Permission.id.in_(ids))))
    missing = sorted(set(ids) - {permission.id for permission in permissions})
    if missing:
        raise not_found(f"Permission {', '.join(map(str, missing))}")
    held = {permission.id for permission in role.permissions}
    role.permissions.extend(permission for permission in permissions if permission.id not in held)
    log.record(
        session,
        "role",
        "permissions_added",
        f"Role {role.name} granted {', '.join(p.name for p in permissions)}",
        object_id=role.id,
    )
    session.commit()
    sessions.permissions_changed()
    return role


def remove_permission(session: Session, role: Role, permission_id: int) -> Role:
    permission = next((p for p in role.permissions if p.id == permission_id), None)
    if permission is None:
        raise not_found("Permission on this role")
    role.permissions.remove(permission)
    log.record(session, "role", "permission_removed", f"Role {role.name} lost {permission.name}", object_id=role.id)
    session.commit()
    sessions.permissions_changed()
    return role


def list_permissions(session: Session) -> list[Permission]:
    return list(session.scalars(select(Permission).order_by(Permission.id)))


def create_permission(session: Session, body: dict[str, Any]) -> Permission:
    name = body.get("name")
    if not isinstance(name, str) or not PERMISSION_NAME.match(name):
        raise bad_request("Invalid permission", {"name": "lower-case snake_case, e.g. view_example"})
    if session.scalar(select(Permission.id).where(Permission.name == name)) is not None:
        raise conflict(f"Permission {name!r} already exists")
    permission = Permission(name=name, description=body.get("description"))
    session.add(permission)
    session.commit()
    sessions.permissions_changed()
    return permission


def role_users(session: Session, role: Role) -> list[User]:
    return list(
        session.scalars(
            select(User).where(User.roles.any(Role.id == role.id)).options(selectinload(User.roles)).order_by(User.id)
        )
    )


def assign(session: Session, role: Role, user: User) -> None:
    if role not in user.roles:
        user.roles.append(role)
        log.record(session, "user", "role_added", f"Role {role.name} given to {user.email}", object_id=user.id)
    session.commit()
    sessions.permissions_changed()


def unassign(session: Session, role: Role, user: User) -> None:
    if role in user.roles:
        user.roles.remove(role)
        log.record(session, "user", "role_removed", f"Role {role.name} taken from {user.email}", object_id=user.id)
    session.commit()
    sessions.permissions_changed()
