"""Helpers for the simulator tests: a closed port, the `/sandbox/...` control API, running a simulator's CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from typing import Any

import requests


def closed_port_url() -> str:
    """An http://127.0.0.1 URL on which nothing listens (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class Control:
    """The test control API of one running simulator."""

    def __init__(self, url: str) -> None:
        self.url = url

    def reset(self) -> None:
        requests.post(f"{self.url}/sandbox/reset", timeout=5).raise_for_status()

    def fail(self, **rule: Any) -> None:
        requests.post(f"{self.url}/sandbox/failures", json=rule, timeout=5).raise_for_status()

    def delay(self, **rule: Any) -> None:
        requests.post(f"{self.url}/sandbox/delays", json=rule, timeout=5).raise_for_status()

    def clear_delays(self) -> None:
        requests.delete(f"{self.url}/sandbox/delays", timeout=5).raise_for_status()

    def calls(self) -> list[dict[str, Any]]:
        return requests.get(f"{self.url}/sandbox/calls", timeout=5).json()["calls"]

    def state(self) -> dict[str, Any]:
        return requests.get(f"{self.url}/sandbox/state", timeout=5).json()

    def advance_clock(self, seconds: float) -> str:
        return requests.post(f"{self.url}/sandbox/clock", json={"advance_seconds": seconds}, timeout=5).json()["now"]


def run_alone(module: str) -> None:
    """`python -m <module> --port 0` prints its URL and serves until stopped; check both, then stop it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", module, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        line = process.stdout.readline().strip()  # type: ignore[union-attr]
        assert "http://127.0.0.1:" in line, line
        url = line[line.index("http://") :].split()[0]
        base = url.split("/", 3)[:3]
        deadline = time.monotonic() + 10
        while True:
            try:
                assert requests.get("/".join(base) + "/sandbox/state", timeout=2).status_code == 200
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "the simulator did not start serving"
                time.sleep(0.05)
    finally:
        process.terminate()
        process.wait(timeout=10)
