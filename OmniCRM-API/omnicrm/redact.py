"""Secret redaction (spec 04 §8) for everything stored or shown: job data, request bodies, e-mails, activity."""

from __future__ import annotations

import re
from typing import Any

REDACTED = "***REDACTED***"
SECRET_PARTS = ("password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "private_key")
SECRET_NAMES = frozenset({"ki", "opc", "op", "k", "cvv", "card_number"})
BEARER = re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)


def is_secret(key: str) -> bool:
    lowered = key.lower()
    return lowered in SECRET_NAMES or any(part in lowered for part in SECRET_PARTS)


def redact(value: Any) -> Any:
    """A copy of `value` with secret-looking keys masked at any depth and bearer tokens cut out of text."""
    if isinstance(value, dict):
        return {key: REDACTED if isinstance(key, str) and is_secret(key) else redact(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    if isinstance(value, str):
        return BEARER.sub(rf"\g<1>{REDACTED}", value)
    return value
