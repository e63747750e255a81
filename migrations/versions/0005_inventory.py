"""Inventory: templates and items.

Revision ID: 0005_inventory
Revises: 0004_search
Create Date: 2026-11-22 01:20:31.068943
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0005_inventory"
down_revision = "0004_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inventory_template",
        sa.Column("inventory_template_id", sa.Integer(), nullable=False),
        sa.Column(
            "item",
            sa.String(length=100).with_variant(mysql.VARCHAR(charset="utf8mb4", collation="utf8mb4_bin", length=100), "mysql"),
            nullable=False,
        ),
        sa.Column("icon", sa.String(length=100), nullable=True),
        sa.Column("wholesale_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("retail_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("allow_staff_dropdown", sa.Boolean(), nullable=False),
        sa.Column("allow_customer_dropdown", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.Column("itemtext1_label", sa.String(length=100), nullable=False),
        sa.Column("itemtext2_label", sa.String(length=100), nullable=False),
        sa.Column("itemtext3_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext4_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext5_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext6_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext7_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext8_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext9_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext10_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext11_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext12_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext13_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext14_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext15_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext16_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext17_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext18_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext19_label", sa.String(length=100), nullable=True),
        sa.Column("itemtext20_label", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("inventory_template_id", name=op.f("pk_inventory_template")),
        sa.UniqueConstraint("item", name=op.f("uq_inventory_template_item")),
    )
    op.create_table(
        "inventory",
        sa.Column("inventory_id", sa.Integer(), nullable=False),
        sa.Column("inventory_template_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=100), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("item_location", sa.String(length=255), nullable=True),
        sa.Column("item_state", sa.String(length=20), nullable=False),
        sa.Column("wholesale_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("retail_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("sold_date", sa.DateTime(), nullable=True),
        sa.Column("address_line_1", sa.String(length=255), nullable=True),
        sa.Column("address_line_2", sa.String(length=255), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=100), nullable=True),
        sa.Column("zip_code", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("google_maps_place_id", sa.String(length=255), nullable=True),
        sa.Column("plus_code", sa.String(length=64), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("management_url", sa.String(length=2048), nullable=True),
        sa.Column("management_username", sa.String(length=255), nullable=True),
        sa.Column("management_password", sa.Text(), nullable=True),
        sa.Column("config_content", sa.Text(), nullable=True),
        sa.Column("config_file_path", sa.String(length=1024), nullable=True),
        sa.Column("inventory_notes", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.Column("itemtext1", sa.String(length=255), nullable=False),
        sa.Column("itemtext2", sa.String(length=255), nullable=True),
        sa.Column("itemtext3", sa.String(length=255), nullable=True),
        sa.Column("itemtext4", sa.String(length=255), nullable=True),
        sa.Column("itemtext5", sa.String(length=255), nullable=True),
        sa.Column("itemtext6", sa.String(length=255), nullable=True),
        sa.Column("itemtext7", sa.String(length=255), nullable=True),
        sa.Column("itemtext8", sa.String(length=255), nullable=True),
        sa.Column("itemtext9", sa.String(length=255), nullable=True),
        sa.Column("itemtext10", sa.String(length=255), nullable=True),
        sa.Column("itemtext11", sa.String(length=255), nullable=True),
        sa.Column("itemtext12", sa.String(length=255), nullable=True),
        sa.Column("itemtext13", sa.String(length=255), nullable=True),
        sa.Column("itemtext14", sa.String(length=255), nullable=True),
        sa.Column("itemtext15", sa.String(length=255), nullable=True),
        sa.Column("itemtext16", sa.String(length=255), nullable=True),
        sa.Column("itemtext17", sa.String(length=255), nullable=True),
        sa.Column("itemtext18", sa.String(length=255), nullable=True),
        sa.Column("itemtext19", sa.String(length=255), nullable=True),
        sa.Column("itemtext20", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_inventory_customer_id_customer")),
        sa.ForeignKeyConstraint(
            ["inventory_template_id"],
            ["inventory_template.inventory_template_id"],
            name=op.f("fk_inventory_inventory_template_id_inventory_template"),
        ),
        sa.PrimaryKeyConstraint("inventory_id", name=op.f("pk_inventory")),
    )
    with op.batch_alter_table("inventory", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inventory_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inventory_service_id"), ["service_id"], unique=False)
        batch_op.create_index("ix_inventory_template_itemtext1", ["inventory_template_id", "itemtext1"], unique=False)
        batch_op.create_index("ix_inventory_template_state", ["inventory_template_id", "item_state"], unique=False)


def downgrade() -> None:
    op.drop_table("inventory")
    op.drop_table("inventory_template")
