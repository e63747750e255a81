"""Search index: inventory items (their first two identifiers) join the index.

Revision ID: 0007_search_inventory
Revises: 0006_catalogue
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_search_inventory"
down_revision = "0006_catalogue"
branch_labels = None
depends_on = None

INVENTORY_RANK = 3


def upgrade() -> None:
    """Index the items that already exist (a snapshot of the indexing rules of this revision)."""
    connection = op.get_bind()
    columns = ("entity_rank", "entity_id", "customer_id", "customer_open", "name", "haystack")
    entries = sa.table("search_entry", *(sa.column(c) for c in columns))
    postings = sa.table("search_gram", *(sa.column(c) for c in ("gram", "customer_open", "entity_rank", "entity_id")))
    statement = sa.text(
        "SELECT i.inventory_id, i.customer_id, c.customer_status, i.itemtext1, i.itemtext2 FROM inventory i "
        "LEFT JOIN customer c ON c.customer_id = i.customer_id"
    )
    for inventory_id, customer_id, status, *fields in connection.execute(statement).fetchall():
        lowered = [(value or "").lower() for value in fields]
        is_open = customer_id is None or status == "Open"
        name = (fields[0] or fields[1] or "")[:255]
        row = {"entity_rank": INVENTORY_RANK, "entity_id": inventory_id, "customer_id": customer_id, "customer_open": is_open}
        connection.execute(entries.insert().values(**row, name=name, haystack="\x1f".join(lowered)[:700]))
        grams = {text[i : i + 3] for text in lowered for i in range(len(text) - 2)}
        if grams:
            connection.execute(
                postings.insert(),
                [{"gram": g, "customer_open": is_open, "entity_rank": INVENTORY_RANK, "entity_id": inventory_id} for g in grams],
            )


def downgrade() -> None:
    op.execute(sa.text(f"DELETE FROM search_gram WHERE entity_rank = {INVENTORY_RANK}"))
    op.execute(sa.text(f"DELETE FROM search_entry WHERE entity_rank = {INVENTORY_RANK}"))
