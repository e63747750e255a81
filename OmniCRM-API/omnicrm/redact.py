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


def _labelled_secrets(value: dict) -> set[str]:
    """An inventory item names its fields by label (`itemtext4` labelled "Ki"): those fields are secret too."""
    labels = value.get("itemtext_labels")
    if not isinstance(labels, dict):
        return set()
    return {field for field, label in labels.items() if isinstance(label, str) and is_secret(label.strip().replace(" ", "_"))}


def redact(value: Any) -> Any:
    """A copy of `value` with secret-looking keys masked at any depth, fields labelled as secrets masked, and
    bearer tokens cut out of text."""
    if isinstance(value, dict):
        labelled = _labelled_secrets(value)
        return {
            key: REDACTED if isinstance(key, str) and (is_secret(key) or key in labelled) else redact(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    if isinstance(value, str):
        return BEARER.sub(rf"\g<1>{REDACTED}", value)
    return value
