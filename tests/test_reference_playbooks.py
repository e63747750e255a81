"""The reference playbooks of Provisioners/plays, run for real: the API on a localhost port, ansible-runner, and
the OCS (CGRateS), HSS (PyHSS) and SMSC simulators (spec 04 §11, §14, §20; 06 B4, B6-B8, checks 18-25; 09)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from conftest import ADMIN_HEADERS
from customer_helpers import LONDON, create_customer
from live_helpers import FAILURE_LIST, Live, live_fixture, sandbox_network_fixture  # noqa: F401 (fixtures)
from sqlalchemy import select

from omnicrm.db import get_session
from omnicrm.integrations.ocs import OcsClient
from omnicrm.notify.models import Communication

GB = 1024**3
MOBILE_VARS = {"data_gb": 20, "voice_minutes": "unlimited", "sms_count": "unlimited", "days": 30}


# -- helpers --------------------------------------------------------------------------------------------------


def calls(live: Live, method: str) -> list[dict[str, Any]]:
    """The params of every call of `method` (canonical name) the OCS simulator received, oldest first."""
    return [call["params"][0] for call in live.ocs.calls() if call["canonical_method"] == method]


def ocs_account(live: Live, uuid: str) -> dict[str, Any] | None:
    return live.ocs.state()["accounts"].get(f"{live.network.tenant}:{uuid}")


def balances(live: Live, uuid: str, kind: str) -> dict[str, dict[str, Any]]:
    """The account's balances of one type, by balance ID."""
    account = ocs_account(live, uuid) or {}
    return {balance["ID"]: balance for balance in (account.get("BalanceMap") or {}).get(kind, [])}


def hss_rows(live: Live, table: str) -> list[dict[str, Any]]:
    return live.hss.state()["tables"][table]


def ocs_client(live: Live) -> OcsClient:
    return OcsClient(f"127.0.0.1:{live.network.ocs.port}", live.network.tenant, timeout=5)


def mobile_product(live: Live, **fields: Any) -> dict[str, Any]:
    """The "Mobile Prepaid 20GB" product of spec 06 (15.00 a month, 5.00 wholesale, setup 0.00 / 1.00)."""
    body = {
        "product_name": "Mobile Prepaid 20GB",
        "service_type": "mobile",
        "retail_cost": 15,
        "wholesale_cost": 5,
        "retail_setup_cost": 0,
        "wholesale_setup_cost": 1,
        "contract_days": 30,
        "auto_renew": "prompt",
        "provisioning_json_vars": MOBILE_VARS,
        **fields,
    }
    return live.product("play_psim_only", ["SIM Card", "Mobile Number"], **body)


def provision_mobile(live: Live, customer_id: int, product: dict[str, Any], serial: int = 1, **extra: Any) -> dict[str, Any]:
    """Run play_psim_only for a new SIM and number; returns the job, the SIM and the number's inventory id."""
    sim = live.sim(serial)
    number = live.number(f"4477009{serial:05d}")
    job = live.run(
        product_id=product["product_id"],
        customer_id=customer_id,
        **{"SIM Card": sim["inventory_id"], "Mobile Number": number},
        **extra,
    )
    return {"job": job, "sim": sim, "number": number, "msisdn": f"4477009{serial:05d}"}


def services_of(live: Live, customer_id: int) -> list[dict[str, Any]]:
    return live.get(f"/crm/service/customer_id/{customer_id}")["data"]


def service(live: Live, service_id: int) -> dict[str, Any]:
    return live.get(f"/crm/service/{service_id}?include_usage=false")


def transactions_of(live: Live, customer_id: int) -> list[dict[str, Any]]:
    body = live.get(f"/crm/transaction/customer_id/{customer_id}")
    return body["data"] if isinstance(body, dict) else body


def item(live: Live, inventory_id: int) -> dict[str, Any]:
    return live.get(f"/crm/inventory/inventory_id/{inventory_id}")


def failure_mails(live: Live) -> list[Communication]:
    with live.app.app_context():
        query = select(Communication).where(Communication.template_key == "provisioning_failure")
        return list(get_session().scalars(query))


def assert_no_sim_secrets(sim: dict[str, Any], *jobs: dict[str, Any]) -> None:
    """A SIM's Ki and OPc never reach a stored job: its vars, events or results (spec 04 §8)."""
    for job in jobs:
        assert sim["ki"] not in str(job) and sim["opc"] not in str(job), f"job {job['provision_id']} stores a SIM secret"


def event_names(job: dict[str, Any]) -> list[str]:
    return [event["event_name"] for event in job["provisioning_result_json"]]


def in_order(names: list[str], *wanted: str) -> bool:
    """Each of `wanted` starts some event name, in this order."""
    position = 0
    for prefix in wanted:
        position = next((i for i in range(position, len(names)) if names[i].startswith(prefix)), -1) + 1
        if position == 0:
            return False
    return True


def near(text: str, expected: datetime, tolerance: timedelta = timedelta(minutes=2)) -> bool:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return abs(moment - expected) <= tolerance


def existing_service(live: Live, uuid: str) -> dict[str, Any]:
    """A new customer's Active mobile service with its OCS account, made directly (add-on tests start there)."""
    customer_id = create_customer(live.client)["customer_id"]
    product_id = mobile_product(live)["product_id"]
    ocs = ocs_client(live)
    ocs.call("APIerSv2.SetAccount", {"Account": uuid, "ExtraOptions": {"AllowNegative": False, "Disabled": False}})
    ocs.call(
        "APIerSv1.SetAttributeProfile",
        {
            "ID": f"ATTR_ACCOUNT_{uuid}",
            "Contexts": ["*any"],
            "Attributes": [{"Path": "*req.PhoneNumber", "Type": "*constant", "Value": [{"Rules": "447700900999"}]}],
        },
    )
    ocs.close()
    body = {
        "customer_id": customer_id,
        "product_id": product_id,
        "service_name": "Mobile - 447700900999",
        "service_uuid": uuid,
        "service_type": "mobile",
        "service_status": "Active",
        "retail_cost": 15,
    }
    response = live.client.put("/crm/service/", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def addon_product(live: Live, play: str, **fields: Any) -> dict[str, Any]:
    return live.product(play, [], category="addon", service_type="mobile", **fields)


def buy(live: Live, addon: dict[str, Any], existing: dict[str, Any]) -> dict[str, Any]:
    """Provision an add-on on an existing service; returns the finished job."""
    return live.run(product_id=addon["product_id"], customer_id=existing["customer_id"], service_id=existing["service_id"])


# -- mobile service (play_psim_only) ----------------------------------------------------------------------------


def test_06_18_mobile_service_end_to_end(live: Live):
    """Also spec 04 §14: OCS account, attribute profile and filter, allowance, HSS AuC and subscriber, service,
    inventory, setup transaction and welcome text, with the events recorded in order."""
    customer = create_customer(live.client)
    product = mobile_product(live, provisioning_json_vars={**MOBILE_VARS, "smsc_api_key": live.network.smsc_api_key})
    started = datetime.now(UTC)
    made = provision_mobile(live, customer["customer_id"], product)
    job = made["job"]
    assert job["provisioning_status"] == 0, job["error_summary"]
    assert job["playbook_description"] == "Mobile SIM service (OCS account, HSS subscriber, CRM service)"
    assert [event["event_number"] for event in job["provisioning_result_json"]] == list(range(1, len(event_names(job)) + 1))
    assert all(event["provisioning_status"] == 0 for event in job["provisioning_result_json"])
    assert in_order(
        event_names(job),
        "Read the product",
        "OCS: create account",
        "OCS: add the allowance",
        "HSS - create the SIM's AuC entry",
        "HSS - create the subscriber",
        "Create the service record",
        "Assign the inventory to service",
        "Record the setup charge",
        "Text the customer",
    )
    assert_no_sim_secrets(made["sim"], job)

    [created] = services_of(live, customer["customer_id"])
    record = service(live, created["service_id"])
    uuid = record["service_uuid"]
    assert re.fullmatch(r"Mobile_SIM_[0-9a-f]{8}", uuid)
    assert record["service_status"] == "Active" and record["service_type"] == "mobile"
    assert record["service_name"] == f"Mobile - {made['msisdn']}"
    assert record["retail_cost"] == 15 and record["wholesale_cost"] == 5
    assert near(record["service_deactivate_date"], started + timedelta(days=30))

    [account] = calls(live, "APIerSv2.SetAccount")
    assert account["Account"] == uuid and account["ExtraOptions"] == {"AllowNegative": False, "Disabled": False}
    assert account["ActionPlanIDs"] == [] and account["Tenant"] == live.network.tenant
    data = balances(live, uuid, "*data")["DATA_20GB_Monthly"]
    assert data["Value"] == 20 * GB == 21474836480 and data["Weight"] == 10
    [added] = [c for c in calls(live, "APIerSv1.AddBalance") if c["BalanceType"] == "*data"]
    assert added["Balance"]["ExpiryTime"] == "+720h" and added["Balance"]["Value"] == 21474836480
    assert balances(live, uuid, "*voice")["VOICE_Unlimited"]["Value"] == 999999999 * 10**9
    assert balances(live, uuid, "*sms")["SMS_Unlimited"]["Value"] == 999999999
    state = live.ocs.state()
    profile = state["attribute_profiles"][f"{live.network.tenant}:ATTR_ACCOUNT_{uuid}"]
    assert {"Path": "*req.PhoneNumber", "Type": "*constant", "Value": [{"Rules": made["msisdn"]}]} in [
        {key: attribute[key] for key in ("Path", "Type", "Value")} for attribute in profile["Attributes"]
    ]
    assert state["filters"][f"{live.network.tenant}:FLTR_ACCOUNT_{uuid}"]["Rules"][0]["Values"] == [made["sim"]["imsi"]]
    assert not calls(live, "APIerSv1.SetActionPlan"), "auto-renew is 'prompt' and the request did not ask for it"

    [subscriber] = hss_rows(live, "subscriber")
    [auc] = hss_rows(live, "auc")
    assert subscriber["imsi"] == made["sim"]["imsi"] and subscriber["msisdn"] == made["msisdn"] and subscriber["enabled"]
    assert subscriber["auc_id"] == auc["auc_id"] and auc["ki"] == made["sim"]["ki"] and auc["iccid"] == made["sim"]["iccid"]
    assert {row["operation_id"] for row in live.hss.state()["operation_log"]} == {str(job["provision_id"])}

    for inventory_id in (made["sim"]["inventory_id"], made["number"]):
        assigned = item(live, inventory_id)
        assert (assigned["item_state"], assigned["service_id"], assigned["customer_id"]) == (
            "Assigned",
            created["service_id"],
            customer["customer_id"],
        )
    [setup] = transactions_of(live, customer["customer_id"])
    assert setup["title"] == "Mobile Prepaid 20GB - Setup" and setup["service_id"] == created["service_id"]
    assert float(setup["retail_cost"]) == 0 and float(setup["wholesale_cost"]) == 1
    [text] = live.smsc.state()["messages"]
    assert text["destination_msisdn"] == made["msisdn"] and "Mobile Prepaid 20GB" in text["message"]


def test_06_19_failed_allowance_rolls_everything_back(live: Live):
    """Also 04 check 9: the OCS refuses AddBalance, so the rescue removes the account, its attribute profile and
    filter, creates nothing in the HSS, returns the selected inventory to the pool as Used (spec decision 57)
    and fails the job, which sends the failure e-mail."""
    customer = create_customer(live.client)
    product = mobile_product(live)
    live.ocs.fail(method="APIerSv1.AddBalance", times=1)
    made = provision_mobile(live, customer["customer_id"], product)
    job = made["job"]
    assert job["provisioning_status"] == 2
    [uuid] = [c["Account"] for c in calls(live, "APIerSv2.SetAccount")]
    assert [c["Account"] for c in calls(live, "APIerSv1.RemoveAccount")] == [uuid]
    assert [c["ID"] for c in calls(live, "APIerSv1.RemoveAttributeProfile")] == [f"ATTR_ACCOUNT_{uuid}"]
    assert [c["ID"] for c in calls(live, "APIerSv1.RemoveFilter")] == [f"FLTR_ACCOUNT_{uuid}"]
    state = live.ocs.state()
    assert not state["accounts"] and not state["attribute_profiles"] and not state["filters"]
    assert hss_rows(live, "subscriber") == [] and hss_rows(live, "auc") == []
    for inventory_id in (made["sim"]["inventory_id"], made["number"]):
        released = item(live, inventory_id)
        assert (released["service_id"], released["customer_id"], released["item_state"]) == (None, None, "Used")
    last = job["provisioning_result_json"][-1]
    assert last["provisioning_status"] == 2 and "SERVER_ERROR: injected failure" in last["provisioning_result_json"]
    assert [mail.recipient for mail in failure_mails(live)] == FAILURE_LIST
    assert not [s for s in services_of(live, customer["customer_id"]) if s["service_status"] == "Active"]


def test_hss_failure_deletes_the_auc_entry_and_the_ocs_account(live: Live):
    """PyHSS rolls back only the newest change of an operation, so the play deletes what it created instead."""
    customer = create_customer(live.client)
    product = mobile_product(live)
    live.hss.fail(method="PUT", path="/subscriber/", times=1)
    job = provision_mobile(live, customer["customer_id"], product)["job"]
    assert job["provisioning_status"] == 2
    assert hss_rows(live, "auc") == [] and hss_rows(live, "subscriber") == []
    deletes = [(c["method"], c["path"]) for c in live.hss.calls() if c["method"] == "DELETE"]
    assert deletes == [("DELETE", "/auc/1")]
    assert not live.ocs.state()["accounts"]
    assert "injected failure" in job["provisioning_result_json"][-1]["provisioning_result_json"]


def test_04_8_deprovision_removes_the_ocs_account_and_its_attributes(live: Live):
    """The service's uuid comes from the service record (the engine passes it; a request cannot name another)."""
    existing = existing_service(live, "Service_abc123")
    job = live.run(service_id=existing["service_id"], action="deprovision", provisioning_play="play_psim_only")
    assert job["provisioning_status"] == 0, job["error_summary"]
    assert {"Tenant": live.network.tenant, "Account": "Service_abc123"} in calls(live, "APIerSv1.RemoveAccount")
    assert {"Tenant": live.network.tenant, "ID": "ATTR_ACCOUNT_Service_abc123"} in calls(live, "APIerSv1.RemoveAttributeProfile")
    state = live.ocs.state()
    assert not state["accounts"] and not state["attribute_profiles"]
    guard = job["provisioning_result_json"][0]
    assert guard["event_name"].startswith("Deprovision requested") and guard["provisioning_status"] == 2
    assert failure_mails(live) == []


def test_06_25_renew_then_deprovision_a_mobile_service(live: Live):
    """Renew: the allowance is set again for a new period, a renewal charge is recorded and the end date moves on
    by 30 days. Deprovision (06 B8): the OCS account is disabled, every ServiceID_<uuid>__ plan removed, the
    account removed, the HSS subscriber and AuC deleted, the service Deactivated and its inventory Used."""
    customer = create_customer(live.client)
    product = mobile_product(live, auto_renew="true", product_slug="mobile-prepaid-20gb")
    made = provision_mobile(live, customer["customer_id"], product)
    assert made["job"]["provisioning_status"] == 0, made["job"]["error_summary"]
    [created] = services_of(live, customer["customer_id"])
    record = service(live, created["service_id"])
    uuid, first_end = record["service_uuid"], record["service_deactivate_date"]
    plan_id = f"ServiceID_{uuid}__ProductID_{product['product_id']}__MonthlyRenewal"
    assert live.ocs.state()["account_action_plans"][f"{live.network.tenant}:{uuid}"] == [plan_id]

    renewal = live.run(
        product_id=product["product_id"], customer_id=customer["customer_id"], service_id=created["service_id"], action="renew"
    )
    assert renewal["provisioning_status"] == 0, renewal["error_summary"]
    assert {c["Balance"]["ID"] for c in calls(live, "APIerSv1.SetBalance")} == {
        "DATA_20GB_Monthly",
        "VOICE_Unlimited",
        "SMS_Unlimited",
    }
    renewed = service(live, created["service_id"])
    assert near(
        renewed["service_deactivate_date"],
        datetime.fromisoformat(first_end.replace("Z", "")).replace(tzinfo=UTC) + timedelta(days=30),
    )
    titles = sorted(t["title"] for t in transactions_of(live, customer["customer_id"]))
    assert titles == ["Mobile Prepaid 20GB - Renewal", "Mobile Prepaid 20GB - Setup"]

    job = live.run(
        service_id=created["service_id"],
        customer_id=customer["customer_id"],
        action="deprovision",
        provisioning_play="play_psim_only",
    )
    assert job["provisioning_status"] == 0, job["error_summary"]
    disabled = [c for c in calls(live, "APIerSv2.SetAccount") if c.get("ExtraOptions", {}).get("Disabled")]
    assert [c["Account"] for c in disabled] == [uuid]
    assert [c["ID"] for c in calls(live, "APIerSv1.RemoveActionPlan")] == [plan_id]
    assert ocs_account(live, uuid) is None and plan_id not in live.ocs.state()["action_plans"]
    assert hss_rows(live, "subscriber") == [] and hss_rows(live, "auc") == []
    gone = service(live, created["service_id"])
    assert gone["service_status"] == "Deactivated" and near(gone["service_deactivate_date"], datetime.now(UTC))
    for inventory_id in (made["sim"]["inventory_id"], made["number"]):
        released = item(live, inventory_id)
        assert (released["service_id"], released["customer_id"], released["item_state"]) == (None, None, "Used")
    assert failure_mails(live) == []
    assert_no_sim_secrets(made["sim"], made["job"], renewal, job)


def test_sim_only_data_dongle(live: Live):
    customer = create_customer(live.client)
    product = live.product(
        "play_sim_only_data",
        ["SIM Card"],
        product_name="Data Dongle 50GB",
        service_type="dongle",
        retail_cost=20,
        provisioning_json_vars={"data_gb": 50, "voice_minutes": 100, "days": 30},
    )
    sim = live.sim(7)
    job = live.run(product_id=product["product_id"], customer_id=customer["customer_id"], **{"SIM Card": sim["inventory_id"]})
    assert job["provisioning_status"] == 0, job["error_summary"]
    [created] = services_of(live, customer["customer_id"])
    record = service(live, created["service_id"])
    assert record["service_type"] == "dongle" and re.fullmatch(r"Dongle_[0-9a-f]{8}", record["service_uuid"])
    assert record["service_name"] == f"Data Dongle - {sim['iccid']}"
    account = ocs_account(live, record["service_uuid"])
    assert set(account["BalanceMap"]) == {"*data"}, "data only: no voice or SMS on a dongle"
    assert balances(live, record["service_uuid"], "*data")["DATA_50GB_Monthly"]["Value"] == 50 * GB
    [subscriber] = hss_rows(live, "subscriber")
    assert subscriber["imsi"] == sim["imsi"] and subscriber["msisdn"] is None
    assert item(live, sim["inventory_id"])["item_state"] == "Assigned"


# -- add-ons: top-up and data boost -----------------------------------------------------------------------------


def test_monetary_top_up_adds_credit_and_records_it(live: Live):
    """Spec 03 P9, 04 §12, 09: AddBalance *monetary of retail_cost x 100 valid +4320h, Value also at the top level."""
    existing = existing_service(live, "Mobile_SIM_0a0b0c0d")
    topup = addon_product(
        live,
        "play_topup_monetary",
        product_name="PAYG 5 Top-up",
        retail_cost=5,
        provisioning_json_vars={"smsc_api_key": live.network.smsc_api_key},
    )
    for _ in range(2):
        job = buy(live, topup, existing)
        assert job["provisioning_status"] == 0, job["error_summary"]
    credits = balances(live, "Mobile_SIM_0a0b0c0d", "*monetary")
    assert len(credits) == 2 and sum(b["Value"] for b in credits.values()) == 1000
    for call in calls(live, "APIerSv1.AddBalance"):
        assert call["BalanceType"] == "*monetary" and call["Value"] == 500
        assert call["Balance"]["Value"] == 500 and call["Balance"]["ExpiryTime"] == "+4320h"
    topups = [t for t in transactions_of(live, existing["customer_id"]) if t["title"] == "PAYG 5 Top-up - Top-up"]
    assert len(topups) == 2 and all(float(t["retail_cost"]) == 5 and t["service_id"] == existing["service_id"] for t in topups)
    texts = live.smsc.state()["messages"]
    assert [t["destination_msisdn"] for t in texts] == ["447700900999"] * 2 and "5.00" in texts[0]["message"]


def test_monetary_top_up_refused_by_the_ocs_records_nothing(live: Live):
    """No credit was added, so none is taken back, and no transaction is written."""
    existing = existing_service(live, "Mobile_SIM_1a1b1c1d")
    topup = addon_product(live, "play_topup_monetary", retail_cost=5)
    live.ocs.fail(method="APIerSv1.AddBalance", times=1)
    job = buy(live, topup, existing)
    assert job["provisioning_status"] == 2
    assert calls(live, "APIerSv1.DebitBalance") == [] and balances(live, "Mobile_SIM_1a1b1c1d", "*monetary") == {}
    assert transactions_of(live, existing["customer_id"]) == []


def test_06_23_two_data_boosts_stack_as_two_balances(live: Live):
    """Also 06 check 21 without its Stripe parts: AddBalance *data 5368709120, +168h, weight 20, ID
    DATA_5GB_Boost_...; one transaction (5.00 / 1.50) linked to the service per purchase."""
    existing = existing_service(live, "Mobile_SIM_2a2b2c2d")
    boost = addon_product(
        live,
        "play_topup_charge_then_action",
        product_name="5GB Extra Data",
        retail_cost=5,
        wholesale_cost=1.5,
        allow_auto_renew=False,
        provisioning_json_vars={"data_gb": 5, "days": 7},
    )
    for _ in range(2):
        job = buy(live, boost, existing)
        assert job["provisioning_status"] == 0, job["error_summary"]
    added = calls(live, "APIerSv1.AddBalance")
    assert len(added) == 2 and len({call["Balance"]["ID"] for call in added}) == 2
    for call in added:
        assert call["BalanceType"] == "*data" and call["Balance"]["ID"].startswith("DATA_5GB_Boost_")
        assert (
            call["Balance"]["Value"] == 5368709120
            and call["Balance"]["ExpiryTime"] == "+168h"
            and call["Balance"]["Weight"] == 20
        )
    boosts = balances(live, "Mobile_SIM_2a2b2c2d", "*data")
    assert len(boosts) == 2 and sum(b["Value"] for b in boosts.values()) == 10 * GB
    bought = [t for t in transactions_of(live, existing["customer_id"]) if t["title"] == "5GB Extra Data"]
    assert len(bought) == 2
    assert all(
        (float(t["retail_cost"]), float(t["wholesale_cost"]), t["service_id"]) == (5, 1.5, existing["service_id"]) for t in bought
    )
    assert not calls(live, "APIerSv1.SetActionPlan"), "a one-off boost has no renewal plan"


def test_06_24_recurring_add_on_gets_its_renewal_plan(live: Live):
    existing = existing_service(live, "Mobile_SIM_3a3b3c3d")
    monthly = addon_product(
        live,
        "play_topup_charge_then_action",
        product_name="10GB Monthly Data Plan",
        product_slug="data-10gb-monthly",
        retail_cost=10,
        contract_days=30,
        auto_renew="true",
        provisioning_json_vars={"data_gb": 10, "days": 30},
    )
    job = buy(live, monthly, existing)
    assert job["provisioning_status"] == 0, job["error_summary"]
    plan_id = f"ServiceID_Mobile_SIM_3a3b3c3d__ProductID_{monthly['product_id']}__MonthlyRenewal"
    [plan] = calls(live, "APIerSv1.SetActionPlan")
    assert plan["Id"] == plan_id and [timing["ActionsId"] for timing in plan["ActionPlan"]] == ["Action_data-10gb-monthly"]
    timing = plan["ActionPlan"][0]
    assert timing["MonthDays"] == str(min(datetime.now(UTC).day, 28)) and timing["Time"] == "00:00:00"
    assert live.ocs.state()["account_action_plans"][f"{live.network.tenant}:Mobile_SIM_3a3b3c3d"] == [plan_id]
    [action] = live.ocs.state()["actions"]["Action_data-10gb-monthly"]
    assert action["Identifier"] == "*set_balance" and action["BalanceType"] == "*data"
    # when the scheduler runs the plan, the add-on's balance is set to its allowance for a new period
    requests.post(f"{live.network.ocs.url}/sandbox/action_plans/{plan_id}/execute", timeout=5).raise_for_status()
    assert balances(live, "Mobile_SIM_3a3b3c3d", "*data")["DATA_10GB_data-10gb-monthly"]["Value"] == 10 * GB


def test_recurring_add_on_failure_removes_its_balance_and_plan(live: Live):
    existing = existing_service(live, "Mobile_SIM_4a4b4c4d")
    monthly = addon_product(
        live, "play_topup_charge_then_action", contract_days=30, auto_renew="true", provisioning_json_vars={"data_gb": 10}
    )
    live.ocs.fail(method="APIerSv1.SetActionPlan", times=1)
    job = buy(live, monthly, existing)
    assert job["provisioning_status"] == 2
    [removed] = calls(live, "APIerSv1.RemoveBalances")
    assert removed["Balance"]["ID"].startswith("DATA_10GB_Boost_") and balances(live, "Mobile_SIM_4a4b4c4d", "*data") == {}
    assert [c["ID"] for c in calls(live, "APIerSv1.RemoveActionPlan")] == [
        f"ServiceID_Mobile_SIM_4a4b4c4d__ProductID_{monthly['product_id']}__MonthlyRenewal"
    ]
    assert transactions_of(live, existing["customer_id"]) == []


# -- fixed line and bundle --------------------------------------------------------------------------------------


def cpe_item(live: Live, mac: str) -> int:
    return live.item("CPE", mac, f"SN-{mac[-5:]}")


def test_fixed_cpe_internet_service(live: Live):
    customer = create_customer(live.client)
    site = live.client.put("/crm/site/", json={"customer_id": customer["customer_id"], **LONDON}, headers=ADMIN_HEADERS)
    assert site.status_code == 200, site.get_json()
    product = live.product(
        "play_fixed_cpe",
        ["CPE"],
        product_name="Home Fibre 500GB",
        service_type="internet",
        retail_cost=40,
        retail_setup_cost=50,
        provisioning_json_vars={"data_gb": 500, "days": 30},
    )
    cpe = cpe_item(live, "AA:BB:CC:00:00:01")
    job = live.run(product_id=product["product_id"], customer_id=customer["customer_id"], CPE=cpe)
    assert job["provisioning_status"] == 0, job["error_summary"]
    [created] = services_of(live, customer["customer_id"])
    record = service(live, created["service_id"])
    assert record["service_type"] == "internet" and re.fullmatch(r"Fixed_CPE_[0-9a-f]{8}", record["service_uuid"])
    assert record["service_name"] == "Internet - 10 Downing Street" and record["site_id"] == site.get_json()["site_id"]
    assert balances(live, record["service_uuid"], "*data")["DATA_500GB_Monthly"]["Value"] == 500 * GB
    router = item(live, cpe)
    assert router["item_state"] == "Assigned" and router["service_id"] == created["service_id"]
    assert router["itemtext3"] == f"Network_{cpe}" and re.fullmatch(
        r"(apple|cloud|river|mountain|ocean)\d{5}", router["itemtext4"]
    )
    assert (router["address_line_1"], router["city"], router["latitude"]) == ("10 Downing Street", "London", 51.5034)
    assert router["itemtext4"] not in str(job), "the Wi-Fi passphrase is not stored with the job"
    [setup] = transactions_of(live, customer["customer_id"])
    assert setup["title"] == "Home Fibre 500GB - Setup" and float(setup["retail_cost"]) == 50
    assert hss_rows(live, "subscriber") == []


def bundle_product(live: Live, **fields: Any) -> dict[str, Any]:
    return live.product(
        "play_bundle",
        ["SIM Card", "Mobile Number", "CPE"],
        product_name="Home and Mobile",
        category="bundle",
        service_type="mobile",
        retail_cost=55,
        retail_setup_cost=25,
        provisioning_json_vars={**MOBILE_VARS, "fixed_data_gb": 1000},
        **fields,
    )


def test_bundle_creates_the_mobile_and_the_internet_service(live: Live):
    customer = create_customer(live.client)
    product = bundle_product(live)
    sim, number, cpe = live.sim(11), live.number("447700900311"), cpe_item(live, "AA:BB:CC:00:00:11")
    job = live.run(
        product_id=product["product_id"],
        customer_id=customer["customer_id"],
        **{"SIM Card": sim["inventory_id"], "Mobile Number": number, "CPE": cpe},
    )
    assert job["provisioning_status"] == 0, job["error_summary"]
    rows = sorted(services_of(live, customer["customer_id"]), key=lambda row: row["service_id"])
    mobile, internet = (service(live, row["service_id"]) for row in rows)
    assert mobile["service_type"] == "mobile" and internet["service_type"] == "internet"
    assert internet["bundled_parent"] == mobile["service_id"] and internet["service_uuid"] == mobile["service_uuid"] + "_Internet"
    assert internet["service_billed"] is False and mobile["retail_cost"] == 55
    assert balances(live, internet["service_uuid"], "*data")["DATA_1000GB_Fixed"]["Value"] == 1000 * GB
    assert balances(live, mobile["service_uuid"], "*data")["DATA_20GB_Monthly"]["Value"] == 20 * GB
    assert [item(live, i)["service_id"] for i in (sim["inventory_id"], number, cpe)] == [mobile["service_id"]] * 2 + [
        internet["service_id"]
    ]
    assert [t["title"] for t in transactions_of(live, customer["customer_id"])] == ["Home and Mobile - Setup"]


def test_bundle_is_all_or_nothing(live: Live):
    """The internet part fails after the mobile service exists: the mobile service is set Inactive (never left
    Active; the deprovision job the API then starts marks it Deactivated), both OCS accounts and the HSS entries
    are removed and every selected item goes back as Used."""
    customer = create_customer(live.client)
    product = bundle_product(live)
    sim, number, cpe = live.sim(12), live.number("447700900312"), cpe_item(live, "AA:BB:CC:00:00:12")
    job = live.run(
        product_id=product["product_id"],
        customer_id=customer["customer_id"],
        cpe_type="Router of another template",  # makes the internet part fail
        **{"SIM Card": sim["inventory_id"], "Mobile Number": number, "CPE": cpe},
    )
    assert job["provisioning_status"] == 2
    assert "Set the services this job created Inactive" in event_names(job)
    live.idle()  # the API answers Active -> Inactive with the service's deprovision job (04 §15)
    [mobile] = services_of(live, customer["customer_id"])
    assert service(live, mobile["service_id"])["service_status"] in ("Inactive", "Deactivated")
    assert not live.ocs.state()["accounts"] and hss_rows(live, "subscriber") == [] and hss_rows(live, "auc") == []
    for inventory_id in (sim["inventory_id"], number, cpe):
        released = item(live, inventory_id)
        assert (released["service_id"], released["customer_id"], released["item_state"]) == (None, None, "Used")
    assert [mail.recipient for mail in failure_mails(live)] == FAILURE_LIST
    assert_no_sim_secrets(sim, job)


def test_deprovision_of_a_service_with_nothing_left_in_the_network_succeeds(live: Live):
    """Clean-ups of things already gone count as done: the job succeeds and sends no failure e-mail."""
    customer = create_customer(live.client)
    play = "play_fixed_cpe"  # no SIM: the HSS steps find nothing either
    product = live.product(play, [], service_type="mobile")
    body = {"customer_id": customer["customer_id"], "product_id": product["product_id"], "service_name": "Gone"}
    existing = live.client.put("/crm/service/", json={**body, "service_uuid": "Service_gone0000"}, headers=ADMIN_HEADERS)
    assert existing.status_code == 200, existing.get_json()
    job = live.run(service_id=existing.get_json()["service_id"], action="deprovision", provisioning_play=play)
    assert job["provisioning_status"] == 0, job["error_summary"]
    assert [e["provisioning_status"] for e in job["provisioning_result_json"]].count(2) == 1, "only the guard"
    assert service(live, existing.get_json()["service_id"])["service_status"] == "Deactivated"
    assert failure_mails(live) == []
