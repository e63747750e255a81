"""Password life: forgot / reset links, change, admin reset with a temporary password, welcome links and
e-mail verification (spec 02 §4.7.4, §4.7.7, §4.7.9; 07 §14). Links carry single-use tokens of which only a
hash is stored."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.auth import sessions
from omnicrm.auth.credentials import (
    check_password_policy,
    hash_password,
    random_token,
    sha256,
    temporary_password,
    verify_password,
)
from omnicrm.auth.models import AuthToken, User
from omnicrm.config import Settings
from omnicrm.errors import bad_request, conflict
from omnicrm.notify.outbox import queue_email

RESET, WELCOME, EMAIL_VERIFICATION = "password_reset", "welcome", "email_verification"
INVALID_LINK = "Reset link is invalid or has expired"


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def public_url() -> str:
    crm = _settings().crm
    return crm.ui_url or crm.public_url or crm.base_url


def _support_email() -> str:
    """Where the security e-mails tell people to write: the sender of the staff welcome e-mail, when set."""
    welcome = _settings().mailjet.api_crmCommunicationUserWelcome
    return welcome.from_email if welcome else ""


def _changed(user: User, by: str | None = None) -> dict[str, str]:
    variables = {"user_name": user.full_name, "change_date": clock.now().strftime("%Y-%m-%d %H:%M UTC")}
    return variables | {"support_email": _support_email()} | ({"changed_by": by} if by else {})


def _issue_token(session: Session, user: User, purpose: str, lifetime: timedelta) -> str:
    """A new single-use token; earlier unused tokens of the same purpose die."""
    now = clock.now()
    session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user.id, AuthToken.purpose == purpose, AuthToken.used_at.is_(None))
        .values(used_at=now)
    )
    token = random_token()
    session.add(AuthToken(user_id=user.id, token_hash=sha256(token), purpose=purpose, expires_at=now + lifetime))
    return token


def _redeem(session: Session, token: object, purposes: tuple[str, ...]) -> AuthToken:
    if not isinstance(token, str) or not token:
        raise bad_request(INVALID_LINK, {"token": "required"})
    row = session.scalar(select(AuthToken).where(AuthToken.token_hash == sha256(token)).with_for_update())
    if row is None or row.purpose not in purposes or row.used_at is not None or row.expires_at <= clock.now():
        raise bad_request(INVALID_LINK, {"token": "invalid or expired"})
    row.used_at = clock.now()
    return row


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password, _settings().security.bcrypt_rounds)


def forgot_password(session: Session, user: User) -> None:
    minutes = _settings().security.password_reset_token_minutes
    token = _issue_token(session, user, RESET, timedelta(minutes=minutes))
    variables = {
        "user_name": user.full_name,
        "reset_url": f"{public_url()}/reset-password/{token}",
        "expiry_time": f"{minutes} minutes" if minutes != 60 else "1 hour",
    }
    queue_email(session, "api_crmCommunicationUserPasswordReset", user.email, variables, user_id=user.id)
    log.record(session, "user", "password_reset_requested", f"Password reset requested for {user.email}", object_id=user.id)
    session.commit()


def reset_password(session: Session, token: object, new_password: object, confirm_password: object = None) -> User:
    """Redeem a reset or welcome link; every session of the user ends."""
    password = check_password_policy(new_password, _settings().security.password_policy)
    if confirm_password is not None and confirm_password != password:
        raise bad_request("Passwords do not match", {"confirm_password": "does not match new_password"})
    row = _redeem(session, token, (RESET, WELCOME))
    user = session.get(User, row.user_id)
    if user is None or user.deleted:
        raise bad_request(INVALID_LINK, {"token": "invalid or expired"})
    set_password(user, password)
    user.must_change_password = user.temp_password_consumed = False
    user.email_verified = True  # the link reached the mailbox
    user.failed_login_count, user.locked_until = 0, None
    queue_email(session, "api_crmCommunicationUserPasswordResetSuccess", user.email, _changed(user), user_id=user.id)
    log.record(session, "user", "password_reset", f"Password reset by link for {user.email}", object_id=user.id)
    session.commit()
    sessions.revoke_user_sessions(user.id)
    return user


def change_password(session: Session, user: User, current_password: object, new_password: object, forced: bool) -> None:
    """The user's own change; the current password may be skipped only in a forced change after a temporary one."""
    if not forced or current_password is not None:
        if not isinstance(current_password, str) or not verify_password(current_password, user.password_hash):
            raise bad_request("Current password is incorrect", {"current_password": "incorrect"})
    password = check_password_policy(new_password, _settings().security.password_policy)
    if verify_password(password, user.password_hash):
        raise bad_request("The new password must differ from the current one", {"new_password": "same as the current password"})
    set_password(user, password)
    user.must_change_password = user.temp_password_consumed = False
    queue_email(session, "api_crmCommunicationUserPasswordChange", user.email, _changed(user, by="Self"), user_id=user.id)
    log.record(session, "user", "password_changed", f"Password changed by {user.email}", object_id=user.id)
    session.commit()
    sessions.revoke_user_sessions(user.id)


def admin_reset_password(session: Session, user: User, new_password: object, force_change: bool, changed_by: str) -> str:
    """`changed_by` is the administrator's name, given to the user in the password-change e-mail."""
    password = (
        temporary_password()
        if new_password in (None, "")
        else check_password_policy(new_password, _settings().security.password_policy)
    )
    set_password(user, password)
    user.must_change_password, user.temp_password_consumed = force_change, False
    user.failed_login_count, user.locked_until = 0, None
    queue_email(session, "api_crmCommunicationUserPasswordChange", user.email, _changed(user, by=changed_by), user_id=user.id)
    log.record(session, "user", "admin_password_reset", f"Password of {user.email} reset by an administrator", object_id=user.id)
    session.commit()
    sessions.revoke_user_sessions(user.id)
    return password


def send_welcome(session: Session, user: User) -> None:
    if user.login_count > 0:
        raise conflict("The user has already logged in")
    token = _issue_token(session, user, WELCOME, timedelta(hours=_settings().security.welcome_link_hours))
    variables = {
        "user_name": user.full_name,
        "email": user.email,
        "role": ", ".join(role.name for role in user.roles),
        "login_url": f"{public_url()}/login",
        "set_password_url": f"{public_url()}/reset-password/{token}",
        "support_email": _support_email(),
    }
    queue_email(session, "api_crmCommunicationUserWelcome", user.email, variables, user_id=user.id)
    log.record(session, "user", "welcome_email_sent", f"Welcome e-mail sent to {user.email}", object_id=user.id)


def request_email_change(session: Session, user: User, new_email: str) -> None:
    """The new address waits in pending_email until the link sent to it is followed."""
    user.pending_email = new_email
    token = _issue_token(session, user, EMAIL_VERIFICATION, timedelta(hours=_settings().security.welcome_link_hours))
    variables = {"user_name": user.full_name, "verification_url": f"{public_url()}/verify-email/{token}"}
    queue_email(session, "api_crmCommunicationEmailVerification", new_email, variables, user_id=user.id)


def verify_email(session: Session, token: object) -> User:
    row = _redeem(session, token, (EMAIL_VERIFICATION,))
    user = session.get(User, row.user_id)
    if user is None or not user.pending_email:
        raise bad_request("Verification link is invalid or has expired", {"token": "invalid or expired"})
    if session.scalar(select(User.id).where(User.email == user.pending_email, User.id != user.id)):
        raise conflict("Another account already uses this e-mail address")
    before = user.email
    user.email, user.pending_email, user.email_verified = user.pending_email, None, True
    log.record(
        session,
        "user",
        "email_changed",
        f"E-mail of user {user.id} changed",
        object_id=user.id,
        changes_json={"email": {"old": before, "new": user.email}},
    )
    session.commit()
    return user
