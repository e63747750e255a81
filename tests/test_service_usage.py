"""Usage and balances read live from the OCS simulator (spec 04 §21), call records, and the audited OCS proxy
(§22)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from conftest import ADMIN_HEADERS
from customer_helpers import add_contact, create_customer
from identity_helpers import bearer, login, ready_user
from services_helpers import (  # noqa: F401  (the *_fixture imports register the fixtures)
    GIB,
    TENANT,
    activity,
    client_fixture,
    control_fixture,
    customer_with_contact,
    ocs_fixture,
    ocs_sim_fixture,
    service,
)

from omnicrm import clock
from omnicrm.integrations.ocs import DATA, MONETARY, SMS, VOICE
from omnicrm.sandbox import ocs as ocs_sandbox
from omnicrm.sandbox.server import start
from omnicrm.services import usage

MINUTE_NS = 60 * 10**9


def read_usage(client, service_id: int, headers: dict = ADMIN_HEADERS) -> dict:
    response = client.get(f"/crm/service/{service_id}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["usage"]


def test_04_21_data_used_of_total(client, ocs):
    """*data bucket at 13421772800 B whose watermark is 21474836480 → 12.5 of 20.0 GB, 7.5 used, 62 %, green."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_u1")
    ocs.add_balance("Mobile_SIM_u1", DATA, 20 * GIB, balance_id="monthly_data_20GB", expiry_time="+720h", weight=10)
    first = read_usage(client, svc["service_id"])
    assert first["ocs_status"] == "ok" and first["balances"]["data"]["total"] == 20.0
    ocs.debit_balance("Mobile_SIM_u1", DATA, 7.5 * GIB, balance_id="monthly_data_20GB")
    data = read_usage(client, svc["service_id"])["balances"]["data"]
    assert (data["unit"], data["remaining"], data["total"], data["used"]) == ("GB", 12.5, 20.0, 7.5)
    assert (data["percent_remaining"], data["color"], data["remaining_raw"]) == (62, "green", 13421772800)
    assert data["buckets"][0]["id"] == "monthly_data_20GB" and data["next_expiry"] is not None


def test_04_22_voice_sms_and_money(client, ocs):
    """*voice 7.5e12 of 3e13 ns → 125 of 500 min, 25 %, yellow; *sms 45 of 250 → 18 %, red; *monetary 1550 of 2000 →
    15.50 of 20.00, 77 %, green. A mobile service always shows the four cards."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_u2")
    for balance_type, total in ((VOICE, 500 * MINUTE_NS), (SMS, 250), (MONETARY, 2000)):
        ocs.add_balance("Mobile_SIM_u2", balance_type, total, balance_id=f"b{balance_type}")
    read_usage(client, svc["service_id"])
    for balance_type, used in ((VOICE, 375 * MINUTE_NS), (SMS, 205), (MONETARY, 450)):
        ocs.debit_balance("Mobile_SIM_u2", balance_type, used, balance_id=f"b{balance_type}")
    cards = read_usage(client, svc["service_id"])["balances"]
    assert list(cards) == ["data", "voice", "sms", "monetary"]
    voice, sms, money = cards["voice"], cards["sms"], cards["monetary"]
    assert (voice["unit"], voice["remaining"], voice["total"], voice["percent_remaining"], voice["color"]) == (
        "min",
        125,
        500,
        25,
        "yellow",
    )
    assert (sms["remaining"], sms["total"], sms["percent_remaining"], sms["color"]) == (45, 250, 18, "red")
    assert (money["remaining"], money["total"], money["percent_remaining"], money["color"]) == (15.5, 20.0, 77, "green")
    assert cards["data"] == {**cards["data"], "total": 0, "remaining": 0, "percent_remaining": 0}


def test_04_23_colour_boundaries():
    """Ratios 0.5 and 0.2 → yellow; 0.1999 → red; 0.5001 → green; nothing left or a negative balance → red, 0 %."""
    total = Decimal(10000)
    assert [usage.colour(Decimal(n), total) for n in (5000, 2000, 1999, 5001)] == ["yellow", "yellow", "red", "green"]
    assert usage.colour(Decimal(-50), total) == "red" and usage.percent(Decimal(-50), total) == 0
    assert usage.percent(Decimal(0), Decimal(0)) == 0


def test_04_24_expired_and_never_expiring_buckets(client, ocs):
    """A bucket past its expiry (3 GB) is listed as expired and left out of the totals; a bucket with no expiry
    (CGRateS' zero time) never expires. Data units: MB below 1 GB, TB from 1024 GB."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_u3")
    ocs.add_balance("Mobile_SIM_u3", DATA, 3 * GIB, balance_id="short", expiry_time="+1h")
    ocs.add_balance("Mobile_SIM_u3", DATA, 512 * 1024**2, balance_id="forever")
    clock.travel(timedelta(hours=2))
    data = read_usage(client, svc["service_id"])["balances"]["data"]
    buckets = {bucket["id"]: bucket for bucket in data["buckets"]}
    assert buckets["short"]["expired"] is True and buckets["forever"]["never_expires"] is True
    assert (data["unit"], data["remaining"], data["total"]) == ("MB", 512, 512)
    assert usage._converter("data", Decimal(2048 * GIB))[0] == "TB"


def test_04_25_ocs_stopped_gives_last_known_values(make_app, ocs_sim):
    """With the OCS simulator stopped, GET /crm/service/{id} answers 200 with usage.ocs_status `unreachable` and the
    last balances read (`last_known`)."""
    own_sim = start(ocs_sandbox.create_app(default_tenant=TENANT))
    client = make_app(ocs={"cgrates": f"127.0.0.1:{own_sim.port}", "ocsTenant": TENANT, "timeout_seconds": 1}).test_client()
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_u4")
    from omnicrm.integrations.ocs import OcsClient

    OcsClient(f"127.0.0.1:{own_sim.port}", TENANT).add_balance("Mobile_SIM_u4", DATA, 5 * GIB, balance_id="d")
    assert read_usage(client, svc["service_id"])["balances"]["data"]["remaining"] == 5.0
    own_sim.stop()
    response = client.get(f"/crm/service/{svc['service_id']}", headers=ADMIN_HEADERS)
    assert response.status_code == 200
    state = response.get_json()["usage"]
    assert (state["ocs_status"], state["last_known"], state["balances"]["data"]["remaining"]) == ("unreachable", True, 5.0)
    assert response.get_json()["service_status"] == "Active"


def test_04_26_dongle_shows_data_and_money_only(client, ocs):
    """A `dongle` service shows the Data and Monetary cards only, even with voice in the OCS; a service without an
    OCS account answers `not_found`."""
    customer_id = customer_with_contact(client)
    client.application.extensions["omnicrm.settings"].service_types.append("dongle")
    svc = service(client, customer_id, "Dongle_u5", service_type="dongle")
    ocs.add_balance("Dongle_u5", VOICE, 10 * MINUTE_NS, balance_id="v")
    ocs.add_balance("Dongle_u5", DATA, GIB, balance_id="d")
    assert list(read_usage(client, svc["service_id"])["balances"]) == ["data", "monetary"]
    ghost = service(client, customer_id, "Mobile_SIM_none")
    assert read_usage(client, ghost["service_id"])["ocs_status"] == "not_found"


def test_usage_hidden_from_its_customer_when_asked(client, ocs):
    """Own-scope users get usage only when service_usage_visible_to_customer is true, and never see another
    customer's service; a hidden service looks absent (decision 34)."""
    mine = create_customer(client, "Tenant A")
    contact = add_contact(client, mine["customer_id"], contact_email="a@tenant.example")
    other = customer_with_contact(client, "Bob Other")
    user = ready_user(client, "a@tenant.example", role="Customer")
    client.put(f"/auth/users/{user['id']}", json={"contact_id": contact["contact_id"]}, headers=ADMIN_HEADERS)
    token = bearer(login(client, "a@tenant.example").get_json()["token"])
    svc = service(client, mine["customer_id"], "Mobile_SIM_u6")
    assert "usage" in client.get(f"/crm/service/{svc['service_id']}", headers=token).get_json()
    client.patch(f"/crm/service/{svc['service_id']}", json={"service_usage_visible_to_customer": False}, headers=ADMIN_HEADERS)
    assert "usage" not in client.get(f"/crm/service/{svc['service_id']}", headers=token).get_json()
    assert client.get(f"/crm/service/{svc['service_id']}/cdrs", headers=token).status_code == 403
    theirs = service(client, other, "Mobile_SIM_u7")
    assert client.get(f"/crm/service/{theirs['service_id']}", headers=token).status_code == 403
    assert client.patch(f"/crm/service/{theirs['service_id']}", json={"auto_renew": False}, headers=token).status_code == 403
    client.patch(f"/crm/service/{svc['service_id']}", json={"service_visible_to_customer": False}, headers=ADMIN_HEADERS)
    assert client.get(f"/crm/service/{svc['service_id']}", headers=token).status_code == 404
    listed = client.get("/crm/service/?filters={}", headers=token).get_json()["data"]
    assert listed == []


def test_call_records_and_csv_export(client, ocs):
    """CDRs of the service from the OCS, newest first, paginated; the CSV export has the same columns."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_u8")
    ocs.add_balance("Mobile_SIM_u8", MONETARY, 10000, balance_id="m")
    for minute, destination in ((1, "447700900001"), (2, "447700900002"), (3, "447700900003")):
        event = {
            "Account": "Mobile_SIM_u8",
            "Subject": "Mobile_SIM_u8",
            "Destination": destination,
            "ToR": "*voice",
            "Usage": "90s",
            "SetupTime": f"2025-01-10T10:0{minute}:00Z",
            "AnswerTime": f"2025-01-10T10:0{minute}:05Z",
            "OriginID": f"call-{minute}",
            "RequestType": "*prepaid",
            "Category": "call",
        }
        ocs.process_event(event, flags=("*rals:false",))
    page = client.get(f"/crm/service/{svc['service_id']}/cdrs?per_page=2", headers=ADMIN_HEADERS).get_json()
    assert page["pagination"]["total_items"] == 3
    assert [row["destination"] for row in page["data"]] == ["447700900003", "447700900002"]
    assert page["data"][0]["usage_hr"] == "1:30 min"
    export = client.get(f"/crm/service/service_id/{svc['service_id']}/cdrs/export", headers=ADMIN_HEADERS)
    assert export.mimetype == "text/csv" and "attachment" in export.headers["Content-Disposition"]
    lines = export.get_data(as_text=True).strip().splitlines()
    assert lines[0] == "setup_time,answer_time,destination,category,tor,usage,usage_hr,cost" and len(lines) == 4
    assert client.get(f"/crm/service/{svc['service_id']}/cdrs?start=yesterday", headers=ADMIN_HEADERS).status_code == 400


@pytest.mark.parametrize("method", ["APIerSv1.GetAttributeProfile", "APIerSv1.SetFilter"])
def test_04_27_ocs_proxy(client, ocs, control, method):
    """The proxy fills Tenant, passes the reply through, logs writes (method, tenant, params, service, user) and not
    reads; a user without cgrates_api_access → 403; a service of another customer → 400."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_c2880638")
    params = {"ID": "ATTR_ACCOUNT_Mobile_SIM_c2880638"}
    if method == "APIerSv1.SetFilter":
        params = {"ID": "FLTR_ACCOUNT_X", "Rules": [{"Type": "*string", "Element": "~*req.Account", "Values": ["X"]}]}
    body = {"method": method, "params": [params], "customer_id": customer_id, "service_id": svc["service_id"]}
    response = client.post("/crm/ocs/proxy", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 200 and set(response.get_json()) == {"id", "result", "error"}
    assert control.calls()[-1]["params"][0]["Tenant"] == TENANT
    logged = [row for row in activity(client, svc["service_id"]) if row["action"] == "ocs_api_call"]
    if method.endswith("GetAttributeProfile"):
        assert response.get_json()["error"] == "NOT_FOUND" and logged == []
    else:
        assert response.get_json()["result"] == "OK" and len(logged) == 1
        assert logged[0]["changes_json"]["method"] == method and logged[0]["changes_json"]["tenant"] == TENANT
    other = customer_with_contact(client, "Bob Other")
    assert client.post("/crm/ocs/proxy", json={**body, "customer_id": other}, headers=ADMIN_HEADERS).status_code == 400
    assert client.post("/crm/ocs/proxy", json={**body, "params": {}}, headers=ADMIN_HEADERS).status_code == 400
    assert client.post("/crm/ocs/proxy", json={**body, "method": "nodot"}, headers=ADMIN_HEADERS).status_code == 400
    ready_user(client, "support@example.com", role="Support")
    token = bearer(login(client, "support@example.com").get_json()["token"])
    assert client.post("/crm/ocs/proxy", json=body, headers=token).status_code == 403
