"""Alembic is the only way the schema is made: the round trip works and the result matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import fresh_database_url
from sqlalchemy import create_engine, inspect

from omnicrm import migrate
from omnicrm.models import metadata


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def _schema_drift(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(tmp_path_factory):
    url = fresh_database_url("omnicrm_migrations", tmp_path_factory)
    migrate.upgrade(url)
    assert _tables(url) == set(metadata.tables)
    migrate.downgrade(url, "base")
    assert _tables(url) == set()
    migrate.upgrade(url)
    assert _tables(url) == set(metadata.tables)


def test_migrated_schema_matches_the_models(database_url):
    assert _schema_drift(database_url) == []
