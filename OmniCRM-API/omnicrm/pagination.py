"""The one paginated envelope: {"data": [...], "pagination": {current_page, per_page, total_pages, total_items}}.

Every list endpoint goes through `list_args` + `paginate`, so search, filters, sorting and paging behave
alike everywhere and bad values get the same 400.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from omnicrm.errors import bad_request

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 500


@dataclass(frozen=True)
class ListArgs:
    page: int
    per_page: int
    sort: str
    order: str
    search: str | None


def list_args(args: Mapping[str, str], sortable: Mapping[str, Any], default_sort: str, default_order: str = "desc") -> ListArgs:
    """Read page, per_page, sort, order and search from the query string; 400 naming the bad field."""
    errors = {}
    page = _positive_int(args.get("page"), 1, "page", errors)
    per_page = _positive_int(args.get("per_page"), DEFAULT_PER_PAGE, "per_page", errors)
    if per_page > MAX_PER_PAGE:
        errors["per_page"] = f"must be at most {MAX_PER_PAGE}"
    sort = args.get("sort", default_sort)
    if sort not in sortable:
        errors["sort"] = f"must be one of {', '.join(sorted(sortable))}"
    order = args.get("order", default_order).lower()
    if order not in ("asc", "desc"):
        errors["order"] = "must be asc or desc"
    if errors:
        raise bad_request("Invalid list parameters", errors)
    search = (args.get("search") or "").strip() or None
    return ListArgs(page, per_page, sort, order, search)


def _positive_int(raw: str | None, default: int, name: str, errors: dict[str, str]) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        errors[name] = "must be a positive integer"
    return value


def json_filters(raw: str | None, allowed: Iterable[str]) -> dict[str, list]:
    """The `filters` query parameter: a JSON object {field: value or [values]}; 400 naming it otherwise."""
    if not raw:
        return {}
    allowed = tuple(allowed)
    try:
        filters = json.loads(raw)
    except json.JSONDecodeError:
        filters = None
    if not isinstance(filters, dict) or any(key not in allowed for key in filters):
        raise bad_request("Invalid filter", {"filters": f"a JSON object with keys among {', '.join(allowed)}"})
    return {key: value if isinstance(value, list) else [value] for key, value in filters.items()}


def paginate(
    session: Session,
    query: Select,
    args: ListArgs,
    sortable: Mapping[str, Any],
    render: Callable[[Any], dict],
    prefetch: Callable[[Session, list], list] | None = None,
) -> dict:
    """Count, sort and slice `query` (a select of one entity) and wrap the page in the envelope. `prefetch` loads
    what the rows refer to in a few queries before they are rendered."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    direction = "asc" if args.order == "asc" else "desc"
    # The primary key breaks ties so that pages never overlap or skip rows.
    primary_key = query.column_descriptions[0]["entity"].__mapper__.primary_key
    ordered = query.order_by(*(getattr(column, direction)() for column in (sortable[args.sort], *primary_key)))
    rows = session.scalars(ordered.limit(args.per_page).offset((args.page - 1) * args.per_page)).all()
    # The session only holds weak references: what `prefetch` loaded must stay referenced while rows render.
    loaded = prefetch(session, list(rows)) if prefetch is not None else []  # noqa: F841
    return envelope([render(row) for row in rows], args.page, args.per_page, total)


def envelope(data: list, page: int, per_page: int, total: int) -> dict:
    pages = math.ceil(total / per_page) if total else 0
    return {"data": data, "pagination": {"current_page": page, "per_page": per_page, "total_pages": pages, "total_items": total}}


def load_related(session: Session, wanted: Iterable[tuple[Any, Any, set]]) -> list:
    """For a page's `prefetch`: the rows of each (model, key column, ids) in one query per model, so that rendering
    the page finds them in the session instead of reading them one by one."""
    loaded: list = []
    for model, key, ids in wanted:
        ids = {value for value in ids if value is not None}
        if ids:
            loaded += session.scalars(select(model).where(key.in_(ids))).all()
    return loaded
