"""Customers: customers, contacts, sites, tags and attributes; links from users, activity and communications.

Revision ID: 0003_customers
Revises: 0002_identity
Create Date: 2026-11-22 00:38:17.012011
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_customers"
down_revision = "0002_identity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("customer_name", sa.String(length=255), nullable=False),
        sa.Column("customer_account_type", sa.String(length=16), nullable=False),
        sa.Column("customer_status", sa.String(length=16), nullable=False),
        sa.Column("customer_payment_type", sa.String(length=16), nullable=False),
        sa.Column("customer_enabled", sa.Boolean(), nullable=False),
        sa.Column("tax_identifier", sa.String(length=64), nullable=True),
        sa.Column("contract_start_date", sa.DateTime(), nullable=True),
        sa.Column("contract_end_date", sa.DateTime(), nullable=True),
        sa.Column("customer_status_before_archive", sa.String(length=16), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer")),
    )
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_created"), ["created"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_customer_name"), ["customer_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_customer_status"), ["customer_status"], unique=False)

    op.create_table(
        "contact",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_firstname", sa.String(length=100), nullable=False),
        sa.Column("contact_lastname", sa.String(length=100), nullable=True),
        sa.Column("contact_email", sa.String(length=255), nullable=True),
        sa.Column("contact_phone", sa.String(length=32), nullable=True),
        sa.Column("contact_types", sa.String(length=64), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_contact_customer_id_customer")),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_contact_email"), ["contact_email"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_contact_firstname"), ["contact_firstname"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_contact_lastname"), ["contact_lastname"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_contact_phone"), ["contact_phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "customer_attribute",
        sa.Column("attribute_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("attribute_name", sa.String(length=100), nullable=False),
        sa.Column("attribute_value", sa.String(length=150), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.customer_id"], name=op.f("fk_customer_attribute_customer_id_customer")
        ),
        sa.PrimaryKeyConstraint("attribute_id", name=op.f("pk_customer_attribute")),
        sa.UniqueConstraint("customer_id", "attribute_name", name=op.f("uq_customer_attribute_customer_id_attribute_name")),
    )
    with op.batch_alter_table("customer_attribute", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_attribute_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "customer_tag",
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("tag_text", sa.String(length=64), nullable=False),
        sa.Column("tag_hex_color", sa.String(length=6), nullable=False),
        sa.Column("tag_link", sa.String(length=2048), nullable=True),
        sa.Column("tag_active_date", sa.DateTime(), nullable=False),
        sa.Column("tag_deactivate_date", sa.DateTime(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_customer_tag_customer_id_customer")),
        sa.PrimaryKeyConstraint("tag_id", name=op.f("pk_customer_tag")),
    )
    with op.batch_alter_table("customer_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_tag_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "site",
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("site_name", sa.String(length=255), nullable=False),
        sa.Column("address_line_1", sa.String(length=255), nullable=False),
        sa.Column("address_line_2", sa.String(length=255), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=100), nullable=True),
        sa.Column("zip_code", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("google_maps_place_id", sa.String(length=255), nullable=True),
        sa.Column("plus_code", sa.String(length=20), nullable=True),
        sa.Column("address_note", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_site_customer_id_customer")),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_site")),
    )
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_address_line_1"), ["address_line_1"], unique=False)
        batch_op.create_index(batch_op.f("ix_site_city"), ["city"], unique=False)
        batch_op.create_index(batch_op.f("ix_site_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_site_latitude"), ["latitude"], unique=False)
        batch_op.create_index(batch_op.f("ix_site_zip_code"), ["zip_code"], unique=False)

    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f("fk_activity_customer_id_customer"), "customer", ["customer_id"], ["customer_id"])

    with op.batch_alter_table("communication", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_communication_customer_id_customer"), "customer", ["customer_id"], ["customer_id"]
        )

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f("fk_user_contact_id_contact"), "contact", ["contact_id"], ["contact_id"])


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_user_contact_id_contact"), type_="foreignkey")

    with op.batch_alter_table("communication", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_communication_customer_id_customer"), type_="foreignkey")

    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_activity_customer_id_customer"), type_="foreignkey")

    for table in ("site", "customer_tag", "customer_attribute", "contact", "customer"):
        op.drop_table(table)
