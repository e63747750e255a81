"""The product's clock. Business rules read time here, so tests (and demos) move it instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_offset = timedelta(0)


def now() -> datetime:
    """Naive UTC: both SQLite and MariaDB DATETIME columns store it as is."""
    return datetime.now(UTC).replace(tzinfo=None) + _offset


def travel(delta: timedelta) -> None:
    """Move the clock forward (or back) by `delta`."""
    global _offset
    _offset += delta


def reset() -> None:
    global _offset
    _offset = timedelta(0)
