"""Who is calling: the request authentication pipeline and the permission check.

Order (spec 01 §5.1): Bearer JWT, then X-API-KEY (config keys, then database keys), then the IP whitelist.
The first credential that is present decides; an invalid one never falls through to the next method.
Unauthenticated → 401, authenticated without the permission → 403.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import wraps
from typing import Any

from flask import current_app, g, request
from sqlalchemy import Select, false, select
from sqlalchemy.orm import selectinload

from omnicrm import clock
from omnicrm.auth import sessions
from omnicrm.auth.catalogue import ADMIN, normalise
from omnicrm.auth.credentials import sha256
from omnicrm.auth.models import ApiKey, Role, User
from omnicrm.config import ConfigApiKey, Settings, whitelist_networks
from omnicrm.customers.models import Contact
from omnicrm.db import get_session
from omnicrm.errors import ApiError

PUBLIC_ATTRIBUTE = "omnicrm_public"
IDENTITY_TTL = 60
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    actor: str  # the audit label: user e-mail, api_key:<name> or ip:<address>
    kind: str  # "user", "api_key" or "ip"
    roles: frozenset[str] = field(default_factory=frozenset)
    permissions: frozenset[str] = field(default_factory=frozenset)
    user_id: int | None = None
    impersonator_id: int | None = None
    customer_id: int | None = None
    claims: dict[str, Any] = field(default_factory=dict)

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles or ADMIN in self.permissions

    def can(self, permission: str) -> bool:
        return self.is_admin or normalise(permission) in self.permissions

    @property
    def password_change_required(self) -> bool:
        return bool(self.claims.get("pwd_change_required"))


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def client_ip() -> str:
    """The TCP peer, or the client named by X-Forwarded-For when the peer is a trusted proxy."""
    peer = request.remote_addr or ""
    forwarded = request.headers.get("X-Forwarded-For")
    if forwarded and in_networks(peer, _settings().trusted_proxies):
        return forwarded.split(",")[0].strip()
    return peer


def in_networks(address: str, networks: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in networks)


def role_permissions(role_names: frozenset[str]) -> frozenset[str]:
    """Union of the permissions of the named roles (matched case-insensitively); unknown roles grant nothing."""
    if not role_names or ADMIN in role_names:
        return frozenset()  # nothing to look up: admin passes every check
    roles = get_session().scalars(select(Role).where(Role.name_key.in_(role_names)).options(selectinload(Role.permissions)))
    return frozenset(permission.name for role in roles for permission in role.permissions)


def own_customer_id(contact_id: int | None) -> int | None:
    """A portal user's own customer: the customer of the contact linked to the user."""
    if contact_id is None:
        return None
    return get_session().scalar(select(Contact.customer_id).where(Contact.contact_id == contact_id))


def user_principal(user: User, claims: dict[str, Any] | None = None) -> Principal:
    roles = frozenset(role.name_key for role in user.roles)
    permissions = frozenset(permission.name for role in user.roles for permission in role.permissions)
    claims = claims or {}
    return Principal(
        actor=user.email,
        kind="user",
        roles=roles,
        permissions=permissions,
        user_id=user.id,
        impersonator_id=claims.get("imp"),
        customer_id=own_customer_id(user.contact_id),
        claims=claims,
    )


def load_user(user_id: int) -> User | None:
    query = select(User).where(User.id == user_id).options(selectinload(User.roles).selectinload(Role.permissions))
    return get_session().scalar(query)


def _from_bearer(token: str) -> Principal:
    claims = sessions.decode(token, "access")
    user_id = int(claims["sub"])
    if sessions.is_denied(claims["jti"]) or claims["gen"] != sessions.generation(user_id):
        raise ApiError(401, "Invalid or expired token")
    if not claims.get("playbook") and sessions.load_session(claims["sid"]) is None:  # playbook tokens have no login session
        raise ApiError(401, "Invalid or expired token")
    known = _cached_identity(user_id, claims["gen"])
    return Principal(
        actor=known["email"],
        kind="user",
        roles=frozenset(known["roles"]),
        permissions=frozenset(known["permissions"]),
        user_id=user_id,
        impersonator_id=claims.get("imp"),
        customer_id=known["customer_id"],
        claims=claims,
    )


def _cached_identity(user_id: int, generation: int) -> dict[str, Any]:
    """The user's roles and permissions, kept up to 60 s in the store (spec 02 §4.6).

    The key holds the user's session generation (bumped on deletion, deactivation, password change) and the
    RBAC version (bumped on any role, grant or link change), so a change is never served stale.
    """
    store = current_app.extensions["omnicrm.store"]
    key = f"principal:{user_id}:{generation}:{sessions.rbac_version()}"
    cached = store.get(key)
    if cached is not None:
        return json.loads(cached)
    user = load_user(user_id)
    if user is None or user.deleted or not user.is_active:
        raise ApiError(401, "Invalid or expired token")
    principal = user_principal(user)
    known = {
        "email": user.email,
        "roles": sorted(principal.roles),
        "permissions": sorted(principal.permissions),
        "customer_id": principal.customer_id,
    }
    store.set(key, json.dumps(known), IDENTITY_TTL)
    return known


def _from_config_key(presented: str, ip: str) -> Principal | None:
    for key, entry in _settings().api_keys.items():
        if hmac.compare_digest(presented.encode(), key.encode()):
            if entry.ips is not None and not in_networks(ip, entry.ips):
                raise ApiError(401, "API key not permitted from this IP")
            roles = frozenset(name.lower() for name in entry.roles)
            return Principal(
                actor=f"api_key:{_config_key_label(key, entry)}", kind="api_key", roles=roles, permissions=role_permissions(roles)
            )
    return None


def _config_key_label(key: str, entry: ConfigApiKey) -> str:
    return entry.description or f"{key[:6]}..."


def _from_database_key(presented: str, ip: str) -> Principal:
    session = get_session()
    api_key = session.scalar(select(ApiKey).where(ApiKey.key_hash == sha256(presented)))
    if api_key is None:
        raise ApiError(401, "Invalid API key")
    now = clock.now()
    if api_key.expiry_date is not None and api_key.expiry_date < now:
        raise ApiError(401, "API key expired")
    if api_key.last_used is None or api_key.last_used_ip != ip or now - api_key.last_used > LAST_USED_RESOLUTION:
        api_key.last_used, api_key.last_used_ip = now, ip  # a write per minute and address, not per request
        session.commit()
    return Principal(actor=f"api_key:{api_key.name}", kind="api_key", permissions=frozenset(api_key.permissions))


def _from_whitelist(ip: str) -> Principal | None:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    for network, entry in whitelist_networks(_settings()):
        if address in network:
            roles = frozenset(name.lower() for name in entry.roles)
            return Principal(actor=f"ip:{ip}", kind="ip", roles=roles, permissions=role_permissions(roles))
    return None


def authenticate() -> Principal:
    """Resolve the caller once per request, or raise 401."""
    if "principal" in g:
        return g.principal
    ip = client_ip()
    authorization = request.headers.get("Authorization")
    presented_key = request.headers.get("X-API-KEY")
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "Invalid or expired token")
        principal = _from_bearer(token.strip())
    elif presented_key is not None:
        principal = _from_config_key(presented_key, ip) or _from_database_key(presented_key, ip)
    else:
        principal = _from_whitelist(ip)
        if principal is None:
            raise ApiError(401, "Authentication required")
    g.principal = principal
    return principal


def current() -> Principal:
    """The authenticated caller, refusing a session that must change its password first."""
    principal = authenticate()
    if principal.password_change_required and not g.get("password_change_allowed"):
        raise ApiError(403, "Password change required")
    return principal


def require(permission: str, own: str | None = None) -> Callable:
    """Decorate a handler: the caller must hold `permission` (admin holds all), or else the own-scope
    permission `own`, in which case the handler sees only the caller's own customer (see `own_scope`)."""

    def decorate(handler: Callable) -> Callable:
        @wraps(handler)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            principal = current()
            if principal.can(permission):
                g.own_scope = False
            elif own is not None and own in principal.permissions:
                g.own_scope = True
            else:
                raise ApiError(403, f"Permission denied: requires {permission}")
            return handler(*args, **kwargs)

        return guarded

    return decorate


def own_scope() -> bool:
    """True when the caller reaches this endpoint only through an own-scope (view_own_*) permission."""
    return bool(g.get("own_scope"))


def ensure_customer_access(customer_id: int | None) -> None:
    """Own-scope callers may touch only their own customer's records: anything else is 403."""
    if own_scope() and (customer_id is None or customer_id != authenticate().customer_id):
        raise ApiError(403, "Permission denied")


def restrict_to_own(query: Select, customer_column: Any) -> Select:
    """Filter a list to the caller's own customer when it is in own scope (no customer: nothing)."""
    if not own_scope():
        return query
    customer_id = authenticate().customer_id
    return query.where(customer_column == customer_id if customer_id is not None else false())


def authenticated(handler: Callable) -> Callable:
    """Decorate a handler open to any authenticated caller; it checks the target itself (self or admin...)."""

    @wraps(handler)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        current()
        return handler(*args, **kwargs)

    return guarded


def allowed_before_password_change(handler: Callable) -> Callable:
    """Mark a handler usable by a session that must change its password (change password, logout, refresh)."""

    @wraps(handler)
    def marked(*args: Any, **kwargs: Any) -> Any:
        g.password_change_allowed = True
        return handler(*args, **kwargs)

    return marked


def public(handler: Callable) -> Callable:
    """Mark a handler as open to everyone (reviewed list: health, docs, login, public top-up)."""
    setattr(handler, PUBLIC_ATTRIBUTE, True)
    return handler
