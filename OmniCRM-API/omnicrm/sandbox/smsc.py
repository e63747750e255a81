"""SMSC simulator: accepts outgoing SMS over HTTP and keeps them so tests can read what was "sent".

There is no public reference for the operator's SMSC API, so this serves the two forms the specifications use,
under the base path of `smsc.smsc_url` (`/SMSc/` by default, as in `crm_config.yaml.example`):

- `POST /SMSc/api/sms` with header `X-API-KEY: <smsc.api_key>` and JSON
  `{"source_msisdn": ..., "destination_msisdn": ..., "message": ...}` (01 §6, what `integrations.smsc` sends);
- `POST /SMSc/SMS/plaintext/<api_key>` with JSON `{"source_msisdn", "destination_msisdn", "message_body"}`
  (the form the reference playbooks send, 04 "Integrations");

both answer 201 `{"message_id": "<uuid>", "status": "accepted", "parts": <n>}`; a wrong key 401
`{"message": "Invalid API key"}`; a missing or bad field 400 `{"message": ..., "errors": {field: reason}}`.
`GET /SMSc/api/sms` (same header; optional `?destination_msisdn=`) answers `{"data": [messages, oldest first]}`.
Failure/delay rules match `method` (HTTP verb or `*`) and `path` (glob); a failure answers `status`/`body`.
"""

from __future__ import annotations

import math
import re
import threading
import uuid
from typing import Any

from flask import Flask, jsonify, request

from omnicrm.sandbox.server import Controls, http_rule_matches, run_cli

DEFAULT_API_KEY = "sandbox-smsc-key"
_NUMBER = re.compile(r"^\+?[0-9]{3,15}$")
_SENDER = re.compile(r"^(\+?[0-9]{3,15}|[A-Za-z0-9 ]{1,11})$")


def _parts(text: str) -> int:
    """SMS segments: 160 GSM characters in one, 153 per part when concatenated (70/67 for Unicode)."""
    gsm = all(ord(char) < 128 for char in text)
    single, multi = (160, 153) if gsm else (70, 67)
    return 1 if len(text) <= single else math.ceil(len(text) / multi)


class SmscSimulator:
    def __init__(self, api_key: str = DEFAULT_API_KEY) -> None:
        self.api_key = api_key
        self.controls = Controls("smsc", http_rule_matches)
        self.lock = threading.Lock()
        self.reset_state()

    def reset_state(self) -> None:
        with self.lock:
            self.messages: list[dict[str, Any]] = []

    def dump_state(self) -> dict[str, Any]:
        with self.lock:
            return {"messages": [dict(message) for message in self.messages]}

    def accept(self, body: Any, text_field: str, via: str) -> tuple[dict[str, Any], int]:
        """Validate and keep one SMS; returns the JSON answer and its status."""
        if not isinstance(body, dict):
            return {"message": "A JSON object is required", "errors": {}}, 400
        errors: dict[str, str] = {}
        for name in ("source_msisdn", "destination_msisdn", text_field):
            if not isinstance(body.get(name), str) or not body[name].strip():
                errors[name] = "required"
        if "destination_msisdn" not in errors and not _NUMBER.match(body["destination_msisdn"].strip()):
            errors["destination_msisdn"] = "not a phone number"
        if "source_msisdn" not in errors and not _SENDER.match(body["source_msisdn"].strip()):
            errors["source_msisdn"] = "a number, or up to 11 letters and digits"
        if errors:
            return {"message": "Invalid SMS", "errors": errors}, 400
        message = {
            "message_id": str(uuid.uuid4()),
            "source_msisdn": body["source_msisdn"].strip(),
            "destination_msisdn": body["destination_msisdn"].strip(),
            "message": body[text_field],
            "parts": _parts(body[text_field]),
            "via": via,
            "received_at": self.controls.clock.now().isoformat().replace("+00:00", "Z"),
        }
        with self.lock:
            self.messages.append(message)
        return {"message_id": message["message_id"], "status": "accepted", "parts": message["parts"]}, 201


def create_app(api_key: str = DEFAULT_API_KEY, base_path: str = "/SMSc") -> Flask:
    """An SMSC simulator app; `base_path` is the path part of `smsc.smsc_url` without its trailing slash."""
    sim = SmscSimulator(api_key=api_key)
    app = Flask("sandbox_smsc")
    app.extensions["sandbox"] = sim
    sim.controls.register(app, sim.dump_state, sim.reset_state)
    base = base_path.rstrip("/")

    def guarded(key: str | None, work: Any) -> Any:
        call = sim.controls.record(
            {
                "method": request.method,
                "path": request.path,
                "query": request.args.to_dict(),
                "body": request.get_json(silent=True, force=True),
                "headers": {k: v for k, v in request.headers.items() if k.lower() == "x-api-key"},
            }
        )
        sim.controls.sleep(sim.controls.take_delay(call))
        failure = sim.controls.take_failure(call)
        if failure is not None:
            return jsonify(failure.get("body", {"message": "injected failure"})), int(failure.get("status", 500))
        if key != sim.api_key:
            return jsonify({"message": "Invalid API key"}), 401
        body, status = work()
        return jsonify(body), status

    @app.post(f"{base}/api/sms")
    def send_json() -> Any:
        body = request.get_json(silent=True, force=True)
        return guarded(request.headers.get("X-API-KEY"), lambda: sim.accept(body, "message", "api"))

    @app.post(f"{base}/SMS/plaintext/<key>")
    def send_plaintext(key: str) -> Any:
        body = request.get_json(silent=True, force=True)
        return guarded(key, lambda: sim.accept(body, "message_body", "plaintext"))

    @app.get(f"{base}/api/sms")
    def list_sent() -> Any:
        def listing() -> tuple[dict[str, Any], int]:
            wanted = request.args.get("destination_msisdn")
            with sim.lock:
                data = [dict(m) for m in sim.messages if wanted is None or m["destination_msisdn"] == wanted]
            return {"data": data}, 200

        return guarded(request.headers.get("X-API-KEY"), listing)

    @app.errorhandler(404)
    def not_found(error: Exception) -> Any:
        return jsonify({"message": "Not Found"}), 404

    return app


def main(argv: list[str] | None = None) -> None:
    """`python -m omnicrm.sandbox.smsc --port 8090 [--api-key KEY] [--base-path /SMSc]`."""

    def add_arguments(parser: Any) -> None:
        parser.add_argument("--api-key", default=DEFAULT_API_KEY, help=f"accepted API key (default {DEFAULT_API_KEY})")
        parser.add_argument("--base-path", default="/SMSc", help="path part of smsc.smsc_url (default /SMSc)")

    run_cli(
        "SMSC simulator",
        lambda args: create_app(api_key=args.api_key, base_path=args.base_path),
        8090,
        argv,
        add_arguments,
        path_hint="/SMSc/",
    )


if __name__ == "__main__":
    main()
