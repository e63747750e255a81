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
from flask import Flask, jsonify
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.orm import Session

from omnicrm import migrate
from omnicrm.app import create_app
from omnicrm.config import Settings
from omnicrm.db import make_engine, utcnow
from omnicrm.jobs.models import BackgroundJob

REQUESTS = 2000
WARMUP = 200
JOB_ROWS = 5000
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


def main() -> None:
    logging.disable(logging.INFO)
    print(f"OmniCRM benchmarks: {REQUESTS} in-process WSGI requests per figure after {WARMUP} warm-up\n")
    header = f"{'endpoint':<52} {'median ms':>10} {'p95 ms':>8} {'req/s':>8} | "
    header += f"{'bare median':>11} {'bare req/s':>10} | {'overhead':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as workdir:
        for label, url in database_urls(Path(workdir)):
            for name, ours, bare in bench_database(label, url):
                ratio = ours["median_ms"] / bare["median_ms"]
                print(
                    f"{name:<52} {ours['median_ms']:>10.2f} {ours['p95_ms']:>8.2f} {ours['rps']:>8.0f} | "
                    f"{bare['median_ms']:>11.2f} {bare['rps']:>10.0f} | {ratio:>7.2f}x"
                )
    print("\noverhead = our median latency / bare Flask + SQLAlchemy median latency for the same query")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
