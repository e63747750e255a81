"""Customer attributes (spec 01 §3.4, §4.4): named values of at most 150 characters, upserted by name."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.customers.models import CustomerAttribute
from omnicrm.errors import ApiError, bad_request, conflict, not_found
from omnicrm.fields import iso

NAME = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
MAX_VALUE = 150


def _name(value: object) -> str:
    if not isinstance(value, str) or not NAME.match(value.strip()):
        raise bad_request("Invalid attribute", {"attribute_name": "1-100 letters, digits, _ . : - (no spaces)"})
    return value.strip()


def _value(value: object) -> str:
    """Scalars are stored as text (true -> "true", 10000 -> "10000"); null, objects and lists are refused."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float | str):
        text = str(value)
    else:
        raise bad_request("Invalid attribute", {"attribute_value": "must be text, a number or a boolean"})
    if len(text) > MAX_VALUE:
        raise bad_request("Invalid attribute", {"attribute_value": f"at most {MAX_VALUE} characters (got {len(text)})"})
    return text


def as_dict(attribute: CustomerAttribute) -> dict[str, Any]:
    return {
        "attribute_id": attribute.attribute_id,
        "customer_id": attribute.customer_id,
        "attribute_name": attribute.attribute_name,
        "attribute_value": attribute.attribute_value,
        "created": iso(attribute.created),
        "last_modified": iso(attribute.last_modified),
    }


def validate_upsert(body: dict[str, Any]) -> tuple[str, str]:
    errors = {}
    for field in ("attribute_name", "attribute_value"):
        if field not in body or body[field] is None:
            errors[field] = "required"
    if errors:
        raise bad_request("Invalid attribute", errors)
    return _name(body["attribute_name"]), _value(body["attribute_value"])


def upsert(session: Session, customer_id: int, name: str, value: str) -> CustomerAttribute:
    """Create the attribute, or update the value of the customer's attribute of that exact name."""
    query = select(CustomerAttribute).where(
        CustomerAttribute.customer_id == customer_id, CustomerAttribute.attribute_name == name
    )
    attribute = session.scalar(query.with_for_update())
    if attribute is None:
        now = clock.now()
        attribute = CustomerAttribute(
            customer_id=customer_id, attribute_name=name, attribute_value=value, created=now, last_modified=now
        )
        session.add(attribute)
        session.flush()
        log.record(
            session,
            "customer",
            "attribute_created",
            f"Attribute {name} set",
            object_id=attribute.attribute_id,
            customer_id=customer_id,
        )
        return attribute
    before = attribute.attribute_value
    attribute.attribute_value, attribute.last_modified = value, clock.now()
    changes = {"attribute_value": {"old": before, "new": value}}
    log.record(
        session,
        "customer",
        "attribute_updated",
        f"Attribute {name} updated",
        object_id=attribute.attribute_id,
        customer_id=customer_id,
        changes_json=changes,
    )
    return attribute


def get(session: Session, attribute_id: int) -> CustomerAttribute:
    attribute = session.get(CustomerAttribute, attribute_id)
    if attribute is None:
        raise not_found("Attribute")
    return attribute


def update(session: Session, attribute: CustomerAttribute, body: dict[str, Any]) -> CustomerAttribute:
    if "customer_id" in body and body["customer_id"] != attribute.customer_id:
        raise ApiError(400, "attribute does not belong to customer", {"customer_id": "attribute does not belong to customer"})
    name = _name(body["attribute_name"]) if "attribute_name" in body else attribute.attribute_name
    value = _value(body["attribute_value"]) if "attribute_value" in body else attribute.attribute_value
    if name != attribute.attribute_name:
        clash = select(CustomerAttribute.attribute_id).where(
            CustomerAttribute.customer_id == attribute.customer_id, CustomerAttribute.attribute_name == name
        )
        if session.scalar(clash) is not None:
            raise conflict(f"The customer already has an attribute named {name!r}")
    before = as_dict(attribute)
    attribute.attribute_name, attribute.attribute_value, attribute.last_modified = name, value, clock.now()
    changes = log.changes(before, as_dict(attribute))
    log.record(
        session,
        "customer",
        "attribute_updated",
        f"Attribute {name} updated",
        object_id=attribute.attribute_id,
        customer_id=attribute.customer_id,
        changes_json=changes,
    )
    return attribute


def delete(session: Session, attribute: CustomerAttribute) -> None:
    log.record(
        session,
        "customer",
        "attribute_deleted",
        f"Attribute {attribute.attribute_name} deleted",
        object_id=attribute.attribute_id,
        customer_id=attribute.customer_id,
    )
    session.delete(attribute)


def of_customer(session: Session, customer_id: int) -> list[CustomerAttribute]:
    return list(
        session.scalars(
            select(CustomerAttribute).where(CustomerAttribute.customer_id == customer_id).order_by(CustomerAttribute.attribute_id)
        )
    )
