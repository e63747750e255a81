"""Global search (spec 05 §B): case-insensitive substring match over customers, contacts, sites, inventory and
services, in that order and by id, one row per record, paginated over the combined list. See search/models.py
for how the trigram postings answer "contains" from an index."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from omnicrm.pagination import envelope
from omnicrm.search.index import grams
from omnicrm.search.models import SearchEntry, SearchGram

TYPES = ("customer", "contact", "site", "inventory", "service")
RARITY_CAP = 2000  # counting a trigram's postings stops here: past it, it is common enough
# When even the rarest trigram is in this share of all records or more, checking each of its postings costs more than
# reading every entry once: such a term ("7700" in every mobile number) is answered by a scan of the entries.
SCAN_SHARE = 0.25
ENTRY_COUNT_SECONDS = 600  # how long a count of the entries is reused (it only steers the plan)
_entry_counts: dict[str, tuple[float, int]] = {}


def _contains(column: Any, lowered: str) -> ColumnElement[bool]:
    """column LIKE '%term%' with the user's %, _ and \\ matched literally."""
    escaped = lowered.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def _postings(gram: str, include_closed: bool) -> ColumnElement[bool]:
    condition = SearchGram.gram == gram
    return condition if include_closed else and_(condition, SearchGram.customer_open.is_(True))


def _count(session: Session, gram: str, include_closed: bool, cap: int) -> int:
    capped = select(SearchGram.entity_id).where(_postings(gram, include_closed)).limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


def _rarest(session: Session, term_grams: set[str], include_closed: bool) -> list[tuple[int, str]]:
    """The (up to) two rarest grams of the term, each with its posting count (capped at RARITY_CAP)."""
    counted = [(_count(session, gram, include_closed, RARITY_CAP), gram) for gram in term_grams]
    return sorted(counted, key=lambda pair: (pair[0], *_commonness(pair[1]), pair[1]))[:2]


def _in_most_records(session: Session, gram: str, include_closed: bool) -> bool:
    share = max(1, int(_entry_count(session) * SCAN_SHARE))
    return _count(session, gram, include_closed, share) >= share


def _entry_count(session: Session) -> int:
    """All search entries, counted at most every ENTRY_COUNT_SECONDS per database."""
    database = str(session.get_bind().url)
    counted_at, count = _entry_counts.get(database, (0.0, 0))
    if time.monotonic() - counted_at > ENTRY_COUNT_SECONDS:
        count = session.scalar(select(func.count()).select_from(SearchEntry)) or 0
        _entry_counts[database] = (time.monotonic(), count)
    return count


def _commonness(gram: str) -> tuple[int, int]:
    """Between grams past the counting cap, guess which is rarer: spaces and punctuation are everywhere, and a gram
    of three different characters ("894") is rarer than a run ("000")."""
    return (sum(not char.isalnum() for char in gram), -len(set(gram)))


def _scan(lowered: str, include_closed: bool) -> Select:
    """Every entry read once, in result order (the primary key), so a page of a common term stops early."""
    query = select(SearchEntry.entity_rank, SearchEntry.entity_id).where(_contains(SearchEntry.haystack, lowered))
    if not include_closed:
        query = query.where(SearchEntry.customer_open.is_(True))
    return query.order_by(SearchEntry.entity_rank, SearchEntry.entity_id)


def matches(session: Session, lowered: str, include_closed: bool) -> Select:
    """(rank, id) of every match, in result order."""
    order = (SearchGram.entity_rank, SearchGram.entity_id)
    term_grams = grams([lowered])
    if not term_grams:  # under three characters: read the entries
        return _scan(lowered, include_closed)
    if len(lowered) == 3:  # the term is its own trigram: the postings are the answer
        return select(*order).where(_postings(lowered, include_closed)).order_by(*order)
    rarest = _rarest(session, term_grams, include_closed)
    (count, first), (_, second) = rarest[0], rarest[-1]  # one gram only ("0000"): it joins itself
    if count >= RARITY_CAP and _in_most_records(session, first, include_closed):
        return _scan(lowered, include_closed)
    other = aliased(SearchGram)
    return (
        select(*order)
        # Every column of the other posting's primary key is bound: one index look-up per candidate.
        .join(
            other,
            and_(
                other.gram == second,
                other.customer_open == SearchGram.customer_open,
                other.entity_rank == SearchGram.entity_rank,
                other.entity_id == SearchGram.entity_id,
            ),
        )
        .join(SearchEntry, and_(SearchEntry.entity_rank == SearchGram.entity_rank, SearchEntry.entity_id == SearchGram.entity_id))
        .where(_postings(first, include_closed), _contains(SearchEntry.haystack, lowered))
        .order_by(*order)
    )


def search(session: Session, term: str, page: int, per_page: int, include_closed: bool) -> dict[str, Any]:
    found = matches(session, term.lower(), include_closed)
    total = session.scalar(select(func.count()).select_from(found.order_by(None).subquery())) or 0
    # The postings come in result order, so the page stops reading as soon as it is full.
    keys = found.limit(per_page).offset((page - 1) * per_page).subquery()
    rows = session.execute(
        select(SearchEntry.entity_rank, SearchEntry.entity_id, SearchEntry.name, SearchEntry.customer_id)
        .join(keys, and_(keys.c.entity_rank == SearchEntry.entity_rank, keys.c.entity_id == SearchEntry.entity_id))
        .order_by(SearchEntry.entity_rank, SearchEntry.entity_id)
    )
    hits = [
        {"id": row.entity_id, "name": row.name, "customer_id": row.customer_id, "type": TYPES[row.entity_rank]} for row in rows
    ]
    return envelope(hits, page, per_page, total)
