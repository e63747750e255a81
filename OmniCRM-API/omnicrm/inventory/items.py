"""Inventory items (spec 02 §3.6, §4.1): the state machine, assignment without double allocation, bulk work."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy import or_, select, true, update
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.auth.credentials import decrypt, encrypt
from omnicrm.config import Settings
from omnicrm.customers.models import Customer
from omnicrm.errors import ApiError, bad_request, conflict, not_found
from omnicrm.fields import MISSING, Reader, iso
from omnicrm.inventory import templates
from omnicrm.inventory.models import ITEM_STATES, TEXT_FIELDS, Inventory, InventoryTemplate

TEXTS = [f"itemtext{n}" for n in range(1, TEXT_FIELDS + 1)]
AVAILABLE = ("New", "In Stock")
IN_STOCK = ("New", "In Stock", "In Transit")
TERMINAL = "Decommissioned"
TRANSITIONS = {
    "New": {"Assigned", "In Stock", "Internal Use", "Used", "Out of Service", "Damaged", "Lost", "Stolen", "Decommissioned"},
    "In Transit": {"In Stock", "New", "Damaged", "Lost", "Stolen"},
    "In Stock": {"Assigned", "In Transit", "Internal Use", "Out of Service", "Damaged", "Lost", "Stolen", "Decommissioned"},
    "Assigned": {"Used", "Damaged", "Out of Service", "Lost", "Stolen", "Decommissioned"},
    "Used": {"New", "In Stock", "Damaged", "Lost", "Stolen", "Decommissioned", "Internal Use"},
    "Internal Use": {"Used", "In Stock", "Damaged", "Out of Service", "Lost", "Stolen", "Decommissioned"},
    "Damaged": {"New", "Used", "Decommissioned", "Lost", "Stolen"},
    "Out of Service": {"New", "In Stock", "Used", "Damaged", "Lost", "Stolen", "Decommissioned"},
    "Lost": {"In Stock", "Used", "Stolen", "Decommissioned"},
    "Stolen": {"In Stock", "Lost", "Decommissioned"},
    "Decommissioned": set(),
}
PLAIN_FIELDS = (
    "item_location",
    "address_line_1",
    "address_line_2",
    "city",
    "state",
    "zip_code",
    "country",
    "google_maps_place_id",
    "plus_code",
    "management_url",
    "management_username",
    "config_content",
    "config_file_path",
    "inventory_notes",
)
LONG_FIELDS = {"config_content": 1_000_000, "inventory_notes": 100_000, "management_url": 2048, "config_file_path": 1024}
ALERT_ACTIONS = {
    "Lost": ("inventory_lost_audit", "audit required"),
    "Stolen": ("inventory_stolen_security_report", "security report"),
}


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def read(body: dict[str, Any], partial: bool) -> dict[str, Any]:
    reader = Reader(body, partial)
    reader.integer("inventory_template_id", required=True)
    reader.text("item", max_length=100)
    reader.integer("customer_id")
    reader.integer("service_id")
    reader.choice("item_state", ITEM_STATES)
    reader.text("itemtext1", required=True, max_length=255)
    for field in TEXTS[1:]:
        reader.text(field, max_length=255)
    for field in PLAIN_FIELDS:
        reader.text(field, max_length=LONG_FIELDS.get(field, 255))
    reader.number("latitude", low=-90, high=90)
    reader.number("longitude", low=-180, high=180)
    reader.moment("sold_date")
    if body.get("management_password") is not None:
        if not isinstance(body["management_password"], str):
            reader.errors["management_password"] = "must be text"
        else:
            reader.values["management_password"] = body["management_password"]
    elif "management_password" in body:
        reader.values["management_password"] = None
    for field in ("wholesale_cost", "retail_cost"):
        value = templates.money(body, field, reader.errors, required=False)
        if value is not MISSING:
            reader.values[field] = value
    return reader.check("Invalid inventory item")


def as_dict(item: Inventory, template: InventoryTemplate | None = None, reveal_password: bool = False) -> dict[str, Any]:
    """The flat item playbooks read (json.itemtext1...); the password only for callers allowed to see it."""
    password = decrypt(_settings(), item.management_password) if reveal_password and item.management_password else None
    body = {
        "inventory_id": item.inventory_id,
        "inventory_template_id": item.inventory_template_id,
        "item": item.item,
        "customer_id": item.customer_id,
        "service_id": item.service_id,
        "item_state": item.item_state,
        **{field: getattr(item, field) for field in TEXTS},
        **{field: getattr(item, field) for field in PLAIN_FIELDS},
        "latitude": item.latitude,
        "longitude": item.longitude,
        "wholesale_cost": float(item.wholesale_cost),
        "retail_cost": float(item.retail_cost),
        "sold_date": iso(item.sold_date),
        "management_password": password,
        "management_password_set": item.management_password is not None,
        "created": iso(item.created),
        "last_modified": iso(item.last_modified),
    }
    if template is not None:
        body["itemtext_labels"] = templates.labels(template)
    return body


def get(session: Session, inventory_id: int, lock: bool = False) -> Inventory:
    query = select(Inventory).where(Inventory.inventory_id == inventory_id)
    item = session.scalar(query.with_for_update() if lock else query)
    if item is None:
        raise not_found("Inventory item")
    return item


def _check_transition(current: str, wanted: str) -> None:
    if wanted != current and _settings().inventory.enforce_state_transitions and wanted not in TRANSITIONS[current]:
        raise ApiError(400, "Invalid state transition", {"item_state": f"Cannot change from '{current}' to '{wanted}'"})


def _check_assignment(state: str, customer_id: int | None, service_id: int | None) -> None:
    if state == "Assigned" and customer_id is None and service_id is None:
        raise bad_request(
            "An assigned item needs a customer or a service", {"item_state": "Assigned needs customer_id or service_id"}
        )
    if state in IN_STOCK and (customer_id is not None or service_id is not None):
        raise bad_request("Items in stock cannot be assigned", {"item_state": f"{state} items cannot have a customer or service"})


def _check_unique_text(session: Session, template_id: int, itemtext1: str, inventory_id: int | None = None) -> None:
    if not _settings().inventory.unique_itemtext1:
        return
    query = select(Inventory.inventory_id).where(Inventory.inventory_template_id == template_id, Inventory.itemtext1 == itemtext1)
    if inventory_id is not None:
        query = query.where(Inventory.inventory_id != inventory_id)
    if session.scalar(query) is not None:
        raise conflict(f"An item with itemtext1 {itemtext1!r} already exists for this template")


def _check_customer(session: Session, customer_id: int | None) -> None:
    if customer_id is not None and session.get(Customer, customer_id) is None:
        raise not_found("Customer")


def new_item(session: Session, template: InventoryTemplate, values: dict[str, Any]) -> Inventory:
    """Validate one item of a template (not yet added to the session)."""
    if values.get("item") not in (None, template.item):
        raise bad_request("The item must match its template", {"item": f"must be {template.item!r}"})
    state = values.get("item_state") or "New"
    _check_assignment(state, values.get("customer_id"), values.get("service_id"))
    _check_customer(session, values.get("customer_id"))
    fields = {key: value for key, value in values.items() if key not in ("item", "management_password", "inventory_template_id")}
    item = Inventory(inventory_template_id=template.inventory_template_id, item=template.item, **fields)
    item.item_state = state
    item.wholesale_cost = values.get("wholesale_cost", template.wholesale_cost)
    item.retail_cost = values.get("retail_cost", template.retail_cost)
    if values.get("management_password"):
        item.management_password = encrypt(_settings(), values["management_password"])
    if (state == "Assigned" or item.customer_id is not None) and item.sold_date is None:
        item.sold_date = clock.now()
    return item


def create(session: Session, body: dict[str, Any]) -> tuple[Inventory, InventoryTemplate]:
    values = read(body, partial=False)
    template = templates.get(session, values["inventory_template_id"])
    _check_unique_text(session, template.inventory_template_id, values["itemtext1"])
    item = new_item(session, template, values)
    session.add(item)
    session.flush()
    log.record(
        session,
        "inventory",
        "create",
        f"Inventory item #{item.inventory_id} ({item.item}) created",
        object_id=item.inventory_id,
        customer_id=item.customer_id,
    )
    session.commit()
    return item, template


def _claim(session: Session, item: Inventory, customer_id: int | None, service_id: int | None) -> None:
    """Atomic double-allocation guard: the row changes only while it is free or already ours."""
    guard = update(Inventory).where(
        Inventory.inventory_id == item.inventory_id,
        or_(Inventory.customer_id.is_(None), Inventory.customer_id == customer_id) if customer_id is not None else true(),
        or_(Inventory.service_id.is_(None), Inventory.service_id == service_id) if service_id is not None else true(),
    )
    claimed = session.execute(guard.values(customer_id=customer_id, service_id=service_id, last_modified=clock.now()))
    if claimed.rowcount != 1:
        raise conflict("Inventory item already assigned")
    session.refresh(item, ["customer_id", "service_id"])


def update_item(session: Session, item: Inventory, body: dict[str, Any]) -> Inventory:
    if "inventory_template_id" in body and body["inventory_template_id"] != item.inventory_template_id:
        raise bad_request("The template of an item cannot change", {"inventory_template_id": "cannot be changed"})
    values = read({**body, "inventory_template_id": item.inventory_template_id}, partial=True)
    values.pop("inventory_template_id", None)
    if values.get("item") not in (None, item.item):
        raise bad_request("The item must match its template", {"item": f"must be {item.item!r}"})
    state = values.get("item_state") or item.item_state
    _check_transition(item.item_state, state)
    customer_id = values.get("customer_id", item.customer_id) if "customer_id" in values else item.customer_id
    service_id = values.get("service_id", item.service_id) if "service_id" in values else item.service_id
    _check_assignment(state, customer_id, service_id)
    _check_customer(session, customer_id)
    if "itemtext1" in values:
        _check_unique_text(session, item.inventory_template_id, values["itemtext1"], item.inventory_id)
    assigning = (customer_id is not None and customer_id != item.customer_id) or (
        service_id is not None and service_id != item.service_id
    )
    if (item.customer_id is not None and customer_id not in (None, item.customer_id)) or (
        item.service_id is not None and service_id not in (None, item.service_id)
    ):
        raise conflict("Inventory item already assigned")
    before = as_dict(item)
    previous_customer = item.customer_id
    if assigning:
        _claim(session, item, customer_id, service_id)
    for field, value in values.items():
        if field in ("customer_id", "service_id", "item"):
            continue
        if field == "management_password":
            item.management_password = encrypt(_settings(), value) if value else None
        else:
            setattr(item, field, value)
    item.customer_id, item.service_id, item.item_state = customer_id, service_id, state
    _update_sold_date(item, before, values)
    session.flush()
    _log_change(session, item, before, previous_customer, values)
    session.commit()
    return item


def _update_sold_date(item: Inventory, before: dict[str, Any], values: dict[str, Any]) -> None:
    if "sold_date" in values:
        return
    if item.item_state in AVAILABLE:
        item.sold_date = None
    elif item.sold_date is None and (
        item.item_state == "Assigned" or (item.customer_id is not None and before["customer_id"] is None)
    ):
        item.sold_date = clock.now()


def _log_change(
    session: Session, item: Inventory, before: dict[str, Any], previous_customer: int | None, values: dict[str, Any]
) -> None:
    changes = log.changes({k: v for k, v in before.items() if k != "management_password"}, as_dict(item))
    changes.pop("management_password_set", None)
    changes.pop("last_modified", None)
    if "management_password" in values:
        changes["management_password"] = {"old": "***", "new": "changed"}
    customer = item.customer_id or previous_customer
    log.record(
        session,
        "inventory",
        "update",
        f"Inventory item #{item.inventory_id} updated",
        object_id=item.inventory_id,
        customer_id=customer,
        changes_json=changes,
    )
    if before["item_state"] != item.item_state and item.item_state in ALERT_ACTIONS:
        action, what = ALERT_ACTIONS[item.item_state]
        log.record(
            session,
            "inventory",
            action,
            f"Inventory item #{item.inventory_id} marked {item.item_state} — {what}",
            object_id=item.inventory_id,
            customer_id=customer,
        )


def delete(session: Session, item: Inventory) -> None:
    if item.customer_id is not None or item.service_id is not None or item.item_state == "Assigned":
        raise conflict("An assigned or linked item cannot be deleted")
    log.record(session, "inventory", "delete", f"Inventory item #{item.inventory_id} deleted", object_id=item.inventory_id)
    session.delete(item)
    session.commit()


def available(session: Session, item_name: str, location: str | None) -> list[Inventory]:
    query = select(Inventory).where(
        Inventory.item == item_name,
        Inventory.item_state.in_(AVAILABLE),
        Inventory.customer_id.is_(None),
        Inventory.service_id.is_(None),
    )
    if location:
        query = query.where(Inventory.item_location == location)
    return list(session.scalars(query.order_by(Inventory.inventory_id)))


def bulk_create(session: Session, body: dict[str, Any]) -> list[int]:
    """All rows valid or none written: every bad row is named (items[17].itemtext1)."""
    reader = Reader(body)
    reader.integer("inventory_template_id", required=True)
    template_id = reader.check("Invalid bulk create")["inventory_template_id"]
    template = templates.get(session, template_id)
    rows = body.get("items")
    maximum = _settings().inventory.bulk_max_items
    if not isinstance(rows, list) or not rows or len(rows) > maximum:
        raise bad_request("Invalid bulk create", {"items": f"a list of 1 to {maximum} items"})
    defaults = body.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise bad_request("Invalid bulk create", {"defaults": "must be an object"})
    errors: dict[str, str] = {}
    seen: set[str] = set()
    items = []
    for index, row in enumerate(rows):
        try:
            if not isinstance(row, dict):
                raise bad_request("Invalid item", {"row": "must be an object"})
            values = read({**defaults, **row, "inventory_template_id": template_id}, partial=False)
            if values["itemtext1"] in seen:
                raise bad_request("Invalid item", {"itemtext1": "duplicate in this import"})
            seen.add(values["itemtext1"])
            _check_unique_text(session, template_id, values["itemtext1"])
            items.append(new_item(session, template, values))
        except ApiError as refusal:
            reasons = refusal.errors or {"row": refusal.message}
            errors.update({f"items[{index}].{field}": reason for field, reason in reasons.items()})
    if errors:
        raise bad_request(
            f"{len({key.split('.')[0] for key in errors})} of {len(rows)} rows are invalid: nothing was imported", errors
        )
    session.add_all(items)
    session.flush()
    log.record(session, "inventory", "bulk_create", f"{len(items)} {template.item} items imported")
    session.commit()
    return [item.inventory_id for item in items]


def bulk_update(session: Session, body: dict[str, Any]) -> int:
    ids = body.get("inventory_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise bad_request("Invalid bulk update", {"inventory_ids": "a non-empty list of ids"})
    reader = Reader(body, partial=True)
    reader.choice("item_state", ITEM_STATES)
    reader.text("item_location", max_length=255)
    values = reader.check("Invalid bulk update")
    if not values:
        raise bad_request("Invalid bulk update", {"item_state": "give item_state and/or item_location"})
    items = list(session.scalars(select(Inventory).where(Inventory.inventory_id.in_(ids)).with_for_update()))
    missing = sorted(set(ids) - {item.inventory_id for item in items})
    if missing:
        raise not_found(f"Inventory items {missing}")
    bad = []
    for item in items:
        state = values.get("item_state", item.item_state)
        try:
            _check_transition(item.item_state, state)
            _check_assignment(state, item.customer_id, item.service_id)
        except ApiError:
            bad.append(item.inventory_id)
    if bad:
        raise bad_request("Invalid state transition", {"inventory_ids": f"cannot change: {sorted(bad)}"})
    for item in items:
        before = as_dict(item)
        for field, value in values.items():
            setattr(item, field, value)
        _update_sold_date(item, before, {})
        session.flush()
        _log_change(session, item, before, item.customer_id, values)
    session.commit()
    return len(items)
