"""Two-factor authentication: enrolment, the login challenge, backup codes, replay, admin reset (01 §11, 02 §10, 07)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import ADMIN_HEADERS
from identity_helpers import PASSWORD, bearer, enable_2fa, login, ready_user, totp
from sqlalchemy import update

from omnicrm import clock
from omnicrm.activity.models import Activity
from omnicrm.auth.models import User
from omnicrm.db import get_session

NEXT_STEP = timedelta(seconds=30)


@pytest.fixture
def user(client):
    return ready_user(client, "uma@example.com")


@pytest.fixture
def token(client, user):
    return login(client, user["email"]).get_json()["token"]


def test_01_1_enable_returns_secret_qr_uri_and_ten_backup_codes(client, user, token):
    """Also check 2: while PENDING, login still issues tokens."""
    response = client.post(f"/2fa/enable/user/{user['id']}", json={"password": PASSWORD}, headers=bearer(token))
    assert response.status_code == 200
    body = response.get_json()
    assert (
        body["qr_code_url"].startswith("otpauth://totp/")
        and "secret=" in body["qr_code_url"]
        and "issuer=OmniCRM" in body["qr_code_url"]
    )
    codes = body["backup_codes"]
    assert len(codes) == 10 == len(set(codes)) and all(re.fullmatch(r"\d{8}", code) for code in codes)
    status = client.get(f"/2fa/status/user/{user['id']}", headers=bearer(token)).get_json()
    assert status["is_2fa_enabled"] is False
    pending_login = login(client, user["email"]).get_json()
    assert "token" in pending_login and "requires_2fa" not in pending_login


def test_01_3_verify_setup_enables_and_logs(app, client, user, token):
    """Also 01 check 4: login then answers a challenge with no tokens, and the challenge is no API credential."""
    enable_2fa(client, user, token)
    with app.app_context():
        logged = get_session().query(Activity).filter_by(action="2fa_enabled", object_id=str(user["id"])).one()
        assert logged.description.startswith("2FA enabled")
    challenge = login(client, user["email"]).get_json()
    assert challenge["requires_2fa"] is True and challenge["user_id"] == user["id"]
    assert "token" not in challenge and "refresh_token" not in challenge
    assert client.get("/crm/api-keys", headers=bearer(challenge["two_fa_token"])).status_code == 401


def test_01_5_verify_with_challenge_gives_a_working_session(client, user, token):
    """Also 02 check 19 and 07 check 31: the login body comes back and its token works."""
    secret = enable_2fa(client, user, token)["totp_secret"]
    clock.travel(NEXT_STEP)
    challenge = login(client, user["email"]).get_json()
    response = client.post(
        f"/2fa/verify/user/{user['id']}", json={"code": totp(secret), "two_fa_token": challenge["two_fa_token"]}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["token"] and body["refresh_token"] and body["user"]["id"] == user["id"] and body["verified"] is True
    assert client.get("/crm/profile", headers=bearer(body["token"])).get_json()["email"] == user["email"]
    reused = client.post(f"/2fa/verify/user/{user['id']}", json={"code": totp(secret), "two_fa_token": challenge["two_fa_token"]})
    assert reused.status_code == 401, "a challenge is single-use"


def test_01_6_totp_window_and_replay(client, user, token):
    """A code two steps old is refused, the previous step's code works once; reusing it is a replay (01 edge 6)."""
    enrolment = enable_2fa(client, user, token)
    secret = enrolment["totp_secret"]
    clock.travel(NEXT_STEP * 3)
    old = login(client, user["email"]).get_json()
    assert (
        client.post(
            f"/2fa/verify/user/{user['id']}", json={"code": totp(secret, 2), "two_fa_token": old["two_fa_token"]}
        ).status_code
        == 401
    )
    fresh = login(client, user["email"]).get_json()
    accepted = client.post(
        f"/2fa/verify/user/{user['id']}", json={"code": totp(secret, 1), "two_fa_token": fresh["two_fa_token"]}
    )
    assert accepted.status_code == 200 and accepted.get_json()["token"]
    assert client.get("/crm/profile", headers=bearer(accepted.get_json()["token"])).status_code == 200
    again = login(client, user["email"]).get_json()
    replay = client.post(f"/2fa/verify/user/{user['id']}", json={"code": totp(secret, 1), "two_fa_token": again["two_fa_token"]})
    assert replay.status_code == 401


def test_01_7_backup_code_works_once(client, user, token):
    """Also 02 check 19 (backup code then reuse → 401) and the remaining count."""
    enrolment = enable_2fa(client, user, token)
    code = enrolment["backup_codes"][0]
    first = login(client, user["email"]).get_json()
    used = client.post(
        f"/2fa/verify/user/{user['id']}", json={"code": f"{code[:4]}-{code[4:]}", "two_fa_token": first["two_fa_token"]}
    )
    assert used.status_code == 200
    status = client.get(f"/2fa/status/user/{user['id']}", headers=bearer(used.get_json()["token"])).get_json()
    assert status == {"is_2fa_enabled": True, "backup_codes_remaining": 9}
    second = login(client, user["email"]).get_json()
    assert (
        client.post(f"/2fa/verify/user/{user['id']}", json={"code": code, "two_fa_token": second["two_fa_token"]}).status_code
        == 401
    )


def test_01_8_regenerated_codes_replace_the_old_ones(client, user, token):
    old_codes = enable_2fa(client, user, token)["backup_codes"]
    regenerated = client.post(f"/2fa/backup-codes/regenerate/user/{user['id']}", headers=bearer(token))
    new_codes = regenerated.get_json()["backup_codes"]
    assert regenerated.status_code == 200 and len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    challenge = login(client, user["email"]).get_json()
    assert (
        client.post(
            f"/2fa/verify/user/{user['id']}", json={"code": old_codes[1], "two_fa_token": challenge["two_fa_token"]}
        ).status_code
        == 401
    )
    challenge = login(client, user["email"]).get_json()
    assert (
        client.post(
            f"/2fa/verify/user/{user['id']}", json={"code": new_codes[0], "two_fa_token": challenge["two_fa_token"]}
        ).status_code
        == 200
    )


def test_01_9_secret_removed_in_database_means_no_challenge(app, client, user, token):
    enable_2fa(client, user, token)
    with app.app_context():
        session = get_session()
        session.execute(update(User).where(User.id == user["id"]).values(totp_secret=None))
        session.commit()
    assert "token" in login(client, user["email"]).get_json()


def test_01_10_wrong_password_changes_nothing(app, client, user, token):
    """Also 01 edge cases 1-3: another user's id is 403; malformed codes 400; a wrong code keeps PENDING."""
    refused = client.post(f"/2fa/enable/user/{user['id']}", json={"password": "wrong"}, headers=bearer(token))
    assert refused.status_code == 401 and refused.get_json()["message"] == "Incorrect password"
    with app.app_context():
        assert get_session().get(User, user["id"]).totp_secret is None
    other = ready_user(client, "other@example.com")
    assert client.post(f"/2fa/enable/user/{other['id']}", json={"password": PASSWORD}, headers=bearer(token)).status_code == 403
    client.post(f"/2fa/enable/user/{user['id']}", json={"password": PASSWORD}, headers=bearer(token))
    for bad in ("12345", "abcdef"):
        assert client.post(f"/2fa/verify-setup/user/{user['id']}", json={"code": bad}, headers=bearer(token)).status_code == 400
    wrong = client.post(f"/2fa/verify-setup/user/{user['id']}", json={"code": "000000"}, headers=bearer(token))
    assert wrong.status_code == 400 and wrong.get_json() == {"verified": False, "message": "Invalid code"}
    assert client.get(f"/2fa/status/user/{user['id']}", headers=bearer(token)).get_json()["is_2fa_enabled"] is False
    assert client.post(f"/2fa/enable/user/{user['id']}", json={"password": PASSWORD}, headers=ADMIN_HEADERS).status_code == 403


def test_02_20_challenge_burns_after_five_wrong_codes(client, user, token):
    secret = enable_2fa(client, user, token)["totp_secret"]
    clock.travel(NEXT_STEP)
    challenge = login(client, user["email"]).get_json()["two_fa_token"]
    for _ in range(5):
        assert (
            client.post(f"/2fa/verify/user/{user['id']}", json={"code": "000000", "two_fa_token": challenge}).status_code == 401
        )
    burned = client.post(f"/2fa/verify/user/{user['id']}", json={"code": totp(secret), "two_fa_token": challenge})
    assert burned.status_code == 401 and burned.get_json()["message"] == "Verification expired, please log in again"
    fresh = login(client, user["email"]).get_json()["two_fa_token"]
    assert client.post(f"/2fa/verify/user/{user['id']}", json={"code": totp(secret), "two_fa_token": fresh}).status_code == 200


def test_challenge_token_is_bound_to_its_user_and_accepted_as_bearer(client, user, token):
    secret = enable_2fa(client, user, token)["totp_secret"]
    clock.travel(NEXT_STEP)
    other = ready_user(client, "second@example.com")
    challenge = login(client, user["email"]).get_json()["two_fa_token"]
    assert (
        client.post(f"/2fa/verify/user/{other['id']}", json={"code": totp(secret), "two_fa_token": challenge}).status_code == 401
    )
    as_bearer = client.post(f"/crm/2fa/verify/user/{user['id']}", json={"code": totp(secret)}, headers=bearer(challenge))
    assert as_bearer.status_code == 200 and as_bearer.get_json()["verified"] is True


def test_02_24_admin_disable_resets_2fa_and_is_audited(app, client, user, token):
    enable_2fa(client, user, token)
    other = ready_user(client, "nonadmin@example.com")
    other_token = login(client, other["email"]).get_json()["token"]
    assert client.post(f"/2fa/admin/disable/user/{user['id']}", headers=bearer(other_token)).status_code == 403
    reset = client.post(
        f"/2fa/admin/disable/user/{user['id']}", headers=ADMIN_HEADERS, environ_base={"REMOTE_ADDR": "192.0.2.10"}
    )
    assert reset.status_code == 200 and "can now log in with password only" in reset.get_json()["message"]
    assert "token" in login(client, user["email"]).get_json()
    assert client.get("/crm/profile", headers=bearer(token)).status_code == 401, "the old sessions were revoked"
    with app.app_context():
        row = get_session().query(Activity).filter_by(action="2fa_admin_reset").one()
        assert row.actor == "api_key:test admin" and row.ip_address == "192.0.2.10"
    assert client.post(f"/2fa/admin/disable/user/{user['id']}", headers=ADMIN_HEADERS).status_code == 409


def test_reset_for_new_device_consumes_a_backup_code(client, user, token):
    enrolment = enable_2fa(client, user, token)
    bad = client.post(f"/2fa/reset-for-new-device/user/{user['id']}", json={"backup_code": "11111111"}, headers=bearer(token))
    assert bad.status_code == 400
    moved = client.post(
        f"/2fa/reset-for-new-device/user/{user['id']}", json={"backup_code": enrolment["backup_codes"][0]}, headers=bearer(token)
    )
    assert moved.status_code == 200 and moved.get_json()["totp_secret"] != enrolment["totp_secret"]
    assert client.get(f"/2fa/status/user/{user['id']}", headers=bearer(token)).get_json()["is_2fa_enabled"] is False
