"""Fixed-window rate limits ("10/minute") counted in the shared store, so every API instance shares them."""

from __future__ import annotations

import re
import time

from omnicrm.errors import ApiError
from omnicrm.store import Store

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
LIMIT_PATTERN = re.compile(r"^\s*(\d+)\s*(?:/|per)\s*(second|minute|hour|day)s?\s*$")


def parse(limit: str) -> tuple[int, int]:
    """'10/minute' -> (10, 60)."""
    match = LIMIT_PATTERN.match(limit)
    if match is None:
        raise ValueError(f"not a rate limit like '10/minute': {limit!r}")
    return int(match.group(1)), PERIODS[match.group(2)]


def hit(store: Store, name: str, key: str, limit: str) -> None:
    """Count one request of `key` against `limit`; 429 when the window is full."""
    allowed, period = parse(limit)
    window = int(time.time() // period)
    if store.incr(f"rate:{name}:{key}:{window}", period) > allowed:
        raise ApiError(429, "Too many requests, please try again later")
