"""Search index: one entry per customer, contact and site, with the trigrams of its searched fields.

Revision ID: 0004_search
Revises: 0003_customers
Create Date: 2026-11-22 00:45:54.488251
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0004_search"
down_revision = "0003_customers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_entry",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("entity_rank", sa.SmallInteger(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("customer_open", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column(
            "haystack",
            sa.String(length=700).with_variant(mysql.VARCHAR(charset="utf8mb4", collation="utf8mb4_bin", length=700), "mysql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.customer_id"], name=op.f("fk_search_entry_customer_id_customer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", name=op.f("pk_search_entry")),
        sa.UniqueConstraint("entity_rank", "entity_id", name=op.f("uq_search_entry_entity_rank_entity_id")),
    )
    with op.batch_alter_table("search_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_entry_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "search_gram",
        sa.Column(
            "gram",
            sa.String(length=3).with_variant(mysql.VARCHAR(charset="utf8mb4", collation="utf8mb4_bin", length=3), "mysql"),
            nullable=False,
        ),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["search_entry.entry_id"], name=op.f("fk_search_gram_entry_id_search_entry"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("gram", "entry_id", name=op.f("pk_search_gram")),
    )
    with op.batch_alter_table("search_gram", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_gram_entry_id"), ["entry_id"], unique=False)
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
    entries = sa.table(
        "search_entry", *(sa.column(c) for c in ("entry_id", "entity_rank", "entity_id", "customer_id", "name", "haystack"))
    )
    grams_table = sa.table("search_gram", sa.column("gram"), sa.column("entry_id"))
    entry_id = 0
    for rank, statement in sources:
        for row in connection.execute(sa.text(statement)).fetchall():
            entity_id, customer_id, status, *fields = row
            if rank == 0:
                name, fields = fields[0], fields[1:]
            elif rank == 1:
                name = f"{fields[0] or ''} {fields[1] or ''}".strip()
            else:
                name, fields = fields[0], fields[1:]
            entry_id += 1
            lowered = [(value or "").lower() for value in fields]
            haystack = "\x1f".join(lowered)[:700]
            connection.execute(
                entries.insert().values(
                    entry_id=entry_id,
                    entity_rank=rank,
                    entity_id=entity_id,
                    customer_id=customer_id,
                    name=name[:255],
                    haystack=haystack,
                )
            )
            grams = {text[i : i + 3] for text in lowered for i in range(len(text) - 2)}
            if grams:
                connection.execute(grams_table.insert(), [{"gram": gram, "entry_id": entry_id} for gram in grams])


def downgrade() -> None:
    op.drop_table("search_gram")
    op.drop_table("search_entry")
