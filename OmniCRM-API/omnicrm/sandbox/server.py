"""What every simulator shares: an in-process server on a free port, a command-line runner, a clock that tests
can move, and the `/sandbox/...` control API (failure and delay injection, call log, reset, state dump).

Control API (JSON in, JSON out; not part of any real product's API):

| Verb and path | Body | Effect |
|---|---|---|
| `GET /sandbox/state` | | the simulator's whole state |
| `POST /sandbox/reset` | | forget state, calls, failures, delays; clock back to real time |
| `GET /sandbox/calls`, `DELETE /sandbox/calls` | | calls received so far, oldest first (`{"calls": [...]}`) / forget them |
| `POST /sandbox/failures` | `{"method": ..., "path": ..., "times": 1, ...}` | the next matching call(s) fail instead of running |
| `GET`, `DELETE /sandbox/failures` | | list / clear the failure rules |
| `POST /sandbox/delays` | `{"method": ..., "path": ..., "seconds": 2, "times": null}` | matching calls wait first |
| `GET`, `DELETE /sandbox/delays` | | list / clear the delay rules |
| `GET`, `POST`, `DELETE /sandbox/clock` | `{"advance_seconds": n}` or `{"now": iso}` | read / move / reset the clock |

A rule without `times` (or `"times": null`) applies until cleared. What a rule's `method`/`path` match, and what a
failure answers, is up to each simulator (a JSON-RPC method name for the OCS, an HTTP verb and path glob for the
REST ones). Delays are cut short by a reset or by stopping the server.
"""

from __future__ import annotations

import argparse
import fnmatch
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, jsonify, request
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

Matcher = Callable[[dict[str, Any], dict[str, Any]], bool]


def http_rule_matches(rule: dict[str, Any], call: dict[str, Any]) -> bool:
    """The matcher of the REST simulators: `method` an HTTP verb or `*`, `path` a glob."""
    method = str(rule.get("method") or "*").upper()
    return (method == "*" or method == call["method"]) and fnmatch.fnmatchcase(call["path"], str(rule.get("path") or "*"))


class SimClock:
    """Real UTC time plus an offset that tests move (`POST /sandbox/clock`) instead of sleeping."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """Aware UTC datetime."""
        with self._lock:
            return datetime.now(UTC) + self._offset

    def travel(self, delta: timedelta) -> None:
        with self._lock:
            self._offset += delta

    def set(self, when: datetime) -> None:
        """Make `now()` return `when` (then time runs on from there)."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        with self._lock:
            self._offset = when - datetime.now(UTC)

    def reset(self) -> None:
        with self._lock:
            self._offset = timedelta(0)


@dataclass
class Controls:
    """Failure/delay rules, the call log and the clock of one simulator. Thread-safe."""

    name: str
    matcher: Matcher
    calls: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    delays: list[dict[str, Any]] = field(default_factory=list)
    clock: SimClock = field(default_factory=SimClock)

    max_calls: int = 10_000

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._seq = 0

    def record(self, call: dict[str, Any]) -> dict[str, Any]:
        """Append one received call (numbered from 1) to the log; a long-running demo keeps the newest ones."""
        with self._lock:
            self._seq += 1
            call = {"seq": self._seq, "received_at": _iso(datetime.now(UTC)), **call}
            self.calls.append(call)
            del self.calls[: -self.max_calls]
        return call

    def take_failure(self, call: dict[str, Any]) -> dict[str, Any] | None:
        """The first failure rule matching `call`, with one use consumed; None when no rule matches."""
        return self._take(self.failures, call)

    def take_delay(self, call: dict[str, Any]) -> float:
        """Seconds to wait before answering `call` (0 when no delay rule matches)."""
        rule = self._take(self.delays, call)
        return float(rule["seconds"]) if rule else 0.0

    def sleep(self, seconds: float) -> None:
        """Wait, but wake up early on reset or server stop."""
        if seconds > 0:
            with self._lock:
                wake = self._wake
            wake.wait(seconds)

    def wake_sleepers(self) -> None:
        with self._lock:
            self._wake.set()
            self._wake = threading.Event()

    def reset(self) -> None:
        self.wake_sleepers()
        with self._lock:
            self.calls.clear()
            self.failures.clear()
            self.delays.clear()
            self._seq = 0
        self.clock.reset()

    def _take(self, rules: list[dict[str, Any]], call: dict[str, Any]) -> dict[str, Any] | None:
        with self._lock:
            for rule in rules:
                if self.matcher(rule, call):
                    if rule.get("times") is not None:
                        rule["times"] -= 1
                        if rule["times"] <= 0:
                            rules.remove(rule)
                    return dict(rule)
        return None

    def register(self, app: Flask, dump_state: Callable[[], Any], reset_state: Callable[[], None]) -> None:
        """Add the `/sandbox/...` routes to `app`."""
        controls = self

        def add_rule(rules: list[dict[str, Any]], kind: str) -> Any:
            body = request.get_json(silent=True)
            if not isinstance(body, dict):
                return jsonify({"message": "a JSON object is required"}), 400
            times = body.get("times")
            if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
                return jsonify({"message": "times must be a positive integer or null"}), 400
            if kind == "delay":
                seconds = body.get("seconds")
                if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
                    return jsonify({"message": "seconds must be a number >= 0"}), 400
            with controls._lock:
                rules.append(dict(body))
            return jsonify({"result": "OK", kind: body}), 201

        def list_or_clear(rules: list[dict[str, Any]], key: str) -> Any:
            with controls._lock:
                if request.method == "DELETE":
                    rules.clear()
                return jsonify({key: [dict(rule) for rule in rules]})

        @app.get("/sandbox/state")
        def sandbox_state() -> Any:
            return jsonify(dump_state())

        @app.post("/sandbox/reset")
        def sandbox_reset() -> Any:
            controls.reset()
            reset_state()
            return jsonify({"result": "OK"})

        @app.route("/sandbox/calls", methods=["GET", "DELETE"])
        def sandbox_calls() -> Any:
            return list_or_clear(controls.calls, "calls")

        @app.post("/sandbox/failures")
        def sandbox_add_failure() -> Any:
            return add_rule(controls.failures, "failure")

        @app.route("/sandbox/failures", methods=["GET", "DELETE"])
        def sandbox_failures() -> Any:
            return list_or_clear(controls.failures, "failures")

        @app.post("/sandbox/delays")
        def sandbox_add_delay() -> Any:
            return add_rule(controls.delays, "delay")

        @app.route("/sandbox/delays", methods=["GET", "DELETE"])
        def sandbox_delays() -> Any:
            if request.method == "DELETE":
                controls.wake_sleepers()
            return list_or_clear(controls.delays, "delays")

        @app.route("/sandbox/clock", methods=["GET", "POST", "DELETE"])
        def sandbox_clock() -> Any:
            if request.method == "DELETE":
                controls.clock.reset()
            elif request.method == "POST":
                body = request.get_json(silent=True) or {}
                try:
                    if "now" in body:
                        controls.clock.set(datetime.fromisoformat(str(body["now"]).replace("Z", "+00:00")))
                    else:
                        controls.clock.travel(timedelta(seconds=float(body.get("advance_seconds", 0))))
                except (TypeError, ValueError) as error:
                    return jsonify({"message": f"bad clock change: {error}"}), 400
            return jsonify({"now": _iso(controls.clock.now())})


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class _QuietHandler(WSGIRequestHandler):
    """No request log on stderr, and one request per connection: once stopped, a simulator is really gone
    (a kept-alive connection would otherwise still be served by its handler thread)."""

    protocol_version = "HTTP/1.0"

    def log(self, type: str, message: str, *args: Any) -> None:  # noqa: A002 (werkzeug's signature)
        pass


@dataclass
class Running:
    """A simulator serving on 127.0.0.1 in a background thread."""

    app: Flask
    server: BaseWSGIServer
    thread: threading.Thread
    url: str
    _stopped: bool = False

    @property
    def port(self) -> int:
        return int(self.server.server_port)

    def stop(self) -> None:
        """Stop serving and free the port; later calls fail to connect. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        controls = getattr(self.app.extensions.get("sandbox"), "controls", None)
        if isinstance(controls, Controls):
            controls.wake_sleepers()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start(app: Flask, host: str = "127.0.0.1", port: int = 0) -> Running:
    """Serve `app` in a daemon thread on `port` (0 = any free port) and return at once."""
    server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True, name=app.name)
    thread.start()
    return Running(app=app, server=server, thread=thread, url=f"http://{host}:{server.server_port}")


@contextmanager
def running(app: Flask) -> Iterator[Running]:
    """`start(app)` for the length of a `with` block."""
    sim = start(app)
    try:
        yield sim
    finally:
        sim.stop()


def run_cli(
    description: str,
    build: Callable[[argparse.Namespace], Flask],
    default_port: int,
    argv: list[str] | None = None,
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None,
    path_hint: str = "",
) -> None:
    """Command-line runner shared by `python -m omnicrm.sandbox.<name>`: serve until Ctrl-C."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=default_port, help=f"port (default {default_port}; 0 = any free port)")
    if add_arguments:
        add_arguments(parser)
    args = parser.parse_args(argv)
    app = build(args)
    server = make_server(args.host, args.port, app, threaded=True)
    print(f"{description}: http://{args.host}:{server.server_port}{path_hint}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
