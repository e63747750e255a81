"""Inventory templates (spec 02 §3.5, §4.1.1): exact, case-sensitive names that products refer to."""

from __future__ import annotations

import ast
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omnicrm.activity import log
from omnicrm.catalogue.models import Product
from omnicrm.errors import conflict, not_found
from omnicrm.fields import MISSING, Reader, iso
from omnicrm.inventory.models import TEXT_FIELDS, Inventory, InventoryTemplate

LABELS = [f"itemtext{n}_label" for n in range(1, TEXT_FIELDS + 1)]
DEFAULT_LABELS = {"itemtext1_label": "Model Number", "itemtext2_label": "Serial Number"}


def money(body: dict[str, Any], field: str, errors: dict[str, str], required: bool) -> Decimal | object:
    """A non-negative exact amount (numbers and numeric strings accepted)."""
    if field not in body or body[field] is None:
        if required:
            errors[field] = "required"
        return MISSING
    raw = body[field]
    try:
        value = Decimal(str(raw)) if not isinstance(raw, bool) else Decimal("NaN")
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        errors[field] = "a number of at least 0"
        return MISSING
    return value


def read(body: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    unknown_labels = [key for key in body if key.startswith("itemtext") and key.endswith("_label") and key not in LABELS]
    reader = Reader(body, partial)
    reader.text("item", required=True, max_length=100)
    reader.text("icon", max_length=100)
    for label in LABELS:
        reader.text(label, max_length=100)
    reader.boolean("allow_staff_dropdown")
    reader.boolean("allow_customer_dropdown")
    for field in ("wholesale_cost", "retail_cost"):
        value = money(body, field, reader.errors, required=not partial)
        if value is not MISSING:
            reader.values[field] = value
    for label in unknown_labels:
        reader.errors[label] = f"labels go from itemtext1_label to itemtext{TEXT_FIELDS}_label"
    for label in DEFAULT_LABELS:
        if body.get(label) is not None and not reader.values.get(label):
            reader.errors[label] = "must not be blank"
    values = reader.check("Invalid inventory template")
    if not partial:
        for label, default in DEFAULT_LABELS.items():
            values[label] = values.get(label) or default
    return values


def as_dict(template: InventoryTemplate) -> dict[str, Any]:
    return {
        "inventory_template_id": template.inventory_template_id,
        "item": template.item,
        "icon": template.icon,
        "wholesale_cost": float(template.wholesale_cost),
        "retail_cost": float(template.retail_cost),
        **{label: getattr(template, label) for label in LABELS},
        "allow_staff_dropdown": template.allow_staff_dropdown,
        "allow_customer_dropdown": template.allow_customer_dropdown,
        "created": iso(template.created),
        "last_modified": iso(template.last_modified),
    }


def labels(template: InventoryTemplate) -> dict[str, str | None]:
    return {label.removesuffix("_label"): getattr(template, label) for label in LABELS}


def get(session: Session, template_id: int) -> InventoryTemplate:
    template = session.get(InventoryTemplate, template_id)
    if template is None:
        raise not_found("Inventory template")
    return template


def by_name(session: Session, name: str) -> InventoryTemplate | None:
    return session.scalar(select(InventoryTemplate).where(InventoryTemplate.item == name))


def _ensure_free(session: Session, name: str, template_id: int | None = None) -> None:
    existing = by_name(session, name)
    if existing is not None and existing.item == name and existing.inventory_template_id != template_id:
        raise conflict(f"An inventory template named {name!r} already exists")


def create(session: Session, body: dict[str, Any]) -> InventoryTemplate:
    values = read(body)
    _ensure_free(session, values["item"])
    template = InventoryTemplate(**values)
    session.add(template)
    session.flush()
    log.record(
        session,
        "inventory",
        "template_created",
        f"Inventory template {template.item} created",
        object_id=template.inventory_template_id,
    )
    session.commit()
    return template


def item_count(session: Session, template: InventoryTemplate) -> int:
    query = select(func.count()).select_from(Inventory).where(Inventory.inventory_template_id == template.inventory_template_id)
    return session.scalar(query) or 0


def referencing_products(session: Session, name: str) -> list[dict[str, Any]]:
    """Products whose inventory_items_list names this template exactly (stored as a list literal)."""
    query = select(Product.product_id, Product.product_name, Product.inventory_items_list).where(
        Product.inventory_items_list.contains(name)
    )
    return [
        {"product_id": row.product_id, "product_name": row.product_name}
        for row in session.execute(query.order_by(Product.product_id))
        if name in ast.literal_eval(row.inventory_items_list or "[]")
    ]


def update(session: Session, template: InventoryTemplate, body: dict[str, Any]) -> list[str]:
    """Apply a change; a rename carries over to the template's items and comes back as a warning."""
    values = read(body, partial=True)
    warnings = []
    new_name = values.get("item")
    if new_name and new_name != template.item:
        _ensure_free(session, new_name, template.inventory_template_id)
        session.execute(
            Inventory.__table__.update()
            .where(Inventory.inventory_template_id == template.inventory_template_id)
            .values(item=new_name)
        )
        ids = [product["product_id"] for product in referencing_products(session, template.item)]
        if ids:
            warnings.append(f"Template renamed; products still referencing {template.item!r}: {ids}")
    before = as_dict(template)
    for field, value in values.items():
        setattr(template, field, value)
    session.flush()
    changes = log.changes(before, as_dict(template))
    log.record(
        session,
        "inventory",
        "template_updated",
        f"Inventory template {template.item} updated",
        object_id=template.inventory_template_id,
        changes_json=changes,
    )
    session.commit()
    return warnings


def delete(session: Session, template: InventoryTemplate) -> None:
    if item_count(session, template):
        raise conflict("Inventory items use this template")
    products = referencing_products(session, template.item)
    if products:
        raise conflict(f"Products use this template: {[product['product_id'] for product in products]}")
    log.record(
        session,
        "inventory",
        "template_deleted",
        f"Inventory template {template.item} deleted",
        object_id=template.inventory_template_id,
    )
    session.delete(template)
    session.commit()
