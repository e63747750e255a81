"""Reading request bodies: a JSON object or a 400, never a half-read body."""

from __future__ import annotations

from typing import Any

from flask import request

from omnicrm.errors import bad_request


def json_object(required: bool = True) -> dict[str, Any]:
    if not request.get_data():
        if required:
            raise bad_request("A JSON body is required")
        return {}
    body = request.get_json(silent=True, force=True)
    if body is None:
        raise bad_request("Invalid JSON body")
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object")
    return body


def flag(value: object, field: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise bad_request(f"Invalid {field}", {field: "true or false"})
    return value
