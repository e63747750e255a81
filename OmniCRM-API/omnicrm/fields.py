"""Field readers for request bodies: each returns the clean value or records the reason in `errors`.

A handler reads every field first, then raises one 400 naming all bad fields, before anything is written.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from omnicrm.errors import bad_request

MISSING = object()
TRUTHY = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Reader:
    """Reads fields of one body; `partial` (PATCH) skips absent fields instead of requiring them."""

    def __init__(self, body: dict[str, Any], partial: bool = False) -> None:
        self.body = body
        self.partial = partial
        self.errors: dict[str, str] = {}
        self.values: dict[str, Any] = {}

    def _raw(self, field: str, required: bool) -> Any:
        if field not in self.body:
            if required and not self.partial:
                self.errors[field] = "required"
            return MISSING
        if self.body[field] is None:
            if required:
                self.errors[field] = "must not be null" if self.partial else "required"
            else:
                self.values[field] = None  # an explicit null clears an optional field
            return None
        return self.body[field]

    def _keep(self, field: str, value: Any) -> Any:
        self.values[field] = value
        return value

    def text(
        self, field: str, *, required: bool = False, max_length: int = 255, pattern: re.Pattern | None = None, hint: str = ""
    ) -> Any:
        raw = self._raw(field, required)
        if raw is MISSING or raw is None:
            return raw
        if not isinstance(raw, str):
            self.errors[field] = "must be text"
            return MISSING
        value = raw.strip()
        if required and not value:
            self.errors[field] = "required"
        elif len(value) > max_length:
            self.errors[field] = f"at most {max_length} characters"
        elif value and pattern is not None and not pattern.match(value):
            self.errors[field] = hint or "invalid format"
        else:
            return self._keep(field, value or None)
        return MISSING

    def email(self, field: str, *, required: bool = False) -> Any:
        value = self.text(field, required=required, max_length=255, pattern=EMAIL, hint="not a valid e-mail address")
        if isinstance(value, str):
            self.values[field] = value.lower()
        return self.values.get(field, value)

    def choice(self, field: str, options: tuple[str, ...], *, required: bool = False) -> Any:
        raw = self._raw(field, required)
        if raw is MISSING or raw is None:
            return raw
        if raw not in options:
            self.errors[field] = f"must be one of {', '.join(options)}"
            return MISSING
        return self._keep(field, raw)

    def boolean(self, field: str) -> Any:
        raw = self._raw(field, False)
        if raw is MISSING or raw is None:
            return raw
        if not isinstance(raw, bool):
            self.errors[field] = "must be true or false"
            return MISSING
        return self._keep(field, raw)

    def truthy(self, field: str) -> Any:
        """A boolean also given as text by playbooks: "true"/"false", "1"/"0", "yes"/"no"."""
        raw = self._raw(field, False)
        if raw is MISSING or raw is None:
            return raw
        value = TRUTHY.get(raw.strip().lower()) if isinstance(raw, str) else raw if isinstance(raw, bool) else None
        if value is None:
            self.errors[field] = "must be true or false"
            return MISSING
        return self._keep(field, value)

    def money(self, field: str, *, required: bool = False, signed: bool = False) -> Any:
        """An exact amount (numbers and numeric strings such as "30.0"); negative only when `signed`."""
        raw = self._raw(field, required)
        if raw is MISSING or raw is None:
            return raw
        try:
            value = Decimal(str(raw)) if not isinstance(raw, bool) else Decimal("NaN")
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or (value < 0 and not signed):
            self.errors[field] = "must be a number" if signed else "must be a number of at least 0"
            return MISSING
        return self._keep(field, value)

    def number(self, field: str, *, required: bool = False, low: float | None = None, high: float | None = None) -> Any:
        raw = self._raw(field, required)
        if raw is MISSING or raw is None:
            return raw
        try:
            value = float(raw) if not isinstance(raw, bool) else math.nan
        except (TypeError, ValueError):
            value = math.nan
        if math.isnan(value) or math.isinf(value):
            self.errors[field] = "must be a number"
        elif (low is not None and value < low) or (high is not None and value > high):
            self.errors[field] = f"must be between {low} and {high}"
        else:
            return self._keep(field, value)
        return MISSING

    def integer(self, field: str, *, required: bool = False) -> Any:
        raw = self._raw(field, required)
        if raw is MISSING or raw is None:
            return raw
        if isinstance(raw, bool) or not (isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit())):
            self.errors[field] = "must be an integer"
            return MISSING
        return self._keep(field, int(raw))

    def moment(self, field: str, *, required: bool = False) -> Any:
        raw = self._raw(field, required)
        if raw is MISSING or raw is None:
            return raw
        try:
            value = parse_moment(raw)
        except ValueError:
            self.errors[field] = "must be a date-time like 2025-01-31 13:45:00"
            return MISSING
        return self._keep(field, value)

    def check(self, message: str) -> dict[str, Any]:
        """The clean values, or a 400 naming every bad field."""
        if self.errors:
            raise bad_request(message, self.errors)
        return self.values


def parse_moment(raw: object) -> datetime:
    if not isinstance(raw, str):
        raise ValueError(raw)
    value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def iso(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else None
