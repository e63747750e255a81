"""The product catalogue (06 acceptance checks 1-8 and its edge cases)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from conftest import ADMIN_HEADERS
from customer_helpers import create_customer
from identity_helpers import bearer, login, ready_user

from omnicrm import clock

MOBILE = {
    "product_name": "Mobile Prepaid 20GB",
    "product_slug": "mobile-prepaid-20gb",
    "category": "standalone",
    "service_type": "mobile",
    "retail_cost": 15.00,
    "wholesale_cost": 5.00,
    "retail_setup_cost": 0.00,
    "wholesale_setup_cost": 1.00,
    "contract_days": 30,
    "auto_renew": "prompt",
    "inventory_items_list": ["SIM Card", "Mobile Number"],
    "provisioning_play": "play_local_mobile_sim",
    "provisioning_json_vars": {"days": 30, "data_gb": 20},
    "comment": "Best seller",
    "customer_can_purchase": True,
}


@pytest.fixture
def client(make_app, tmp_path):
    (tmp_path / "play_local_mobile_sim.yaml").write_text("- hosts: localhost\n  tasks: []\n")
    client = make_app(provisioning={"playbooks_dir": str(tmp_path)}).test_client()
    for name in ("SIM Card", "Mobile Number"):
        body = {"item": name, "wholesale_cost": 1, "retail_cost": 1}
        assert client.put("/crm/inventory/template/", json=body, headers=ADMIN_HEADERS).status_code == 200
    return client


def create(client, **changes):
    return client.put("/crm/product/", json={**MOBILE, **changes}, headers=ADMIN_HEADERS)


def test_06_1_create_mobile_product(client):
    """Also check 2 (same slug → 409, no second product) and the margin figures of 06 §1."""
    response = create(client)
    assert response.status_code == 200
    body = response.get_json()
    assert body["product_id"] and body["inventory_items_list"] == "['SIM Card', 'Mobile Number']"
    assert body["inventory_items"] == ["SIM Card", "Mobile Number"] and body["availability_status"] == "available"
    assert (body["monthly_margin"], body["markup_percent"], body["margin_percent"], body["setup_margin"]) == (
        10.0,
        200.0,
        66.67,
        -1.0,
    )
    assert json.loads(body["provisioning_json_vars"]) == {"days": 30, "data_gb": 20}
    assert create(client, product_slug="MOBILE-prepaid-20GB").status_code == 409
    assert client.get("/crm/product/paginated", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"] == 1
    assert (
        client.get("/crm/product/product_slug/Mobile-Prepaid-20GB", headers=ADMIN_HEADERS).get_json()["product_id"]
        == body["product_id"]
    )


def test_06_3_unknown_template_name_is_named(client):
    response = create(client, inventory_items_list="['Sim Card']")
    assert response.status_code == 400 and "Sim Card" in response.get_json()["message"]


def test_06_4_features_in_both_formats(client):
    """Also check 5: a broken list string is refused."""
    sentences = create(client, features_list="20GB data. Unlimited calls. EU roaming").get_json()
    listed = create(client, product_slug="other", features_list="['20GB data', 'Unlimited calls', 'EU roaming']").get_json()
    assert sentences["features"] == listed["features"] == ["20GB data", "Unlimited calls", "EU roaming"]
    assert create(client, product_slug="broken", features_list="['broken").status_code == 400


def test_06_6_auto_renew_booleans_are_normalised(client):
    assert create(client, auto_renew=True).get_json()["auto_renew"] == "true"
    assert create(client, product_slug="maybe", auto_renew="maybe").status_code == 400


def test_06_7_disabled_product_only_in_management_list(client):
    """Also check 8: scheduled and expired products are not purchasable either."""
    disabled = create(client, enabled=False).get_json()
    tomorrow = (clock.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    yesterday = (clock.now() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    scheduled = create(client, product_slug="later", available_from=tomorrow).get_json()
    expired = create(client, product_slug="gone", available_until=yesterday).get_json()
    live = create(client, product_slug="live").get_json()
    assert [p["product_id"] for p in client.get("/crm/product/", headers=ADMIN_HEADERS).get_json()] == [live["product_id"]]
    statuses = {
        p["product_id"]: p["availability_status"]
        for p in client.get("/crm/product/paginated", headers=ADMIN_HEADERS).get_json()["data"]
    }
    assert statuses == {
        disabled["product_id"]: "disabled",
        scheduled["product_id"]: "scheduled",
        expired["product_id"]: "expired",
        live["product_id"]: "available",
    }
    filtered = client.get('/crm/product/paginated?filters={"enabled": [false]}', headers=ADMIN_HEADERS).get_json()["data"]
    assert [p["product_id"] for p in filtered] == [disabled["product_id"]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"product_name": None}, "product_name"),
        ({"product_slug": "has space"}, "product_slug"),
        ({"product_slug": "a/b"}, "product_slug"),
        ({"retail_cost": -1}, "retail_cost"),
        ({"wholesale_cost": "abc"}, "wholesale_cost"),
        ({"category": "gift"}, "category"),
        ({"provisioning_json_vars": "[1,2]"}, "provisioning_json_vars"),
        ({"provisioning_json_vars": "{not json"}, "provisioning_json_vars"),
        ({"provisioning_play": "../etc/passwd"}, "provisioning_play"),
        ({"provisioning_play": "missing_play"}, "provisioning_play"),
        ({"inventory_items_list": ["SIM Card", "SIM Card"]}, "inventory_items_list"),
        ({"available_from": "2030-01-02 00:00:00", "available_until": "2030-01-01 00:00:00"}, "available_until"),
        ({"tax_percentage": 101}, "tax_percentage"),
    ],
)
def test_bad_product_input_is_refused(client, changes, field):
    body = {**MOBILE, **changes}
    if changes.get("product_name", "") is None:
        del body["product_name"]
    response = client.put("/crm/product/", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 400 and field in response.get_json()["errors"], response.get_json()
    assert client.get("/crm/product/paginated", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"] == 0


def test_numeric_strings_and_post_alias(client):
    created = client.post("/crm/product", json={**MOBILE, "retail_cost": "15.00"}, headers=ADMIN_HEADERS)
    assert created.status_code == 201 and created.get_json()["retail_cost"] == 15.0


def test_customer_sees_only_what_it_may_buy_without_staff_fields(client):
    """Also the field-hiding part of 06 check 10."""
    business_only = create(client, product_slug="biz", residential=False, business=True).get_json()
    staff_only = create(client, product_slug="staff-only", customer_can_purchase=False).get_json()
    for_all = create(client).get_json()
    person = create_customer(client, "Pat Person")
    for_person = [
        p["product_id"]
        for p in client.get(f"/crm/product/?customer_id={person['customer_id']}", headers=ADMIN_HEADERS).get_json()
    ]
    assert business_only["product_id"] not in for_person and for_all["product_id"] in for_person
    ready_user(client, "buyer@example.com", role="Customer")
    token = bearer(login(client, "buyer@example.com").get_json()["token"])
    seen = client.get("/crm/product/", headers=token).get_json()
    assert staff_only["product_id"] not in [p["product_id"] for p in seen]
    hidden = {
        "comment",
        "wholesale_cost",
        "wholesale_setup_cost",
        "provisioning_play",
        "provisioning_json_vars",
        "monthly_margin",
    }
    assert seen and not hidden & set(seen[0])
    assert client.put("/crm/product/", json={**MOBILE, "product_slug": "x"}, headers=token).status_code == 403


def test_patch_and_delete(client):
    product = create(client).get_json()
    path = f"/crm/product/product_id/{product['product_id']}"
    patched = client.patch(path, json={"retail_cost": 12.5, "inventory_items_list": ""}, headers=ADMIN_HEADERS).get_json()
    assert patched["retail_cost"] == 12.5 and patched["inventory_items_list"] == "[]"
    other = create(client, product_slug="second").get_json()
    assert client.patch(path, json={"product_slug": other["product_slug"].upper()}, headers=ADMIN_HEADERS).status_code == 409
    assert client.delete(path, headers=ADMIN_HEADERS).get_json() == {"message": "Product deleted"}
    assert client.get(path, headers=ADMIN_HEADERS).status_code == 404
