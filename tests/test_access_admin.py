"""Users, roles, permissions, API keys and impersonation administration (01 §11, 02 §10, 07 acceptance checks)."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta

import pytest
from conftest import ADMIN_HEADERS
from identity_helpers import PASSWORD, bearer, login, ready_user
from mail_helpers import delivered, mail_app_fixture, mailjet_fixture  # noqa: F401
from sqlalchemy import select, update

from omnicrm import clock
from omnicrm.activity.models import Activity
from omnicrm.auth.models import ApiKey
from omnicrm.auth.principal import require
from omnicrm.db import get_session
from omnicrm.notify.models import Communication


@pytest.fixture
def guarded_app(make_app):
    """The app plus two probe routes guarded by catalogue permissions (customer endpoints come with their feature)."""
    app = make_app()

    @app.route("/crm/probe/view_customer")
    @require("view_customer")
    def probe_view():
        return {"ok": True}

    @app.route("/crm/probe/create_provision", methods=["POST"])
    @require("create_provision")
    def probe_create():
        return {"ok": True}

    return app


def permission_id(client, name: str) -> int:
    return next(p["id"] for p in client.get("/auth/permissions", headers=ADMIN_HEADERS).get_json() if p["name"] == name)


def role_id(client, name: str) -> int:
    return next(r["id"] for r in client.get("/auth/roles", headers=ADMIN_HEADERS).get_json() if r["name"] == name)


# ------------------------------------------------------------------ users and roles


def test_07_27_user_with_two_roles_has_their_union(client):
    created = client.post(
        "/crm/auth/users",
        json={
            "username": "jsmith",
            "email": "J.Smith@example.com",
            "password": PASSWORD,
            "first_name": "John",
            "last_name": "Smith",
            "role": "Support, Finance",
        },
        headers=ADMIN_HEADERS,
    )
    assert created.status_code == 201
    body = created.get_json()
    assert body["roles"] == ["Finance", "Support"] and body["email"] == "j.smith@example.com"
    detail = client.get(f"/crm/auth/users/{body['id']}", headers=ADMIN_HEADERS).get_json()
    assert {"view_customer", "view_provision", "view_customer_invoice", "create_customer_invoice"} <= set(detail["permissions"])
    assert not {"password", "password_hash"} & set(detail) and PASSWORD not in json.dumps(detail)


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"role": "Nonexistent"}, 400, None),
        ({"password": "password1"}, 400, "password"),
        ({"email": "not-an-email"}, 400, "email"),
        ({"first_name": ""}, 400, "first_name"),
    ],
)
def test_bad_user_input_creates_nothing(client, change, status, field):
    body = {"email": "bad@example.com", "password": PASSWORD, "first_name": "B", "last_name": "Ad", "role": "Support", **change}
    response = client.post("/auth/users", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == status
    if field:
        assert field in response.get_json()["errors"]
    assert client.get("/auth/users?search=bad@", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"] == 0


def test_duplicate_user_is_409(client):
    ready_user(client, "dup@example.com")
    body = {"email": "DUP@example.com", "password": PASSWORD, "first_name": "D", "last_name": "Up", "role": "Support"}
    assert client.post("/auth/users", json=body, headers=ADMIN_HEADERS).status_code == 409


def test_07_28_roles_are_admin_only_and_unique_case_insensitively(client):
    support = ready_user(client, "support@example.com")
    token = login(client, support["email"]).get_json()["token"]
    refused = client.post("/crm/auth/roles", json={"name": "Tier2_Support"}, headers=bearer(token))
    assert refused.status_code == 403
    created = client.post("/crm/auth/roles", json={"name": "Tier2_Support", "description": "Second line"}, headers=ADMIN_HEADERS)
    assert created.status_code == 201 and created.get_json()["permissions"] == []
    assert client.post("/crm/auth/roles", json={"name": "tier2_support"}, headers=ADMIN_HEADERS).status_code == 409
    for protected in ("Admin", "Customer"):
        assert client.delete(f"/auth/roles/{role_id(client, protected)}", headers=ADMIN_HEADERS).status_code == 409
    for path in ("/auth/users", "/auth/permissions", "/auth/roles", "/auth/impersonation_logs"):
        assert client.get(path, headers=bearer(token)).status_code == 403


def test_07_29_role_permission_changes_apply_immediately(guarded_app):
    client = guarded_app.test_client()
    role = client.post("/auth/roles", json={"name": "Probe"}, headers=ADMIN_HEADERS).get_json()
    grant = {"permission_ids": [permission_id(client, "view_customer"), permission_id(client, "create_provision")]}
    assert client.post(f"/auth/roles/{role['id']}/permissions", json=grant, headers=ADMIN_HEADERS).status_code == 200
    user = ready_user(client, "probe@example.com", role="Probe")
    token = login(client, user["email"]).get_json()["token"]
    assert client.post("/crm/probe/create_provision", headers=bearer(token)).status_code == 200
    removed = client.delete(
        f"/auth/roles/{role['id']}/permissions/{permission_id(client, 'create_provision')}", headers=ADMIN_HEADERS
    )
    assert removed.get_json()["permissions"] == ["view_customer"]
    denied = client.post("/crm/probe/create_provision", headers=bearer(token))
    assert denied.status_code == 403 and denied.get_json()["message"] == "Permission denied: requires create_provision"
    assert client.get("/crm/probe/view_customer", headers=bearer(token)).status_code == 200
    unknown = client.post(
        f"/auth/roles/{role['id']}/permissions",
        json={"permission_ids": [permission_id(client, "view_product"), 99999]},
        headers=ADMIN_HEADERS,
    )
    assert unknown.status_code == 404
    roles_now = {r["name"]: r for r in client.get("/auth/roles", headers=ADMIN_HEADERS).get_json()}
    assert roles_now["Probe"]["permissions"] == ["view_customer"], "nothing of a refused grant is applied"


def test_07_30_deleted_user_is_locked_out_and_can_be_restored(client):
    user = ready_user(client, "gone@example.com")
    token = login(client, user["email"]).get_json()["token"]
    assert client.delete(f"/auth/users/{user['id']}", headers=ADMIN_HEADERS).status_code == 200
    assert client.get("/crm/profile", headers=bearer(token)).status_code == 401
    assert login(client, user["email"]).status_code == 401
    restored = client.put(f"/auth/users/{user['id']}", json={"deleted": False}, headers=ADMIN_HEADERS)
    assert restored.status_code == 200 and restored.get_json()["deleted"] is False
    assert login(client, user["email"]).status_code == 200


def test_last_admin_and_self_cannot_be_removed(client):
    admin = ready_user(client, "boss@example.com", role="Admin")
    token = login(client, admin["email"]).get_json()["token"]
    assert client.delete(f"/auth/users/{admin['id']}", headers=bearer(token)).status_code == 409
    assert client.put(f"/auth/users/{admin['id']}", json={"roles": ["Support"]}, headers=ADMIN_HEADERS).status_code == 409
    second = ready_user(client, "boss2@example.com", role="Admin")
    assert client.delete(f"/auth/users/{second['id']}", headers=bearer(token)).status_code == 200


def test_user_search_filters(client):
    ready_user(client, "alice@corp.example", role="Finance")
    ready_user(client, "bob@other.example", role="Support")
    found = client.get('/auth/users/search?filters={"role": ["finance"]}', headers=ADMIN_HEADERS).get_json()
    assert [row["email"] for row in found["data"]] == ["alice@corp.example"]
    by_domain = client.get('/auth/users/search?filters={"email_domain": "other.example"}', headers=ADMIN_HEADERS).get_json()
    assert [row["email"] for row in by_domain["data"]] == ["bob@other.example"]
    assert client.get("/auth/users/search?filters=nope", headers=ADMIN_HEADERS).status_code == 400
    assert client.get("/auth/users?search=ALICE", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"] == 1


def test_user_may_read_itself_but_not_others(client):
    first, second = ready_user(client, "first@example.com"), ready_user(client, "second@example.com")
    token = login(client, first["email"]).get_json()["token"]
    assert client.get(f"/auth/users/{first['id']}", headers=bearer(token)).status_code == 200
    assert client.get(f"/auth/users/{second['id']}", headers=bearer(token)).status_code == 403


def test_02_25_welcome_email_only_before_first_login(mail_app, mailjet):
    client = mail_app.test_client()
    user = ready_user(client, "welcome@example.com")
    sent = client.post(f"/auth/users/{user['id']}/send_welcome_email", headers=ADMIN_HEADERS)
    assert sent.status_code == 200
    with mail_app.app_context():
        mail = (
            get_session()
            .scalars(select(Communication).where(Communication.template_key == "api_crmCommunicationUserWelcome"))
            .one()
        )
        assert mail.recipient == "welcome@example.com" and mail.variables["set_password_url"] == "***"
    [message] = delivered(mailjet, "api_crmCommunicationUserWelcome")
    assert "/reset-password/" in message["Variables"]["set_password_url"] and message["Variables"]["email"] == user["email"]
    login(client, user["email"])
    assert client.post(f"/auth/users/{user['id']}/send_welcome_email", headers=ADMIN_HEADERS).status_code == 409


# ------------------------------------------------------------------ API keys


def create_key(client, **body):
    payload = {"name": "Billing Sync", "expiry_date": "2099-01-10", "permissions": ["view_customer"], **body}
    return client.post("/crm/api-keys", json=payload, headers=ADMIN_HEADERS)


def test_01_11_create_key_shows_it_once(client, caplog):
    """Also 01 check 12 (masked in the list, summary counts) and edge case 9 (never in logs)."""
    before = client.get("/crm/api-keys", headers=ADMIN_HEADERS).get_json()["summary"]["total"]
    with caplog.at_level(logging.DEBUG):
        response = create_key(client)
    assert response.status_code == 201
    body = response.get_json()
    assert re.fullmatch(r"sk_live_[a-z0-9]{40}", body["api_key"])
    assert body["status"] == "active" and body["expiry_date"] == "2099-01-10T23:59:59Z"
    listing = client.get("/crm/api-keys", headers=ADMIN_HEADERS).get_json()
    assert listing["summary"]["total"] == before + 1
    [item] = [row for row in listing["data"] if row["api_key_id"] == body["api_key_id"]]
    assert item["api_key_masked"] == "sk_live_..." + body["api_key"][-4:]
    assert body["api_key"] not in json.dumps(listing) and body["api_key"] not in caplog.text
    detail = client.get(f"/crm/api-keys/{body['api_key_id']}", headers=ADMIN_HEADERS).get_json()
    assert body["api_key"] not in json.dumps(detail) and "key_hash" not in detail


def test_01_13_key_permissions_apply_and_bearer_is_refused(guarded_app):
    client = guarded_app.test_client()
    key = create_key(client).get_json()["api_key"]
    assert client.get("/crm/probe/view_customer", headers={"X-API-KEY": key}).status_code == 200
    assert client.post("/crm/probe/create_provision", headers={"X-API-KEY": key}).status_code == 403
    assert client.get("/crm/probe/view_customer", headers=bearer(key)).status_code == 401


def test_01_14_regenerate_kills_the_old_value(guarded_app):
    """Also check 15: delete, then the key and its detail are gone."""
    client = guarded_app.test_client()
    created = create_key(client).get_json()
    regenerated = client.post(f"/crm/api-keys/{created['api_key_id']}/regenerate", headers=ADMIN_HEADERS).get_json()
    assert regenerated["api_key"] != created["api_key"]
    assert (regenerated["name"], regenerated["permissions"], regenerated["api_key_id"]) == (
        created["name"],
        created["permissions"],
        created["api_key_id"],
    )
    assert client.get("/crm/probe/view_customer", headers={"X-API-KEY": created["api_key"]}).status_code == 401
    assert client.get("/crm/probe/view_customer", headers={"X-API-KEY": regenerated["api_key"]}).status_code == 200
    assert client.delete(f"/crm/api-keys/{created['api_key_id']}", headers=ADMIN_HEADERS).get_json() == {"result": "success"}
    assert client.get("/crm/probe/view_customer", headers={"X-API-KEY": regenerated["api_key"]}).status_code == 401
    assert client.get(f"/crm/api-keys/{created['api_key_id']}", headers=ADMIN_HEADERS).status_code == 404


def test_01_16_expiring_soon_counts_as_active(client):
    soon = (clock.now() + timedelta(days=10)).date().isoformat()
    created = create_key(client, name="Soon", expiry_date=soon).get_json()
    assert created["expiring_soon"] is True and created["status"] == "active"
    for status in ("expiring_soon", "active"):
        listed = client.get(f"/crm/api-keys?status={status}", headers=ADMIN_HEADERS).get_json()
        assert created["api_key_id"] in [row["api_key_id"] for row in listed["data"]]
    summary = listed["summary"]
    assert summary["active"] == 1 and summary["expiring_soon"] == 1
    assert client.get("/crm/api-keys?status=bogus", headers=ADMIN_HEADERS).status_code == 400


def test_01_17_expired_key_is_refused_until_its_expiry_is_removed(app, guarded_app):
    client = guarded_app.test_client()
    created = create_key(client).get_json()
    with guarded_app.app_context():
        session = get_session()
        session.execute(
            update(ApiKey).where(ApiKey.api_key_id == created["api_key_id"]).values(expiry_date=clock.now() - timedelta(days=1))
        )
        session.commit()
    listed = client.get("/crm/api-keys?status=expired", headers=ADMIN_HEADERS).get_json()["data"]
    assert [row["status"] for row in listed] == ["expired"]
    refused = client.get("/crm/probe/view_customer", headers={"X-API-KEY": created["api_key"]})
    assert refused.status_code == 401 and refused.get_json()["message"] == "API key expired"
    patched = client.patch(f"/crm/api-keys/{created['api_key_id']}", json={"expiry_date": None}, headers=ADMIN_HEADERS)
    assert patched.get_json()["status"] == "active" and patched.get_json()["expiry_date"] is None
    assert client.get("/crm/probe/view_customer", headers={"X-API-KEY": created["api_key"]}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"expiry_date": "2020-01-01"},
        {"expiry_date": "2026-13-01"},
        {"name": ""},
        {"name": "x" * 101},
        {"permissions": []},
        {"permissions": ["fly_to_the_moon"]},
        {"description": "d" * 501},
    ],
)
def test_01_18_invalid_key_requests_create_nothing(client, body):
    """Also 01 edge case 7."""
    response = create_key(client, **body)
    assert response.status_code == 400
    assert client.get("/crm/api-keys", headers=ADMIN_HEADERS).get_json()["summary"]["total"] == 0


def test_01_19_non_admin_cannot_manage_keys(client):
    support = ready_user(client, "keys@example.com")
    token = login(client, support["email"]).get_json()["token"]
    assert client.get("/crm/api-keys", headers=bearer(token)).status_code == 403


def test_key_patch_refuses_read_only_fields_and_changes_nothing(client):
    """01 edge case 8, and permission aliases are normalised."""
    created = create_key(client, permissions=["VIEW_SERVICE", "view_invoice"]).get_json()
    assert created["permissions"] == ["view_customer_invoice", "view_customer_service"]
    refused = client.patch(
        f"/crm/api-keys/{created['api_key_id']}", json={"name": "Renamed", "created_by": "me"}, headers=ADMIN_HEADERS
    )
    assert refused.status_code == 400 and refused.get_json()["errors"] == {"created_by": "field is not editable"}
    assert client.get(f"/crm/api-keys/{created['api_key_id']}", headers=ADMIN_HEADERS).get_json()["name"] == "Billing Sync"
    assert create_key(client).status_code == 409


def test_key_use_is_recorded(guarded_app):
    client = guarded_app.test_client()
    created = create_key(client).get_json()
    client.get("/crm/probe/view_customer", headers={"X-API-KEY": created["api_key"]}, environ_base={"REMOTE_ADDR": "192.0.2.77"})
    detail = client.get(f"/crm/api-keys/{created['api_key_id']}", headers=ADMIN_HEADERS).get_json()
    assert detail["last_used"] is not None and detail["last_used_ip"] == "192.0.2.77"


# ------------------------------------------------------------------ impersonation and secrets


def test_impersonation_is_audited_and_acts_with_the_target_permissions(app, client):
    staff = ready_user(client, "care@example.com", role="Support")
    client.post(
        f"/auth/roles/{role_id(client, 'Support')}/permissions",
        json={"permission_id": permission_id(client, "can_impersonate")},
        headers=ADMIN_HEADERS,
    )
    target = ready_user(client, "cust@example.com", role="Customer")
    staff_token = login(client, staff["email"]).get_json()["token"]
    started = client.post("/auth/impersonate", json={"user_id": target["id"]}, headers=bearer(staff_token))
    assert started.status_code == 200
    body = started.get_json()
    assert body["impersonating_user_id"] == staff["id"] and body["target_user_id"] == target["id"]
    assert body["roles"] == ["Customer"]
    acting = bearer(body["token"])
    assert client.get("/crm/profile", headers=acting).get_json()["email"] == "cust@example.com"
    assert (
        client.post(
            "/auth/change_password", json={"current_password": PASSWORD, "new_password": "Other!Passw0rd"}, headers=acting
        ).status_code
        == 403
    )
    assert client.post("/auth/impersonate", json={"user_id": target["id"]}, headers=bearer(staff_token)).status_code == 409
    stopped = client.post("/auth/stop_impersonation", headers=acting)
    assert stopped.status_code == 200 and stopped.get_json()["user"]["id"] == staff["id"]
    assert client.get("/crm/profile", headers=acting).status_code == 401
    logs = client.get("/auth/impersonation_logs", headers=ADMIN_HEADERS).get_json()
    assert logs[0]["impersonating_user_id"] == staff["id"] and logs[0]["impersonation_end"] is not None
    with app.app_context():
        actions = [row.action for row in get_session().scalars(select(Activity).where(Activity.object_type == "impersonation"))]
    assert actions == ["impersonation_start", "impersonation_end"]
    admin = ready_user(client, "chief@example.com", role="Admin")
    assert client.post("/auth/impersonate", json={"user_id": admin["id"]}, headers=bearer(staff_token)).status_code == 403


def test_impersonating_a_user_who_must_change_password_is_not_a_trap(client):
    staff = ready_user(client, "boss3@example.com", role="Admin")
    fresh = client.post(
        "/auth/users",
        json={"email": "new@example.com", "password": PASSWORD, "first_name": "N", "last_name": "U", "role": "Customer"},
        headers=ADMIN_HEADERS,
    ).get_json()
    staff_token = login(client, staff["email"]).get_json()["token"]
    acting = bearer(
        client.post("/auth/impersonate", json={"user_id": fresh["id"]}, headers=bearer(staff_token)).get_json()["token"]
    )
    assert client.get("/crm/profile", headers=acting).status_code == 200
    assert client.post("/auth/stop_impersonation", headers=acting).status_code == 200


def test_no_secret_reaches_logs_or_the_activity_log(app, client, caplog):
    with caplog.at_level(logging.DEBUG):
        user = ready_user(client, "secret@example.com")
        body = login(client, user["email"]).get_json()
        enrolment = client.post(
            f"/2fa/enable/user/{user['id']}", json={"password": PASSWORD}, headers=bearer(body["token"])
        ).get_json()
        key = create_key(client).get_json()["api_key"]
    with app.app_context():
        activity = json.dumps([(row.description, row.changes_json) for row in get_session().scalars(select(Activity))])
    for secret in (PASSWORD, body["token"], body["refresh_token"], enrolment["totp_secret"], key, *enrolment["backup_codes"]):
        assert secret not in caplog.text and secret not in activity
    profile = client.get("/crm/profile", headers=bearer(body["token"])).get_json()
    assert "totp_secret" not in profile and "password_hash" not in profile


def test_04_29_impersonated_changes_name_both_users_and_the_duration_is_kept(app, client):
    """POST /auth/impersonate by a can_impersonate user → 200 with both ids, the start and tokens, and an open log
    row; a PATCH made with the returned token writes an activity row with user_id = the target and
    impersonating_user_id = the staff member; stopping 15 minutes later → duration_seconds 900, stored on the log.
    Also 04 check 30: without can_impersonate → 403."""
    staff = ready_user(client, "lead@example.com", role="Support")
    client.post(
        f"/auth/roles/{role_id(client, 'Support')}/permissions",
        json={"permission_id": permission_id(client, "can_impersonate")},
        headers=ADMIN_HEADERS,
    )
    target = ready_user(client, "agent@example.com", role="Finance")
    outsider = ready_user(client, "viewer@example.com", role="Read_Only_Auditor")
    refused = client.post(
        "/auth/impersonate", json={"user_id": target["id"]}, headers=bearer(login(client, outsider["email"]).get_json()["token"])
    )
    assert refused.status_code == 403
    started = client.post(
        "/auth/impersonate", json={"user_id": target["id"]}, headers=bearer(login(client, staff["email"]).get_json()["token"])
    ).get_json()
    assert (started["success"], started["impersonating_user_id"], started["target_user_id"]) == (True, staff["id"], target["id"])
    assert started["impersonation_start"] and started["token"]
    customer = client.put("/crm/customer/", json={"customer_name": "Imp Ltd"}, headers=ADMIN_HEADERS).get_json()
    client.post(
        f"/auth/roles/{role_id(client, 'Finance')}/permissions",
        json={"permission_id": permission_id(client, "update_customer")},
        headers=ADMIN_HEADERS,
    )
    changed = client.patch(
        f"/crm/customer/customer_id/{customer['customer_id']}",
        json={"customer_name": "Imp Limited"},
        headers=bearer(started["token"]),
    )
    assert changed.status_code == 200, changed.get_json()
    with app.app_context():
        row = (
            get_session()
            .scalars(
                select(Activity).where(Activity.customer_id == customer["customer_id"]).order_by(Activity.activity_id.desc())
            )
            .first()
        )
        assert (row.user_id, row.impersonating_user_id) == (target["id"], staff["id"])
    clock.travel(timedelta(minutes=15))
    stopped = client.post("/auth/stop_impersonation", headers=bearer(started["token"])).get_json()
    # 15 minutes on the product's clock plus the few real seconds the requests above took
    assert 900 <= stopped["duration_seconds"] <= 905
    logs = client.get("/auth/impersonation_logs", headers=ADMIN_HEADERS).get_json()
    assert logs[0]["impersonation_duration"] == stopped["duration_seconds"]
