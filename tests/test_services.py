"""Services: records, status changes that reach the OCS simulator, deletion, list, renewals and cancellation
(spec 04 §15-§20, 06 B4/B8, 08). Usage and balances are in test_service_usage.py."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from conftest import ADMIN_HEADERS
from services_helpers import (  # noqa: F401  (the *_fixture imports register the fixtures)
    GIB,
    TENANT,
    activity,
    client_fixture,
    control_fixture,
    customer_with_contact,
    ocs_fixture,
    ocs_sim_fixture,
    product,
    service,
    wait_job,
)
from sqlalchemy import select

from omnicrm import clock
from omnicrm.db import get_session
from omnicrm.integrations.ocs import Action, Timing
from omnicrm.notify.models import Communication
from omnicrm.search import everything


def patch(client, service_id: int, **body):
    return client.patch(f"/crm/service/{service_id}", json=body, headers=ADMIN_HEADERS)


def account_disabled(control, uuid: str) -> bool:
    return control.state()["accounts"][f"{TENANT}:{uuid}"]["Disabled"]


def test_create_converts_strings_and_refuses_bad_input(client):
    """PUT /crm/service/: numeric and boolean strings are converted; a duplicate uuid is 409; bad values are 400
    naming each field; unknown customer 404 (spec 04 API/Services, edge cases)."""
    customer_id = customer_with_contact(client)
    body = {"customer_id": str(customer_id), "service_uuid": "Mobile_SIM_c2880638", "retail_cost": "30.0", "auto_renew": "true"}
    body["service_type"] = "mobile"
    created = client.put("/crm/service/", json=body, headers=ADMIN_HEADERS).get_json()
    assert (created["retail_cost"], created["auto_renew"], created["service_status"]) == (30.0, True, "Active")
    assert created["service_name"] == "Service: Mobile_SIM_c2880638"
    assert client.put("/crm/service/", json=body, headers=ADMIN_HEADERS).status_code == 409
    bad = client.put(
        "/crm/service/",
        json={"customer_id": customer_id, "retail_cost": "abc", "service_status": "active", "service_type": "telepathy"},
        headers=ADMIN_HEADERS,
    )
    assert bad.status_code == 400
    assert set(bad.get_json()["errors"]) == {"retail_cost", "service_status", "service_type"}
    assert (
        client.put("/crm/service/", json={"customer_id": 999999, "service_type": "mobile"}, headers=ADMIN_HEADERS).status_code
        == 404
    )
    by_uuid = client.get("/crm/service/service_uuid/Mobile_SIM_c2880638", headers=ADMIN_HEADERS)
    assert by_uuid.get_json()["service_id"] == created["service_id"]
    assert client.get("/crm/service/service_uuid/Nope_1", headers=ADMIN_HEADERS).status_code == 404


def test_04_17_suspend_and_resume_reach_the_ocs(client, ocs, control):
    """Active → Suspended sends APIerSv2.SetAccount Disabled=true, saves the status, writes one activity row with
    old/new, a life-cycle event and a customer notice; resuming sends Disabled=false. "Paused" and "active" → 400."""
    customer_id = customer_with_contact(client)
    ocs.create_account("Mobile_SIM_1")
    svc = service(client, customer_id, "Mobile_SIM_1")
    response = patch(client, svc["service_id"], service_status="Suspended", suspension_reason="non_payment")
    assert response.status_code == 200 and response.get_json()["service_status"] == "Suspended"
    disable = [c for c in control.calls() if c["method"] == "APIerSv2.SetAccount"][-1]
    assert disable["params"][0]["ExtraOptions"] == {"Disabled": True} and account_disabled(control, "Mobile_SIM_1")
    rows = [row for row in activity(client, svc["service_id"]) if row["action"] == "status_change"]
    assert len(rows) == 1
    detail = client.get(f"/crm/activity/activity_id/{rows[0]['activity_id']}", headers=ADMIN_HEADERS).get_json()
    assert detail["changes_json"] == {"service_status": {"old": "Active", "new": "Suspended"}}

    assert patch(client, svc["service_id"], service_status="Active").status_code == 200
    assert not account_disabled(control, "Mobile_SIM_1")
    lifecycle = client.get(f"/crm/service/{svc['service_id']}/lifecycle", headers=ADMIN_HEADERS).get_json()
    assert [event["event"] for event in lifecycle] == ["resumed", "suspended", "created"]
    assert lifecycle[1]["reason"] == "non_payment" and lifecycle[1]["end_date"] is not None
    with client.application.app_context():
        notices = get_session().scalars(select(Communication).where(Communication.template_key == "service_status_changed"))
        assert [n.variables["new_status"] for n in notices] == ["Suspended", "Active"]
    for status in ("Paused", "active"):
        assert patch(client, svc["service_id"], service_status=status).status_code == 400
    same = patch(client, svc["service_id"], service_status="Active")
    assert (
        same.status_code == 200 and len([r for r in activity(client, svc["service_id"]) if r["action"] == "status_change"]) == 2
    )


def test_suspend_with_ocs_down_changes_nothing(client, control):
    """OCS unreachable while suspending → 502 and the status stays Active (spec 04 edge cases)."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_2")
    control.fail(method="APIerSv2.SetAccount", error="SERVER_ERROR: injected")
    response = patch(client, svc["service_id"], service_status="Suspended")
    assert response.status_code == 502
    assert (
        client.get(f"/crm/service/{svc['service_id']}?include_usage=false", headers=ADMIN_HEADERS).get_json()["service_status"]
        == "Active"
    )


def test_04_18_inactive_starts_the_deprovision_job(client):
    """Active → Inactive on a service with a play → a job whose vars have action deprovision and the uuid; a status
    change while that job runs → 409."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_3", provisioning_play="play_echo")
    response = patch(client, svc["service_id"], service_status="Inactive")
    body = response.get_json()
    assert response.status_code == 200 and body["service_status"] == "Inactive" and body["provision_id"]
    job = client.get(f"/crm/provision/provision_id/{body['provision_id']}", headers=ADMIN_HEADERS).get_json()
    variables = json.loads(job["provisioning_json_vars"])
    assert variables["action"] == "deprovision" and variables["service_uuid"] == "Mobile_SIM_3"
    if job["provisioning_status"] == 1:
        assert patch(client, svc["service_id"], service_status="Active").status_code == 409
    assert wait_job(client, body["provision_id"])["provisioning_status"] == 0


def test_read_only_fields_and_own_scope(client):
    """PATCH of customer_id, service_uuid or product_id → 400 naming it (04 edge cases)."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_4")
    for field, value in (("customer_id", 2), ("service_uuid", "X_1"), ("product_id", 1)):
        response = patch(client, svc["service_id"], **{field: value})
        assert response.status_code == 400 and field in response.get_json()["errors"]
    edited = patch(client, svc["service_id"], service_name="Dad's phone", custom_fields={"po_number": "PO-7"}).get_json()
    assert edited["service_name"] == "Dad's phone" and edited["custom_fields"] == {"po_number": "PO-7"}


def test_04_19_list_defaults_and_number_search(client):
    """GET /crm/service/ with no parameters → only Active, newest first, 10 per page; `0770` finds the service whose
    linked number is `07700 900123`. Also 08 check 10: rows carry id, name, type, status and customer."""
    customer_id = customer_with_contact(client)
    ids = [service(client, customer_id, f"Mobile_SIM_L{n}")["service_id"] for n in range(12)]
    patch(client, ids[0], service_status="Suspended")
    listing = client.get("/crm/service/", headers=ADMIN_HEADERS).get_json()
    assert listing["pagination"]["per_page"] == 10 and listing["pagination"]["total_items"] == 11
    assert [row["service_id"] for row in listing["data"]] == sorted(ids[1:], reverse=True)[:10]
    row = listing["data"][0]
    assert {row["service_type"], row["service_status"], row["customer_name"]} == {"mobile", "Active", "Ann Lee"}
    everything = client.get('/crm/service/?filters={"service_status":["Active","Suspended"]}', headers=ADMIN_HEADERS)
    assert everything.get_json()["pagination"]["total_items"] == 12

    template = client.put(
        "/crm/inventory/template/", json={"item": "Mobile Number", "wholesale_cost": 0, "retail_cost": 0}, headers=ADMIN_HEADERS
    ).get_json()
    number = client.put(
        "/crm/inventory/",
        json={"inventory_template_id": template["inventory_template_id"], "itemtext1": "07700 900123"},
        headers=ADMIN_HEADERS,
    ).get_json()
    assigned = client.patch(
        f"/crm/inventory/inventory_id/{number['inventory_id']}",
        json={"customer_id": customer_id, "service_id": ids[5], "item_state": "Assigned"},
        headers=ADMIN_HEADERS,
    )
    assert assigned.status_code == 200, assigned.get_json()
    found = client.get("/crm/service/?search=0770", headers=ADMIN_HEADERS).get_json()["data"]
    assert [row["service_id"] for row in found] == [ids[5]]
    assert client.get("/crm/service/?per_page=500", headers=ADMIN_HEADERS).status_code == 400
    assert client.get("/crm/service/?filters=notjson", headers=ADMIN_HEADERS).status_code == 400


def test_list_search_of_a_common_term_scans_the_entries(client, monkeypatch):
    """When the term is in most records, the list reads the search entries once instead of joining postings: the
    service is still found by its name, its customer's name and its linked number."""
    monkeypatch.setattr(everything, "RARITY_CAP", 1)
    monkeypatch.setattr(everything, "SCAN_SHARE", 0.0)
    monkeypatch.setattr(everything, "_entry_counts", {})  # counted afresh for this data
    customer_id = customer_with_contact(client)
    other = customer_with_contact(client, "Bob Stone")
    mine, theirs = service(client, customer_id, "Mobile_SIM_C1"), service(client, other, "Mobile_SIM_C2")
    template = client.put(
        "/crm/inventory/template/", json={"item": "Mobile Number", "wholesale_cost": 0, "retail_cost": 0}, headers=ADMIN_HEADERS
    ).get_json()
    number = client.put(
        "/crm/inventory/",
        json={"inventory_template_id": template["inventory_template_id"], "itemtext1": "07700 900123"},
        headers=ADMIN_HEADERS,
    ).get_json()
    client.patch(
        f"/crm/inventory/inventory_id/{number['inventory_id']}",
        json={"customer_id": other, "service_id": theirs["service_id"], "item_state": "Assigned"},
        headers=ADMIN_HEADERS,
    )

    def found(term: str) -> list[int]:
        return [row["service_id"] for row in client.get(f"/crm/service/?search={term}", headers=ADMIN_HEADERS).get_json()["data"]]

    assert found("sim_c") == [theirs["service_id"], mine["service_id"]]
    assert found("ann lee") == [mine["service_id"]]
    assert found("0770090") == found("07700 90") == [theirs["service_id"]]


def test_04_20_bulk_delete(client, ocs, control):
    """[] → 400; three services without a play are deleted, their inventory returns to Used, RemoveActionPlan is
    sent for their plans, one activity row each; an unknown id gets its own `not_found` result. Also 04 §16:
    transactions keep their history with a null service_id."""
    assert client.post("/crm/service/bulk_delete", json={"service_ids": []}, headers=ADMIN_HEADERS).status_code == 400
    assert client.post("/crm/service/bulk_delete", json={"service_ids": "1"}, headers=ADMIN_HEADERS).status_code == 400
    too_many = {"service_ids": list(range(1, 502))}
    assert client.post("/crm/service/bulk_delete", json=too_many, headers=ADMIN_HEADERS).status_code == 400
    customer_id = customer_with_contact(client)
    template = client.put(
        "/crm/inventory/template/", json={"item": "SIM Card", "wholesale_cost": 1, "retail_cost": 1}, headers=ADMIN_HEADERS
    ).get_json()
    ocs.set_actions("Action_mobile", [Action("*topup", "*data", GIB)])
    ids, sims = [], []
    for n in range(3):
        uuid = f"Mobile_SIM_D{n}"
        svc = service(client, customer_id, uuid)
        plan = f"ServiceID_{uuid}__ProductID_1__MonthlyRenewal"
        ocs.set_action_plan(plan, [Timing("Action_mobile", month_days="1")])
        ocs.attach_action_plans(uuid, [plan])
        sim = client.put(
            "/crm/inventory/",
            json={"inventory_template_id": template["inventory_template_id"], "itemtext1": f"8944{n}"},
            headers=ADMIN_HEADERS,
        ).get_json()
        client.patch(
            f"/crm/inventory/inventory_id/{sim['inventory_id']}",
            json={"customer_id": customer_id, "service_id": svc["service_id"], "item_state": "Assigned"},
            headers=ADMIN_HEADERS,
        )
        ids.append(svc["service_id"])
        sims.append(sim["inventory_id"])
    charge = {"customer_id": customer_id, "service_id": ids[0], "title": "Setup", "retail_cost": 10}
    transaction = client.put("/crm/transaction/", json=charge, headers=ADMIN_HEADERS).get_json()
    response = client.post(
        "/crm/service/bulk_delete", json={"service_ids": [ids[0], 999999, ids[1], ids[2]]}, headers=ADMIN_HEADERS
    )
    results = {row["service_id"]: row["status"] for row in response.get_json()["results"]}
    assert results == {ids[0]: "deleted", 999999: "not_found", ids[1]: "deleted", ids[2]: "deleted"}
    for service_id in ids:
        assert client.get(f"/crm/service/{service_id}", headers=ADMIN_HEADERS).status_code == 404
    for inventory_id in sims:
        item = client.get(f"/crm/inventory/inventory_id/{inventory_id}", headers=ADMIN_HEADERS).get_json()
        assert (item["item_state"], item["service_id"], item["customer_id"]) == ("Used", None, None)
    removed = [c["params"][0]["ID"] for c in control.calls() if c["method"] == "APIerSv1.RemoveActionPlan"]
    assert sorted(removed) == sorted(f"ServiceID_Mobile_SIM_D{n}__ProductID_1__MonthlyRenewal" for n in range(3))
    deletions = client.get(f"/crm/activity/customer_id/{customer_id}?object_type=service&per_page=100", headers=ADMIN_HEADERS)
    assert len([row for row in deletions.get_json()["data"] if row["action"] == "delete"]) == 3
    kept = client.get(f"/crm/transaction/transaction_id/{transaction['transaction_id']}", headers=ADMIN_HEADERS).get_json()
    assert kept["service_id"] is None and kept["retail_cost"] == 10.0


def test_delete_with_a_play_waits_for_the_deprovision_job(client):
    """04 §16: a service with a play is deleted only when its deprovision job succeeds."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_5", provisioning_play="play_echo")
    response = client.delete(f"/crm/service/service_id/{svc['service_id']}", headers=ADMIN_HEADERS).get_json()
    assert response["status"] == "deletion_started" and response["message"] == "Service deletion started"
    assert wait_job(client, response["provision_id"])["provisioning_status"] == 0
    assert client.get(f"/crm/service/{svc['service_id']}", headers=ADMIN_HEADERS).status_code == 404


def test_04_32_remove_auto_renew(client, ocs, control):
    """DELETE /crm/service/5/auto_renew → RemoveActionPlan for each of the account's plans; status kept;
    auto_renew false; activity `auto_renew_removed`. Also 06 check 24 (Cancel Auto-Renew) and DELETE of one named
    plan (404 when not on the account)."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "U", auto_renew=True)
    ocs.set_actions("Action_data-10gb-monthly", [Action("*topup", "*data", 10 * GIB)])
    plans = ["ServiceID_U__ProductID_44__MonthlyRenewal", "ServiceID_U__ProductID_45__MonthlyRenewal"]
    for plan in plans:
        ocs.set_action_plan(plan, [Timing("Action_data-10gb-monthly", month_days="1")])
    ocs.attach_action_plans("U", plans)
    one = client.delete(f"/crm/service/{svc['service_id']}/action_plan/{plans[1]}", headers=ADMIN_HEADERS)
    assert one.status_code == 200
    assert client.delete(f"/crm/service/{svc['service_id']}/action_plan/Nope", headers=ADMIN_HEADERS).status_code == 404
    response = client.delete(f"/crm/service/{svc['service_id']}/auto_renew", headers=ADMIN_HEADERS)
    assert response.get_json() == {"message": "Auto-renew removed", "removed": [plans[0]]}
    removed = [c["params"][0]["ID"] for c in control.calls() if c["method"] == "APIerSv1.RemoveActionPlan"]
    assert removed == [plans[1], plans[0]]
    after = client.get(f"/crm/service/{svc['service_id']}?include_usage=false", headers=ADMIN_HEADERS).get_json()
    assert (after["auto_renew"], after["service_status"]) == (False, "Active")
    assert "auto_renew_removed" in [row["action"] for row in activity(client, svc["service_id"])]
    assert client.delete(f"/crm/service/{svc['service_id']}/auto_renew", headers=ADMIN_HEADERS).status_code == 404


def test_04_33_renew_now_starts_a_renew_job(client):
    """POST /crm/service/5/renew_now → 200 with a provision_id whose vars have action renew, the service id and uuid;
    Inactive → 409; a product without a play → 422; on success the life-cycle shows `renewed`."""
    customer_id = customer_with_contact(client)
    plan = product(client, "mobile-renew", provisioning_play="play_echo", contract_days=30)
    svc = service(client, customer_id, "Mobile_SIM_6", product_id=plan["product_id"])
    response = client.post(f"/crm/service/{svc['service_id']}/renew_now", headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    job = wait_job(client, response.get_json()["provision_id"])
    variables = json.loads(job["provisioning_json_vars"])
    assert (variables["action"], variables["service_id"], variables["service_uuid"]) == (
        "renew",
        svc["service_id"],
        "Mobile_SIM_6",
    )
    events = client.get(f"/crm/service/service_id/{svc['service_id']}/lifecycle", headers=ADMIN_HEADERS).get_json()
    assert events[0]["event"] == "renewed"
    bare = product(client, "no-play")
    other = service(client, customer_id, "Mobile_SIM_7", product_id=bare["product_id"])
    assert client.post(f"/crm/service/{other['service_id']}/renew_now", headers=ADMIN_HEADERS).status_code == 422
    patch(client, other["service_id"], service_status="Inactive")
    assert client.post(f"/crm/service/{other['service_id']}/renew_now", headers=ADMIN_HEADERS).status_code == 409


def test_04_31_renewals_view(client, ocs):
    """A scheduled action whose uuid is not in the database → customer N/A, service N/A, status Unknown and the
    product name parsed from the ActionPlan id; a known one shows its customer, cost and status; soonest first."""
    customer_id = customer_with_contact(client)
    plan = product(client, "mobile-auto", retail_cost=15)
    svc = service(client, customer_id, "Mobile_SIM_8", product_id=plan["product_id"])
    ocs.set_actions("Action_renew", [Action("*topup", "*data", GIB)])
    known = f"ServiceID_Mobile_SIM_8__ProductID_{plan['product_id']}__MonthlyRenewal"
    ghost = "999__Gold_Plan_20GB__Ghost_1__ActionPlan_Monthly_Renew"
    ocs.set_action_plan(known, [Timing("Action_renew", month_days="1")])
    ocs.set_action_plan(ghost, [Timing("Action_renew", month_days="2")])
    ocs.attach_action_plans("Mobile_SIM_8", [known])
    ocs.attach_action_plans("Ghost_1", [ghost])
    rows = {
        row["action_plan_id"]: row for row in client.get("/crm/service/auto_renewals", headers=ADMIN_HEADERS).get_json()["data"]
    }
    assert rows[ghost]["customer_name"] == "N/A" and rows[ghost]["service_name"] == "N/A"
    assert (rows[ghost]["service_status"], rows[ghost]["product_name"], rows[ghost]["cost"]) == (
        "Unknown",
        "Gold Plan 20GB",
        "N/A",
    )
    mine = rows[known]
    assert (mine["customer_id"], mine["service_id"], mine["cost"], mine["service_status"]) == (
        customer_id,
        svc["service_id"],
        "15.00",
        "Active",
    )
    assert mine["next_run_time_hr"].startswith("in ")


def test_06_25_cancel_with_grace_period_and_reverse(make_app, ocs_sim, control, tmp_path):
    """With cancellation_grace_days 14: cancel → Pending Cancellation, scheduled now + 14 days, OCS account still
    enabled; reverse → Active. With grace 0 (second app): cancel → a deprovision job at once."""
    from services_helpers import ECHO_PLAY

    (tmp_path / "play_echo.yaml").write_text(ECHO_PLAY)
    config = {"cgrates": f"127.0.0.1:{ocs_sim.port}", "ocsTenant": TENANT}
    app = make_app(ocs=config, services={"cancellation_grace_days": 14}, provisioning={"playbooks_dir": str(tmp_path)})
    client = app.test_client()
    from identity_helpers import ready_user

    ready_user(client, "first-admin@example.com", role="Admin")
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_9", provisioning_play="play_echo")
    cancelled = client.post(f"/crm/service/{svc['service_id']}/cancel", json={"reason": "moving"}, headers=ADMIN_HEADERS)
    body = cancelled.get_json()
    assert body["service_status"] == "Pending Cancellation"
    with app.app_context():
        expected = (clock.now() + timedelta(days=14)).strftime("%Y-%m-%d")
    assert body["scheduled_deprovision_date"].startswith(expected)
    assert not [c for c in control.calls() if c["method"] == "APIerSv2.SetAccount"]
    again = client.post(f"/crm/service/{svc['service_id']}/cancel", headers=ADMIN_HEADERS)
    assert again.status_code == 400
    reversed_ = client.post(f"/crm/service/{svc['service_id']}/reverse_cancellation", headers=ADMIN_HEADERS).get_json()
    assert reversed_["service_status"] == "Active" and reversed_["scheduled_deprovision_date"] is None
    now = client.post(f"/crm/service/{svc['service_id']}/cancel", json={"immediate": True}, headers=ADMIN_HEADERS).get_json()
    assert now["service_status"] == "Inactive" and now["provision_id"]


def test_08_5_cancel_at_period_end_runs_when_the_period_ends(client):
    """Cancel at period end leaves the service Active until paid_until; the daily pass then cancels it and writes a
    life-cycle event."""
    from omnicrm.services import lifecycle

    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_10", service_deactivate_date="2030-01-31 00:00:00")
    body = client.post(f"/crm/service/{svc['service_id']}/cancel", json={"when": "period_end"}, headers=ADMIN_HEADERS).get_json()
    assert body["service_status"] == "Active" and body["scheduled_deprovision_date"].startswith("2030-01-31")
    with client.application.app_context():
        assert lifecycle.run_due_cancellations(get_session()) == []
        clock.travel(datetime(2030, 2, 1) - clock.now())
        assert lifecycle.run_due_cancellations(get_session()) == [svc["service_id"]]
    events = client.get(f"/crm/service/{svc['service_id']}/lifecycle", headers=ADMIN_HEADERS).get_json()
    assert [event["event"] for event in events[:2]] == ["cancelled", "cancel_requested"]


def test_service_notes(client):
    """Notes: add (1-4000 characters), list newest first, delete one; each add and delete writes an activity row."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_11")
    url = f"/crm/service/{svc['service_id']}/notes"
    assert client.post(url, json={"text": " "}, headers=ADMIN_HEADERS).status_code == 400
    first = client.post(url, json={"text": "Customer called about roaming"}, headers=ADMIN_HEADERS).get_json()
    client.post(url, json={"text": "SIM swapped"}, headers=ADMIN_HEADERS)
    assert [note["text"] for note in client.get(url, headers=ADMIN_HEADERS).get_json()] == [
        "SIM swapped",
        "Customer called about roaming",
    ]
    assert client.delete(f"{url}/{first['note_id']}", headers=ADMIN_HEADERS).status_code == 200
    assert len(client.get(url, headers=ADMIN_HEADERS).get_json()) == 1
    assert len([row for row in activity(client, svc["service_id"]) if row["object_type"] == "note"]) == 3


def test_06_26_product_in_use_cannot_be_deleted(client):
    """DELETE of a product a service uses → 409; of an unused product → 200."""
    customer_id = customer_with_contact(client)
    used, unused = product(client, "used-plan"), product(client, "unused-plan")
    service(client, customer_id, "Mobile_SIM_12", product_id=used["product_id"])
    assert client.delete(f"/crm/product/product_id/{used['product_id']}", headers=ADMIN_HEADERS).status_code == 409
    assert client.delete(f"/crm/product/product_id/{unused['product_id']}", headers=ADMIN_HEADERS).status_code == 200


def test_05_20_services_found_by_global_search(client):
    """A service with uuid `123e4567-e89b-12d3-a456-426614174000` named "Mobile - +44 7700 900123" is found by
    `123e4567-e89b` with type `service`; `07700900123` does not find it (the name holds spaces)."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "123e4567-e89b-12d3-a456-426614174000", service_name="Mobile - +44 7700 900123")
    hits = client.get("/utilities/search_everything?search=123e4567-e89b", headers=ADMIN_HEADERS).get_json()["data"]
    assert hits == [{"id": svc["service_id"], "name": "Mobile - +44 7700 900123", "customer_id": customer_id, "type": "service"}]
    assert client.get("/utilities/search_everything?search=07700900123", headers=ADMIN_HEADERS).get_json()["data"] == []


def test_due_cancellations_command(client, tmp_path):
    """`omnicrm due-cancellations` (the daily pass) cancels a service whose scheduled deprovision date has passed."""
    import os
    import subprocess
    import sys

    import yaml

    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_13", service_deactivate_date="2000-01-31 00:00:00")
    client.post(f"/crm/service/{svc['service_id']}/cancel", json={"when": "period_end"}, headers=ADMIN_HEADERS)
    settings = client.application.extensions["omnicrm.settings"]
    config = tmp_path / "crm_config.yaml"
    config.write_text(yaml.safe_dump(settings.model_dump(mode="json", exclude_none=True)))
    env = {**os.environ, "CRM_CONFIG_PATH": str(config)}
    result = subprocess.run([sys.executable, "-m", "omnicrm", "due-cancellations"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"1 service(s) cancelled: {svc['service_id']}" in result.stdout
    after = client.get(f"/crm/service/{svc['service_id']}?include_usage=false", headers=ADMIN_HEADERS).get_json()
    assert after["service_status"] == "Inactive"
