"""Add-ons on a service, inventory holds of the order selectors, and the OCS-triggered simple provisioning
(spec 04 §12, §19, API/Provisioning; 06 §5, B4, B7)."""

from __future__ import annotations

import json
from datetime import timedelta

from conftest import ADMIN_HEADERS
from identity_helpers import bearer, login, ready_user
from services_helpers import (  # noqa: F401  (the *_fixture imports register the fixtures)
    GIB,
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

from omnicrm import clock
from omnicrm.integrations.ocs import Action, Timing

FAIL_PLAY = """
- name: Failing add-on
  hosts: localhost
  gather_facts: no
  tasks:
    - name: Charge
      fail:
        msg: card declined
"""


def provision(client, headers: dict = ADMIN_HEADERS, **body):
    return client.put("/crm/provision/", json=body, headers=headers)


def rental_item(client, serial: str) -> int:
    template = client.get("/crm/inventory/template/?search=Rental", headers=ADMIN_HEADERS).get_json()["data"]
    if not template:
        body = {"item": "Rental Modem", "wholesale_cost": 45, "retail_cost": 0}
        template = [client.put("/crm/inventory/template/", json=body, headers=ADMIN_HEADERS).get_json()]
    body = {"inventory_template_id": template[0]["inventory_template_id"], "itemtext1": serial}
    return client.put("/crm/inventory/", json=body, headers=ADMIN_HEADERS).get_json()["inventory_id"]


def test_06_21_one_off_addon_is_recorded_as_applied(client):
    """An add-on job that succeeds on a service writes a `service_addon` row: `Applied` for a one-off without
    hardware (06 check 21, the part that does not need card payments); the add-on list shows it with the product
    name. An add-on for another service type → 409 (decision 51); without service_id the single compatible service
    is chosen (decision 50)."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_a1")
    boost = product(
        client, "boost-5gb", category="addon", retail_cost=5, wholesale_cost=1.5, provisioning_play="play_echo", contract_days=0
    )
    created = provision(client, product_id=boost["product_id"], customer_id=customer_id).get_json()
    job = wait_job(client, created["provision_id"])
    assert job["provisioning_status"] == 0 and job["service_id"] == svc["service_id"]
    [addon] = client.get(f"/crm/service/{svc['service_id']}/addons", headers=ADMIN_HEADERS).get_json()
    assert (addon["status"], addon["product_name"], addon["retail_cost"]) == ("Applied", "Product boost-5gb", 5.0)
    assert (
        client.delete(f"/crm/service/{svc['service_id']}/addon/{addon['service_addon_id']}", headers=ADMIN_HEADERS).status_code
        == 400
    )
    internet = product(client, "tv-addon", category="addon", service_type="iptv", provisioning_play="play_echo")
    wrong = provision(client, product_id=internet["product_id"], customer_id=customer_id, service_id=svc["service_id"])
    assert wrong.status_code == 409
    service(client, customer_id, "Mobile_SIM_a2")
    ambiguous = provision(client, product_id=boost["product_id"], customer_id=customer_id)
    assert ambiguous.status_code == 400 and "service_id" in ambiguous.get_json()["errors"]


def test_failed_addon_writes_no_addon_row(client, tmp_path):
    """06 edge case: a failed add-on job leaves no service_addon row."""
    (tmp_path / "play_fail_addon.yaml").write_text(FAIL_PLAY)
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_a3")
    addon = product(client, "boost-fail", category="addon", provisioning_play="play_fail_addon")
    created = provision(client, product_id=addon["product_id"], service_id=svc["service_id"]).get_json()
    assert wait_job(client, created["provision_id"])["provisioning_status"] == 2
    assert client.get(f"/crm/service/{svc['service_id']}/addons", headers=ADMIN_HEADERS).get_json() == []


def test_06_24_recurring_rental_addon_return_flow_and_prorata_credit(make_app, ocs_sim, control, tmp_path, ocs):
    """A recurring hardware add-on is `Active` with next_renewal_date = purchase + 30 days; removing it removes its
    renewal plan from the OCS, credits the unused days (services.prorata_credit_on_addon_removal) and waits for
    the modem (`Pending Return`, due in 14 days); `returned` good → item Used, add-on Returned."""
    from services_helpers import ECHO_PLAY, TENANT

    (tmp_path / "play_echo.yaml").write_text(ECHO_PLAY)
    app = make_app(
        ocs={"cgrates": f"127.0.0.1:{ocs_sim.port}", "ocsTenant": TENANT},
        provisioning={"playbooks_dir": str(tmp_path)},
        services={"prorata_credit_on_addon_removal": True},
    )
    client = app.test_client()
    ready_user(client, "first-admin@example.com", role="Admin")
    customer_id = customer_with_contact(client)
    client.application.extensions["omnicrm.settings"].service_types.append("internet")
    fibre = service(client, customer_id, "Fibre_a4", service_type="internet")
    modem = rental_item(client, "MODEM-001")
    rental = product(
        client,
        "modem-rental",
        category="addon",
        service_type="internet",
        retail_cost=10,
        wholesale_cost=3,
        contract_days=30,
        auto_renew="true",
        inventory_items_list=["Rental Modem"],
        provisioning_play="play_echo",
    )
    created = provision(client, product_id=rental["product_id"], service_id=fibre["service_id"], **{"Rental Modem": modem})
    assert created.status_code == 200, created.get_json()
    assert wait_job(client, created.get_json()["provision_id"])["provisioning_status"] == 0
    [addon] = client.get(f"/crm/service/service_id/{fibre['service_id']}/addons", headers=ADMIN_HEADERS).get_json()
    with app.app_context():
        expected = (clock.now() + timedelta(days=30)).date().isoformat()
    assert (addon["status"], addon["auto_renew"], addon["next_renewal_date"], addon["inventory_ids"]) == (
        "Active",
        True,
        expected,
        [modem],
    )
    plan = f"ServiceID_Fibre_a4__ProductID_{rental['product_id']}__MonthlyRenewal"
    ocs.set_actions("Action_modem-rental", [Action("*debit", "*monetary", 1000)])
    ocs.set_action_plan(plan, [Timing("Action_modem-rental", month_days="1")])
    ocs.attach_action_plans("Fibre_a4", [plan])
    clock.travel(timedelta(days=10))
    removed = client.delete(f"/crm/service/{fibre['service_id']}/addon/{addon['service_addon_id']}", headers=ADMIN_HEADERS)
    body = removed.get_json()
    assert body["status"] == "Pending Return" and body["return_due_date"] is not None
    assert [c["params"][0]["ID"] for c in control.calls() if c["method"] == "APIerSv1.RemoveActionPlan"] == [plan]
    ledger = client.get(f"/crm/transaction/customer_id/{customer_id}", headers=ADMIN_HEADERS).get_json()["data"]
    assert [(row["title"], row["retail_cost"]) for row in ledger] == [("Product modem-rental - Unused period credit", -6.67)]
    url = f"/crm/service/{fibre['service_id']}/addon/{addon['service_addon_id']}/returned"
    assert client.post(url, json={"condition": "lost"}, headers=ADMIN_HEADERS).status_code == 400
    assert client.post(url, json={"condition": "good"}, headers=ADMIN_HEADERS).get_json()["status"] == "Returned"
    item = client.get(f"/crm/inventory/inventory_id/{modem}", headers=ADMIN_HEADERS).get_json()
    assert (item["item_state"], item["service_id"]) == ("Used", None)
    assert {"addon_purchased", "addon_removed", "addon_returned"} <= {
        row["action"] for row in activity(client, fibre["service_id"])
    }


def test_selector_holds_an_item_for_its_user(client):
    """Two operators picking the same SIM: the second reservation → 409 and the item is hidden from their selector;
    a provisioning request by the other operator for it → 409 (decision 55)."""
    template = client.put(
        "/crm/inventory/template/", json={"item": "SIM Card", "wholesale_cost": 1, "retail_cost": 1}, headers=ADMIN_HEADERS
    ).get_json()
    body = {"inventory_template_id": template["inventory_template_id"], "itemtext1": "8944500"}
    sim = client.put("/crm/inventory/", json=body, headers=ADMIN_HEADERS).get_json()["inventory_id"]
    tokens = []
    for email in ("one@example.com", "two@example.com"):
        ready_user(client, email, role="Admin")
        tokens.append(bearer(login(client, email).get_json()["token"]))
    first = client.post("/crm/provision/reserve_inventory", json={"inventory_ids": [sim]}, headers=tokens[0])
    assert first.status_code == 200 and first.get_json()["reserved"] == [sim] and first.get_json()["expires_at"]
    assert client.post("/crm/provision/reserve_inventory", json={"inventory_ids": [sim]}, headers=tokens[0]).status_code == 200
    assert client.post("/crm/provision/reserve_inventory", json={"inventory_ids": [sim]}, headers=tokens[1]).status_code == 409
    assert client.post("/crm/provision/reserve_inventory", json={"inventory_ids": []}, headers=tokens[1]).status_code == 400
    mine = client.get("/crm/inventory/available?item=SIM%20Card", headers=tokens[0]).get_json()["data"]
    theirs = client.get("/crm/inventory/available?item=SIM%20Card", headers=tokens[1]).get_json()["data"]
    assert [(row["inventory_id"], row["reserved"]) for row in mine] == [(sim, True)] and theirs == []
    customer_id = customer_with_contact(client)
    plan = product(client, "sim-plan", inventory_items_list=["SIM Card"], provisioning_play="play_echo")
    refused = provision(client, headers=tokens[1], product_id=plan["product_id"], customer_id=customer_id, **{"SIM Card": sim})
    assert refused.status_code == 409 and "reserved" in refused.get_json()["message"]


def test_04_15_simple_provisioning_for_machines_only(make_app, ocs_sim, tmp_path):
    """From a whitelisted IP, POST simple_provision_addon → 200 with a provision_id; the vars hold service_id,
    product_id and the service's customer_id. A non-whitelisted IP without key → 403 "Access denied"; a valid Bearer
    JWT only → 403; an unknown key → 401. Also 04 check 16: the recharge form answers 200 with status 0 when the play
    succeeds and 500 with status 2 when it fails."""
    from services_helpers import ECHO_PLAY

    (tmp_path / "play_echo.yaml").write_text(ECHO_PLAY)
    (tmp_path / "play_fail_addon.yaml").write_text(FAIL_PLAY)
    app = make_app(ip_whitelist={"10.9.9.9": {"roles": ["admin"]}}, provisioning={"playbooks_dir": str(tmp_path)})
    client = app.test_client()
    ready_user(client, "first-admin@example.com", role="Admin")
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_a5")
    topup = product(client, "topup-10", provisioning_play="play_echo", provisioning_json_vars={"amount": 10})
    failing = product(client, "topup-fail", provisioning_play="play_fail_addon")
    path = f"/crm/provision/simple_provision_addon/service_id/{svc['service_id']}/product_id/{topup['product_id']}"
    ocs_host = {"REMOTE_ADDR": "10.9.9.9"}
    response = client.post(path, data="Account=x", content_type="application/x-www-form-urlencoded", environ_base=ocs_host)
    assert response.status_code == 200, response.get_json()
    job = wait_job(client, response.get_json()["provision_id"])
    variables = json.loads(job["provisioning_json_vars"])
    assert (variables["service_id"], variables["product_id"], variables["customer_id"]) == (
        svc["service_id"],
        topup["product_id"],
        customer_id,
    )
    assert variables["amount"] == 10
    assert client.post(path, environ_base={"REMOTE_ADDR": "10.0.0.1"}).get_json() == {"message": "Access denied"}
    ready_user(client, "staff@example.com", role="Admin")
    token = bearer(login(client, "staff@example.com").get_json()["token"])
    assert client.post(path, headers=token).status_code == 403
    assert client.post(path, headers={"X-API-KEY": "k" * 40}).get_json() == {"message": "Invalid API key"}
    missing = path.replace(f"service_id/{svc['service_id']}", "service_id/999999")
    assert client.post(missing, headers=ADMIN_HEADERS).status_code == 404

    recharge = path.replace("simple_provision_addon", "simple_provision_addon_recharge")
    done = client.post(recharge, headers=ADMIN_HEADERS)
    assert done.status_code == 200 and done.get_json()["provisioning_status"] == 0
    assert done.get_json()["message"] == "Provisioning completed" and done.get_json()["provisioning_result_json"]
    failed = client.post(
        recharge.replace(f"product_id/{topup['product_id']}", f"product_id/{failing['product_id']}"), headers=ADMIN_HEADERS
    )
    assert failed.status_code == 500 and failed.get_json()["provisioning_status"] == 2
    assert failed.get_json()["error_summary"] == "card declined"


def test_auto_renew_toggle(client, ocs, control):
    """PATCH auto_renew false removes the renewal plans (04 §17); true on a product that forbids it → 409; a customer
    may not toggle it on such a product (403)."""
    customer_id = customer_with_contact(client)
    locked = product(client, "no-renew", allow_auto_renew=False)
    svc = service(client, customer_id, "Mobile_SIM_a6", product_id=locked["product_id"], auto_renew=False)
    refused = client.patch(f"/crm/service/{svc['service_id']}", json={"auto_renew": True}, headers=ADMIN_HEADERS)
    assert refused.status_code == 409
    open_plan = product(client, "renewable")
    other = service(client, customer_id, "Mobile_SIM_a7", product_id=open_plan["product_id"], auto_renew=True)
    plan = f"ServiceID_Mobile_SIM_a7__ProductID_{open_plan['product_id']}__MonthlyRenewal"
    ocs.set_actions("Action_renewable", [Action("*topup", "*data", GIB)])
    ocs.set_action_plan(plan, [Timing("Action_renewable", month_days="1")])
    ocs.attach_action_plans("Mobile_SIM_a7", [plan])
    off = client.patch(f"/crm/service/{other['service_id']}", json={"auto_renew": "false"}, headers=ADMIN_HEADERS)
    assert off.status_code == 200 and off.get_json()["auto_renew"] is False
    assert [c["params"][0]["ID"] for c in control.calls() if c["method"] == "APIerSv1.RemoveActionPlan"] == [plan]
    on = client.patch(f"/crm/service/{other['service_id']}", json={"auto_renew": True}, headers=ADMIN_HEADERS)
    assert on.status_code == 200 and on.get_json()["auto_renew"] is True


def test_06_20_addons_offered_for_a_service(client):
    """The add-on list for a residential customer's mobile service has the residential mobile add-on, not an
    internet add-on, a business-only mobile add-on or a disabled one (06 §B3)."""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_a8")
    wanted = product(client, "extra-5gb", category="addon", provisioning_play="play_echo")
    product(client, "tv-pack", category="addon", service_type="iptv")
    product(client, "biz-boost", category="addon", residential=False, business=True)
    product(client, "old-boost", category="addon", enabled=False)
    product(client, "another-plan")
    offered = client.get(f"/crm/product/?service_id={svc['service_id']}", headers=ADMIN_HEADERS).get_json()
    assert [row["product_slug"] for row in offered] == [wanted["product_slug"]]


def test_06_9_business_only_product_refused_to_a_residential_customer(client):
    """A residential customer provisioning a product with residential=false, business=true → 400, no job."""
    customer_id = customer_with_contact(client)
    business = product(client, "biz-line", residential=False, business=True, provisioning_play="play_echo")
    refused = provision(client, product_id=business["product_id"], customer_id=customer_id)
    assert refused.status_code == 400 and "product_id" in refused.get_json()["errors"]
    assert client.get("/crm/provision/", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"] == 0
