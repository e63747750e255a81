"""Login, sessions, lockout, passwords and the profile (02 §10, 07 acceptance checks, 08 check 8)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import ADMIN_HEADERS
from identity_helpers import PASSWORD, bearer, create_user, login, ready_user
from mail_helpers import delivered, mail_app_fixture, mailjet_fixture  # noqa: F401
from sqlalchemy import select

from omnicrm import clock
from omnicrm.db import get_session
from omnicrm.notify.models import Communication

NEW_PASSWORD = "NewSecureP@ssw0rd!"


@pytest.fixture
def app(mail_app):
    """E-mails go out to the Mailjet simulator: the links are read where the user would find them."""
    return mail_app


def sent_emails(app, template_key: str) -> list[Communication]:
    with app.app_context():
        return list(get_session().scalars(select(Communication).where(Communication.template_key == template_key)))


def link_token(mailjet, template_key: str, variable: str, count: int = 1) -> str:
    """The token at the end of the link in the `count`-th e-mail of this type that Mailjet received."""
    return delivered(mailjet, template_key, count)[count - 1]["Variables"][variable].rsplit("/", 1)[1]


def test_02_18_login_body_landing_and_identical_failures(client):
    ready_user(client, "agent@example.com", role="Support")
    ready_user(client, "client@example.com", role="Customer")
    response = login(client, "  Agent@Example.com ")
    assert response.status_code == 200
    body = response.get_json()
    assert body["token"] and body["refresh_token"] and body["roles"] == ["Support"]
    assert "view_customer" in body["permissions"] and body["landing"] == "/customers"
    assert "omnicrm_refresh=" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    assert login(client, "client@example.com").get_json()["landing"] == "/self-care"
    wrong_password = login(client, "agent@example.com", "Wrong!Passw0rd")
    unknown = login(client, "nobody@example.com", "Wrong!Passw0rd")
    assert wrong_password.status_code == unknown.status_code == 401
    assert wrong_password.get_json() == unknown.get_json() == {"message": "Invalid email or password"}


def test_login_input_is_validated(client):
    assert client.post("/auth/login", json={"email": "a@b.co"}).get_json()["errors"] == {"password": "required"}
    malformed = client.post("/auth/login", data="{not json", content_type="application/json")
    assert malformed.status_code == 400 and malformed.get_json() == {"message": "Invalid JSON body"}
    assert client.post("/auth/login", json={"email": "a@b.co", "password": "x", "remember_me": "yes"}).status_code == 400


def test_07_32_lockout_after_five_failures_for_thirty_minutes(app, client):
    ready_user(client, "lock@example.com")
    for _ in range(5):
        assert login(client, "lock@example.com", "Wrong!Passw0rd").status_code == 401
    locked = login(client, "lock@example.com")
    assert locked.status_code == 423 and "locked" in locked.get_json()["message"]
    assert sent_emails(app, "api_crmCommunicationUserPasswordReset"), "a lock sends a reset e-mail"
    clock.travel(timedelta(minutes=29))
    assert login(client, "lock@example.com").status_code == 423
    clock.travel(timedelta(minutes=2))
    assert login(client, "lock@example.com").status_code == 200


def test_login_rate_limit_per_address(make_app):
    client = make_app(rate_limits={"login": "3/minute"}).test_client()
    statuses = [login(client, "x@example.com", "Wrong!1a").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    other_address = client.post(
        "/auth/login", json={"email": "x@example.com", "password": "p"}, environ_base={"REMOTE_ADDR": "192.0.2.5"}
    )
    assert other_address.status_code == 401


def test_refresh_rotates_and_a_reused_token_kills_the_session(client):
    ready_user(client, "rot@example.com")
    first = login(client, "rot@example.com").get_json()
    rotated = client.post("/crm/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert rotated.status_code == 200
    second = rotated.get_json()
    assert second["refresh_token"] != first["refresh_token"]
    assert client.get("/crm/profile", headers=bearer(second["token"])).status_code == 200
    theft = client.post("/crm/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert theft.status_code == 401
    assert client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]}).status_code == 401, (
        "the whole session died"
    )
    assert client.get("/crm/profile", headers=bearer(second["token"])).status_code == 401


def test_refresh_from_the_cookie(client):
    ready_user(client, "cookie@example.com")
    login(client, "cookie@example.com")
    refreshed = client.post("/crm/auth/refresh")
    assert refreshed.status_code == 200 and refreshed.get_json()["token"]


def test_02_27_idle_timeout_and_remember_me(client):
    ready_user(client, "idle@example.com")
    plain = login(client, "idle@example.com").get_json()
    remembered = login(client, "idle@example.com", remember_me=True)
    cookie = remembered.headers["Set-Cookie"]
    max_age = int(re.search(r"Max-Age=(\d+)", cookie).group(1))
    assert abs(max_age - 30 * 86400) < 60
    clock.travel(timedelta(minutes=61))
    assert client.post("/crm/auth/refresh", json={"refresh_token": plain["refresh_token"]}).status_code == 401
    clock.travel(timedelta(days=2))
    assert client.post("/crm/auth/refresh", json={"refresh_token": remembered.get_json()["refresh_token"]}).status_code == 200


def test_logout_revokes_session_and_access_token(client):
    ready_user(client, "out@example.com")
    body = login(client, "out@example.com").get_json()
    assert client.post("/crm/auth/logout", headers=bearer(body["token"])).status_code == 200
    assert client.get("/crm/profile", headers=bearer(body["token"])).status_code == 401
    assert client.post("/crm/auth/refresh", json={"refresh_token": body["refresh_token"]}).status_code == 401


def test_02_21_forgot_password_sends_a_single_use_link(app, client, mailjet):
    """Also 07 check 33: unknown e-mail 404 by default; a token used after 61 minutes is refused."""
    ready_user(client, "forgot@example.com")
    assert client.post("/auth/forgot_password", json={"email": "forgot@example.com"}).status_code == 200
    [email] = sent_emails(app, "api_crmCommunicationUserPasswordReset")
    token = link_token(mailjet, "api_crmCommunicationUserPasswordReset", "reset_url")
    assert email.recipient == "forgot@example.com" and email.variables["reset_url"] == "***"
    unknown = client.post("/auth/forgot_password", json={"email": "ghost@example.com"})
    assert unknown.status_code == 404 and unknown.get_json()["message"] == "No account found with this email address"
    assert client.post("/auth/reset_password", json={"token": token, "new_password": NEW_PASSWORD}).status_code == 200
    assert client.post("/auth/reset_password", json={"token": token, "new_password": NEW_PASSWORD}).status_code == 400
    client.post("/auth/forgot_password", json={"email": "forgot@example.com"})
    late = link_token(mailjet, "api_crmCommunicationUserPasswordReset", "reset_url", count=2)
    clock.travel(timedelta(minutes=61))
    expired = client.post("/crm/auth/reset_password", json={"token": late, "new_password": NEW_PASSWORD})
    assert expired.status_code == 400 and expired.get_json()["message"] == "Reset link is invalid or has expired"


def test_forgot_password_can_hide_unknown_addresses(make_app):
    client = make_app(security={"bcrypt_rounds": 4, "reveal_unknown_email_on_reset": False}).test_client()
    assert client.post("/auth/forgot_password", json={"email": "ghost@example.com"}).status_code == 200


def test_02_22_reset_enforces_policy_and_ends_sessions(app, client, mailjet):
    ready_user(client, "reset@example.com")
    session_before = login(client, "reset@example.com").get_json()
    client.post("/auth/forgot_password", json={"email": "reset@example.com"})
    token = link_token(mailjet, "api_crmCommunicationUserPasswordReset", "reset_url")
    weak = client.post("/auth/reset_password", json={"token": token, "new_password": "short"})
    assert weak.status_code == 400 and "new_password" in weak.get_json()["errors"]
    assert login(client, "reset@example.com").status_code == 200, "unchanged after a refused reset"
    assert client.post("/auth/reset_password", json={"token": token, "new_password": NEW_PASSWORD}).status_code == 200
    assert client.post("/crm/auth/refresh", json={"refresh_token": session_before["refresh_token"]}).status_code == 401
    assert login(client, "reset@example.com", NEW_PASSWORD).status_code == 200
    assert sent_emails(app, "api_crmCommunicationUserPasswordResetSuccess")


def test_02_23_temporary_password_forces_a_change(client):
    user = ready_user(client, "temp@example.com")
    reset = client.post(f"/auth/users/{user['id']}/admin_reset_password", json={}, headers=ADMIN_HEADERS)
    temporary = reset.get_json()["temporary_password"]
    assert len(temporary) == 16
    body = login(client, "temp@example.com", temporary).get_json()
    assert body["user"]["must_change_password"] is True
    blocked = client.get("/crm/profile", headers=bearer(body["token"]))
    assert blocked.status_code == 403 and blocked.get_json() == {"message": "Password change required"}
    changed = client.post("/auth/change_password", json={"new_password": NEW_PASSWORD}, headers=bearer(body["token"]))
    assert changed.status_code == 200
    fresh = login(client, "temp@example.com", NEW_PASSWORD).get_json()
    assert client.get("/crm/profile", headers=bearer(fresh["token"])).status_code == 200
    assert login(client, "temp@example.com", temporary).status_code == 401


def test_temporary_password_works_for_one_login_only(client):
    user = create_user(client, "once@example.com")
    assert login(client, "once@example.com").status_code == 200
    assert login(client, "once@example.com").status_code == 401, "the admin-chosen password is spent"
    assert user["must_change_password"] is True


def test_change_password_checks_current_and_policy(app, client):
    ready_user(client, "change@example.com")
    token = login(client, "change@example.com").get_json()["token"]
    wrong = client.post(
        "/auth/change_password", json={"current_password": "nope", "new_password": NEW_PASSWORD}, headers=bearer(token)
    )
    assert wrong.status_code == 400 and "current_password" in wrong.get_json()["errors"]
    weak = client.post(
        "/auth/change_password", json={"current_password": PASSWORD, "new_password": "password1"}, headers=bearer(token)
    )
    assert weak.status_code == 400 and "upper-case" in weak.get_json()["message"]
    ok = client.post(
        "/auth/change_password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}, headers=bearer(token)
    )
    assert ok.status_code == 200
    assert client.get("/crm/profile", headers=bearer(token)).status_code == 401, "sessions end on a password change"
    assert sent_emails(app, "api_crmCommunicationUserPasswordChange")


def test_08_8_profile_ip_restriction_refuses_other_addresses(client):
    ready_user(client, "ipuser@example.com", role="Customer")
    inside = {"REMOTE_ADDR": "10.0.0.3"}
    body = client.post(
        "/crm/auth/login", json={"email": "ipuser@example.com", "password": PASSWORD}, environ_base=inside
    ).get_json()
    token = body["token"]
    lockout = client.patch(
        "/crm/profile", json={"ip_restriction": "10.0.0.5-10.0.0.9"}, headers=bearer(token), environ_base=inside
    )
    assert lockout.status_code == 400, "a list without the current address needs confirm_lockout"
    saved = client.patch(
        "/crm/profile", json={"ip_restriction": "10.0.0.1-10.0.0.5\n192.0.2.0/24"}, headers=bearer(token), environ_base=inside
    )
    assert saved.status_code == 200 and saved.get_json()["ip_restriction"] == "10.0.0.1-10.0.0.5\n192.0.2.0/24"
    refused = client.post(
        "/crm/auth/login", json={"email": "ipuser@example.com", "password": PASSWORD}, environ_base={"REMOTE_ADDR": "10.0.0.9"}
    )
    assert refused.status_code == 403 and "10.0.0.9" in refused.get_json()["message"]
    allowed = client.post(
        "/crm/auth/login", json={"email": "ipuser@example.com", "password": PASSWORD}, environ_base={"REMOTE_ADDR": "192.0.2.44"}
    )
    assert allowed.status_code == 200
    bad = client.patch("/crm/profile", json={"ip_restriction": "10.0.0.9-10.0.0.1"}, headers=bearer(token), environ_base=inside)
    assert bad.status_code == 400 and "line 1" in bad.get_json()["errors"]["ip_restriction"]


def test_email_change_waits_for_verification(app, client, mailjet):
    ready_user(client, "old@example.com")
    token = login(client, "old@example.com").get_json()["token"]
    changed = client.patch("/crm/profile", json={"email": "new@example.com"}, headers=bearer(token))
    assert changed.get_json()["email"] == "old@example.com" and changed.get_json()["pending_email"] == "new@example.com"
    [mail] = sent_emails(app, "api_crmCommunicationEmailVerification")
    assert mail.recipient == "new@example.com"
    token = link_token(mailjet, "api_crmCommunicationEmailVerification", "verification_url")
    assert client.post("/auth/verify_email", json={"token": token}).status_code == 200
    assert login(client, "new@example.com").status_code == 200
    assert login(client, "old@example.com").status_code == 401
