"""Test set-up: a real database (SQLite file, or MariaDB with OMNICRM_TEST_DB=mariadb) migrated by alembic,
and the real Redis at 127.0.0.1:6379 (required in CI; outside CI the in-process store stands in)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from typing import Any

import pytest
import redis
from sqlalchemy import create_engine, text

from omnicrm import clock, migrate
from omnicrm.app import create_app
from omnicrm.config import Settings
from omnicrm.db import Base
from omnicrm.models import metadata  # noqa: F401  (every table known to Base)

IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_DB = os.environ.get("OMNICRM_TEST_DB", "sqlite")
MARIADB_SERVER = os.environ.get("OMNICRM_TEST_MARIADB", "mysql+pymysql://root@127.0.0.1:3306")
REDIS_URL = os.environ.get("OMNICRM_TEST_REDIS", "redis://127.0.0.1:6379/15")
ADMIN_KEY = "test-admin-key-" + "a" * 40
ADMIN_HEADERS = {"X-API-KEY": ADMIN_KEY}


def mariadb_url(database: str) -> str:
    return f"{MARIADB_SERVER}/{database}?charset=utf8mb4"


CREATED_DATABASES: list[str] = []


def fresh_database_url(name: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty database of the backend under test. On MariaDB its name carries the process id, so that two test
    runs on one server (two checkouts, a developer and CI) never drop each other's tables."""
    if TEST_DB == "mariadb":
        name = f"{name}_{os.getpid()}"
        _mariadb(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        CREATED_DATABASES.append(name)
        return mariadb_url(name)
    return f"sqlite:///{tmp_path_factory.mktemp(name) / 'test.db'}"


def _mariadb(*statements: str) -> None:
    engine = create_engine(f"{MARIADB_SERVER}/?charset=utf8mb4")
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if CREATED_DATABASES:
        _mariadb(*(f"DROP DATABASE IF EXISTS {name}" for name in CREATED_DATABASES))


def redis_available() -> bool:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if IN_CI:
            pytest.exit(f"CI needs the real Redis at {REDIS_URL}, and it is not reachable", returncode=3)
        return False
    return True


@pytest.fixture(scope="session")
def redis_url() -> str | None:
    return REDIS_URL if redis_available() else None


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = fresh_database_url("omnicrm_test", tmp_path_factory)
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def seed_rows(database_url: str) -> dict[str, list[dict]]:
    """What the migrations themselves put in the tables (the permission catalogue, built-in roles)."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = {
            table.name: [dict(row._mapping) for row in connection.execute(table.select())]
            for table in Base.metadata.sorted_tables
        }
    engine.dispose()
    return {name: table_rows for name, table_rows in rows.items() if table_rows}


@pytest.fixture(autouse=True)
def _reset_clock():
    yield
    clock.reset()


@pytest.fixture(scope="session")
def make_settings(database_url: str, redis_url: str | None) -> Callable[..., Settings]:
    """Settings for a test, with any top-level keys overridden."""

    def build(**overrides: Any) -> Settings:
        raw: dict[str, Any] = {
            "database": {"url": database_url},
            "redis": {"url": redis_url, "required": IN_CI},
            "jwt_secret": secrets.token_hex(32),
            "crm": {"base_url": "http://localhost:5000"},
            "api_keys": {ADMIN_KEY: {"roles": ["admin"], "description": "test admin"}},
            "server": {"log_level": "INFO"},
            "security": {"bcrypt_rounds": 4},
            "rate_limits": {"login": "1000/minute"},
        }
        raw.update(overrides)
        return Settings.model_validate(raw)

    return build


@pytest.fixture
def make_app(make_settings: Callable[..., Settings], database_url: str, seed_rows: dict[str, list[dict]], redis_url: str | None):
    """Build an app with overridden settings; its tables are emptied after the test."""
    apps = []

    def build(**overrides: Any):
        app = create_app(make_settings(**overrides))
        app.config["TESTING"] = False  # errors must go through the product's handlers, as in production
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.extensions["omnicrm.jobs"].shutdown()
        if app.extensions["omnicrm.db"].url == database_url:
            _restore_seed(app, seed_rows)
        app.extensions["omnicrm.db"].engine.dispose()
    if redis_url:
        redis.Redis.from_url(redis_url).flushdb()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


def _restore_seed(app, seed_rows: dict[str, list[dict]]) -> None:
    """Empty every table, then put back what the migrations seeded."""
    with app.extensions["omnicrm.db"].engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
        for table in Base.metadata.sorted_tables:
            if table.name in seed_rows:
                connection.execute(table.insert(), seed_rows[table.name])
