"""Contacts of a customer (spec 02 §2.2, §4.3): types Primary / Billing / Technical, several per contact."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm.activity import log
from omnicrm.auth.models import User
from omnicrm.customers.models import CONTACT_TYPES, Contact
from omnicrm.errors import bad_request, conflict, not_found
from omnicrm.fields import MISSING, Reader, iso

PHONE = re.compile(r"^[0-9 +\-()]+$")
FIELDS = ("contact_firstname", "contact_lastname", "contact_email", "contact_phone", "contact_types")


def canonical_types(raw: object, errors: dict[str, str]) -> str | None:
    """'billing, primary' -> 'Primary,Billing'; unknown or repeated types are refused."""
    if not isinstance(raw, str | list):
        errors["contact_types"] = "comma-separated Primary, Billing, Technical"
        return None
    items = [item.strip().lower() for item in (raw.split(",") if isinstance(raw, str) else raw) if str(item).strip()]
    known = {name.lower(): name for name in CONTACT_TYPES}
    if not items or any(item not in known for item in items) or len(set(items)) != len(items):
        errors["contact_types"] = "a set of Primary, Billing, Technical without repeats"
        return None
    return ",".join(name for name in CONTACT_TYPES if name.lower() in items)


def read(body: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    """Validated contact fields (400 naming every bad one)."""
    reader = Reader(body, partial)
    reader.text("contact_firstname", required=True, max_length=100)
    reader.text("contact_lastname", max_length=100)
    reader.email("contact_email")
    reader.text("contact_phone", max_length=32, pattern=PHONE, hint="digits, spaces, +, -, ( and ) only")
    if body.get("contact_types") is not None:
        reader.values["contact_types"] = canonical_types(body["contact_types"], reader.errors)
    return reader.check("Invalid contact")


def _require_billing_email(values: dict[str, Any]) -> None:
    if "Billing" in (values.get("contact_types") or "") and not values.get("contact_email"):
        raise bad_request("A billing contact needs an e-mail address", {"contact_email": "required for a Billing contact"})


def as_dict(contact: Contact) -> dict[str, Any]:
    return {
        "contact_id": contact.contact_id,
        "customer_id": contact.customer_id,
        "contact_firstname": contact.contact_firstname,
        "contact_lastname": contact.contact_lastname,
        "contact_email": contact.contact_email,
        "contact_phone": contact.contact_phone,
        "contact_types": contact.contact_types,
        "created": iso(contact.created),
        "last_modified": iso(contact.last_modified),
    }


def add(session: Session, customer_id: int, values: dict[str, Any]) -> Contact:
    """Add validated fields as a contact; a customer's first contact is Primary unless told otherwise."""
    values = {**values, "contact_types": values.get("contact_types") or "Primary"}
    _require_billing_email(values)
    contact = Contact(customer_id=customer_id, **{field: values.get(field) for field in FIELDS})
    session.add(contact)
    session.flush()
    name = " ".join(part for part in (contact.contact_firstname, contact.contact_lastname) if part)
    log.record(
        session, "contact", "contact_created", f"Contact {name} added", object_id=contact.contact_id, customer_id=customer_id
    )
    return contact


def get(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise not_found("Contact")
    return contact


def update(session: Session, contact: Contact, body: dict[str, Any]) -> Contact:
    if "customer_id" in body and body["customer_id"] != contact.customer_id:
        raise bad_request("A contact cannot move to another customer", {"customer_id": "cannot be changed"})
    values = read(body, partial=True)
    merged = {**as_dict(contact), **values}
    _require_billing_email(merged)
    if session.scalar(select(User.id).where(User.contact_id == contact.contact_id)) and not merged.get("contact_email"):
        raise bad_request("A contact linked to a portal user needs an e-mail address", {"contact_email": "required"})
    before = as_dict(contact)
    for field, value in values.items():
        if value is not MISSING:
            setattr(contact, field, value)
    session.flush()
    log.record(
        session,
        "contact",
        "contact_updated",
        f"Contact {contact.contact_id} updated",
        object_id=contact.contact_id,
        customer_id=contact.customer_id,
        changes_json=log.changes(before, as_dict(contact)),
    )
    return contact


def delete(session: Session, contact: Contact) -> None:
    if session.scalar(select(User.id).where(User.contact_id == contact.contact_id)) is not None:
        raise conflict("A portal user is linked to this contact: unlink or delete the user first")
    log.record(
        session,
        "contact",
        "contact_deleted",
        f"Contact {contact.contact_id} deleted",
        object_id=contact.contact_id,
        customer_id=contact.customer_id,
    )
    session.delete(contact)


def of_customer(session: Session, customer_id: int) -> list[Contact]:
    return list(session.scalars(select(Contact).where(Contact.customer_id == customer_id).order_by(Contact.contact_id)))
