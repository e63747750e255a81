"""Keeps the search index in step with customers, contacts and sites, in the same transaction as the change.

Hooked on session flushes, so no feature has to remember to call it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, event, insert, select, update
from sqlalchemy.orm import Session

from omnicrm.customers.models import Contact, Customer, Site
from omnicrm.search.models import SearchEntry, SearchGram

SEPARATOR = "\x1f"
RANKS = {Customer: 0, Contact: 1, Site: 2}


def _identity(record: Any) -> int:
    return {Customer: lambda r: r.customer_id, Contact: lambda r: r.contact_id, Site: lambda r: r.site_id}[type(record)](record)


def fields_of(record: Any) -> tuple[str, list[str | None]]:
    """The display name and the searched fields of a record (spec 05 §B1)."""
    if isinstance(record, Customer):
        return record.customer_name, [record.customer_name]
    if isinstance(record, Contact):
        name = f"{record.contact_firstname or ''} {record.contact_lastname or ''}".strip()
        return name, [record.contact_firstname, record.contact_lastname, record.contact_email, record.contact_phone]
    return record.site_name, [record.site_name]


def grams(values: list[str | None]) -> set[str]:
    """Trigrams of each field on its own (a term never spans two fields)."""
    found: set[str] = set()
    for value in values:
        text = (value or "").lower()
        found.update(text[i : i + 3] for i in range(len(text) - 2))
    return found


def entry_values(record: Any, customer_open: bool) -> dict[str, Any]:
    name, values = fields_of(record)
    haystack = SEPARATOR.join((value or "").lower() for value in values)
    return {
        "entity_rank": RANKS[type(record)],
        "entity_id": _identity(record),
        "customer_id": record.customer_id,
        "name": name[:255],
        "haystack": haystack[:700],
        "customer_open": customer_open,
    }


def _remove(connection: Connection, rank: int, entity_id: int) -> None:
    query = select(SearchEntry.entry_id).where(SearchEntry.entity_rank == rank, SearchEntry.entity_id == entity_id)
    existing = connection.execute(query).scalar()
    if existing is not None:
        connection.execute(delete(SearchGram).where(SearchGram.entry_id == existing))
        connection.execute(delete(SearchEntry).where(SearchEntry.entry_id == existing))


def _customer_open(connection: Connection, record: Any) -> bool:
    if isinstance(record, Customer):
        return record.customer_status == "Open"
    status = connection.execute(select(Customer.customer_status).where(Customer.customer_id == record.customer_id)).scalar()
    return status == "Open"


def _write(connection: Connection, record: Any) -> None:
    values = entry_values(record, _customer_open(connection, record))
    _remove(connection, values["entity_rank"], values["entity_id"])
    entry_id = connection.execute(insert(SearchEntry).values(**values)).inserted_primary_key[0]
    postings = [{"gram": gram, "entry_id": entry_id} for gram in grams(fields_of(record)[1])]
    if postings:
        connection.execute(insert(SearchGram), postings)


def _after_flush(session: Session, _context: Any) -> None:
    # Core statements on the flush's own connection: no autoflush, same transaction as the change.
    connection = session.connection()
    for record in list(session.new) + list(session.dirty):
        if type(record) in RANKS and (record in session.new or session.is_modified(record, include_collections=False)):
            _write(connection, record)
            if isinstance(record, Customer):  # its contacts and sites follow its status
                opened = update(SearchEntry).where(SearchEntry.customer_id == record.customer_id)
                connection.execute(opened.values(customer_open=record.customer_status == "Open"))
    for record in session.deleted:
        if type(record) in RANKS:
            _remove(connection, RANKS[type(record)], _identity(record))


def watch_sessions(sessions: Any) -> None:
    event.listen(sessions, "after_flush", _after_flush)
