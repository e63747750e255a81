"""What a customer's services and transactions mean for the customer: archive preconditions and ARPU (spec 02
§4.2-§4.3)."""

from __future__ import annotations

from conftest import ADMIN_HEADERS
from services_helpers import (  # noqa: F401  (the *_fixture imports register the fixtures)
    client_fixture,
    control_fixture,
    customer_with_contact,
    ocs_sim_fixture,
    service,
)


def charge(client, customer_id: int, amount: float, **extra) -> dict:
    body = {"customer_id": customer_id, "title": f"Charge {amount}", "retail_cost": amount, **extra}
    response = client.put("/crm/transaction/", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_02_15_archive_is_refused_while_services_or_charges_are_open(client):
    """DELETE of a customer with an Active service and an uninvoiced charge → 409 listing both ids, status still
    Open; once the service is Deactivated and the charge voided → 200 Archived. (The unpaid-invoice blocker of the
    same check is listed empty until invoicing exists.)"""
    customer_id = customer_with_contact(client)
    svc = service(client, customer_id, "Mobile_SIM_x1")
    open_charge = charge(client, customer_id, 20)
    refused = client.delete(f"/crm/customer/customer_id/{customer_id}", headers=ADMIN_HEADERS)
    assert refused.status_code == 409
    assert refused.get_json() == {
        "message": "Customer cannot be deleted",
        "blocking": {
            "active_services": [svc["service_id"]],
            "unpaid_invoices": [],
            "uninvoiced_transactions": [open_charge["transaction_id"]],
        },
    }
    assert client.get(f"/crm/customer/customer_id/{customer_id}", headers=ADMIN_HEADERS).get_json()["customer_status"] == "Open"
    client.patch(f"/crm/service/{svc['service_id']}", json={"service_status": "Deactivated"}, headers=ADMIN_HEADERS)
    with client.application.app_context():
        from omnicrm.billing.models import Transaction
        from omnicrm.db import get_session

        session = get_session()
        session.get(Transaction, open_charge["transaction_id"]).void = True
        session.commit()
    archived = client.delete(f"/crm/customer/customer_id/{customer_id}", headers=ADMIN_HEADERS)
    assert archived.status_code == 200 and archived.get_json()["customer_status"] == "Archived"


def test_02_16_arpu(client):
    """Non-void transactions +50, +45, −10 (credit) and a void +20, 2 services → revenue 95.00, ARPU 47.50; a customer
    with no service → ARPU 0. The system ARPU is over the customers that have services."""
    customer_id = customer_with_contact(client)
    for amount in (50, 45, -10):
        charge(client, customer_id, amount)
    voided = charge(client, customer_id, 20)
    with client.application.app_context():
        from omnicrm.billing.models import Transaction
        from omnicrm.db import get_session

        session = get_session()
        session.get(Transaction, voided["transaction_id"]).void = True
        session.commit()
    service(client, customer_id, "Mobile_SIM_x2")
    service(client, customer_id, "Mobile_SIM_x3")
    body = client.get(f"/crm/customer/customer_id/{customer_id}/arpu", headers=ADMIN_HEADERS).get_json()
    assert body == {"customer_id": customer_id, "revenue": 95.0, "service_count": 2, "arpu": 47.5, "system_arpu": 47.5}
    other = customer_with_contact(client, "Zoe Quiet")
    charge(client, other, 30)
    quiet = client.get(f"/crm/customer/customer_id/{other}/arpu", headers=ADMIN_HEADERS).get_json()
    assert (quiet["arpu"], quiet["service_count"], quiet["system_arpu"]) == (0.0, 0, 47.5)
    assert client.get("/crm/customer/customer_id/999999/arpu", headers=ADMIN_HEADERS).status_code == 404


def test_transaction_ledger_rules(client):
    """07 §1-2: tax from the product unless given, half-up to cents; credits carry no tax; `transaction_type` takes a
    positive amount and applies the sign; invoice_id cannot be set; running balance when sorted by date."""
    customer_id = customer_with_contact(client)
    taxed = client.put(
        "/crm/product/",
        json={"product_name": "Taxed", "product_slug": "taxed", "tax_percentage": 10, "service_type": "mobile"},
        headers=ADMIN_HEADERS,
    ).get_json()
    first = charge(client, customer_id, "50.005", product_id=taxed["product_id"])
    assert (first["tax_percentage"], first["tax_amount"], first["transaction_type"]) == (10.0, 5.0, "debit")
    credit = charge(client, customer_id, 15, transaction_type="credit", credit_type="cash")
    assert (credit["retail_cost"], credit["tax_amount"], credit["transaction_type"]) == (-15.0, 0.0, "credit")
    bad = client.put(
        "/crm/transaction/",
        json={"customer_id": customer_id, "title": "x", "retail_cost": "abc", "invoice_id": 4},
        headers=ADMIN_HEADERS,
    )
    assert bad.status_code == 400 and set(bad.get_json()["errors"]) == {"retail_cost", "invoice_id"}
    rows = client.get(f"/crm/transaction/customer_id/{customer_id}?sort=created&order=asc", headers=ADMIN_HEADERS).get_json()
    assert [row["running_balance"] for row in rows["data"]] == [55.01, 40.01]
