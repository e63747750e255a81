"""`make bench`: figures (median, p95, requests/s) and ratios, printed.

Framework overhead: the product's endpoints against a bare Flask + SQLAlchemy app doing the same query,
both called in-process through WSGI in the same run, so the ratio isolates our stack (routing, restx,
auth, error handling, logging) from the network and the HTTP client. Runs on SQLite, and on MariaDB when
one answers at 127.0.0.1:3306.
"""

from __future__ import annotations

import logging
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pymysql
from flask import Flask, g, jsonify
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.orm import Session

from omnicrm import migrate
from omnicrm.app import create_app
from omnicrm.auth import principal
from omnicrm.config import Settings
from omnicrm.db import make_engine, utcnow
from omnicrm.jobs.models import BackgroundJob

REQUESTS = 2000
WARMUP = 200
JOB_ROWS = 5000
LOGINS = 20
API_KEY = "bench-" + "k" * 40


def summarise(timings: list[float]) -> dict[str, float]:
    timings = sorted(timings)
    return {
        "median_ms": statistics.median(timings) * 1000,
        "p95_ms": timings[int(len(timings) * 0.95)] * 1000,
        "rps": len(timings) / sum(timings),
    }


def timed(call: Callable[[], int]) -> float:
    begin = time.perf_counter()
    status = call()
    elapsed = time.perf_counter() - begin
    assert status == 200, status
    return elapsed


def measure_pair(ours: Callable[[], int], bare: Callable[[], int]) -> tuple[dict, dict]:
    """Alternate the two calls so that cache warm-up and machine noise weigh on both alike."""
    for _ in range(WARMUP):
        ours(), bare()
    ours_timings, bare_timings = [], []
    for _ in range(REQUESTS):
        ours_timings.append(timed(ours))
        bare_timings.append(timed(bare))
    return summarise(ours_timings), summarise(bare_timings)


def bare_app(url: str) -> Flask:
    """The same queries with nothing of ours: no restx, no auth, no error shape, no request log."""
    app = Flask("bare")
    engine = make_engine(url)

    @app.get("/health")
    def health():
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return jsonify(status="ok")

    @app.get("/jobs")
    def jobs():
        with Session(engine) as session:
            total = session.scalar(select(func.count()).select_from(select(BackgroundJob).subquery()))
            rows = session.scalars(
                select(BackgroundJob).order_by(BackgroundJob.created.desc(), BackgroundJob.job_id.desc()).limit(20)
            ).all()
            return jsonify(data=[row.as_dict() for row in rows], total=total)

    return app


def seed_jobs(url: str) -> None:
    engine = create_engine(url)
    now = utcnow()
    rows = [
        {
            "job_id": str(uuid.uuid4()),
            "name": "bench:job",
            "backend": "thread",
            "status": "succeeded",
            "arguments": {"n": n},
            "attempts": 1,
            "created": now,
        }
        for n in range(JOB_ROWS)
    ]
    with engine.begin() as connection:
        connection.execute(insert(BackgroundJob), rows)
    engine.dispose()


def database_urls(workdir: Path) -> list[tuple[str, str]]:
    urls = [("SQLite", f"sqlite:///{workdir / 'bench.db'}")]
    try:
        connection = pymysql.connect(host="127.0.0.1", user="root", connect_timeout=2)
    except pymysql.MySQLError:
        print("MariaDB not reachable at 127.0.0.1:3306: SQLite only")
        return urls
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS omnicrm_bench")
        cursor.execute("CREATE DATABASE omnicrm_bench CHARACTER SET utf8mb4")
    connection.close()
    urls.append(("MariaDB", "mysql+pymysql://root@127.0.0.1:3306/omnicrm_bench?charset=utf8mb4"))
    return urls


def bench_database(label: str, url: str) -> list[tuple[str, dict, dict]]:
    migrate.upgrade(url)
    seed_jobs(url)
    settings = Settings.model_validate(
        {
            "database": {"url": url},
            "jwt_secret": secrets.token_hex(32),
            "crm": {"base_url": "http://127.0.0.1:5000"},
            "api_keys": {API_KEY: {"roles": ["admin"]}},
            "server": {"log_level": "WARNING"},
        }
    )
    product = create_app(settings).test_client()
    bare = bare_app(url).test_client()
    headers = {"X-API-KEY": API_KEY}
    health = measure_pair(lambda: product.get("/crm/health").status_code, lambda: bare.get("/health").status_code)
    jobs = measure_pair(lambda: product.get("/crm/jobs", headers=headers).status_code, lambda: bare.get("/jobs").status_code)
    return [(f"{label}: GET /crm/health", *health), (f"{label}: GET /crm/jobs (API key, 20 of {JOB_ROWS})", *jobs)]


def bench_authentication(label: str, url: str) -> list[tuple[str, dict, dict]]:
    """Login throughput at the default bcrypt cost, and what JWT and API-key checks add to one request."""
    settings = Settings.model_validate(
        {
            "database": {"url": url},
            "jwt_secret": secrets.token_hex(32),
            "crm": {"base_url": "http://127.0.0.1:5000"},
            "api_keys": {API_KEY: {"roles": ["admin"]}},
            "server": {"log_level": "WARNING"},
            "rate_limits": {"login": "100000/minute"},
        }
    )
    app = create_app(settings)
    client = app.test_client()
    admin = {"X-API-KEY": API_KEY}
    email, password = f"bench-{uuid.uuid4().hex[:8]}@example.com", "Bench!Passw0rd"
    user = client.post(
        "/auth/users",
        json={"email": email, "password": password, "first_name": "B", "last_name": "B", "role": "Admin"},
        headers=admin,
    ).get_json()
    client.post(
        f"/auth/users/{user['id']}/admin_reset_password", json={"new_password": password, "force_change": False}, headers=admin
    )
    database_key = client.post("/crm/api-keys", json={"name": email, "permissions": ["admin"]}, headers=admin).get_json()[
        "api_key"
    ]
    token = client.post("/crm/auth/login", json={"email": email, "password": password}).get_json()["token"]

    def login() -> int:
        return client.post("/crm/auth/login", json={"email": email, "password": password}).status_code

    logins = summarise([timed(login) for _ in range(LOGINS)])
    authenticate = principal.authenticate

    def without_auth() -> int:
        """The same endpoint with authentication replaced by an already-known admin principal."""
        principal.authenticate = lambda: g.setdefault(
            "principal", principal.Principal(actor="bench", kind="user", roles=frozenset({"admin"}))
        )
        try:
            return client.get("/crm/jobs").status_code
        finally:
            principal.authenticate = authenticate

    jwt = measure_pair(lambda: client.get("/crm/jobs", headers={"Authorization": f"Bearer {token}"}).status_code, without_auth)
    key = measure_pair(lambda: client.get("/crm/jobs", headers={"X-API-KEY": database_key}).status_code, without_auth)
    rounds = settings.security.bcrypt_rounds
    return [
        (f"{label}: POST /crm/auth/login (bcrypt cost {rounds})", logins, None),
        (f"{label}: GET /crm/jobs with a JWT", *jwt),
        (f"{label}: GET /crm/jobs with a database API key", *key),
    ]


def print_row(name: str, ours: dict, baseline: dict | None) -> None:
    line = f"{name:<58} {ours['median_ms']:>10.2f} {ours['p95_ms']:>8.2f} {ours['rps']:>8.1f}"
    if baseline is not None:
        ratio = ours["median_ms"] / baseline["median_ms"]
        line += f" | {baseline['median_ms']:>13.2f} {baseline['rps']:>10.0f} | {ratio:>7.2f}x"
    print(line)


def main() -> None:
    logging.disable(logging.INFO)
    print(f"OmniCRM benchmarks: {REQUESTS} in-process WSGI requests per figure after {WARMUP} warm-up ({LOGINS} for logins)\n")
    header = f"{'endpoint':<58} {'median ms':>10} {'p95 ms':>8} {'req/s':>8} | "
    header += f"{'base median':>13} {'base req/s':>10} | {'ratio':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as workdir:
        for label, url in database_urls(Path(workdir)):
            for row in bench_database(label, url) + bench_authentication(label, url):
                print_row(*row)
    print("\nratio = our median latency / the baseline's median latency, measured alternately in the same run:")
    print("  health and jobs list: baseline = a bare Flask + SQLAlchemy app doing the same query (our framework overhead)")
    print("  JWT and API key: baseline = the same endpoint with authentication switched off (the cost of authenticating)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
