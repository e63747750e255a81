"""Customer tags (spec 02 §2.4, §4.5): coloured pills, active between two dates; activity is computed, not stored."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.customers.models import CustomerTag
from omnicrm.errors import bad_request, not_found
from omnicrm.fields import Reader, iso

HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
LINK = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
FOREVER = datetime(2099, 1, 1)
FIELDS = ("tag_text", "tag_hex_color", "tag_link", "tag_active_date", "tag_deactivate_date")


def read(body: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    cleaned = dict(body)
    if isinstance(cleaned.get("tag_hex_color"), str):
        cleaned["tag_hex_color"] = cleaned["tag_hex_color"].strip().removeprefix("#")
    reader = Reader(cleaned, partial)
    reader.text("tag_text", required=True, max_length=64)
    reader.text("tag_hex_color", required=True, max_length=6, pattern=HEX, hint="six hex digits, e.g. FFD700")
    reader.text("tag_link", max_length=2048, pattern=LINK, hint="an absolute http:// or https:// URL")
    reader.moment("tag_active_date")
    reader.moment("tag_deactivate_date")
    values = reader.check("Invalid tag")
    if values.get("tag_hex_color"):
        values["tag_hex_color"] = values["tag_hex_color"].upper()
    return values


def _check_dates(active: datetime, deactivate: datetime) -> None:
    if deactivate <= active:
        raise bad_request("Invalid tag", {"tag_deactivate_date": "must be after tag_active_date"})


def is_active(tag: CustomerTag) -> bool:
    return tag.tag_active_date <= clock.now() < tag.tag_deactivate_date


def as_dict(tag: CustomerTag) -> dict[str, Any]:
    return {
        "tag_id": tag.tag_id,
        "customer_id": tag.customer_id,
        "tag_text": tag.tag_text,
        "tag_hex_color": tag.tag_hex_color,
        "tag_link": tag.tag_link,
        "tag_active_date": iso(tag.tag_active_date),
        "tag_deactivate_date": iso(tag.tag_deactivate_date),
        "tag_active": is_active(tag),
        "created": iso(tag.created),
        "last_modified": iso(tag.last_modified),
    }


def add(session: Session, customer_id: int, body: dict[str, Any]) -> CustomerTag:
    values = read(body)
    values["tag_active_date"] = values.get("tag_active_date") or clock.now()
    values["tag_deactivate_date"] = values.get("tag_deactivate_date") or FOREVER
    _check_dates(values["tag_active_date"], values["tag_deactivate_date"])
    tag = CustomerTag(customer_id=customer_id, **{field: values.get(field) for field in FIELDS})
    session.add(tag)
    session.flush()
    log.record(session, "customer", "tag_created", f"Tag {tag.tag_text} added", object_id=tag.tag_id, customer_id=customer_id)
    return tag


def get(session: Session, tag_id: int) -> CustomerTag:
    tag = session.get(CustomerTag, tag_id)
    if tag is None:
        raise not_found("Tag")
    return tag


def update(session: Session, tag: CustomerTag, body: dict[str, Any]) -> CustomerTag:
    if "customer_id" in body and body["customer_id"] != tag.customer_id:
        raise bad_request("Invalid tag", {"customer_id": "cannot be changed"})
    values = read(body, partial=True)
    cleared = [field for field in ("tag_active_date", "tag_deactivate_date") if field in values and values[field] is None]
    if cleared:
        raise bad_request("Invalid tag", {field: "must not be null" for field in cleared})
    _check_dates(values.get("tag_active_date", tag.tag_active_date), values.get("tag_deactivate_date", tag.tag_deactivate_date))
    before = as_dict(tag)
    for field, value in values.items():
        setattr(tag, field, value)
    session.flush()
    changes = log.changes(before, as_dict(tag))
    log.record(
        session,
        "customer",
        "tag_updated",
        f"Tag {tag.tag_text} updated",
        object_id=tag.tag_id,
        customer_id=tag.customer_id,
        changes_json=changes,
    )
    return tag


def delete(session: Session, tag: CustomerTag) -> None:
    log.record(
        session, "customer", "tag_deleted", f"Tag {tag.tag_text} deleted", object_id=tag.tag_id, customer_id=tag.customer_id
    )
    session.delete(tag)


def of_customer(session: Session, customer_id: int, active_only: bool = False) -> list[CustomerTag]:
    query = (
        select(CustomerTag)
        .where(CustomerTag.customer_id == customer_id)
        .order_by(CustomerTag.tag_active_date.desc(), CustomerTag.tag_id.desc())
    )
    tags = list(session.scalars(query))
    return [tag for tag in tags if is_active(tag)] if active_only else tags
