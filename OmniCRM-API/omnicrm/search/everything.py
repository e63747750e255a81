"""Global search (spec 05 §B): case-insensitive substring match over customers, contacts and sites, in that
order and by id, one row per record, paginated over the combined list. Inventory and services join the index
as they arrive.

The trigram index turns "contains" into an index look-up: the two rarest trigrams of the term give the
candidates, and LIKE on the entry's lower-cased text keeps the true matches. Terms under three characters
scan the entries instead.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from omnicrm.pagination import envelope
from omnicrm.search.index import grams
from omnicrm.search.models import SearchEntry, SearchGram

TYPES = ("customer", "contact", "site")
RARITY_CAP = 2000  # counting a trigram's postings stops here: past it, it is common enough


def _contains(column: Any, lowered: str) -> ColumnElement[bool]:
    """column LIKE '%term%' with the user's %, _ and \\ matched literally."""
    escaped = lowered.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def _rarest(session: Session, term_grams: set[str]) -> list[str]:
    def postings(gram: str) -> int:
        capped = select(SearchGram.entry_id).where(SearchGram.gram == gram).limit(RARITY_CAP).subquery()
        return session.scalar(select(func.count()).select_from(capped)) or 0

    return sorted(term_grams, key=lambda gram: (postings(gram), gram))[:2]


def _candidates(session: Session, lowered: str) -> Select | None:
    term_grams = grams([lowered])
    if not term_grams:
        return None
    first, *rest = _rarest(session, term_grams)
    query = select(SearchGram.entry_id).where(SearchGram.gram == first)
    if rest:
        other = SearchGram.__table__.alias("other_gram")
        query = query.join(other, (other.c.entry_id == SearchGram.entry_id) & (other.c.gram == rest[0]))
    return query


def search(session: Session, term: str, page: int, per_page: int, include_closed: bool) -> dict[str, Any]:
    lowered = term.lower()
    matches = select(SearchEntry.entry_id).where(_contains(SearchEntry.haystack, lowered))
    candidates = _candidates(session, lowered)
    if candidates is not None:
        matches = matches.where(SearchEntry.entry_id.in_(candidates))
    if not include_closed:
        matches = matches.where(SearchEntry.customer_open.is_(True))
    # One pass over the matches (ids only) gives both the total and the page; details are read for the page alone.
    ordered = session.scalars(matches.order_by(SearchEntry.entity_rank, SearchEntry.entity_id)).all()
    page_ids = ordered[(page - 1) * per_page : page * per_page]
    rows = session.execute(
        select(SearchEntry.entity_rank, SearchEntry.entity_id, SearchEntry.name, SearchEntry.customer_id)
        .where(SearchEntry.entry_id.in_(page_ids))
        .order_by(SearchEntry.entity_rank, SearchEntry.entity_id)
    )
    hits = [
        {"id": row.entity_id, "name": row.name, "customer_id": row.customer_id, "type": TYPES[row.entity_rank]} for row in rows
    ]
    return envelope(hits, page, per_page, len(ordered))
