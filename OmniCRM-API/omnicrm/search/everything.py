"""Global search (spec 05 §B): case-insensitive substring match over customers, contacts and sites, in that
order, one row per entity, paginated over the combined list. Inventory and services join as they arrive."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import ColumnElement, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from omnicrm.customers.models import Contact, Customer, Site

TYPES = ("customer", "contact", "site")


def _contains(column: Any, term: str) -> ColumnElement[bool]:
    """lower(column) LIKE '%term%' with the user's %, _ and \\ matched literally (same result on every backend)."""
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _open_only(query: Any, include_closed: bool) -> Any:
    return query if include_closed else query.where(Customer.customer_status == "Open")


def _queries(term: str, include_closed: bool) -> list[Any]:
    customers = _open_only(
        select(
            literal(0).label("rank"),
            Customer.customer_id.label("id"),
            Customer.customer_name.label("name"),
            Customer.customer_id.label("customer_id"),
        ).where(_contains(Customer.customer_name, term)),
        include_closed,
    )
    contact_name = func.trim(func.coalesce(Contact.contact_firstname, "") + " " + func.coalesce(Contact.contact_lastname, ""))
    contacts = _open_only(
        select(
            literal(1).label("rank"),
            Contact.contact_id.label("id"),
            contact_name.label("name"),
            Contact.customer_id.label("customer_id"),
        )
        .join(Customer)
        .where(
            or_(
                *(
                    _contains(column, term)
                    for column in (
                        Contact.contact_firstname,
                        Contact.contact_lastname,
                        Contact.contact_email,
                        Contact.contact_phone,
                    )
                )
            )
        ),
        include_closed,
    )
    sites = _open_only(
        select(
            literal(2).label("rank"),
            Site.site_id.label("id"),
            Site.site_name.label("name"),
            Site.customer_id.label("customer_id"),
        )
        .join(Customer)
        .where(_contains(Site.site_name, term)),
        include_closed,
    )
    return [customers, contacts, sites]


def search(session: Session, term: str, page: int, per_page: int, include_closed: bool) -> dict[str, Any]:
    combined = union_all(*_queries(term, include_closed)).subquery()
    total = session.scalar(select(func.count()).select_from(combined)) or 0
    rows = session.execute(
        select(combined).order_by(combined.c.rank, combined.c.id).limit(per_page).offset((page - 1) * per_page)
    )
    return {
        "data": [{"id": row.id, "name": row.name, "customer_id": row.customer_id, "type": TYPES[row.rank]} for row in rows],
        "pagination": {
            "current_page": page,
            "per_page": per_page,
            "total_pages": math.ceil(total / per_page) if total else 0,
            "total_items": total,
        },
    }
