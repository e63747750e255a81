"""Global search (spec 05 §B): case-insensitive substring match over customers, contacts and sites, in that
order and by id, one row per record, paginated over the combined list. Inventory and services join the index
as they arrive. See search/models.py for how the trigram postings answer "contains" from an index."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from omnicrm.pagination import envelope
from omnicrm.search.index import grams
from omnicrm.search.models import SearchEntry, SearchGram

TYPES = ("customer", "contact", "site")
RARITY_CAP = 2000  # counting a trigram's postings stops here: past it, it is common enough


def _contains(column: Any, lowered: str) -> ColumnElement[bool]:
    """column LIKE '%term%' with the user's %, _ and \\ matched literally."""
    escaped = lowered.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def _postings(gram: str, include_closed: bool, table: Any = SearchGram) -> ColumnElement[bool]:
    condition = table.gram == gram
    return condition if include_closed else and_(condition, table.customer_open.is_(True))


def _rarest(session: Session, term_grams: set[str], include_closed: bool) -> list[str]:
    def count(gram: str) -> int:
        capped = select(SearchGram.entity_id).where(_postings(gram, include_closed)).limit(RARITY_CAP).subquery()
        return session.scalar(select(func.count()).select_from(capped)) or 0

    return sorted(term_grams, key=lambda gram: (count(gram), gram))[:2]


def _matches(session: Session, lowered: str, include_closed: bool) -> Select:
    """(rank, id) of every match, in result order."""
    order = (SearchGram.entity_rank, SearchGram.entity_id)
    term_grams = grams([lowered])
    if not term_grams:  # under three characters: read the entries
        query = select(SearchEntry.entity_rank, SearchEntry.entity_id).where(_contains(SearchEntry.haystack, lowered))
        if not include_closed:
            query = query.where(SearchEntry.customer_open.is_(True))
        return query.order_by(SearchEntry.entity_rank, SearchEntry.entity_id)
    if len(lowered) == 3:  # the term is its own trigram: the postings are the answer
        return select(*order).where(_postings(lowered, include_closed)).order_by(*order)
    first, second = _rarest(session, term_grams, include_closed)
    other = aliased(SearchGram)
    return (
        select(*order)
        .join(
            other,
            and_(
                other.entity_rank == SearchGram.entity_rank,
                other.entity_id == SearchGram.entity_id,
                _postings(second, True, other),
            ),
        )
        .join(SearchEntry, and_(SearchEntry.entity_rank == SearchGram.entity_rank, SearchEntry.entity_id == SearchGram.entity_id))
        .where(_postings(first, include_closed), _contains(SearchEntry.haystack, lowered))
        .order_by(*order)
    )


def search(session: Session, term: str, page: int, per_page: int, include_closed: bool) -> dict[str, Any]:
    # One pass over the matches (keys only) gives the total and the page; names are read for the page alone.
    keys = session.execute(_matches(session, term.lower(), include_closed)).all()
    page_keys = [tuple(key) for key in keys[(page - 1) * per_page : page * per_page]]
    hits = []
    if page_keys:
        details = select(SearchEntry).where(
            or_(*(tuple_(SearchEntry.entity_rank, SearchEntry.entity_id) == key for key in page_keys))
        )
        entries = {(entry.entity_rank, entry.entity_id): entry for entry in session.scalars(details)}
        for key in page_keys:
            entry = entries[key]
            hits.append(
                {"id": entry.entity_id, "name": entry.name, "customer_id": entry.customer_id, "type": TYPES[entry.entity_rank]}
            )
    return envelope(hits, page, per_page, len(keys))
