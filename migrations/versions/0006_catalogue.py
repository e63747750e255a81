"""Catalogue: products.

Revision ID: 0006_catalogue
Revises: 0005_inventory
Create Date: 2026-11-22 01:23:08.790486
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_catalogue"
down_revision = "0005_inventory"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "product",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("product_name", sa.String(length=255), nullable=False),
        sa.Column("product_slug", sa.String(length=255), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("service_type", sa.String(length=64), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("icon", sa.String(length=128), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("retail_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("wholesale_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("retail_setup_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("wholesale_setup_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("tax_percentage", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("contract_days", sa.Integer(), nullable=False),
        sa.Column("residential", sa.Boolean(), nullable=False),
        sa.Column("business", sa.Boolean(), nullable=False),
        sa.Column("customer_can_purchase", sa.Boolean(), nullable=False),
        sa.Column("available_from", sa.DateTime(), nullable=True),
        sa.Column("available_until", sa.DateTime(), nullable=True),
        sa.Column("auto_renew", sa.String(length=8), nullable=False),
        sa.Column("allow_auto_renew", sa.Boolean(), nullable=False),
        sa.Column("inventory_items_list", sa.Text(), nullable=False),
        sa.Column("relies_on_list", sa.Text(), nullable=False),
        sa.Column("features_list", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("provisioning_play", sa.String(length=128), nullable=True),
        sa.Column("provisioning_json_vars", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_product")),
        sa.UniqueConstraint("product_slug", name=op.f("uq_product_product_slug")),
    )
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_product_service_type"), ["service_type"], unique=False)


def downgrade() -> None:
    op.drop_table("product")
