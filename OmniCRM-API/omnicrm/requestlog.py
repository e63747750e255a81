"""Request ids and logging: every log line carries the id of the request (or job) it belongs to."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, has_app_context, request

LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
log = logging.getLogger("omnicrm.request")


_base_factory = logging.getLogRecordFactory()


def _record_with_request_id(*args, **kwargs) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    record.request_id = g.get("request_id", "-") if has_app_context() else "-"
    return record


def configure_logging(level: str) -> None:
    """Every log record gets the request (or job) id; one root handler prints it."""
    logging.setLogRecordFactory(_record_with_request_id)
    root = logging.getLogger()
    if not any(getattr(handler, "omnicrm", False) for handler in root.handlers):
        handler = logging.StreamHandler()
        handler.omnicrm = True
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
    root.setLevel(level)


def install(app: Flask) -> None:
    @app.before_request
    def _assign_request_id() -> None:
        offered = request.headers.get("X-Request-ID", "")
        g.request_id = offered if _VALID_ID.match(offered) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def _log_request(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "-")
        elapsed_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s %s -> %s (%.1f ms)", request.method, request.path, response.status_code, elapsed_ms)
        return response
