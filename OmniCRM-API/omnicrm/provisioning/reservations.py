"""Inventory holds taken in the order selectors (spec 04 `inventory_reservation`, decision 55): an item picked by
one user is hidden from the others for `provisioning.inventory_reservation_ttl_seconds`. Kept in the shared store
(Redis key `inventory:reservation:{inventory_id}`) so every API process sees the same holds, and expiring by TTL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.auth.principal import Principal
from omnicrm.errors import bad_request, conflict
from omnicrm.fields import iso
from omnicrm.inventory import items
from omnicrm.inventory.items import AVAILABLE


def _key(inventory_id: int) -> str:
    return f"inventory:reservation:{inventory_id}"


def _holder(caller: Principal) -> str:
    return f"user:{caller.user_id}" if caller.user_id else caller.actor


def holder_of(inventory_id: int) -> str | None:
    return current_app.extensions["omnicrm.store"].get(_key(inventory_id))


def held_by_other(inventory_id: int, caller: Principal) -> bool:
    holder = holder_of(inventory_id)
    return holder is not None and holder != _holder(caller)


def reserve(session: Session, body: dict[str, Any], caller: Principal) -> dict[str, Any]:
    """Hold every listed item for the caller, or none of them (409 names the item that cannot be held)."""
    ids = body.get("inventory_ids")
    if not isinstance(ids, list) or not ids or any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise bad_request("Invalid reservation", {"inventory_ids": "a non-empty list of inventory ids"})
    for inventory_id in ids:
        item = items.get(session, inventory_id)
        if item.item_state not in AVAILABLE or item.customer_id is not None or item.service_id is not None:
            raise conflict(f"Inventory item {inventory_id} is not available ({item.item_state})")
    store = current_app.extensions["omnicrm.store"]
    ttl = current_app.extensions["omnicrm.settings"].provisioning.inventory_reservation_ttl_seconds
    holder = _holder(caller)
    taken = []  # holds this call created: undone if a later item is someone else's
    for inventory_id in ids:
        if store.add(_key(inventory_id), holder, ttl):
            taken.append(inventory_id)
        elif store.get(_key(inventory_id)) == holder:
            store.set(_key(inventory_id), holder, ttl)  # the holder's own pick is renewed
        else:
            for release in taken:
                store.delete(_key(release))
            raise conflict(f"Inventory item {inventory_id} is reserved by another user")
    return {"reserved": ids, "expires_at": iso(clock.now() + timedelta(seconds=ttl))}
