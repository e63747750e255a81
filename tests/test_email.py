"""E-mail through Mailjet (06 B11 and API "Email / communications"): every e-mail is a communication row,
delivered by the official SDK to the Mailjet simulator after the business transaction commits."""

from __future__ import annotations

import time

import requests
from conftest import ADMIN_HEADERS
from customer_helpers import add_contact, create_customer
from identity_helpers import PASSWORD, bearer, login, ready_user
from mail_helpers import TEMPLATE_IDS, delivered, mail_app_fixture, mailjet_fixture  # noqa: F401
from sqlalchemy import select

from omnicrm.db import get_session
from omnicrm.notify.models import Communication
from omnicrm.notify.outbox import queue_email
from omnicrm.sandbox import mailjet as mailjet_module

RESET = "api_crmCommunicationUserPasswordReset"
CHANGE = "api_crmCommunicationUserPasswordChange"


def rows(app, template_key: str) -> list[Communication]:
    with app.app_context():
        query = select(Communication).where(Communication.template_key == template_key).order_by(Communication.communication_id)
        return list(get_session().scalars(query))


def settled(app, template_key: str, timeout: float = 10.0) -> Communication:
    """The newest row of this type, once the background delivery has left `queued`."""
    deadline = time.monotonic() + timeout
    while True:
        row = rows(app, template_key)[-1]
        if row.status != "queued" or time.monotonic() > deadline:
            return row
        time.sleep(0.02)


def fail_sends(mailjet, status: int, times: int) -> None:
    rule = {"method": "POST", "path": "/v3.1/send", "status": status, "times": times}
    assert requests.post(f"{mailjet.url}/sandbox/failures", json=rule, timeout=5).ok


def test_email_is_sent_after_commit_with_every_variable_and_secrets_kept_out_of_the_log(mail_app, mailjet):
    """Forgot password: Mailjet receives the template id, TemplateLanguage, the subject, CustomID and every documented
    variable (the real reset link); the row is `sent` with Mailjet's ids; the stored variables show the link as ***."""
    client = mail_app.test_client()
    ready_user(client, "forgot@example.com")
    assert client.post("/auth/forgot_password", json={"email": "forgot@example.com"}).status_code == 200
    [message] = delivered(mailjet, RESET)
    row = settled(mail_app, RESET)
    assert (row.status, row.attempts, row.error) == ("sent", 1, None)
    assert message["To"][0]["Email"] == "forgot@example.com" and row.provider_message_id == str(message["To"][0]["MessageID"])
    assert row.provider_message_uuid == message["To"][0]["MessageUUID"] and row.sent_at is not None
    assert (message["TemplateID"], message["TemplateLanguage"], message["CustomID"]) == (
        TEMPLATE_IDS[RESET],
        True,
        f"comm-{row.communication_id}",
    )
    assert message["From"]["Email"] == "crm@example.com" and message["Subject"] == f"Subject {RESET}"
    assert set(message["Variables"]) == {"user_name", "reset_url", "expiry_time"}
    assert "/reset-password/" in message["Variables"]["reset_url"] and message["Variables"]["expiry_time"] == "1 hour"
    assert row.variables["reset_url"] == "***" and row.variables["user_name"] == message["Variables"]["user_name"]
    token = message["Variables"]["reset_url"].rsplit("/", 1)[1]
    assert client.post("/auth/reset_password", json={"token": token, "new_password": "NewSecureP@ssw0rd!"}).status_code == 200


def test_email_without_mailjet_is_skipped_and_the_action_still_completes(app, client):
    ready_user(client, "nomail@example.com")
    assert client.post("/auth/forgot_password", json={"email": "nomail@example.com"}).status_code == 200
    [row] = rows(app, RESET)
    assert row.status == "skipped" and "mailjet.api_key" in row.error and row.variables["reset_url"] == "***"


def test_rate_limits_and_server_errors_are_retried_then_sent(mail_app, mailjet):
    client = mail_app.test_client()
    ready_user(client, "retry@example.com")
    delivered(mailjet, CHANGE)  # the user's set-up e-mail is out before the outage starts
    fail_sends(mailjet, 500, 1)
    fail_sends(mailjet, 429, 1)
    client.post("/auth/forgot_password", json={"email": "retry@example.com"})
    row = settled(mail_app, RESET)
    assert (row.status, row.attempts) == ("sent", 3)
    assert len(delivered(mailjet, RESET)) == 1


def test_an_outage_fails_after_four_attempts_and_refusals_fail_at_once(mail_app, mailjet):
    """429/5xx four times: `failed` after 1 + 3 retries. A template Mailjet does not know: `failed` at the first
    attempt with Mailjet's message. Bad credentials: `failed` at once too."""
    client = mail_app.test_client()
    ready_user(client, "outage@example.com")
    delivered(mailjet, CHANGE)
    fail_sends(mailjet, 503, 4)
    client.post("/auth/forgot_password", json={"email": "outage@example.com"})
    row = settled(mail_app, RESET)
    assert (row.status, row.attempts) == ("failed", 4) and row.sent_at is None

    sim = mailjet.app.extensions["sandbox"]
    sim.missing_templates.add(TEMPLATE_IDS["api_crmCommunicationUserPasswordChange"])
    token = login(client, "outage@example.com").get_json()["token"]
    changed = client.post(
        "/crm/auth/change_password",
        json={"current_password": PASSWORD, "new_password": "OtherSecureP@ss1!"},
        headers=bearer(token),
    )
    assert changed.status_code == 200, changed.get_json()
    refused = settled(mail_app, "api_crmCommunicationUserPasswordChange")
    assert (refused.status, refused.attempts) == ("failed", 1) and "template" in refused.error.lower()

    sim.api_secret = "rotated"
    try:
        client.post(
            "/auth/users/{}/send_welcome_email".format(ready_user(client, "creds@example.com")["id"]), headers=ADMIN_HEADERS
        )
        denied = settled(mail_app, "api_crmCommunicationUserWelcome")
    finally:
        sim.api_secret = mailjet_module.DEFAULT_API_SECRET
    assert (denied.status, denied.attempts) == ("failed", 1) and "credentials" in denied.error


def test_templates_listing_and_test_email(mail_app, mailjet, make_app):
    """GET templates: the ten keys, configured, never the API credentials. POST test_email: 400 for an unknown key or
    a bad address, 200 with the row `sent` and sample values for the variables left out; 409 when Mailjet is not
    configured; staff without admin: 403."""
    client = mail_app.test_client()
    listing = client.get("/crm/communication/templates", headers=ADMIN_HEADERS)
    assert listing.status_code == 200 and len(listing.get_json()) == 10
    assert all(row["configured"] for row in listing.get_json()) and "sandbox-mailjet" not in listing.get_data(as_text=True)
    for body in ({"template_key": "nope", "to_email": "a@example.com"}, {"template_key": RESET, "to_email": "not-an-address"}):
        assert client.post("/crm/communication/test_email", json=body, headers=ADMIN_HEADERS).status_code == 400
    sent = client.post(
        "/crm/communication/test_email",
        json={"template_key": RESET, "to_email": "ops@example.com", "variables": {"user_name": "Ops"}},
        headers=ADMIN_HEADERS,
    )
    assert sent.status_code == 200 and sent.get_json()["status"] == "sent", sent.get_json()
    [message] = delivered(mailjet, RESET)
    assert message["Variables"] == {"user_name": "Ops", "reset_url": "sample reset_url", "expiry_time": "sample expiry_time"}
    assert sent.get_json()["variables"]["reset_url"] == "***"
    staff = login(client, ready_user(client, "staff@example.com")["email"]).get_json()["token"]
    assert client.get("/crm/communication/templates", headers=bearer(staff)).status_code == 403
    unconfigured = make_app().test_client()
    refused = unconfigured.post(
        "/crm/communication/test_email", json={"template_key": RESET, "to_email": "a@example.com"}, headers=ADMIN_HEADERS
    )
    assert refused.status_code == 409
    assert [row["configured"] for row in unconfigured.get("/crm/communication/templates", headers=ADMIN_HEADERS).get_json()] == [
        False
    ] * 10


def test_customer_email_log_newest_first(app, client):
    customer = create_customer(client, "Log Ltd")
    other = create_customer(client, "Other Ltd")
    with app.app_context():
        session = get_session()
        for n in range(3):
            queue_email(
                session, "api_crmCommunicationCustomerWelcome", f"c{n}@example.com", {}, customer_id=customer["customer_id"]
            )
        queue_email(session, "api_crmCommunicationCustomerWelcome", "x@example.com", {}, customer_id=other["customer_id"])
        session.commit()
    log = client.get(f"/crm/communication/customer_id/{customer['customer_id']}?per_page=2", headers=ADMIN_HEADERS).get_json()
    assert log["pagination"]["total_items"] == 3 and [row["to_email"] for row in log["data"]] == [
        "c2@example.com",
        "c1@example.com",
    ]
    assert log["data"][0]["variables"] == {
        name: "" for name in ("customer_name", "email", "company_name", "login_url", "support_url")
    }
    assert client.get("/crm/communication/customer_id/999999", headers=ADMIN_HEADERS).status_code == 404


def test_customer_welcome_goes_once_to_every_contact_with_an_address(mail_app, mailjet):
    """Staff create a customer with a contact: one welcome to it. Its first live service sends nothing more. A
    customer created without an address gets its welcome when its first service goes live, to each contact."""
    client = mail_app.test_client()
    welcome = "api_crmCommunicationCustomerWelcome"
    first = create_customer(
        client,
        "Wel Come Ltd",
        customer_account_type="Business",
        contact={"contact_firstname": "Ann", "contact_email": "ann@example.com"},
    )
    service = {"customer_id": first["customer_id"], "service_name": "Mobile", "service_type": "mobile"}
    assert client.put("/crm/service/", json=service, headers=ADMIN_HEADERS).status_code == 200
    [message] = delivered(mailjet, welcome)
    assert message["To"] == [{**message["To"][0], "Email": "ann@example.com", "Name": "Ann"}]
    assert message["Variables"]["company_name"] == "Wel Come Ltd" and message["Variables"]["login_url"].endswith("/login")

    later = create_customer(client, "Later Ltd")
    for email in ("one@example.com", "two@example.com"):
        add_contact(client, later["customer_id"], contact_email=email)
    assert len(delivered(mailjet, welcome, count=2, timeout=0.5)) == 1, "no address at creation: no welcome yet"
    service["customer_id"] = later["customer_id"]
    client.put("/crm/service/", json=service, headers=ADMIN_HEADERS)
    client.put("/crm/service/", json=service, headers=ADMIN_HEADERS)
    received = delivered(mailjet, welcome, count=4, timeout=2)
    assert sorted(m["To"][0]["Email"] for m in received) == ["ann@example.com", "one@example.com", "two@example.com"]


def test_admin_reset_tells_the_user_who_changed_the_password(mail_app, mailjet):
    client = mail_app.test_client()
    user = ready_user(client, "reset-by-admin@example.com")
    assert client.post(f"/auth/users/{user['id']}/admin_reset_password", json={}, headers=ADMIN_HEADERS).status_code == 200
    messages = delivered(mailjet, CHANGE, count=2)  # ready_user's set-up reset is the other one
    assert [m["Variables"]["changed_by"] for m in messages] == ["api_key:test admin"] * 2
    message = messages[-1]
    assert message["To"][0]["Email"] == user["email"]
    assert message["Variables"]["change_date"].endswith(" UTC")
