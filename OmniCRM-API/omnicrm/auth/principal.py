"""Who is calling: the request authentication pipeline and the permission check.

Order (spec 01 §5.1): Bearer JWT, then X-API-KEY, then the IP whitelist. The first credential that is
present decides; an invalid one never falls through to the next method. Unauthenticated → 401,
authenticated without the permission → 403.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import current_app, g, request

from omnicrm.config import ConfigApiKey, Settings, whitelist_networks
from omnicrm.errors import ApiError

ADMIN = "admin"
PUBLIC_ATTRIBUTE = "omnicrm_public"


@dataclass(frozen=True)
class Principal:
    actor: str  # the audit label: user e-mail, api_key:<name> or ip:<address>
    kind: str  # "user", "api_key" or "ip"
    roles: frozenset[str] = field(default_factory=frozenset)
    permissions: frozenset[str] = field(default_factory=frozenset)

    def can(self, permission: str) -> bool:
        return ADMIN in self.roles or permission in self.permissions


def source_ip(settings: Settings) -> str:
    """The TCP peer, or the client named by X-Forwarded-For when the peer is a trusted proxy."""
    peer = request.remote_addr or ""
    forwarded = request.headers.get("X-Forwarded-For")
    if forwarded and _in_networks(peer, settings.trusted_proxies):
        return forwarded.split(",")[0].strip()
    return peer


def _in_networks(address: str, networks: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in networks)


def _from_config_key(presented: str, settings: Settings, ip: str) -> Principal | None:
    for key, entry in settings.api_keys.items():
        if hmac.compare_digest(presented.encode(), key.encode()):
            if entry.ips is not None and not _in_networks(ip, entry.ips):
                raise ApiError(401, "API key not permitted from this IP")
            return Principal(actor=f"api_key:{_config_key_label(key, entry)}", kind="api_key", roles=_roles(entry.roles))
    return None


def _config_key_label(key: str, entry: ConfigApiKey) -> str:
    return entry.description or f"{key[:6]}..."


def _roles(names: list[str]) -> frozenset[str]:
    return frozenset(name.lower() for name in names)


def _from_whitelist(ip: str, settings: Settings) -> Principal | None:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    for network, entry in whitelist_networks(settings):
        if address in network:
            return Principal(actor=f"ip:{ip}", kind="ip", roles=_roles(entry.roles))
    return None


def authenticate() -> Principal:
    """Resolve the caller once per request, or raise 401."""
    if "principal" in g:
        return g.principal
    settings: Settings = current_app.extensions["omnicrm.settings"]
    ip = source_ip(settings)
    if request.headers.get("Authorization"):
        raise ApiError(401, "Invalid or expired token")
    presented = request.headers.get("X-API-KEY")
    if presented is not None:
        principal = _from_config_key(presented, settings, ip)
        if principal is None:
            raise ApiError(401, "Invalid API key")
    else:
        principal = _from_whitelist(ip, settings)
        if principal is None:
            raise ApiError(401, "Authentication required")
    g.principal = principal
    return principal


def require(permission: str) -> Callable:
    """Decorate a handler: the caller must be authenticated and hold `permission` (admin holds all)."""

    def decorate(handler: Callable) -> Callable:
        @wraps(handler)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not authenticate().can(permission):
                raise ApiError(403, "Permission denied")
            return handler(*args, **kwargs)

        guarded.omnicrm_permission = permission
        return guarded

    return decorate


def public(handler: Callable) -> Callable:
    """Mark a handler as open to everyone (reviewed list: health, docs, login, public top-up)."""
    setattr(handler, PUBLIC_ATTRIBUTE, True)
    return handler
