"""Customers, contacts, sites, tags (02 §10), attributes (01 §11), activity (04) and own scope (07 §13)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import ADMIN_HEADERS
from customer_helpers import LONDON, add_contact, create_customer
from identity_helpers import bearer, login, ready_user
from openlocationcode import openlocationcode as olc
from sqlalchemy import func, select

from omnicrm import clock
from omnicrm.customers.models import Contact, Customer, Site
from omnicrm.customers.sites import distance_km
from omnicrm.db import get_session
from omnicrm.search import everything


def count(app, model) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(model))


# ------------------------------------------------------------------ customers


def test_create_customer_with_contact_and_site_in_one_transaction(app, client):
    body = {
        "customer_name": "  Acme Ltd ",
        "customer_account_type": "Business",
        "contact": {"contact_firstname": "Ann", "contact_email": "ANN@acme.example", "contact_types": "billing, primary"},
        "site": LONDON,
    }
    created = client.put("/crm/customer", json=body, headers=ADMIN_HEADERS).get_json()
    assert (
        created["customer_name"] == "Acme Ltd"
        and created["customer_status"] == "Open"
        and created["customer_payment_type"] == "postpaid"
    )
    assert (
        created["contacts"][0]["contact_types"] == "Primary,Billing"
        and created["contacts"][0]["contact_email"] == "ann@acme.example"
    )
    assert created["sites"][0]["site_name"] == "10 Downing Street" and len(created["sites"][0]["plus_code"]) == 12
    bad_parts = {
        "customer_account_type": "Corp",
        "contact": {"contact_email": "nope"},
        "site": {**LONDON, "latitude": 91, "country": None},
    }
    refused = client.put("/crm/customer", json=bad_parts, headers=ADMIN_HEADERS)
    assert refused.status_code == 400
    assert refused.get_json()["errors"] == {
        "customer_name": "required",
        "customer_account_type": "must be one of Individual, Business",
        "contact.contact_firstname": "required",
        "contact.contact_email": "not a valid e-mail address",
        "site.latitude": "must be between -90 and 90",
    }, "every bad field of every part is named at once"
    assert count(app, Customer) == 1 and count(app, Contact) == 1 and count(app, Site) == 1, (
        "nothing of a refused create is written"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "customer_name"),
        ({"customer_name": "X", "customer_account_type": "Corporate"}, "customer_account_type"),
        ({"customer_name": "X", "customer_status": "Pending"}, "customer_status"),
        ({"customer_name": "X", "contract_start_date": "2025-02-01", "contract_end_date": "2025-01-01"}, "contract_end_date"),
        (
            {"customer_name": "X", "contact": {"contact_firstname": "A", "contact_types": "Primary,Primary"}},
            "contact.contact_types",
        ),
        ({"customer_name": "X", "contact": {"contact_firstname": "A", "contact_types": "Billing"}}, "contact_email"),
    ],
)
def test_bad_customer_input_names_the_field_and_writes_nothing(app, client, body, field):
    response = client.put("/crm/customer", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 400 and field in response.get_json()["errors"]
    assert count(app, Customer) == 0


def test_customer_list_search_filters_and_paging(client):
    for name in ("John Smith", "Smithson Ltd", "Jane Doe"):
        create_customer(client, name)
    closed = create_customer(client, "Smith Closed")
    client.patch(f"/crm/customer/customer_id/{closed['customer_id']}", json={"customer_status": "Closed"}, headers=ADMIN_HEADERS)
    found = client.get("/crm/customers?search=SMITH&sort=customer_name&order=asc", headers=ADMIN_HEADERS).get_json()
    assert [row["customer_name"] for row in found["data"]] == ["John Smith", "Smith Closed", "Smithson Ltd"]
    only_closed = client.get("/crm/customer?customer_status=Closed", headers=ADMIN_HEADERS).get_json()
    assert [row["customer_id"] for row in only_closed["data"]] == [closed["customer_id"]]
    paged = client.get("/crm/customers?per_page=2&page=2&sort=customer_id&order=asc", headers=ADMIN_HEADERS).get_json()
    assert paged["pagination"] == {"current_page": 2, "per_page": 2, "total_pages": 2, "total_items": 4}
    assert client.get("/crm/customers?customer_status=Pending", headers=ADMIN_HEADERS).status_code == 400
    by_id = client.get(f"/crm/customers?search={closed['customer_id']}", headers=ADMIN_HEADERS).get_json()
    assert closed["customer_id"] in [row["customer_id"] for row in by_id["data"]]


def test_optional_fields_clear_with_null_and_tag_dates_cannot(client):
    customer = create_customer(client, "Dates Co", contract_start_date="2025-01-01 00:00:00", tax_identifier="GB123")
    path = f"/crm/customer/customer_id/{customer['customer_id']}"
    cleared = client.patch(path, json={"contract_start_date": None, "tax_identifier": None}, headers=ADMIN_HEADERS).get_json()
    assert cleared["contract_start_date"] is None and cleared["tax_identifier"] is None
    assert client.patch(path, json={"customer_name": None}, headers=ADMIN_HEADERS).status_code == 400
    tag = client.put("/crm/tag/", json={**VIP, "customer_id": customer["customer_id"]}, headers=ADMIN_HEADERS).get_json()
    assert (
        client.patch(f"/crm/tag/tag_id/{tag['tag_id']}", json={"tag_active_date": None}, headers=ADMIN_HEADERS).status_code == 400
    )


def test_missing_site_country_is_named_under_site(client):
    refused = client.put(
        "/crm/customer", json={"customer_name": "No Country", "site": {**LONDON, "country": None}}, headers=ADMIN_HEADERS
    )
    assert refused.status_code == 400 and "site.country" in refused.get_json()["errors"]


def test_status_rules_and_archive_restore(client):
    """Also 02 edge cases: PATCH Archived → 409, unknown enum → 400; archive keeps contacts and sites."""
    customer = create_customer(client, "Status Co", contact={"contact_firstname": "S"}, site=LONDON)
    path = f"/crm/customer/customer_id/{customer['customer_id']}"
    assert client.patch(path, json={"customer_status": "Archived"}, headers=ADMIN_HEADERS).status_code == 409
    assert client.patch(path, json={"customer_status": "Pending"}, headers=ADMIN_HEADERS).status_code == 400
    assert (
        client.patch(path, json={"customer_status": "Suspended"}, headers=ADMIN_HEADERS).get_json()["customer_status"]
        == "Suspended"
    )
    archived = client.delete(path, headers=ADMIN_HEADERS)
    assert archived.get_json() == {"customer_id": customer["customer_id"], "customer_status": "Archived"}
    assert client.patch(path, json={"customer_name": "Renamed"}, headers=ADMIN_HEADERS).status_code == 409
    detail = client.get(path, headers=ADMIN_HEADERS).get_json()
    assert detail["customer_enabled"] is False and len(detail["contacts"]) == 1 and len(detail["sites"]) == 1
    assert customer["customer_id"] not in [
        row["customer_id"] for row in client.get("/crm/customers", headers=ADMIN_HEADERS).get_json()["data"]
    ]
    restored = client.post(f"{path}/restore", headers=ADMIN_HEADERS).get_json()
    assert restored["customer_status"] == "Suspended" and restored["customer_enabled"] is True
    assert client.post(f"{path}/restore", headers=ADMIN_HEADERS).status_code == 409


def test_portal_users_of_an_archived_customer_cannot_log_in(client):
    customer = create_customer(client, "Portal Co")
    contact = add_contact(client, customer["customer_id"], contact_email="portal@example.com")
    user = ready_user(client, "portal@example.com", role="Customer")
    client.put(f"/auth/users/{user['id']}", json={"contact_id": contact["contact_id"]}, headers=ADMIN_HEADERS)
    assert login(client, "portal@example.com").status_code == 200
    client.delete(f"/crm/customer/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS)
    refused = login(client, "portal@example.com")
    assert refused.status_code == 403 and refused.get_json() == {"message": "Account disabled"}


# ------------------------------------------------------------------ contacts and sites


def test_contacts_types_and_portal_link(client):
    customer = create_customer(client, "Contacts Co")
    first = add_contact(client, customer["customer_id"])
    assert first["contact_types"] == "Primary"
    second = add_contact(
        client, customer["customer_id"], contact_firstname="Tech", contact_types="technical", contact_phone="+44 (20) 7946-0000"
    )
    assert second["contact_types"] == "Technical"
    listed = client.get(f"/crm/contact/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()
    assert isinstance(listed, list) and [c["contact_id"] for c in listed] == [first["contact_id"], second["contact_id"]]
    assert (
        client.put("/crm/contact/", json={"customer_id": 999999, "contact_firstname": "X"}, headers=ADMIN_HEADERS).status_code
        == 404
    )
    bad_phone = client.put(
        "/crm/contact/",
        json={"customer_id": customer["customer_id"], "contact_firstname": "X", "contact_phone": "call me"},
        headers=ADMIN_HEADERS,
    )
    assert bad_phone.status_code == 400 and "contact_phone" in bad_phone.get_json()["errors"]
    moved = client.patch(
        f"/crm/contact/contact_id/{first['contact_id']}", json={"customer_id": 1 + customer["customer_id"]}, headers=ADMIN_HEADERS
    )
    assert moved.status_code == 400
    user = ready_user(client, "linked@example.com", role="Customer")
    no_email = client.put(f"/auth/users/{user['id']}", json={"contact_id": second["contact_id"]}, headers=ADMIN_HEADERS)
    assert no_email.status_code == 400 and "contact_id" in no_email.get_json()["errors"]
    client.patch(
        f"/crm/contact/contact_id/{second['contact_id']}", json={"contact_email": "tech@example.com"}, headers=ADMIN_HEADERS
    )
    assert (
        client.put(f"/auth/users/{user['id']}", json={"contact_id": second["contact_id"]}, headers=ADMIN_HEADERS).status_code
        == 200
    )
    assert client.delete(f"/crm/contact/contact_id/{second['contact_id']}", headers=ADMIN_HEADERS).status_code == 409
    assert client.delete(f"/crm/contact/contact_id/{first['contact_id']}", headers=ADMIN_HEADERS).status_code == 200


def test_02_17_site_plus_code_and_default_country(make_app):
    client = make_app(default_country="United Kingdom").test_client()
    customer = create_customer(client, "Site Co")
    missing = client.put(
        "/crm/site/",
        json={"customer_id": customer["customer_id"], "address_line_1": "1 Road", "longitude": -0.1278},
        headers=ADMIN_HEADERS,
    )
    assert missing.status_code == 400 and "latitude" in missing.get_json()["errors"]
    body = {"customer_id": customer["customer_id"], "address_line_1": "1 Road", "latitude": 51.5074, "longitude": -0.1278}
    site = client.put("/crm/site/", json=body, headers=ADMIN_HEADERS).get_json()
    assert site["country"] == "United Kingdom" and len(site["plus_code"]) == 12 and olc.isFull(site["plus_code"])
    area = olc.decode(site["plus_code"])
    assert distance_km(51.5074, -0.1278, area.latitudeCenter, area.longitudeCenter) < 0.003
    assert client.put("/crm/site/", json={**body, "plus_code": "ABC"}, headers=ADMIN_HEADERS).status_code == 400
    given = client.put("/crm/site/", json={**body, "plus_code": "8C3MFJV8+2F"}, headers=ADMIN_HEADERS).get_json()
    assert given["plus_code"] == "8C3MFJV8+2F"
    listed = client.get(f"/crm/site/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()
    assert isinstance(listed, list) and len(listed) == 2 and listed[0]["address_line_1"] == "1 Road"
    moved = client.patch(
        f"/crm/site/site_id/{site['site_id']}", json={"latitude": 48.8584, "longitude": 2.2945}, headers=ADMIN_HEADERS
    ).get_json()
    assert moved["plus_code"] != site["plus_code"] and moved["plus_code"].startswith("8FW4")


def test_site_radius_query(client):
    near = create_customer(client, "Near Co", site=LONDON)
    create_customer(client, "Far Co", site={**LONDON, "latitude": 53.4808, "longitude": -2.2426})
    found = client.get("/crm/site/radius?latitude=51.5074&longitude=-0.1278&radius_km=5", headers=ADMIN_HEADERS).get_json()
    assert found["customer_ids"] == [near["customer_id"]] and found["total_sites"] == 1 and found["sites"][0]["distance_km"] < 1
    assert client.get("/crm/site/radius?latitude=51.5&longitude=-0.1&radius_km=600", headers=ADMIN_HEADERS).status_code == 400


# ------------------------------------------------------------------ tags


VIP = {
    "tag_text": "VIP Customer",
    "tag_hex_color": "FFD700",
    "tag_link": "https://example.com/vip",
    "tag_active_date": "2025-01-01 00:00:00",
    "tag_deactivate_date": "2099-12-31 23:59:59",
}


def test_02_12_tag_colour_normalised_and_validated(client):
    """Also 02 edge cases on tags: bad colours, bad links, unknown customer."""
    customer = create_customer(client)
    tag = client.put("/crm/tag/", json={**VIP, "customer_id": customer["customer_id"]}, headers=ADMIN_HEADERS).get_json()
    assert tag["tag_hex_color"] == "FFD700" and tag["tag_active"] is True
    hashed = client.put(
        "/crm/tag/", json={**VIP, "tag_hex_color": "#ffd700", "customer_id": customer["customer_id"]}, headers=ADMIN_HEADERS
    )
    assert hashed.get_json()["tag_hex_color"] == "FFD700"
    for colour in ("FFD70", "GGG000", "FFF", "#12345", ""):
        assert (
            client.put(
                "/crm/tag/", json={**VIP, "tag_hex_color": colour, "customer_id": customer["customer_id"]}, headers=ADMIN_HEADERS
            ).status_code
            == 400
        )
    for link in ("javascript:alert(1)", "ftp://example.com/x"):
        assert (
            client.put(
                "/crm/tag/", json={**VIP, "tag_link": link, "customer_id": customer["customer_id"]}, headers=ADMIN_HEADERS
            ).status_code
            == 400
        )
    assert client.put("/crm/tag/", json={**VIP, "customer_id": 999999}, headers=ADMIN_HEADERS).status_code == 404


def test_02_13_future_tag_becomes_active_by_itself(client):
    customer = create_customer(client)
    tomorrow = (clock.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    client.put(
        "/crm/tag/", json={**VIP, "tag_active_date": tomorrow, "customer_id": customer["customer_id"]}, headers=ADMIN_HEADERS
    )
    [tag] = client.get(f"/crm/tag/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()
    assert tag["tag_active"] is False
    assert client.get(f"/crm/customer/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()["tags"] == []
    clock.travel(timedelta(days=1, minutes=1))
    assert (
        client.get(f"/crm/customer/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()["tags"][0][
            "tag_active"
        ]
        is True
    )


def test_02_14_tag_dates_checked_after_merge_and_delete(client):
    customer = create_customer(client)
    tag = client.put("/crm/tag/", json={**VIP, "customer_id": customer["customer_id"]}, headers=ADMIN_HEADERS).get_json()
    refused = client.patch(
        f"/crm/tag/tag_id/{tag['tag_id']}", json={"tag_deactivate_date": "2000-01-01 00:00:00"}, headers=ADMIN_HEADERS
    )
    assert refused.status_code == 400
    assert client.get(f"/crm/tag/tag_id/{tag['tag_id']}", headers=ADMIN_HEADERS).get_json() == tag
    assert client.delete(f"/crm/tag/tag_id/{tag['tag_id']}", headers=ADMIN_HEADERS).get_json() == {"message": "Tag deleted"}
    assert client.get(f"/crm/tag/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json() == []


# ------------------------------------------------------------------ attributes


def test_01_20_attribute_put_creates_then_updates_in_place(client):
    customer = create_customer(client)
    body = {"customer_id": customer["customer_id"], "attribute_name": "external_crm_id", "attribute_value": "SF-12345"}
    first = client.put("/crm/attribute/", json=body, headers=ADMIN_HEADERS).get_json()
    assert first["attribute_id"] and first["created"] == first["last_modified"]
    clock.travel(timedelta(seconds=2))
    second = client.put("/crm/attribute", json={**body, "attribute_value": "SF-999"}, headers=ADMIN_HEADERS).get_json()
    assert second["attribute_id"] == first["attribute_id"] and second["attribute_value"] == "SF-999"
    assert second["created"] == first["created"] and second["last_modified"] > first["last_modified"]
    assert len(client.get(f"/crm/attribute/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()) == 1


def test_01_21_attribute_value_of_151_characters_is_refused(client):
    """Also 01 checks 22 (array in id order, [] when none) and 25 (scalars stored as text), and edge case 13."""
    customer = create_customer(client)
    empty = create_customer(client, "Nobody")
    assert client.get(f"/crm/attribute/customer_id/{empty['customer_id']}", headers=ADMIN_HEADERS).get_json() == []
    base = {"customer_id": customer["customer_id"], "attribute_name": "note"}
    too_long = client.put("/crm/attribute/", json={**base, "attribute_value": "x" * 151}, headers=ADMIN_HEADERS)
    assert too_long.status_code == 400 and "attribute_value" in too_long.get_json()["errors"]
    assert client.get(f"/crm/attribute/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json() == []
    assert client.put("/crm/attribute/", json={**base, "attribute_value": "x" * 150}, headers=ADMIN_HEADERS).status_code == 200
    flag = client.put(
        "/crm/attribute/", json={**base, "attribute_name": "flag", "attribute_value": True}, headers=ADMIN_HEADERS
    ).get_json()
    number = client.put(
        "/crm/attribute/", json={**base, "attribute_name": "limit", "attribute_value": 10000}, headers=ADMIN_HEADERS
    ).get_json()
    assert flag["attribute_value"] == "true" and number["attribute_value"] == "10000"
    for value in (None, {"a": 1}, [1]):
        assert client.put("/crm/attribute/", json={**base, "attribute_value": value}, headers=ADMIN_HEADERS).status_code == 400
    assert (
        client.put(
            "/crm/attribute/", json={**base, "attribute_name": "has space", "attribute_value": "v"}, headers=ADMIN_HEADERS
        ).status_code
        == 400
    )
    assert (
        client.put(
            "/crm/attribute/", json={**base, "customer_id": 999999, "attribute_value": "v"}, headers=ADMIN_HEADERS
        ).status_code
        == 404
    )
    listed = client.get(f"/crm/attribute/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()
    assert [a["attribute_id"] for a in listed] == sorted(a["attribute_id"] for a in listed) and len(listed) == 3


def test_01_23_attribute_patch_and_delete(client):
    """Also 01 edge cases 14-16."""
    customer, other = create_customer(client), create_customer(client, "Other")
    base = {"customer_id": customer["customer_id"], "attribute_value": "v"}
    first = client.put("/crm/attribute/", json={**base, "attribute_name": "a"}, headers=ADMIN_HEADERS).get_json()
    client.put("/crm/attribute/", json={**base, "attribute_name": "b"}, headers=ADMIN_HEADERS)
    path = f"/crm/attribute/attribute_id/{first['attribute_id']}"
    assert client.patch(path, json={"attribute_name": "b"}, headers=ADMIN_HEADERS).status_code == 409
    wrong_owner = client.patch(path, json={"attribute_value": "w", "customer_id": other["customer_id"]}, headers=ADMIN_HEADERS)
    assert wrong_owner.status_code == 400 and wrong_owner.get_json()["message"] == "attribute does not belong to customer"
    assert client.get(path, headers=ADMIN_HEADERS).get_json()["attribute_value"] == "v"
    assert client.delete(path, headers=ADMIN_HEADERS).get_json() == {"result": "success"}
    assert client.get(path, headers=ADMIN_HEADERS).status_code == 404
    assert client.patch(path, json={"attribute_value": "x"}, headers=ADMIN_HEADERS).status_code == 404
    assert client.delete(path, headers=ADMIN_HEADERS).status_code == 404


def test_01_24_view_only_attribute_permission(client):
    customer = create_customer(client)
    attribute = client.put(
        "/crm/attribute/",
        json={"customer_id": customer["customer_id"], "attribute_name": "a", "attribute_value": "v"},
        headers=ADMIN_HEADERS,
    ).get_json()
    role = client.post("/auth/roles", json={"name": "AttrViewer"}, headers=ADMIN_HEADERS).get_json()
    view_id = next(
        p["id"]
        for p in client.get("/auth/permissions", headers=ADMIN_HEADERS).get_json()
        if p["name"] == "view_customer_attribute"
    )
    client.post(f"/auth/roles/{role['id']}/permissions", json={"permission_id": view_id}, headers=ADMIN_HEADERS)
    viewer = ready_user(client, "viewer@example.com", role="AttrViewer")
    token = bearer(login(client, viewer["email"]).get_json()["token"])
    path = f"/crm/attribute/attribute_id/{attribute['attribute_id']}"
    assert client.get(path, headers=token).status_code == 200
    assert client.get(f"/crm/attribute/customer_id/{customer['customer_id']}", headers=token).status_code == 200
    assert (
        client.put(
            "/crm/attribute/",
            json={"customer_id": customer["customer_id"], "attribute_name": "b", "attribute_value": "v"},
            headers=token,
        ).status_code
        == 403
    )
    assert client.patch(path, json={"attribute_value": "w"}, headers=token).status_code == 403
    assert client.delete(path, headers=token).status_code == 403


# ------------------------------------------------------------------ activity log


def test_04_28_activity_is_written_and_never_changed(client):
    customer = create_customer(client, "Logged Co", contact={"contact_firstname": "L"})
    client.patch(
        f"/crm/customer/customer_id/{customer['customer_id']}", json={"customer_name": "Logged Ltd"}, headers=ADMIN_HEADERS
    )
    note = client.put(
        "/crm/activity/",
        json={"customer_id": customer["customer_id"], "description": "Called about the router"},
        headers=ADMIN_HEADERS,
    )
    assert note.status_code == 200 and note.get_json()["object_type"] == "note"
    page = client.get(f"/crm/activity/customer_id/{customer['customer_id']}", headers=ADMIN_HEADERS).get_json()
    actions = [row["action"] for row in page["data"]]
    assert actions == ["note", "customer_updated", "contact_created", "customer_created"]
    updated = page["data"][1]
    assert (
        updated["changes_json"] == {"customer_name": {"old": "Logged Co", "new": "Logged Ltd"}}
        and updated["actor"] == "api_key:test admin"
    )
    contacts_only = client.get(
        f"/crm/activity/customer_id/{customer['customer_id']}?object_type=contact", headers=ADMIN_HEADERS
    ).get_json()
    assert [row["action"] for row in contacts_only["data"]] == ["contact_created"]
    activity_id = page["data"][0]["activity_id"]
    for method in ("patch", "delete"):
        refused = getattr(client, method)(f"/crm/activity/activity_id/{activity_id}", json={}, headers=ADMIN_HEADERS)
        assert refused.status_code == 405 and refused.get_json() == {"message": "Activity records cannot be modified or deleted"}
    assert (
        client.get(f"/crm/activity/activity_id/{activity_id}", headers=ADMIN_HEADERS).get_json()["description"]
        == "Called about the router"
    )
    assert (
        client.put(
            "/crm/activity/", json={"customer_id": customer["customer_id"], "description": " "}, headers=ADMIN_HEADERS
        ).status_code
        == 400
    )


# ------------------------------------------------------------------ own scope


@pytest.fixture
def two_tenants(client):
    """Customer A with a portal user, and customer B with a contact, site, tag and attribute."""
    a = create_customer(client, "Tenant A")
    a_contact = add_contact(client, a["customer_id"], contact_email="a@tenant.example")
    b = create_customer(
        client, "Tenant B", contact={"contact_firstname": "Bea", "contact_email": "b@tenant.example"}, site=LONDON
    )
    b_tag = client.put("/crm/tag/", json={**VIP, "customer_id": b["customer_id"]}, headers=ADMIN_HEADERS).get_json()
    b_attribute = client.put(
        "/crm/attribute/",
        json={"customer_id": b["customer_id"], "attribute_name": "k", "attribute_value": "v"},
        headers=ADMIN_HEADERS,
    ).get_json()
    user = ready_user(client, "a@tenant.example", role="Customer")
    client.put(f"/auth/users/{user['id']}", json={"contact_id": a_contact["contact_id"]}, headers=ADMIN_HEADERS)
    token = bearer(login(client, "a@tenant.example").get_json()["token"])
    return {"a": a, "b": b, "b_tag": b_tag, "b_attribute": b_attribute, "token": token}


def test_customer_user_never_reaches_another_customer(client, two_tenants):
    """Issue 3 must-hold: customer A's user tries every customer-scoped endpoint with customer B's ids."""
    t = two_tenants
    b_id, b_detail = t["b"]["customer_id"], t["b"]
    b_contact, b_site = b_detail["contacts"][0]["contact_id"], b_detail["sites"][0]["site_id"]
    reads = [
        f"/crm/customer/customer_id/{b_id}",
        f"/crm/contact/customer_id/{b_id}",
        f"/crm/contact/contact_id/{b_contact}",
        f"/crm/site/customer_id/{b_id}",
        f"/crm/site/site_id/{b_site}",
        f"/crm/tag/customer_id/{b_id}",
        f"/crm/tag/tag_id/{t['b_tag']['tag_id']}",
        f"/crm/attribute/customer_id/{b_id}",
        f"/crm/attribute/attribute_id/{t['b_attribute']['attribute_id']}",
        f"/crm/activity/customer_id/{b_id}",
    ]
    for path in reads:
        assert client.get(path, headers=t["token"]).status_code in (403, 404), path
    writes = [
        ("patch", f"/crm/customer/customer_id/{b_id}", {"customer_name": "Hacked"}),
        ("delete", f"/crm/customer/customer_id/{b_id}", None),
        ("patch", f"/crm/contact/contact_id/{b_contact}", {"contact_firstname": "Hacked"}),
        ("delete", f"/crm/contact/contact_id/{b_contact}", None),
        ("put", "/crm/contact/", {"customer_id": b_id, "contact_firstname": "Intruder"}),
        ("patch", f"/crm/site/site_id/{b_site}", {"site_name": "Hacked"}),
        ("delete", f"/crm/site/site_id/{b_site}", None),
        ("put", "/crm/tag/", {**VIP, "customer_id": b_id}),
        ("delete", f"/crm/tag/tag_id/{t['b_tag']['tag_id']}", None),
        ("put", "/crm/attribute/", {"customer_id": b_id, "attribute_name": "x", "attribute_value": "y"}),
        ("delete", f"/crm/attribute/attribute_id/{t['b_attribute']['attribute_id']}", None),
        ("put", "/crm/activity/", {"customer_id": b_id, "description": "x"}),
    ]
    for method, path, body in writes:
        assert getattr(client, method)(path, json=body, headers=t["token"]).status_code in (403, 404), f"{method} {path}"
    after = client.get(f"/crm/customer/customer_id/{b_id}", headers=ADMIN_HEADERS).get_json()
    assert after == {**b_detail, "tags": after["tags"]} and len(after["tags"]) == 1, "nothing of customer B changed"
    listed = client.get("/crm/customers", headers=t["token"]).get_json()
    assert [row["customer_id"] for row in listed["data"]] == [t["a"]["customer_id"]]
    assert client.get(f"/crm/customer/customer_id/{t['a']['customer_id']}", headers=t["token"]).status_code == 200
    assert client.get("/utilities/search_everything?search=Tenant", headers=t["token"]).status_code == 403


# ------------------------------------------------------------------ global search


def search(client, query: str) -> dict:
    response = client.get(f"/utilities/search_everything?{query}", headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_05_14_search_is_case_insensitive_substring(client):
    smith, smithson = create_customer(client, "John Smith"), create_customer(client, "Smithson Ltd")
    create_customer(client, "Jane Doe")
    expected = [
        {"id": c["customer_id"], "name": c["customer_name"], "customer_id": c["customer_id"], "type": "customer"}
        for c in (smith, smithson)
    ]
    assert search(client, "search=smith")["data"] == expected
    assert search(client, "search=SMITH")["data"] == expected


def test_05_15_contact_found_by_email(client):
    customer = create_customer(client, "Mail Co")
    contact = add_contact(client, customer["customer_id"], contact_email="john.smith@example.com")
    assert search(client, "search=john.smith@")["data"] == [
        {"id": contact["contact_id"], "name": "John Smith", "customer_id": customer["customer_id"], "type": "contact"}
    ]


def test_05_16_closed_accounts_only_on_request(client):
    acme = create_customer(
        client,
        "Acme Corporation",
        contact={"contact_firstname": "Acme", "contact_lastname": "Buyer"},
        site={**LONDON, "site_name": "Acme HQ"},
    )
    client.patch(f"/crm/customer/customer_id/{acme['customer_id']}", json={"customer_status": "Closed"}, headers=ADMIN_HEADERS)
    assert search(client, "search=Acme")["data"] == []
    found = search(client, "search=Acme&search_closed_records=true")["data"]
    assert [(row["type"], row["customer_id"]) for row in found] == [
        ("customer", acme["customer_id"]),
        ("contact", acme["customer_id"]),
        ("site", acme["customer_id"]),
    ]


def test_05_19_search_input_is_validated(client):
    for query in (
        "",
        "search=",
        "search=a&page=0",
        "search=a&per_page=101",
        "search=a&per_page=x",
        "search=a&search_closed_records=maybe",
    ):
        assert client.get(f"/utilities/search_everything?{query}", headers=ADMIN_HEADERS).status_code == 400, query


def test_search_paging_order_and_literal_wildcards(client):
    for n in range(12):
        create_customer(client, f"Page {n:02d}")
    create_customer(client, "100% Fibre")
    first, second = search(client, "search=page&per_page=10"), search(client, "search=page&per_page=10&page=2")
    assert first["pagination"] == {"current_page": 1, "per_page": 10, "total_pages": 2, "total_items": 12}
    assert [row["name"] for row in first["data"] + second["data"]] == [f"Page {n:02d}" for n in range(12)]
    assert search(client, "search=page&page=5")["data"] == []
    assert [row["name"] for row in search(client, "search=0%25")["data"]] == ["100% Fibre"]
    assert search(client, "search=_")["data"] == []


def test_search_index_follows_every_change(client):
    customer = create_customer(client, "Zebra Works", contact={"contact_firstname": "Zed", "contact_email": "zed@zebra.example"})
    contact_id = customer["contacts"][0]["contact_id"]
    path = f"/crm/customer/customer_id/{customer['customer_id']}"
    assert [row["type"] for row in search(client, "search=zebra")["data"]] == ["customer", "contact"]
    client.patch(path, json={"customer_status": "Closed"}, headers=ADMIN_HEADERS)
    assert search(client, "search=zebra")["data"] == []
    client.patch(path, json={"customer_status": "Open"}, headers=ADMIN_HEADERS)
    client.patch(f"/crm/contact/contact_id/{contact_id}", json={"contact_email": "zed@okapi.example"}, headers=ADMIN_HEADERS)
    assert [row["type"] for row in search(client, "search=zebra")["data"]] == ["customer"]
    assert [row["id"] for row in search(client, "search=okapi")["data"]] == [contact_id]
    assert [row["id"] for row in search(client, "search=ze")["data"]] == [customer["customer_id"], contact_id], "short terms scan"
    client.delete(f"/crm/contact/contact_id/{contact_id}", headers=ADMIN_HEADERS)
    assert search(client, "search=okapi")["data"] == []
    client.patch(path, json={"customer_name": "Giraffe Works"}, headers=ADMIN_HEADERS)
    assert search(client, "search=zebra")["data"] == [] and search(client, "search=giraffe")["pagination"]["total_items"] == 1


@pytest.mark.parametrize("scan_share", [2.0, 0.0], ids=["posting join", "common term scan"])
def test_search_answers_the_same_through_postings_or_a_scan(client, monkeypatch, scan_share):
    """A term whose rarest trigram is in most records is read by scanning the entries: same hits, same order,
    and closed accounts still left out. A term of one repeated trigram ("0000") works too."""
    monkeypatch.setattr(everything, "RARITY_CAP", 1)
    monkeypatch.setattr(everything, "SCAN_SHARE", scan_share)
    monkeypatch.setattr(everything, "_entry_counts", {})  # counted afresh for this data
    for name in ("Marcia Lane", "Garcia Ltd", "Arcing Co", "Tarcia 0000 Ltd"):
        create_customer(client, name)
    closed = create_customer(client, "Old Garcia")
    client.patch(f"/crm/customer/customer_id/{closed['customer_id']}", json={"customer_status": "Closed"}, headers=ADMIN_HEADERS)
    assert [row["name"] for row in search(client, "search=ARCIA")["data"]] == ["Marcia Lane", "Garcia Ltd", "Tarcia 0000 Ltd"]
    assert [row["name"] for row in search(client, "search=arcia&search_closed_records=true")["data"]][-1] == "Old Garcia"
    assert [row["name"] for row in search(client, "search=0000")["data"]] == ["Tarcia 0000 Ltd"]
