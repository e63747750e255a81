"""The transaction ledger (spec 07 §1-§2): signed amounts, tax resolved and computed once, soft void.

Playbooks write setup costs and charges here (`PUT /crm/transaction/`); invoices group them later.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from omnicrm.activity import log
from omnicrm.billing.models import CREDIT_TYPES, Transaction
from omnicrm.catalogue.models import Product
from omnicrm.customers import customers
from omnicrm.customers.models import Site
from omnicrm.errors import bad_request, not_found
from omnicrm.fields import Reader, iso
from omnicrm.services.models import Service

CENT = Decimal("0.01")


def tax_amount(retail_cost: Decimal, tax_percentage: Decimal) -> Decimal:
    return (retail_cost * tax_percentage / 100).quantize(CENT, ROUND_HALF_UP)


def _read(body: dict[str, Any]) -> dict[str, Any]:
    reader = Reader(body)
    reader.integer("customer_id", required=True)
    reader.text("title", required=True)
    reader.text("description", max_length=100_000)
    reader.money("retail_cost", required=True, signed=True)
    reader.money("wholesale_cost", signed=True)
    reader.money("tax_percentage")
    for field in ("service_id", "site_id", "product_id"):
        reader.integer(field)
    reader.choice("transaction_type", ("debit", "credit"))
    reader.choice("credit_type", CREDIT_TYPES)
    reader.moment("created")
    if body.get("invoice_id") is not None:
        reader.errors["invoice_id"] = "only null: invoices link their transactions themselves"
    values = reader.check("Invalid transaction")
    tax = values.get("tax_percentage")
    if tax is not None and tax > 100:
        raise bad_request("Invalid transaction", {"tax_percentage": "from 0 to 100"})
    if values.get("transaction_type") and values["retail_cost"] <= 0:
        raise bad_request("Invalid transaction", {"retail_cost": "greater than 0 when transaction_type is given"})
    return values


def _check_links(session: Session, values: dict[str, Any]) -> Product | None:
    customer_id = values["customer_id"]
    customers.get(session, customer_id)
    service = session.get(Service, values["service_id"]) if values.get("service_id") is not None else None
    if values.get("service_id") is not None and service is None:
        raise not_found("Service")
    if service is not None and service.customer_id != customer_id:
        raise bad_request("Invalid transaction", {"service_id": "belongs to another customer"})
    site = session.get(Site, values["site_id"]) if values.get("site_id") is not None else None
    if values.get("site_id") is not None and (site is None or site.customer_id != customer_id):
        raise not_found("Site")
    product_id = values.get("product_id") or (service.product_id if service else None)
    product = session.get(Product, product_id) if product_id is not None else None
    if values.get("product_id") is not None and product is None:
        raise not_found("Product")
    return product


def create(session: Session, body: dict[str, Any], created_by: int | None = None) -> Transaction:
    values = _read(body)
    product = _check_links(session, values)
    retail = values["retail_cost"].quantize(CENT, ROUND_HALF_UP)  # the ledger holds cents (07: decimal(12,2))
    if values.get("transaction_type") == "credit":
        retail = -retail
    if retail < 0:
        tax = Decimal(0)  # credits carry no tax (07 §1.6)
    elif values.get("tax_percentage") is not None:
        tax = values["tax_percentage"]
    else:
        tax = product.tax_percentage if product is not None else Decimal(0)
    transaction = Transaction(
        customer_id=values["customer_id"],
        service_id=values.get("service_id"),
        site_id=values.get("site_id"),
        product_id=values.get("product_id"),
        title=values["title"],
        description=values.get("description"),
        retail_cost=retail,
        wholesale_cost=(values.get("wholesale_cost") or Decimal(0)).quantize(CENT, ROUND_HALF_UP),
        tax_percentage=tax,
        tax_amount=tax_amount(retail, tax),
        transaction_type="credit" if retail < 0 else "debit",
        credit_type=values.get("credit_type"),
        created_by=created_by,
    )
    if values.get("created"):
        transaction.created = values["created"]
    session.add(transaction)
    session.flush()
    log.record(
        session,
        "transaction",
        "create",
        f"Transaction {transaction.transaction_id} ({transaction.title}, {retail:.2f}) created",
        object_id=transaction.transaction_id,
        customer_id=transaction.customer_id,
        service_id=transaction.service_id,
    )
    return transaction


def as_dict(transaction: Transaction) -> dict[str, Any]:
    body = {column.name: getattr(transaction, column.name) for column in Transaction.__table__.columns}
    for field in ("retail_cost", "wholesale_cost", "tax_amount", "tax_percentage"):
        body[field] = float(body[field])
    body["created"] = iso(transaction.created)
    body["last_modified"] = iso(transaction.last_modified)
    return body
