"""One JSON error shape for every 4xx/5xx: {"message": ..., "errors": {field: reason}}.

No HTML error page and no stack trace ever reaches a client; unexpected errors are logged with the
request id, which the client also receives to quote to support.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    """A refusal with a status, a human message and optionally the fields at fault."""

    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or {}
        self.details = details  # extra keys of the body, e.g. the `blocking` ids of a refused archive


def bad_request(message: str, errors: dict[str, str] | None = None) -> ApiError:
    return ApiError(400, message, errors)


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} not found")


def conflict(message: str) -> ApiError:
    return ApiError(409, message)


def error_response(status: int, message: str, errors: dict[str, Any] | None = None, **details: Any) -> Response:
    body: dict[str, Any] = {"message": message, **details}
    if errors:
        body["errors"] = errors
    if status >= 500 and "request_id" in g:
        body["request_id"] = g.request_id
    response = jsonify(body)
    response.status_code = status
    return response


def to_response(exc: BaseException) -> Response:
    """Turn any exception raised while serving a request into the JSON error shape."""
    if isinstance(exc, ApiError):
        return error_response(exc.status, exc.message, exc.errors, **exc.details)
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    log.exception("unhandled error", exc_info=exc)
    return error_response(500, "Internal server error")


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    errors = data.get("errors") if isinstance(data, dict) else None
    message = data.get("message") if isinstance(data, dict) and data.get("message") else exc.description
    response = error_response(status, message or exc.name, errors)
    allowed = getattr(exc, "valid_methods", None)
    if status == 405 and allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


def register(app: Flask) -> None:
    app.register_error_handler(Exception, to_response)
