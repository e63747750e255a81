"""Keeps the search index in step with customers, contacts, sites, inventory and services, in the same transaction as the change.

Hooked on session flushes, so no feature has to remember to call it.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, delete, event, insert, select, update
from sqlalchemy.orm import Session

from omnicrm.customers.models import Contact, Customer, Site
from omnicrm.inventory.models import Inventory
from omnicrm.search.models import SearchEntry, SearchGram
from omnicrm.services.models import Service

SEPARATOR = "\x1f"
RANKS = {Customer: 0, Contact: 1, Site: 2, Inventory: 3, Service: 4}


def identity(record: Any) -> tuple[int, int]:
    ids = {
        Customer: lambda r: r.customer_id,
        Contact: lambda r: r.contact_id,
        Site: lambda r: r.site_id,
        Inventory: lambda r: r.inventory_id,
        Service: lambda r: r.service_id,
    }
    return RANKS[type(record)], ids[type(record)](record)


def fields_of(record: Any) -> tuple[str, list[str | None]]:
    """The display name and the searched fields of a record (spec 05 §B1)."""
    if isinstance(record, Customer):
        return record.customer_name, [record.customer_name]
    if isinstance(record, Contact):
        name = f"{record.contact_firstname or ''} {record.contact_lastname or ''}".strip()
        return name, [record.contact_firstname, record.contact_lastname, record.contact_email, record.contact_phone]
    if isinstance(record, Service):
        return record.service_name, [record.service_name, record.service_uuid]
    if isinstance(record, Inventory):  # only the two main identifiers are searched (ICCID, IMSI, MAC, number...)
        values = [record.itemtext1, record.itemtext2]
        return record.itemtext1 or record.itemtext2 or "", values + _digits_only(values)
    return record.site_name, [record.site_name]


def _digits_only(values: list[str | None]) -> list[str]:
    """A number written with spaces or punctuation ("07700 900123") is found by its digits alone too."""
    found = []
    for value in values:
        digits = re.sub(r"\D", "", value or "")
        if len(digits) >= 3 and digits != value and len(digits) * 2 >= len(value or ""):
            found.append(digits)
    return found


def grams(values: list[str | None]) -> set[str]:
    """Trigrams of each field on its own (a term never spans two fields)."""
    found: set[str] = set()
    for value in values:
        text = (value or "").lower()
        found.update(text[i : i + 3] for i in range(len(text) - 2))
    return found


def rows_for(record: Any, customer_open: bool) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The entry and the postings of one record."""
    rank, entity_id = identity(record)
    name, values = fields_of(record)
    entry = {
        "entity_rank": rank,
        "entity_id": entity_id,
        "customer_id": record.customer_id,
        "customer_open": customer_open,
        "name": name[:255],
        "haystack": SEPARATOR.join((value or "").lower() for value in values)[:700],
    }
    postings = [
        {"gram": gram, "customer_open": customer_open, "entity_rank": rank, "entity_id": entity_id} for gram in grams(values)
    ]
    return entry, postings


def _remove(connection: Connection, rank: int, entity_id: int) -> None:
    connection.execute(delete(SearchGram).where(SearchGram.entity_rank == rank, SearchGram.entity_id == entity_id))
    connection.execute(delete(SearchEntry).where(SearchEntry.entity_rank == rank, SearchEntry.entity_id == entity_id))


def _customer_open(connection: Connection, record: Any) -> bool:
    """Records of Open customers are found by default; stock that belongs to no customer always is."""
    if isinstance(record, Customer):
        return record.customer_status == "Open"
    if record.customer_id is None:
        return True
    status = connection.execute(select(Customer.customer_status).where(Customer.customer_id == record.customer_id)).scalar()
    return status == "Open"


def _write(connection: Connection, record: Any) -> None:
    _remove(connection, *identity(record))
    entry, postings = rows_for(record, _customer_open(connection, record))
    connection.execute(insert(SearchEntry).values(**entry))
    if postings:
        connection.execute(insert(SearchGram), postings)


def _follow_status(connection: Connection, customer: Customer) -> None:
    """A customer's contacts and sites are found, or hidden, with it."""
    is_open = customer.customer_status == "Open"
    entities = select(SearchEntry.entity_rank, SearchEntry.entity_id).where(SearchEntry.customer_id == customer.customer_id)
    connection.execute(update(SearchEntry).where(SearchEntry.customer_id == customer.customer_id).values(customer_open=is_open))
    for rank, entity_id in connection.execute(entities).all():
        postings = update(SearchGram).where(SearchGram.entity_rank == rank, SearchGram.entity_id == entity_id)
        connection.execute(postings.values(customer_open=is_open))


def _after_flush(session: Session, _context: Any) -> None:
    # Core statements on the flush's own connection: no autoflush, same transaction as the change.
    connection = session.connection()
    for record in list(session.new) + list(session.dirty):
        if type(record) in RANKS and (record in session.new or session.is_modified(record, include_collections=False)):
            _write(connection, record)
            if isinstance(record, Customer):
                _follow_status(connection, record)
    for record in session.deleted:
        if type(record) in RANKS:
            _remove(connection, *identity(record))


def watch_sessions(sessions: Any) -> None:
    event.listen(sessions, "after_flush", _after_flush)
