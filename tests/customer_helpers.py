"""Customers made through the API for the customer-domain tests."""

from __future__ import annotations

from conftest import ADMIN_HEADERS


def create_customer(client, name: str = "John Smith", **extra) -> dict:
    body = {"customer_name": name, **extra}
    response = client.put("/crm/customer/", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def add_contact(client, customer_id: int, **fields) -> dict:
    body = {"customer_id": customer_id, "contact_firstname": "John", "contact_lastname": "Smith", **fields}
    response = client.put("/crm/contact/", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


LONDON = {
    "address_line_1": "10 Downing Street",
    "city": "London",
    "country": "United Kingdom",
    "latitude": 51.5034,
    "longitude": -0.1276,
}
