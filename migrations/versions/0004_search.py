"""Search index: one entry per customer, contact and site, and the trigram postings of its searched fields.

Revision ID: 0004_search
Revises: 0003_customers
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0004_search"
down_revision = "0003_customers"
branch_labels = None
depends_on = None

BINARY_TEXT = sa.String(700).with_variant(mysql.VARCHAR(700, charset="utf8mb4", collation="utf8mb4_bin"), "mysql")
BINARY_GRAM = sa.String(3).with_variant(mysql.VARCHAR(3, charset="utf8mb4", collation="utf8mb4_bin"), "mysql")


def upgrade() -> None:
    op.create_table(
        "search_entry",
        sa.Column("entity_rank", sa.SmallInteger(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("customer_open", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("haystack", BINARY_TEXT, nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_search_entry_customer_id_customer")),
        sa.PrimaryKeyConstraint("entity_rank", "entity_id", name=op.f("pk_search_entry")),
    )
    op.create_index(op.f("ix_search_entry_customer_id"), "search_entry", ["customer_id"])
    op.create_table(
        "search_gram",
        sa.Column("gram", BINARY_GRAM, nullable=False),
        sa.Column("customer_open", sa.Boolean(), nullable=False),
        sa.Column("entity_rank", sa.SmallInteger(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("gram", "customer_open", "entity_rank", "entity_id", name=op.f("pk_search_gram")),
    )
    op.create_index("ix_search_gram_entity", "search_gram", ["entity_rank", "entity_id"])
    backfill()


def backfill() -> None:
    """Index what already exists (a snapshot of the indexing rules of this revision)."""
    connection = op.get_bind()
    sources = [
        (0, "SELECT customer_id, customer_id, customer_status, customer_name, customer_name FROM customer"),
        (
            1,
            "SELECT contact_id, c.customer_id, customer_status, contact_firstname, contact_lastname, "
            "contact_email, contact_phone FROM contact c JOIN customer USING (customer_id)",
        ),
        (2, "SELECT site_id, s.customer_id, customer_status, site_name, site_name FROM site s JOIN customer USING (customer_id)"),
    ]
    columns = ("entity_rank", "entity_id", "customer_id", "customer_open", "name", "haystack")
    entries = sa.table("search_entry", *(sa.column(c) for c in columns))
    postings = sa.table("search_gram", *(sa.column(c) for c in ("gram", "customer_open", "entity_rank", "entity_id")))
    for rank, statement in sources:
        for entity_id, customer_id, status, *fields in connection.execute(sa.text(statement)).fetchall():
            if rank == 1:
                name = f"{fields[0] or ''} {fields[1] or ''}".strip()
            else:
                name, fields = fields[0], fields[1:]
            lowered = [(value or "").lower() for value in fields]
            is_open = status == "Open"
            row = {"entity_rank": rank, "entity_id": entity_id, "customer_id": customer_id, "customer_open": is_open}
            connection.execute(entries.insert().values(**row, name=name[:255], haystack="\x1f".join(lowered)[:700]))
            grams = {text[i : i + 3] for text in lowered for i in range(len(text) - 2)}
            if grams:
                rows = [{"gram": gram, "customer_open": is_open, "entity_rank": rank, "entity_id": entity_id} for gram in grams]
                connection.execute(postings.insert(), rows)


def downgrade() -> None:
    op.drop_table("search_gram")
    op.drop_table("search_entry")
