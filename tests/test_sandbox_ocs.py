"""The CGRateS simulator, driven through the product's OCS client (and raw JSON-RPC for the wire format)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests
from sandbox_helpers import Control, closed_port_url, run_alone

from omnicrm.integrations.ocs import (
    DATA,
    MONETARY,
    SMS,
    VOICE,
    Action,
    OcsClient,
    OcsError,
    OcsUnavailable,
    Timing,
    balances,
    jsonrpc_url,
    parse_time,
)
from omnicrm.sandbox import ocs as ocs_sandbox
from omnicrm.sandbox.server import start

TENANT = "mnc380.mcc313.3gppnetwork.org"
GIB = 1024**3


@pytest.fixture(scope="module")
def sim():
    running = start(ocs_sandbox.create_app())
    yield running
    running.stop()


@pytest.fixture
def control(sim) -> Control:
    control = Control(sim.url)
    control.reset()
    return control


@pytest.fixture
def ocs(sim, control):
    client = OcsClient(f"127.0.0.1:{sim.port}", TENANT, timeout=2)
    yield client
    client.close()


def rpc(sim, method: str, params, call_id=7) -> dict:
    """A raw JSON-RPC call, as any CGRateS client sends it."""
    response = requests.post(
        f"{sim.url}/jsonrpc", data=json.dumps({"method": method, "params": [params], "id": call_id}), timeout=5
    )
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/json"
    return response.json()


def by_id(account: dict) -> dict:
    return {bucket.id: bucket for bucket in balances(account)}


def test_the_client_sends_exactly_the_cgrates_request(sim, ocs):
    sent = []
    ocs.session.hooks["response"].append(lambda response, *args, **kwargs: sent.append(response.request))
    ocs.create_account("Service_1a2b3c4d")
    ocs.add_balance("Service_1a2b3c4d", DATA, 10 * GIB, balance_id="Data Pack", expiry_time="+720h", weight=10)

    assert [request.url for request in sent] == [f"{sim.url}/jsonrpc"] * 2
    assert sent[0].method == "POST" and sent[0].headers["Content-Type"] == "application/json"
    assert json.loads(sent[0].body) == {
        "method": "APIerSv2.SetAccount",
        "params": [
            {
                "Tenant": TENANT,
                "Account": "Service_1a2b3c4d",
                "ActionPlanIDs": [],
                "ActionPlansOverwrite": True,
                "ExtraOptions": {"AllowNegative": False, "Disabled": False},
                "ReloadScheduler": True,
            }
        ],
        "id": 1,
    }
    assert json.loads(sent[1].body) == {
        "method": "APIerSv1.AddBalance",
        "params": [
            {
                "Tenant": TENANT,
                "Account": "Service_1a2b3c4d",
                "BalanceType": "*data",
                "Value": 10737418240,
                "Balance": {"ID": "Data Pack", "Value": 10737418240, "ExpiryTime": "+720h", "Weight": 10},
            }
        ],
        "id": 2,
    }


def test_unknown_account_is_not_found_as_cgrates_answers_it(sim, ocs):
    assert rpc(sim, "APIerSv2.GetAccount", {"Tenant": TENANT, "Account": "nobody"}) == {
        "id": 7,
        "result": None,
        "error": "NOT_FOUND",
    }
    with pytest.raises(OcsError) as raised:
        ocs.get_account("nobody")
    assert raised.value.not_found and raised.value.code == "NOT_FOUND" and raised.value.method == "APIerSv2.GetAccount"


def test_errors_are_worded_as_cgrates_words_them(sim, ocs):
    assert rpc(sim, "APIerSv1.AddBalance", {"Tenant": TENANT, "BalanceType": DATA})["error"] == "MANDATORY_IE_MISSING: [Account]"
    assert rpc(sim, "APIerSv2.SetAccount", {"Tenant": TENANT})["error"] == "MANDATORY_IE_MISSING: [Account]"
    typed = rpc(sim, "APIerSv1.AddBalance", {"Account": "A", "BalanceType": DATA, "Value": "10"})
    assert typed["error"] == "json: cannot unmarshal string into Go struct field AttrAddBalance.Value of type float64"
    assert rpc(sim, "APIerSv1.NoSuchMethod", {})["error"] == "rpc: can't find method APIerSv1.NoSuchMethod"
    assert rpc(sim, "NoSuchService.Ping", {})["error"] == "rpc: can't find service NoSuchService.Ping"
    no_params = requests.post(f"{sim.url}/jsonrpc", json={"method": "CoreSv1.Ping", "id": 3}, timeout=5).json()
    assert no_params == {"id": 3, "result": None, "error": "jsonrpc: request body missing params"}
    assert requests.post(f"{sim.url}/jsonrpc", data="not json", timeout=5).text == "", "CGRateS drops an undecodable body"
    with pytest.raises(OcsError) as raised:
        ocs.call("APIerSv1.AddBalance", {"Tenant": TENANT, "BalanceType": DATA})
    assert raised.value.code == "MANDATORY_IE_MISSING" and not raised.value.not_found


def test_both_spellings_jsonrpc_2_style_and_go_field_matching(sim, ocs):
    body = {"jsonrpc": "2.0", "method": "ApierV2.SetAccount", "id": "a", "params": [{"Tenant": TENANT, "Account": "L1"}]}
    assert requests.post(f"{sim.url}/jsonrpc", json=body, timeout=5).json() == {"id": "a", "result": "OK", "error": None}
    plan = {"Identifier": "*topup", "BalanceType": DATA, "Units": 1, "Weight": 10}
    assert rpc(sim, "ApierV1.SetActions", {"ActionsId": "Act_L1", "Actions": [plan]})["result"] == "OK"
    v2 = rpc(sim, "ApierV2.SetActions", {"ActionsId": "Act_L2", "Actions": [{**plan, "Units": "1"}]})
    assert v2["result"] == "OK", "APIerSv2.SetActions takes Units as text"
    assert rpc(sim, "ApierV2.SetActions", {"ActionsId": "Act_L2", "Actions": [plan]})["error"] == (
        "json: cannot unmarshal number into Go struct field TPAction.Actions.Units of type string"
    )
    timing = {"ActionsId": "Act_L1", "Time": "*monthly", "Weight": 10}
    assert rpc(sim, "APIerSv1.SetActionPlan", {"Id": "AP_L1", "ActionPlan": [timing]})["result"] == "OK"
    # the playbooks write ActionPlanIds: Go's decoder matches field names case-insensitively
    reply = rpc(sim, "ApierV2.SetAccount", {"Tenant": TENANT, "Account": "L1", "ActionPlanIds": ["AP_L1"]})
    assert reply["result"] == "OK"
    assert [p["ActionPlanId"] for p in ocs.get_account_action_plans("L1")] == ["AP_L1"]
    assert rpc(sim, "ApierV1.AddBalance", {"Tenant": TENANT, "Account": "L1", "BalanceType": SMS, "Value": 5})["result"] == "OK"
    legacy = rpc(sim, "ApierV1.GetAccount", {"Tenant": TENANT, "Account": "L1"})["result"]
    assert legacy["Id"] == f"*out:{TENANT}:L1" and legacy["BalanceMap"]["*sms*out"][0]["Value"] == 5, "v1 keeps the old shape"
    two = json.dumps({"method": "CoreSv1.Ping", "params": [{}], "id": 1}) + json.dumps(
        {"method": "CoreSv1.Ping", "params": [{}], "id": 2}
    )
    replies = requests.post(f"{sim.url}/jsonrpc", data=two, timeout=5).text.splitlines()
    assert [json.loads(line)["id"] for line in replies] == [1, 2]


def test_account_create_get_remove(ocs):
    ocs.create_account("Service_x")
    account = ocs.get_account("Service_x")
    assert account["ID"] == f"{TENANT}:Service_x"
    assert (account["AllowNegative"], account["Disabled"], account["BalanceMap"]) == (False, False, None)
    assert [a["ID"] for a in ocs.get_accounts()] == [f"{TENANT}:Service_x"]
    ocs.remove_account("Service_x")
    with pytest.raises(OcsError) as raised:
        ocs.get_account("Service_x")
    assert raised.value.not_found
    ocs.remove_account("Service_x")  # CGRateS answers OK for a missing account too
    assert ocs.get_accounts() == []


def test_balances_of_each_type_with_values_and_expiry(ocs, sim):
    account = "Local_Mobile_SIM_1"
    ocs.create_account(account)
    before = datetime.now(UTC)
    ocs.add_balance(account, MONETARY, 0, balance_id="Initial Balance", expiry_time="+4320h", weight=1, blocker=True)
    ocs.add_balance(
        account, DATA, 20 * GIB, balance_id="DATA_20GB_Monthly", expiry_time="+720h", weight=10, destination_ids="*any"
    )
    ocs.add_balance(account, VOICE, 999_999_999_000_000_000, balance_id="VOICE_Unlimited", expiry_time="+720h")
    ocs.add_balance(account, SMS, 999_999_999, balance_id="SMS_Unlimited", expiry_time="+720h")
    fixed = datetime(2030, 1, 31, 12, 0, tzinfo=UTC)
    ocs.add_balance(account, MONETARY, 1550, balance_id="Credit", expiry_time=fixed, weight=20)

    buckets = by_id(ocs.get_account(account))
    assert {b.id: (b.balance_type, b.value, b.weight) for b in buckets.values()} == {
        "Initial Balance": (MONETARY, 0, 1),
        "Credit": (MONETARY, 1550, 20),
        "DATA_20GB_Monthly": (DATA, 21474836480, 10),
        "VOICE_Unlimited": (VOICE, 999999999000000000, 0),
        "SMS_Unlimited": (SMS, 999999999, 0),
    }
    assert buckets["Initial Balance"].blocker
    expected = before + timedelta(hours=720)
    assert abs((buckets["DATA_20GB_Monthly"].expires_at - expected).total_seconds()) < 5
    assert abs((buckets["Initial Balance"].expires_at - before - timedelta(hours=4320)).total_seconds()) < 5
    assert buckets["Credit"].expires_at == fixed
    raw = ocs.get_account(account)["BalanceMap"][DATA][0]
    assert raw["DestinationIDs"] == {"*any": True} and raw["ExpirationDate"].endswith("Z")

    ocs.add_balance(account, DATA, 5 * GIB, balance_id="DATA_20GB_Monthly")  # same ID: topped up, expiry kept
    ocs.add_balance(account, DATA, 5 * GIB, balance_id="DATA_5GB_Boost_1", expiry_time="+168h", weight=20)
    ocs.add_balance(account, DATA, 5 * GIB, balance_id="DATA_5GB_Boost_2", expiry_time="+168h", weight=20)
    ocs.debit_balance(account, MONETARY, 550, balance_id="Credit")
    ocs.set_balance(account, SMS, "SMS_Unlimited", value=45)
    ocs.remove_balances(account, VOICE, "VOICE_Unlimited")
    buckets = by_id(ocs.get_account(account))
    assert buckets["DATA_20GB_Monthly"].value == 25 * GIB
    assert abs((buckets["DATA_20GB_Monthly"].expires_at - expected).total_seconds()) < 5
    assert [b.value for b in buckets.values() if b.id.startswith("DATA_5GB_Boost_")] == [5 * GIB, 5 * GIB]
    assert buckets["Credit"].value == 1000 and buckets["SMS_Unlimited"].value == 45
    assert "VOICE_Unlimited" not in buckets
    with pytest.raises(OcsError, match="PARTIALLY_EXECUTED"):
        ocs.remove_balances(account, VOICE, "VOICE_Unlimited")  # nothing left to remove
    ocs.add_balance("Brand_New", SMS, 10, balance_id="Bonus")  # AddBalance creates the account if missing
    assert by_id(ocs.get_account("Brand_New"))["Bonus"].expires_at is None, "no expiry is CGRateS' zero time"


def test_action_plans_set_get_remove_and_account_binding(ocs, control, sim):
    account = "Service_ap"
    ocs.create_account(account)
    actions_id = f"Action_AutoTopup_{account}_44"
    ocs.set_actions(
        actions_id,
        [
            Action("*topup", DATA, 10 * GIB, balance_id="DATA_10GB_Monthly", expiry_time="+720h", balance_weight=10, weight=20),
            Action(
                "*http_post",
                extra_parameters="http://crm.example/crm/provision/simple_provision_addon/service_id/5/product_id/44",
            ),
        ],
    )
    assert [a["Identifier"] for a in ocs.get_actions(actions_id)] == ["*topup", "*http_post"]
    plan_id = f"ServiceID_{account}__ProductID_44__MonthlyRenewal"
    ocs.set_action_plan(plan_id, [Timing(actions_id, time="00:00:00", month_days="1")])
    ocs.attach_action_plans(account, [plan_id])

    plan = ocs.get_action_plan(plan_id)
    assert plan["AccountIDs"] == {f"{TENANT}:{account}": True}
    assert plan["ActionTimings"][0]["Timing"]["Timing"]["MonthDays"] == [1]
    [timing] = ocs.get_account_action_plans(account)
    assert (timing["ActionPlanId"], timing["ActionsId"]) == (plan_id, actions_id)
    next_run = parse_time(timing["NextExecTime"])
    assert next_run > datetime.now(UTC) and next_run.day == 1 and next_run.hour == 0
    assert [s["ActionPlanID"] for s in ocs.get_scheduled_actions()] == [plan_id]

    tick = requests.post(f"{sim.url}/sandbox/action_plans/{plan_id}/execute", timeout=5).json()
    assert tick["executed"][0]["error"] is None, "the scheduler's monthly run"
    assert by_id(ocs.get_account(account))["DATA_10GB_Monthly"].value == 10 * GIB
    [post] = requests.get(f"{sim.url}/sandbox/http_posts", timeout=5).json()["http_posts"]
    assert post["url"].endswith("/service_id/5/product_id/44") and post["body"]["ID"] == f"{TENANT}:{account}"

    ocs.execute_action(account, actions_id)  # an add-on bought once: run now, not scheduled
    assert by_id(ocs.get_account(account))["DATA_10GB_Monthly"].value == 20 * GIB

    ocs.remove_action_plan(plan_id)
    assert ocs.get_account_action_plans(account) == []
    with pytest.raises(OcsError) as raised:
        ocs.get_action_plan(plan_id)
    assert raised.value.not_found
    ocs.remove_action_plan(plan_id)  # removing again is OK, as with CGRateS' datadb
    assert ocs.get_scheduled_actions() == []


def test_action_plan_edge_cases_follow_cgrates(ocs):
    ocs.create_account("Service_e")
    with pytest.raises(OcsError, match="BROKEN_REFERENCE:Missing_Actions"):
        ocs.set_action_plan("AP_bad", [Timing("Missing_Actions")])
    with pytest.raises(OcsError) as raised:
        ocs.attach_action_plans("Service_e", ["AP_missing"])
    assert raised.value.message == "SERVER_ERROR: NOT_FOUND" and raised.value.not_found
    ocs.set_actions("Act_e", [Action("*topup", SMS, 100, balance_id="Bundle")])
    ocs.set_action_plan("AP_e", [Timing("Act_e", time="*monthly")])
    ocs.attach_action_plans("Service_e", ["AP_e"])
    ocs.set_action_plan("AP_e", [Timing("Act_e", time="*monthly")])  # rewriting a plan detaches its accounts
    assert ocs.get_account_action_plans("Service_e") == []
    ocs.set_action_plan("AP_asap", [Timing("Act_e", time="*asap")])
    ocs.attach_action_plans("Service_e", ["AP_asap"])  # *asap runs at once and does not stay bound
    assert by_id(ocs.get_account("Service_e"))["Bundle"].value == 100
    assert ocs.get_account_action_plans("Service_e") == []
    ocs.attach_action_plans("Service_e", ["AP_e"])
    ocs.remove_action_timing("AP_e", account="Service_e")
    assert ocs.get_account_action_plans("Service_e") == [] and ocs.get_action_plan("AP_e")["AccountIDs"] == {}
    with pytest.raises(OcsError, match="EXISTS"):
        ocs.set_action_plan("AP_e", [Timing("Act_e")], overwrite=False)


def test_suspend_and_resume_with_the_disabled_flag(ocs, control):
    account = "Service_s"
    ocs.create_account(account)
    ocs.add_balance(account, DATA, GIB, balance_id="Data", expiry_time="+720h")
    ocs.set_actions("Act_s", [Action("*topup", DATA, 1, balance_id="Data")])
    ocs.set_action_plan("AP_s", [Timing("Act_s", time="*monthly")])
    ocs.attach_action_plans(account, ["AP_s"])

    ocs.suspend_account(account)
    assert ocs.get_account(account)["Disabled"] is True
    assert control.calls()[-2]["params"] == [{"Tenant": TENANT, "Account": account, "ExtraOptions": {"Disabled": True}}]
    assert [p["ActionPlanId"] for p in ocs.get_account_action_plans(account)] == ["AP_s"], "plans stay attached"
    usage = {"Account": account, "ToR": DATA, "RequestType": "*prepaid", "Usage": 1000, "SetupTime": "2026-01-01T10:00:00Z"}
    with pytest.raises(OcsError, match="PARTIALLY_EXECUTED"):
        ocs.process_event(usage)
    assert by_id(ocs.get_account(account))["Data"].value == GIB, "a disabled account is not charged"
    assert ocs.get_cdrs(accounts=[account])[0]["ExtraInfo"] == "ACCOUNT_DISABLED"

    ocs.resume_account(account)
    assert ocs.get_account(account)["Disabled"] is False
    ocs.process_event({**usage, "OriginID": "second"})
    assert by_id(ocs.get_account(account))["Data"].value == GIB - 1000


def test_cdr_queries_filter_by_account_and_time_and_usage_debits_balances(ocs, sim):
    for account in ("Service_a", "Service_b"):
        ocs.create_account(account)
        ocs.add_balance(account, DATA, 10 * GIB, balance_id="Monthly", expiry_time="+720h", weight=10)
    ocs.add_balance("Service_a", DATA, GIB, balance_id="Boost", expiry_time="+168h", weight=30)
    for hour, account in ((9, "Service_a"), (10, "Service_b"), (11, "Service_a"), (12, "Service_a")):
        ocs.process_event(
            {
                "Account": account,
                "ToR": DATA,
                "RequestType": "*prepaid",
                "Destination": "internet",
                "OriginID": f"{account}-{hour}",
                "SetupTime": f"2026-03-01T{hour:02d}:00:00Z",
                "AnswerTime": f"2026-03-01T{hour:02d}:00:05Z",
                "Usage": GIB // 2,
            }
        )

    assert [c["OriginID"] for c in ocs.get_cdrs(accounts=["Service_a"])] == ["Service_a-9", "Service_a-11", "Service_a-12"]
    window = ocs.get_cdrs(setup_time_start="2026-03-01T10:00:00Z", setup_time_end=datetime(2026, 3, 1, 12, tzinfo=UTC))
    assert [c["OriginID"] for c in window] == ["Service_b-10", "Service_a-11"], "start inclusive, end exclusive"
    newest = ocs.get_cdrs(accounts=["Service_a"], order_by="SetupTime;desc", limit=2)
    assert [c["OriginID"] for c in newest] == ["Service_a-12", "Service_a-11"]
    assert [c["OriginID"] for c in ocs.get_cdrs(accounts=["Service_a"], limit=1, offset=1)] == ["Service_a-11"]
    assert ocs.get_cdrs(accounts=["Service_z"]) == [] and ocs.count_cdrs(accounts=["Service_a"]) == 3
    cdr = newest[0]
    assert (cdr["Tenant"], cdr["ToR"], cdr["Usage"], cdr["SetupTime"]) == (TENANT, DATA, str(GIB // 2), "2026-03-01T12:00:00Z")
    raw = rpc(sim, "CDRsV1.GetCDRs", {"Accounts": ["Service_z"]})
    assert raw["error"] == "SERVER_ERROR: NOT_FOUND", "CDRsV1 wraps its NOT_FOUND"

    a = by_id(ocs.get_account("Service_a"))
    assert (a["Boost"].value, a["Monthly"].value) == (0, 10 * GIB - GIB // 2), "the higher Weight is used first"
    assert by_id(ocs.get_account("Service_b"))["Monthly"].value == 10 * GIB - GIB // 2


def test_expired_buckets_are_listed_but_not_used(ocs, control):
    ocs.create_account("Service_t")
    ocs.add_balance("Service_t", DATA, GIB, balance_id="Day pass", expiry_time="+24h", weight=20)
    ocs.add_balance("Service_t", DATA, GIB, balance_id="Monthly", expiry_time="+720h", weight=10)
    control.advance_clock(2 * 86400)
    ocs.process_event({"Account": "Service_t", "ToR": DATA, "RequestType": "*prepaid", "Usage": 100})
    buckets = by_id(ocs.get_account("Service_t"))
    assert (buckets["Day pass"].value, buckets["Monthly"].value) == (GIB, GIB - 100)
    assert buckets["Day pass"].expires_at < datetime.now(UTC) + timedelta(days=2)


def test_injected_failure_answers_the_error_and_changes_nothing(ocs, control):
    ocs.create_account("Service_f")
    control.fail(method="ApierV1.AddBalance", error="SERVER_ERROR: MAX_RECURSION_DEPTH", times=1)
    with pytest.raises(OcsError) as raised:
        ocs.add_balance("Service_f", DATA, GIB, balance_id="Data")  # sent as APIerSv1.AddBalance
    assert raised.value.message == "SERVER_ERROR: MAX_RECURSION_DEPTH" and raised.value.code == "SERVER_ERROR"
    assert ocs.get_account("Service_f")["BalanceMap"] is None, "nothing changed"
    ocs.add_balance("Service_f", DATA, GIB, balance_id="Data")  # the failure was for one call only
    assert by_id(ocs.get_account("Service_f"))["Data"].value == GIB
    assert [c["method"] for c in control.calls()] == [
        "APIerSv2.SetAccount",
        "APIerSv1.AddBalance",
        "APIerSv2.GetAccount",
        "APIerSv1.AddBalance",
        "APIerSv2.GetAccount",
    ]


def test_a_delay_longer_than_the_timeout_is_unavailable(sim, control):
    client = OcsClient(sim.url, TENANT, timeout=0.2)
    control.delay(method="APIerSv2.GetAccount", seconds=3, times=1)
    started = time.monotonic()
    with pytest.raises(OcsUnavailable, match="did not answer"):
        client.get_account("anyone")
    assert time.monotonic() - started < 2
    control.clear_delays()
    assert client.ping()


def test_a_stopped_simulator_is_unavailable():
    running = start(ocs_sandbox.create_app())
    client = OcsClient(running.url, TENANT, timeout=2)
    assert client.ping()
    running.stop()
    with pytest.raises(OcsUnavailable, match="unreachable"):
        client.get_account("anyone")
    with pytest.raises(OcsUnavailable):
        OcsClient(closed_port_url(), TENANT).ping()


def test_attribute_profiles(ocs):
    profile = {
        "ID": "ATTR_ACCOUNT_Service_p",
        "Contexts": ["*any"],
        "FilterIDs": ["*string:~*req.Account:Service_p"],
        "Attributes": [{"Path": "*req.PhoneNumber", "Type": "*constant", "Value": [{"Rules": "61400000001"}]}],
        "Weight": 10,
    }
    ocs.set_attribute_profile(profile)
    stored = ocs.get_attribute_profile("ATTR_ACCOUNT_Service_p")
    assert stored["Tenant"] == TENANT and stored["Attributes"][0]["Value"][0]["Rules"] == "61400000001"
    ocs.remove_attribute_profile("ATTR_ACCOUNT_Service_p")
    with pytest.raises(OcsError) as raised:
        ocs.get_attribute_profile("ATTR_ACCOUNT_Service_p")
    assert raised.value.not_found


def test_control_api_state_calls_and_reset(ocs, control, sim):
    ocs.create_account("Service_c")
    assert f"{TENANT}:Service_c" in control.state()["accounts"]
    [call] = control.calls()
    assert (call["seq"], call["method"], call["id"]) == (1, "APIerSv2.SetAccount", 1)
    ocs.reload_cache()
    assert rpc(sim, "APIerSv1.ReloadCache", {"ArgsCache": "*all"})["result"] == "OK", "the playbooks' v0.9 call"
    control.reset()
    assert control.state()["accounts"] == {} and control.calls() == []


def test_config_address_means_http_jsonrpc():
    assert jsonrpc_url("localhost:2080") == "http://localhost:2080/jsonrpc"
    assert jsonrpc_url("http://10.0.1.100:2080/") == "http://10.0.1.100:2080/jsonrpc"
    assert jsonrpc_url("https://ocs.example/jsonrpc") == "https://ocs.example/jsonrpc"


def test_runs_alone():
    run_alone("omnicrm.sandbox.ocs")
