"""Alembic is the only way the schema is made: the round trip works and the result matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import fresh_database_url
from sqlalchemy import create_engine, inspect, text

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


def test_search_migration_indexes_existing_records(tmp_path_factory):
    url = fresh_database_url("omnicrm_backfill", tmp_path_factory)
    migrate.upgrade(url, "0003_customers")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO customer (customer_id, customer_name, customer_account_type, customer_status, "
                "customer_payment_type, customer_enabled, created, last_modified) "
                "VALUES (7, 'Old Timer', 'Individual', 'Open', 'postpaid', 1, '2020-01-01', '2020-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO contact (customer_id, contact_firstname, contact_email, contact_types, created, last_modified) "
                "VALUES (7, 'Olga', 'olga@old.example', 'Primary', '2020-01-01', '2020-01-01')"
            )
        )
    migrate.upgrade(url)
    with engine.connect() as connection:
        entries = connection.execute(text("SELECT entity_rank, name, customer_open FROM search_entry ORDER BY entity_rank")).all()
        postings = connection.execute(text("SELECT COUNT(*) FROM search_gram WHERE gram = 'old'")).scalar()
    engine.dispose()
    assert [tuple(row) for row in entries] == [(0, "Old Timer", True), (1, "Olga", True)]
    assert postings == 2
