"""Login sessions in the shared store, JWT access tokens and rotating refresh tokens (spec 02 §4.7.5).

A session lives in the store under its id (`sid`) until its absolute expiry. Access tokens carry the
session id and the user's session generation: logging out deletes the session, and revoking every session
of a user (password change, deletion...) bumps the generation, so both kill outstanding tokens at once.
Refresh tokens rotate on every use; presenting an already rotated one revokes the whole session.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from flask_jwt_extended import create_access_token, create_refresh_token, decode_token
from jwt import PyJWTError

from omnicrm import clock
from omnicrm.auth.models import User
from omnicrm.config import Settings
from omnicrm.errors import ApiError
from omnicrm.store import Store

GENERATION_TTL = 400 * 24 * 3600  # longer than any session


@dataclass(frozen=True)
class Tokens:
    access: str
    refresh: str
    remember_me: bool
    max_age: int  # seconds the refresh cookie may live


def _store() -> Store:
    return current_app.extensions["omnicrm.store"]


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def generation(user_id: int) -> int:
    return int(_store().get(f"user_gen:{user_id}") or 0)


def rbac_version() -> int:
    return int(_store().get("rbac_version") or 0)


def permissions_changed() -> None:
    """Roles, grants or user links changed: every cached principal is stale now."""
    _store().incr("rbac_version", GENERATION_TTL)


def revoke_user_sessions(user_id: int) -> None:
    """Every session and token of the user stops working now."""
    _store().incr(f"user_gen:{user_id}", GENERATION_TTL)


def _lifetime(remember_me: bool) -> timedelta:
    security = _settings().security
    return timedelta(days=security.remember_me_days) if remember_me else timedelta(hours=security.refresh_token_expires_hours)


def start_session(user: User, roles: list[str], *, remember_me: bool, ip: str, impersonator_id: int | None = None) -> Tokens:
    sid = uuid.uuid4().hex
    lifetime = _lifetime(remember_me)
    now = clock.now()
    session = {
        "user_id": user.id,
        "remember_me": remember_me,
        "created": now.isoformat(),
        "last_activity": now.isoformat(),
        "absolute_expiry": (now + lifetime).isoformat(),
        "ip": ip,
        "impersonator_id": impersonator_id,
    }
    return _issue(sid, session, user, roles, lifetime)


def _issue(sid: str, session: dict, user: User, roles: list[str], lifetime: timedelta) -> Tokens:
    settings = _settings()
    claims = {"sid": sid, "gen": generation(user.id)}
    # Staff acting as a user are not the ones who must change the user's password.
    access_claims = {
        **claims,
        "roles": roles,
        "pwd_change_required": user.must_change_password and not session.get("impersonator_id"),
    }
    if session.get("impersonator_id"):
        access_claims["imp"] = session["impersonator_id"]
    access = create_access_token(
        str(user.id),
        additional_claims=access_claims,
        expires_delta=timedelta(minutes=settings.security.access_token_expires_minutes),
    )
    refresh = create_refresh_token(str(user.id), additional_claims=claims, expires_delta=lifetime)
    session["refresh_jti"] = decode_token(refresh)["jti"]
    ttl = max(1, int((_parse(session["absolute_expiry"]) - clock.now()).total_seconds()))
    _store().set(f"session:{sid}", json.dumps(session), ttl)
    return Tokens(access, refresh, bool(session["remember_me"]), ttl)


def _parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment)


def load_session(sid: str) -> dict | None:
    raw = _store().get(f"session:{sid}")
    return json.loads(raw) if raw else None


def end_session(sid: str) -> None:
    _store().delete(f"session:{sid}")


def deny_access_token(claims: dict) -> None:
    """Deny-list an access token until it would have expired anyway."""
    ttl = max(1, int(claims["exp"] - time.time()))  # JWT expiry is wall-clock time
    _store().set(f"denied:{claims['jti']}", "1", ttl)


def is_denied(jti: str) -> bool:
    return _store().get(f"denied:{jti}") is not None


def decode(token: str, expected_type: str) -> dict:
    """Claims of a valid token of the expected type, or 401."""
    try:
        claims = decode_token(token)
    except PyJWTError:
        raise ApiError(401, "Invalid or expired token") from None
    if claims.get("type") != expected_type or "sid" not in claims:
        raise ApiError(401, "Invalid or expired token")
    return claims


def renew(sid: str, user: User, roles: list[str]) -> Tokens:
    """Fresh tokens for a live session, at the user's current generation (kept after revoking the others)."""
    session = load_session(sid)
    if session is None:
        raise ApiError(401, "Session expired, please log in again")
    session["last_activity"] = clock.now().isoformat()
    return _issue(sid, session, user, roles, _parse(session["absolute_expiry"]) - clock.now())


def rotate(refresh_token: str, user: User, roles: list[str]) -> Tokens:
    """New access and refresh tokens for a live session; a reused refresh token kills the session."""
    claims = decode(refresh_token, "refresh")
    sid = claims["sid"]
    session = load_session(sid)
    if session is None or claims["gen"] != generation(user.id) or session["user_id"] != user.id:
        raise ApiError(401, "Session expired, please log in again")
    if claims["jti"] != session["refresh_jti"]:
        end_session(sid)  # a rotated token came back: treat the session as stolen
        raise ApiError(401, "Session expired, please log in again")
    now = clock.now()
    idle_limit = timedelta(minutes=_settings().security.session_idle_timeout_minutes)
    if not session["remember_me"] and now - _parse(session["last_activity"]) > idle_limit:
        end_session(sid)
        raise ApiError(401, "Session expired, please log in again")
    if now >= _parse(session["absolute_expiry"]):
        end_session(sid)
        raise ApiError(401, "Session expired, please log in again")
    session["last_activity"] = now.isoformat()
    return _issue(sid, session, user, roles, _parse(session["absolute_expiry"]) - now)


def playbook_token(session: Any, user_id: int | None, provision_id: int | None = None) -> str:
    """A JWT for a playbook calling the API back on behalf of the job's user (spec 04 §4).

    It is not tied to a login session: it lives `provisioning.service_token_ttl_seconds` and dies with the
    user's session generation (password change, deletion) like any other token of that user.
    """
    settings = _settings()
    claims = {
        "sid": f"playbook-{uuid.uuid4().hex}",
        "gen": generation(user_id or 0),
        "roles": [],
        "pwd_change_required": False,
        "playbook": True,
        "provision_id": provision_id,
    }
    ttl = timedelta(seconds=settings.provisioning.service_token_ttl_seconds)
    return create_access_token(str(user_id), additional_claims=claims, expires_delta=ttl)
