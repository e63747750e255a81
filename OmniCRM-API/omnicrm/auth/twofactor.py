"""TOTP two-factor authentication (RFC 6238: 6 digits, 30 s, SHA-1, ±1 step) and single-use backup codes.

A user is PENDING while a secret exists but `is_2fa_enabled` is false: login does not ask for a code until
verify-setup succeeds. A TOTP step, once accepted, is never accepted again (no replay within its window).
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC
from typing import Any

import pyotp
from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.auth import sessions
from omnicrm.auth.credentials import decrypt, encrypt, keyed_hash, verify_password
from omnicrm.auth.models import User, UserBackupCode
from omnicrm.config import Settings
from omnicrm.errors import ApiError, bad_request, conflict

TOTP_DIGITS = 6
BACKUP_DIGITS = 8


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def is_active(user: User) -> bool:
    return bool(user.is_2fa_enabled and user.totp_secret)


def _totp(user: User) -> pyotp.TOTP:
    return pyotp.TOTP(decrypt(_settings(), user.totp_secret))


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=_settings().security.two_fa.issuer)


def _new_backup_codes(session: Session, user: User) -> list[str]:
    """Replace every backup code of the user with a fresh set; only their keyed hashes are stored."""
    settings = _settings()
    session.execute(delete(UserBackupCode).where(UserBackupCode.user_id == user.id))
    codes: list[str] = []
    while len(codes) < settings.security.two_fa.backup_code_count:
        code = f"{secrets.randbelow(10**BACKUP_DIGITS):0{BACKUP_DIGITS}d}"
        if code not in codes:
            codes.append(code)
    session.add_all(UserBackupCode(user_id=user.id, code_hash=keyed_hash(settings, code)) for code in codes)
    return codes


def remaining_backup_codes(session: Session, user: User) -> int:
    query = (
        select(func.count())
        .select_from(UserBackupCode)
        .where(UserBackupCode.user_id == user.id, UserBackupCode.used_at.is_(None))
    )
    return session.scalar(query) or 0


def current_step(interval: int = 30) -> int:
    return int(clock.now().replace(tzinfo=UTC).timestamp()) // interval


def _verify_totp(user: User, code: str) -> bool:
    totp = _totp(user)
    step = current_step(totp.interval)
    for counter in (step - 1, step, step + 1):
        if secrets.compare_digest(totp.generate_otp(counter), code):
            if user.totp_last_counter is not None and counter <= user.totp_last_counter:
                return False  # replay of an accepted code
            user.totp_last_counter = counter
            return True
    return False


def _normalise_code(code: object) -> str:
    return re.sub(r"[\s-]", "", str(code or "")).lower()


def _use_backup_code(session: Session, user: User, code: str) -> bool:
    query = select(UserBackupCode).where(
        UserBackupCode.user_id == user.id,
        UserBackupCode.code_hash == keyed_hash(_settings(), code),
        UserBackupCode.used_at.is_(None),
    )
    backup = session.scalar(query)
    if backup is None:
        return False
    backup.used_at = clock.now()
    return True


def accept_code(session: Session, user: User, raw_code: object) -> bool:
    """A current TOTP code or an unused backup code (consumed); the caller commits."""
    code = _normalise_code(raw_code)
    if re.fullmatch(rf"\d{{{TOTP_DIGITS}}}", code):
        return _verify_totp(user, code)
    if re.fullmatch(rf"\d{{{BACKUP_DIGITS}}}", code):
        return _use_backup_code(session, user, code)
    return False


def _enrolment(session: Session, user: User) -> dict[str, Any]:
    secret = pyotp.random_base32()
    user.totp_secret = encrypt(_settings(), secret)
    user.totp_last_counter = None
    user.is_2fa_enabled = False
    codes = _new_backup_codes(session, user)
    return {"totp_secret": secret, "qr_code_url": provisioning_uri(user, secret), "backup_codes": codes}


def enable(session: Session, user: User, password: object, password_required: bool) -> dict[str, Any]:
    """Start (or restart) enrolment: a new secret and backup codes; PENDING until verify-setup."""
    if is_active(user):
        raise conflict("Two-factor authentication is already enabled")
    if password_required:
        if not isinstance(password, str) or not password:
            raise bad_request("Password is required", {"password": "required"})
        if not verify_password(password, user.password_hash):
            raise ApiError(401, "Incorrect password")
    enrolment = _enrolment(session, user)
    session.commit()
    return enrolment


def verify_setup(session: Session, user: User, code: object) -> None:
    if is_active(user) or not user.totp_secret:
        raise conflict("No pending two-factor setup")
    normalised = _normalise_code(code)
    if not re.fullmatch(rf"\d{{{TOTP_DIGITS}}}", normalised):
        raise bad_request("The code must be 6 digits", {"code": "must be 6 digits"})
    if not _verify_totp(user, normalised):
        raise ApiError(400, "Invalid code", {"code": "invalid"})
    user.is_2fa_enabled = True
    log.record(session, "user", "2fa_enabled", f"2FA enabled for {user.email}", object_id=user.id)
    session.commit()


def check_code(session: Session, user: User, code: object) -> None:
    """The self-check form of verify: 400 on a wrong or reused code."""
    if not is_active(user):
        raise conflict("Two-factor authentication is not enabled")
    if not accept_code(session, user, code):
        session.commit()
        raise ApiError(400, "Invalid code", {"code": "invalid"})
    session.commit()


def regenerate_backup_codes(session: Session, user: User, password: object = None) -> list[str]:
    if not is_active(user):
        raise conflict("Two-factor authentication is not enabled")
    if password is not None and not verify_password(str(password), user.password_hash):
        raise ApiError(401, "Incorrect password")
    codes = _new_backup_codes(session, user)
    log.record(
        session, "user", "2fa_backup_codes_regenerated", f"2FA backup codes regenerated for {user.email}", object_id=user.id
    )
    session.commit()
    return codes


def reset_for_new_device(session: Session, user: User, backup_code: object) -> dict[str, Any]:
    """Consume a backup code and enrol a new device (PENDING again until verify-setup)."""
    if not is_active(user):
        raise conflict("Two-factor authentication is not enabled")
    code = _normalise_code(backup_code)
    if not re.fullmatch(rf"\d{{{BACKUP_DIGITS}}}", code) or not _use_backup_code(session, user, code):
        raise ApiError(400, "Invalid backup code", {"backup_code": "invalid or already used"})
    enrolment = _enrolment(session, user)
    log.record(session, "user", "2fa_reset_for_new_device", f"2FA moved to a new device for {user.email}", object_id=user.id)
    session.commit()
    return enrolment


def admin_disable(session: Session, user: User) -> None:
    if not is_active(user):
        raise conflict("Two-factor authentication is not enabled")
    user.is_2fa_enabled, user.totp_secret, user.totp_last_counter = False, None, None
    session.execute(delete(UserBackupCode).where(UserBackupCode.user_id == user.id))
    log.record(session, "user", "2fa_admin_reset", f"2FA reset by an administrator for {user.email}", object_id=user.id)
    session.commit()
    sessions.revoke_user_sessions(user.id)
