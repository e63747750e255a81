"""Logging in and out: password check, lockout, IP restriction, the 2FA challenge, sessions (spec 02 §4.7)."""

from __future__ import annotations

import ipaddress
import json
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.auth import sessions, twofactor
from omnicrm.auth.catalogue import ADMIN, CUSTOMER_ROLE, all_permissions
from omnicrm.auth.credentials import hash_password, random_token, sha256, verify_password
from omnicrm.auth.models import Role, User
from omnicrm.config import Settings
from omnicrm.customers.models import Contact, Customer
from omnicrm.demo import DEMO_PASSWORDS
from omnicrm.errors import ApiError
from omnicrm.notify.outbox import queue_email
from omnicrm.store import Store

INVALID_LOGIN = "Invalid email or password"
# Checked against when the e-mail is unknown, so both failures take the same time.
_TIMING_DECOY = hash_password("decoy-password", 4)


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def _store() -> Store:
    return current_app.extensions["omnicrm.store"]


def find_user_by_email(session: Session, email: str) -> User | None:
    query = (
        select(User)
        .where(func.lower(User.email) == email.strip().lower())
        .options(selectinload(User.roles).selectinload(Role.permissions))
    )
    return session.scalar(query)


def role_names(user: User) -> list[str]:
    return [role.name for role in user.roles]


def effective_permissions(user: User) -> list[str]:
    names = {permission.name for role in user.roles for permission in role.permissions}
    if ADMIN in names or any(role.name_key == ADMIN for role in user.roles):
        names |= set(all_permissions())
    return sorted(names)


def landing(user: User) -> str:
    permissions = set(effective_permissions(user))
    if any(role.name_key == CUSTOMER_ROLE.lower() for role in user.roles):
        return "/self-care"
    if "create_cbc_message" in permissions and "view_customer" not in permissions:
        return "/create-cell-broadcast"
    return "/customers"


def user_summary(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "customer_id": None,
        "contact_id": user.contact_id,
        "is_2fa_enabled": user.is_2fa_enabled,
        "must_change_password": user.must_change_password,
    }


def login_body(user: User, tokens: sessions.Tokens) -> dict[str, Any]:
    return {
        "token": tokens.access,
        "refresh_token": tokens.refresh,
        "remember_me": tokens.remember_me,
        "user": user_summary(user),
        "roles": role_names(user),
        "permissions": effective_permissions(user),
        "landing": landing(user),
    }


def ip_allowed(ip: str, restriction: str | None) -> bool:
    """A profile IP restriction: addresses, CIDRs or `a-b` ranges, one per line; empty allows all."""
    lines = [line.strip() for line in (restriction or "").splitlines() if line.strip()]
    if not lines:
        return True
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    for line in lines:
        first, _, last = line.partition("-")
        try:
            if last and ipaddress.ip_address(first.strip()) <= address <= ipaddress.ip_address(last.strip()):
                return True
            if not last and address in ipaddress.ip_network(first, strict=False):
                return True
        except (ValueError, TypeError):
            continue
    return False


def parse_ip_restriction(text: str) -> str:
    """Validate a profile IP restriction; 400 naming the bad line."""
    for number, line in enumerate((text or "").splitlines(), start=1):
        entry = line.strip()
        if not entry:
            continue
        first, _, last = entry.partition("-")
        try:
            if last:
                low, high = ipaddress.ip_address(first.strip()), ipaddress.ip_address(last.strip())
                if low.version != high.version or low > high:
                    raise ValueError
            else:
                ipaddress.ip_network(first, strict=False)
        except ValueError:
            raise ApiError(
                400,
                "Invalid IP restriction",
                {"ip_restriction": f"line {number}: {entry!r} is not an address, CIDR or a-b range"},
            ) from None
    return text.strip()


def login(session: Session, email: str, password: str, remember_me: bool, ip: str) -> dict[str, Any]:
    """Check the credentials; return the login body, or a 2FA challenge when 2FA is on."""
    settings = _settings()
    user = find_user_by_email(session, email)
    if user is None or user.deleted:
        verify_password(password, _TIMING_DECOY)
        raise ApiError(401, INVALID_LOGIN)
    now = clock.now()
    if user.locked_until is not None and user.locked_until > now:
        raise ApiError(423, "Account locked. Try again later or contact an administrator")
    if not user.is_active or _customer_disabled(session, user):
        raise ApiError(403, "Account disabled")
    if password in DEMO_PASSWORDS and not settings.demo:
        verify_password(password, _TIMING_DECOY)
        raise ApiError(401, INVALID_LOGIN)  # a demo password never opens a production system
    if not verify_password(password, user.password_hash) or (user.must_change_password and user.temp_password_consumed):
        _count_failure(session, user, ip, settings)
        raise ApiError(401, INVALID_LOGIN)
    if not ip_allowed(ip, user.ip_restriction):
        raise ApiError(403, f"Login not permitted from this IP address ({ip})")
    if twofactor.is_active(user):
        return _challenge(user, remember_me, settings)
    return complete_login(session, user, remember_me, ip)


def _customer_disabled(session: Session, user: User) -> bool:
    """A portal user's customer that is archived or disabled keeps the user out."""
    if user.contact_id is None:
        return False
    query = select(Customer.customer_enabled, Customer.customer_status).join(Contact).where(Contact.contact_id == user.contact_id)
    row = session.execute(query).first()
    return row is not None and (not row.customer_enabled or row.customer_status == "Archived")


def _count_failure(session: Session, user: User, ip: str, settings: Settings) -> None:
    user.failed_login_count += 1
    description = f"Failed login for {user.email}"
    maximum = settings.security.max_failed_logins
    if maximum and user.failed_login_count >= maximum:
        user.locked_until = clock.now() + timedelta(minutes=settings.security.lockout_minutes)
        user.failed_login_count = 0
        description = f"Account {user.email} locked after {maximum} failed logins"
        queue_email(
            session,
            "api_crmCommunicationUserPasswordReset",
            user.email,
            {"user_name": user.full_name, "reason": "account_locked"},
            user_id=user.id,
        )
    log.record(session, "user", "login_failed", f"{description} from {ip}", object_id=user.id)
    session.commit()


def _challenge(user: User, remember_me: bool, settings: Settings) -> dict[str, Any]:
    token = random_token()
    ttl = settings.security.two_fa.challenge_minutes * 60
    _store().set(f"2fa:{sha256(token)}", json.dumps({"user_id": user.id, "remember_me": remember_me}), ttl)
    return {"requires_2fa": True, "user_id": user.id, "two_fa_token": token, "two_factor_token": token}


def complete_login(session: Session, user: User, remember_me: bool, ip: str) -> dict[str, Any]:
    tokens = sessions.start_session(user, role_names(user), remember_me=remember_me, ip=ip)
    user.login_count += 1
    user.last_login = clock.now()
    user.failed_login_count = 0
    user.locked_until = None
    if user.must_change_password:
        user.temp_password_consumed = True
    log.record(session, "user", "user_login", f"{user.email} logged in from {ip}", object_id=user.id)
    session.commit()
    return login_body(user, tokens)


def verify_challenge(session: Session, user_id: int, token: str, code: str, ip: str) -> dict[str, Any]:
    """Second step of a 2FA login: the challenge token and a TOTP or backup code give the login body."""
    settings = _settings()
    key = f"2fa:{sha256(token)}"
    raw = _store().get(key)
    expired = ApiError(401, "Verification expired, please log in again")
    if raw is None:
        raise expired
    challenge = json.loads(raw)
    if challenge["user_id"] != user_id:
        raise expired
    user = session.get(User, user_id)
    if user is None or user.deleted or not twofactor.is_active(user):
        raise ApiError(409, "Two-factor authentication is not enabled for this user")
    if not twofactor.accept_code(session, user, code):
        failures = _store().incr(f"{key}:failures", settings.security.two_fa.challenge_minutes * 60)
        if failures >= settings.security.two_fa.max_attempts:
            _store().delete(key)
        session.commit()
        raise ApiError(401, "Invalid code")
    _store().delete(key)
    body = complete_login(session, user, challenge["remember_me"], ip)
    return {**body, "verified": True}


def refresh(session: Session, refresh_token: str) -> sessions.Tokens:
    claims = sessions.decode(refresh_token, "refresh")
    user = session.scalar(select(User).where(User.id == int(claims["sub"])).options(selectinload(User.roles)))
    if user is None or user.deleted or not user.is_active:
        raise ApiError(401, "Session expired, please log in again")
    return sessions.rotate(refresh_token, user, role_names(user))


def logout(claims: dict[str, Any]) -> None:
    sessions.end_session(claims["sid"])
    sessions.deny_access_token(claims)
