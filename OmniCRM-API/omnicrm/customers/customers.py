"""Customers (spec 02 §2.1, §3.1, §4.2): create with the first contact and site in one transaction, status rules,
archive instead of delete, restore, and the searchable paginated list."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from omnicrm.activity import log
from omnicrm.billing.models import Transaction
from omnicrm.customers import contacts, sites, tags
from omnicrm.customers.models import ACCOUNT_TYPES, CUSTOMER_STATUSES, PAYMENT_TYPES, Customer
from omnicrm.errors import ApiError, bad_request, conflict, not_found
from omnicrm.fields import MISSING, Reader, iso
from omnicrm.notify.welcome import welcome_customer
from omnicrm.services.models import Service

MANUAL_STATUSES = ("Open", "Suspended", "Closed")
# Allowed manual transitions (PATCH); Archived is entered by DELETE and left by restore only.
TRANSITIONS = {("Open", "Suspended"), ("Suspended", "Open"), ("Open", "Closed"), ("Suspended", "Closed"), ("Closed", "Open")}
FIELDS = (
    "customer_name",
    "customer_account_type",
    "customer_status",
    "customer_payment_type",
    "customer_enabled",
    "tax_identifier",
    "contract_start_date",
    "contract_end_date",
)
FILTERS = {"customer_status": CUSTOMER_STATUSES, "customer_account_type": ACCOUNT_TYPES, "customer_payment_type": PAYMENT_TYPES}


def read(body: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    if body.get("customer_status") == "Archived":
        raise conflict("Use DELETE to archive a customer")
    reader = Reader(body, partial)
    reader.text("customer_name", required=True, max_length=255)
    reader.choice("customer_account_type", ACCOUNT_TYPES)
    reader.choice("customer_status", MANUAL_STATUSES)
    reader.choice("customer_payment_type", PAYMENT_TYPES)
    reader.boolean("customer_enabled")
    reader.text("tax_identifier", max_length=64)
    reader.moment("contract_start_date")
    reader.moment("contract_end_date")
    return reader.check("Invalid customer")


def _check_contract(start: Any, end: Any) -> None:
    if start and end and end < start:
        raise bad_request("Invalid customer", {"contract_end_date": "must not be before contract_start_date"})


def as_dict(customer: Customer) -> dict[str, Any]:
    return {
        "customer_id": customer.customer_id,
        **{field: getattr(customer, field) for field in FIELDS if not field.startswith("contract_")},
        "contract_start_date": iso(customer.contract_start_date),
        "contract_end_date": iso(customer.contract_end_date),
        "created": iso(customer.created),
        "last_modified": iso(customer.last_modified),
    }


def detail(session: Session, customer: Customer) -> dict[str, Any]:
    return {
        **as_dict(customer),
        "contacts": [contacts.as_dict(contact) for contact in customer.contacts],
        "sites": [sites.as_dict(site) for site in customer.sites],
        "tags": [tags.as_dict(tag) for tag in tags.of_customer(session, customer.customer_id, active_only=True)],
    }


def get(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise not_found("Customer")
    return customer


def create(session: Session, body: dict[str, Any], default_country: str | None) -> Customer:
    """The customer, its first contact and its first site: all valid or nothing written."""
    errors: dict[str, str] = {}
    values = _collect(errors, lambda: read(body))
    nested = _collect(errors, lambda: _nested_parts(body, default_country))
    if errors:
        raise bad_request("Invalid customer", errors)
    _check_contract(values.get("contract_start_date"), values.get("contract_end_date"))
    customer = Customer(**{field: value for field, value in values.items() if value is not MISSING})
    session.add(customer)
    session.flush()
    log.record(
        session,
        "customer",
        "customer_created",
        f"Customer {customer.customer_name} created",
        object_id=customer.customer_id,
        customer_id=customer.customer_id,
    )
    if "contact" in nested:
        contacts.add(session, customer.customer_id, nested["contact"])
    if "site" in nested:
        sites.add(session, customer.customer_id, nested["site"], default_country)
    session.flush()
    welcome_customer(session, customer)
    session.commit()
    session.refresh(customer)
    return customer


def _collect(errors: dict[str, str], check: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run one validation, adding its field errors to `errors` instead of stopping at the first refusal."""
    try:
        return check()
    except ApiError as refusal:
        if refusal.status != 400:
            raise
        errors.update(refusal.errors)
        return {}


def _nested_parts(body: dict[str, Any], default_country: str | None) -> dict[str, dict[str, Any]]:
    """The optional first contact and site, validated together: every bad field of both is named at once."""
    nested: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    readers = {"contact": contacts.read, "site": lambda part: sites.complete(sites.read(part), default_country)}
    for part, reader in readers.items():
        if body.get(part) is None:
            continue
        if not isinstance(body[part], dict):
            errors[part] = "must be an object"
            continue
        try:
            nested[part] = reader(body[part])
        except ApiError as refusal:
            errors.update({f"{part}.{field}": reason for field, reason in refusal.errors.items()})
    if errors:
        raise bad_request("Invalid customer", errors)
    return nested


def update(session: Session, customer: Customer, body: dict[str, Any]) -> Customer:
    if customer.customer_status == "Archived":
        raise conflict("The customer is archived: restore it first")
    values = read(body, partial=True)
    new_status = values.get("customer_status")
    if new_status and new_status != customer.customer_status and (customer.customer_status, new_status) not in TRANSITIONS:
        raise conflict(f"A customer cannot go from {customer.customer_status} to {new_status}")
    _check_contract(
        values.get("contract_start_date", customer.contract_start_date),
        values.get("contract_end_date", customer.contract_end_date),
    )
    before = as_dict(customer)
    for field, value in values.items():
        setattr(customer, field, value)
    session.flush()
    changes = log.changes(before, as_dict(customer))
    changes.pop("last_modified", None)
    if changes:
        log.record(
            session,
            "customer",
            "customer_updated",
            f"Customer {customer.customer_name} updated",
            object_id=customer.customer_id,
            customer_id=customer.customer_id,
            changes_json=changes,
        )
    session.commit()
    return customer


def blocking(session: Session, customer_id: int) -> dict[str, list[int]]:
    """What stops an archive (02 §4.2): live services, unpaid invoices, transactions not yet invoiced."""
    services = select(Service.service_id).where(
        Service.customer_id == customer_id, Service.service_status.in_(("Active", "Suspended"))
    )
    uninvoiced = select(Transaction.transaction_id).where(
        Transaction.customer_id == customer_id, Transaction.invoice_id.is_(None), Transaction.void.is_(False)
    )
    return {
        "active_services": list(session.scalars(services.order_by(Service.service_id))),
        "unpaid_invoices": [],  # invoices come with invoicing; none can be unpaid before
        "uninvoiced_transactions": list(session.scalars(uninvoiced.order_by(Transaction.transaction_id))),
    }


def archive(session: Session, customer: Customer) -> Customer:
    """Delete = archive: hidden from lists, portal logins refused, every related row kept."""
    if customer.customer_status == "Archived":
        raise conflict("The customer is already archived")
    blockers = blocking(session, customer.customer_id)
    if any(blockers.values()):
        raise ApiError(409, "Customer cannot be deleted", blocking=blockers)
    customer.customer_status_before_archive = customer.customer_status
    customer.customer_status, customer.customer_enabled = "Archived", False
    log.record(
        session,
        "customer",
        "customer_archived",
        f"Customer {customer.customer_name} archived",
        object_id=customer.customer_id,
        customer_id=customer.customer_id,
    )
    session.commit()
    return customer


def restore(session: Session, customer: Customer) -> Customer:
    if customer.customer_status != "Archived":
        raise conflict("The customer is not archived")
    customer.customer_status = customer.customer_status_before_archive or "Open"
    customer.customer_status_before_archive, customer.customer_enabled = None, True
    log.record(
        session,
        "customer",
        "customer_restored",
        f"Customer {customer.customer_name} restored",
        object_id=customer.customer_id,
        customer_id=customer.customer_id,
    )
    session.commit()
    return customer


def list_query(args: dict[str, str], search: str | None) -> Select:
    """Search (name contains, or exact id), filters and the archived switch."""
    query = select(Customer)
    filters = _filters(args)
    for field, value in filters.items():
        query = query.where(getattr(Customer, field) == value)
    if "customer_status" not in filters and args.get("include_archived", "false").lower() != "true":
        query = query.where(Customer.customer_status != "Archived")
    if search:
        condition = func.lower(Customer.customer_name).like(f"%{search.lower()}%")
        if search.isdigit():
            condition = or_(condition, Customer.customer_id == int(search))
        query = query.where(condition)
    return query


def _filters(args: dict[str, str]) -> dict[str, str]:
    raw: dict[str, Any] = {}
    if args.get("filters"):
        try:
            raw = json.loads(args["filters"])
        except json.JSONDecodeError:
            raise bad_request("Invalid filter", {"filters": "a JSON object"}) from None
        if not isinstance(raw, dict):
            raise bad_request("Invalid filter", {"filters": "a JSON object"})
    raw.update({field: args[field] for field in FILTERS if field in args})
    errors = {}
    for field, value in raw.items():
        if field not in FILTERS:
            errors[field] = "unknown filter"
        elif value not in FILTERS[field]:
            errors[field] = f"must be one of {', '.join(FILTERS[field])}"
    if errors:
        raise bad_request("Invalid filter", errors)
    return raw


def arpu(session: Session, customer_id: int) -> dict[str, Any]:
    """Revenue (non-void charges, credits excluded), service count and ARPU, against the system's (02 §4.3)."""
    revenue = session.scalar(
        select(func.coalesce(func.sum(Transaction.retail_cost), 0)).where(
            Transaction.customer_id == customer_id, Transaction.void.is_(False), Transaction.retail_cost > 0
        )
    )
    count = session.scalar(select(func.count()).select_from(Service).where(Service.customer_id == customer_id)) or 0
    return {
        "customer_id": customer_id,
        "revenue": float(_cents(revenue)),
        "service_count": count,
        "arpu": float(_cents(Decimal(revenue) / count)) if count else 0.0,
        "system_arpu": float(_system_arpu(session)),
    }


def _system_arpu(session: Session) -> Decimal:
    open_customers = select(Customer.customer_id).where(Customer.customer_status != "Archived")
    served = select(Service.customer_id).where(Service.customer_id.in_(open_customers)).distinct()
    revenue = session.scalar(
        select(func.coalesce(func.sum(Transaction.retail_cost), 0)).where(
            Transaction.customer_id.in_(served), Transaction.void.is_(False), Transaction.retail_cost > 0
        )
    )
    count = session.scalar(select(func.count()).select_from(Service).where(Service.customer_id.in_(open_customers))) or 0
    return _cents(Decimal(revenue) / count) if count else Decimal(0)


def _cents(value: Any) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)
