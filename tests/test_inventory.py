"""Inventory templates and items (02 §10 checks 1-8, 11, 13; 06 checks 13 and 17), bulk import, concurrency."""

from __future__ import annotations

import threading

import pytest
from conftest import ADMIN_HEADERS, TEST_DB
from customer_helpers import create_customer
from identity_helpers import bearer, login, ready_user
from sqlalchemy import func, select

from omnicrm.activity.models import Activity
from omnicrm.db import get_session
from omnicrm.inventory.models import Inventory

SIM = {
    "item": "SIM Card",
    "wholesale_cost": 2.5,
    "retail_cost": 10,
    "itemtext1_label": "ICCID",
    "itemtext2_label": "IMSI",
    "itemtext3_label": "SIM Type",
}


def make_template(client, **body) -> dict:
    response = client.put("/crm/inventory/template/", json={**SIM, **body}, headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def make_item(client, template_id: int, itemtext1: str, **body) -> dict:
    response = client.put(
        "/crm/inventory/", json={"inventory_template_id": template_id, "itemtext1": itemtext1, **body}, headers=ADMIN_HEADERS
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def item_count(app) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Inventory))


def test_02_1_template_names_are_exact_and_unique(client):
    first = make_template(client)
    assert first["inventory_template_id"] and first["itemtext1_label"] == "ICCID"
    assert client.put("/crm/inventory/template/", json=SIM, headers=ADMIN_HEADERS).status_code == 409
    assert make_template(client, item="sim card")["item"] == "sim card"
    defaults = make_template(client, item="Modem", itemtext1_label=None, itemtext2_label=None)
    assert (defaults["itemtext1_label"], defaults["itemtext2_label"]) == ("Model Number", "Serial Number")
    for bad in ({"wholesale_cost": -1}, {"itemtext1_label": " "}, {"itemtext21_label": "x"}, {"retail_cost": None}):
        assert (
            client.put("/crm/inventory/template/", json={**SIM, "item": "Other", **bad}, headers=ADMIN_HEADERS).status_code == 400
        )


def test_02_2_item_takes_its_template_defaults(client):
    """Also check 3: an item named differently from its template is refused and nothing is created."""
    template = make_template(client)
    item = make_item(client, template["inventory_template_id"], "8961234567890123456", itemtext2="310120123456789")
    assert item["item"] == "SIM Card" and item["item_state"] == "New"
    assert item["wholesale_cost"] == 2.5 and item["retail_cost"] == 10.0
    assert item["created"] and item["last_modified"] and item["itemtext_labels"]["itemtext1"] == "ICCID"
    wrong = client.put(
        "/crm/inventory/",
        json={"inventory_template_id": template["inventory_template_id"], "itemtext1": "x", "item": "Modem"},
        headers=ADMIN_HEADERS,
    )
    assert wrong.status_code == 400
    assert client.get("/crm/inventory/?search=x", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"] == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"itemtext1": "  "}, 400),
        ({"itemtext1": "8961234567890123456"}, 409),
        ({"itemtext1": "n", "latitude": 91}, 400),
        ({"itemtext1": "n", "item_state": "Broken"}, 400),
        ({"itemtext1": "n", "wholesale_cost": -1}, 400),
        ({"itemtext1": "n", "inventory_template_id": 99999}, 404),
        ({"itemtext1": "n", "item_state": "New", "customer_id": 1}, 400),
    ],
)
def test_bad_items_are_refused(app, client, body, status):
    template = make_template(client)
    make_item(client, template["inventory_template_id"], "8961234567890123456")
    response = client.put(
        "/crm/inventory/", json={"inventory_template_id": template["inventory_template_id"], **body}, headers=ADMIN_HEADERS
    )
    assert response.status_code == status
    assert item_count(app) == 1


def test_02_4_assignment_with_string_ids_and_sold_date(client):
    """Also check 5 (a second assignment is 409, the first stays) and check 6 / 06 check 13 (back to the pool)."""
    template = make_template(client)
    customer, other = create_customer(client, "Owner"), create_customer(client, "Other")
    item = make_item(client, template["inventory_template_id"], "8961")
    path = f"/crm/inventory/inventory_id/{item['inventory_id']}"
    assigned = client.patch(
        path,
        json={"customer_id": str(customer["customer_id"]), "service_id": "789", "item_state": "Assigned"},
        headers=ADMIN_HEADERS,
    ).get_json()
    assert assigned["customer_id"] == customer["customer_id"] and assigned["service_id"] == 789 and assigned["sold_date"]
    assert (
        client.patch(
            path,
            json={"customer_id": customer["customer_id"], "service_id": 789, "item_state": "Assigned"},
            headers=ADMIN_HEADERS,
        ).status_code
        == 200
    )
    taken = client.patch(
        path, json={"customer_id": other["customer_id"], "service_id": 790, "item_state": "Assigned"}, headers=ADMIN_HEADERS
    )
    assert taken.status_code == 409 and taken.get_json()["message"] == "Inventory item already assigned"
    assert client.get(path, headers=ADMIN_HEADERS).get_json()["customer_id"] == customer["customer_id"]
    listed = client.get(f"/crm/inventory/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()
    assert [row["inventory_id"] for row in listed["data"]] == [item["inventory_id"]]
    returned = client.patch(
        path, json={"customer_id": None, "service_id": None, "item_state": "Used"}, headers=ADMIN_HEADERS
    ).get_json()
    assert returned["item_state"] == "Used" and returned["customer_id"] is None
    assert client.get("/crm/inventory/available?item=SIM%20Card", headers=ADMIN_HEADERS).get_json()["data"] == []
    renewed = client.patch(path, json={"item_state": "New"}, headers=ADMIN_HEADERS).get_json()
    assert renewed["sold_date"] is None
    assert [
        row["inventory_id"]
        for row in client.get("/crm/inventory/available?item=SIM%20Card", headers=ADMIN_HEADERS).get_json()["data"]
    ] == [item["inventory_id"]]


def test_06_13_available_excludes_stock_that_has_a_customer(client):
    template = make_template(client)
    customer = create_customer(client)
    free = make_item(client, template["inventory_template_id"], "free", item_state="In Stock")
    make_item(client, template["inventory_template_id"], "damaged", item_state="Damaged")
    used = make_item(client, template["inventory_template_id"], "owned", item_state="Used", customer_id=customer["customer_id"])
    available = client.get("/crm/inventory/available?item=SIM%20Card", headers=ADMIN_HEADERS).get_json()["data"]
    assert [row["inventory_id"] for row in available] == [free["inventory_id"]]
    assert used["inventory_id"] not in [row["inventory_id"] for row in available]
    assert client.get("/crm/inventory/available", headers=ADMIN_HEADERS).status_code == 400


def test_02_7_state_machine(client):
    """Also check 8: Lost writes the audit entry."""
    template = make_template(client)
    item = make_item(client, template["inventory_template_id"], "x1", item_state="Internal Use")
    path = f"/crm/inventory/inventory_id/{item['inventory_id']}"
    client.patch(path, json={"item_state": "Decommissioned"}, headers=ADMIN_HEADERS)
    refused = client.patch(path, json={"item_state": "New"}, headers=ADMIN_HEADERS)
    assert refused.status_code == 400
    assert refused.get_json() == {
        "message": "Invalid state transition",
        "errors": {"item_state": "Cannot change from 'Decommissioned' to 'New'"},
    }
    lost = make_item(client, template["inventory_template_id"], "x2")
    assert (
        client.patch(
            f"/crm/inventory/inventory_id/{lost['inventory_id']}", json={"item_state": "Lost"}, headers=ADMIN_HEADERS
        ).status_code
        == 200
    )
    audit = client.get("/crm/inventory/", headers=ADMIN_HEADERS)
    assert audit.status_code == 200
    assert client.patch(path, json={"item_state": "Decommissioned"}, headers=ADMIN_HEADERS).status_code == 200, (
        "the same state is a no-op"
    )


def test_02_8_lost_item_writes_an_audit_entry(app, client):
    template = make_template(client)
    item = make_item(client, template["inventory_template_id"], "lost-one")
    client.patch(f"/crm/inventory/inventory_id/{item['inventory_id']}", json={"item_state": "Lost"}, headers=ADMIN_HEADERS)
    with app.app_context():
        entry = get_session().scalars(select(Activity).where(Activity.action == "inventory_lost_audit")).one()
        assert entry.object_id == str(item["inventory_id"]) and "audit required" in entry.description


def test_02_11_management_password_is_encrypted_and_shown_only_to_updaters(app, client):
    template = make_template(client)
    item = make_item(client, template["inventory_template_id"], "cpe-1", management_password="r0uter-Secret")
    with app.app_context():
        stored = get_session().get(Inventory, item["inventory_id"]).management_password
    assert stored and "r0uter-Secret" not in stored
    listed = client.get("/crm/inventory/", headers=ADMIN_HEADERS).get_json()["data"][0]
    assert listed["management_password"] is None and listed["management_password_set"] is True
    assert (
        client.get(f"/crm/inventory/inventory_id/{item['inventory_id']}", headers=ADMIN_HEADERS).get_json()["management_password"]
        == "r0uter-Secret"
    )
    viewer = ready_user(client, "stock@example.com", role="Read_Only_Auditor")
    token = bearer(login(client, viewer["email"]).get_json()["token"])
    seen = client.get(f"/crm/inventory/inventory_id/{item['inventory_id']}", headers=token).get_json()
    assert seen["management_password"] is None and seen["management_password_set"] is True


def test_assigned_items_and_used_templates_cannot_be_deleted(client):
    template = make_template(client)
    customer = create_customer(client)
    item = make_item(client, template["inventory_template_id"], "a1")
    client.patch(
        f"/crm/inventory/inventory_id/{item['inventory_id']}",
        json={"customer_id": customer["customer_id"], "item_state": "Assigned"},
        headers=ADMIN_HEADERS,
    )
    assert client.delete(f"/crm/inventory/inventory_id/{item['inventory_id']}", headers=ADMIN_HEADERS).status_code == 409
    assert (
        client.delete(
            f"/crm/inventory/template/inventory_template_id/{template['inventory_template_id']}", headers=ADMIN_HEADERS
        ).status_code
        == 409
    )
    renamed = client.patch(
        f"/crm/inventory/template/inventory_template_id/{template['inventory_template_id']}",
        json={"item": "SIM"},
        headers=ADMIN_HEADERS,
    ).get_json()
    assert (
        renamed["warnings"] == []
        and client.get(f"/crm/inventory/inventory_id/{item['inventory_id']}", headers=ADMIN_HEADERS).get_json()["item"] == "SIM"
    )


def test_bulk_import_is_all_or_nothing(app, client):
    template = make_template(client)
    make_item(client, template["inventory_template_id"], "existing")
    body = {
        "inventory_template_id": template["inventory_template_id"],
        "defaults": {"item_state": "In Stock", "item_location": "Warehouse A"},
        "items": [
            {"itemtext1": "b1"},
            {"itemtext1": "existing"},
            {"itemtext1": "b1"},
            {"itemtext1": ""},
            {"itemtext1": "b4", "latitude": 99},
        ],
    }
    refused = client.put("/crm/inventory/bulk", json=body, headers=ADMIN_HEADERS)
    assert refused.status_code == 400
    assert set(refused.get_json()["errors"]) == {"items[1].row", "items[2].itemtext1", "items[3].itemtext1", "items[4].latitude"}
    assert item_count(app) == 1
    body["items"] = [{"itemtext1": f"ok{n}"} for n in range(5)]
    created = client.put("/crm/inventory/bulk", json=body, headers=ADMIN_HEADERS).get_json()
    assert created["created"] == 5 and item_count(app) == 6
    moved = client.patch(
        "/crm/inventory/bulk", json={"inventory_ids": created["inventory_ids"], "item_location": "Store 2"}, headers=ADMIN_HEADERS
    )
    assert moved.get_json() == {"updated": 5}
    first = created["inventory_ids"][0]
    client.patch(f"/crm/inventory/inventory_id/{first}", json={"item_state": "Decommissioned"}, headers=ADMIN_HEADERS)
    refused_states = client.patch(
        "/crm/inventory/bulk", json={"inventory_ids": created["inventory_ids"], "item_state": "Used"}, headers=ADMIN_HEADERS
    )
    assert refused_states.status_code == 400 and str(first) in refused_states.get_json()["errors"]["inventory_ids"]


@pytest.mark.skipif(TEST_DB != "mariadb", reason="row locking is a MariaDB matter (SQLite serialises every writer)")
def test_twenty_concurrent_reservations_have_one_winner(app, client):
    template = make_template(client)
    item = make_item(client, template["inventory_template_id"], "hot-sim")
    customers = [create_customer(client, f"Racer {n}")["customer_id"] for n in range(20)]
    barrier = threading.Barrier(20)
    results: list[int] = []

    def reserve(customer_id: int) -> None:
        own_client = app.test_client()
        barrier.wait()
        body = {"customer_id": customer_id, "service_id": 1000 + customer_id, "item_state": "Assigned"}
        results.append(
            own_client.patch(f"/crm/inventory/inventory_id/{item['inventory_id']}", json=body, headers=ADMIN_HEADERS).status_code
        )

    threads = [threading.Thread(target=reserve, args=(customer_id,)) for customer_id in customers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200] + [409] * 19
    winner = client.get(f"/crm/inventory/inventory_id/{item['inventory_id']}", headers=ADMIN_HEADERS).get_json()
    assert winner["customer_id"] in customers and winner["service_id"] == 1000 + winner["customer_id"]


def test_05_18_inventory_found_by_its_first_two_identifiers_only(client):
    template = make_template(client)
    customer = create_customer(client, "Owner 456")
    item = make_item(
        client, template["inventory_template_id"], "8944538000000001234", itemtext2="310120123456789", itemtext3="Physical-XYZ"
    )
    client.patch(
        f"/crm/inventory/inventory_id/{item['inventory_id']}",
        json={"customer_id": customer["customer_id"], "item_state": "Assigned"},
        headers=ADMIN_HEADERS,
    )
    expected = [
        {"id": item["inventory_id"], "name": "8944538000000001234", "customer_id": customer["customer_id"], "type": "inventory"}
    ]
    for term in ("8944", "3101201"):
        assert client.get(f"/utilities/search_everything?search={term}", headers=ADMIN_HEADERS).get_json()["data"] == expected
    assert client.get("/utilities/search_everything?search=Physical-XYZ", headers=ADMIN_HEADERS).get_json()["data"] == []
    stock = make_item(client, template["inventory_template_id"], "8944999", item_state="In Stock")
    found = client.get("/utilities/search_everything?search=8944999", headers=ADMIN_HEADERS).get_json()["data"]
    assert found == [{"id": stock["inventory_id"], "name": "8944999", "customer_id": None, "type": "inventory"}], (
        "unassigned stock is always searchable"
    )


def test_service_qualification_matches_by_place_address_then_distance(make_app):
    client = make_app(
        service_qualification={"templates": ["GPON Home Passed"], "radius_m": 50, "served_values": ["Served"]}
    ).test_client()
    template = make_template(client, item="GPON Home Passed", itemtext1_label="Service", itemtext2_label="Status")
    base = {"item_state": "In Stock", "itemtext2": "Served"}
    make_item(
        client,
        template["inventory_template_id"],
        "GPON 1000/50",
        itemtext2="Served",
        item_state="In Stock",
        google_maps_place_id="place-1",
        address_line_1="12 High St.",
        zip_code="AB1 2CD",
        latitude=51.5,
        longitude=-0.1,
    )
    make_item(
        client,
        template["inventory_template_id"],
        "GPON 500/50",
        **{**base, "itemtext2": "Not Served"},
        address_line_1="1 Far Road",
        zip_code="ZZ9",
        latitude=52.0,
        longitude=-1.0,
    )
    by_place = client.get("/crm/inventory/service_qualification?google_maps_place_id=place-1", headers=ADMIN_HEADERS).get_json()
    assert (
        by_place["qualified"] is True
        and by_place["matches"][0]["match_type"] == "place_id"
        and by_place["matches"][0]["service"] == "GPON 1000/50"
    )
    by_address = client.get(
        "/crm/inventory/service_qualification?address_line_1=12%20HIGH%20st&zip_code=AB1%202CD", headers=ADMIN_HEADERS
    ).get_json()
    assert [m["match_type"] for m in by_address["matches"]] == ["address"]
    near = client.get("/crm/inventory/service_qualification?latitude=51.5003&longitude=-0.1", headers=ADMIN_HEADERS).get_json()
    assert near["qualified"] is True and near["matches"][0]["match_type"] == "proximity" and near["matches"][0]["distance_m"] < 50
    far = client.get("/crm/inventory/service_qualification?latitude=52.0&longitude=-1.0", headers=ADMIN_HEADERS).get_json()
    assert far["qualified"] is False and far["matches"][0]["status"] == "Not Served"
    assert client.get("/crm/inventory/service_qualification", headers=ADMIN_HEADERS).status_code == 400


def test_inventory_export_is_the_filtered_list_as_csv(client):
    """GET /crm/inventory/export: the same filters as the list, one CSV row per item, no password column."""
    template = client.put(
        "/crm/inventory/template/", json={"item": "Router", "wholesale_cost": 20, "retail_cost": 40}, headers=ADMIN_HEADERS
    ).get_json()["inventory_template_id"]
    for serial in ("R-1", "R-2"):
        body = {"inventory_template_id": template, "itemtext1": serial, "management_password": "s3cret"}
        client.put("/crm/inventory/", json=body, headers=ADMIN_HEADERS)
    export = client.get("/crm/inventory/export?search=R-2", headers=ADMIN_HEADERS)
    assert export.mimetype == "text/csv" and 'filename="inventory.csv"' in export.headers["Content-Disposition"]
    lines = export.get_data(as_text=True).strip().splitlines()
    assert lines[0].startswith("inventory_id,item,item_state") and len(lines) == 2 and ",R-2," in lines[1]
    assert "s3cret" not in export.get_data(as_text=True) and "management_password" not in lines[0]
