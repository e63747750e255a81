"""Services, add-ons, life-cycle, notes, balance watermarks and the transaction ledger

Revision ID: 0009_services
Revises: 0008_provisioning
Create Date: 2026-11-22 02:47:39.596407
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_services"
down_revision = "0008_provisioning"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_balance_watermark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_uuid", sa.String(length=128), nullable=False),
        sa.Column("balance_type", sa.String(length=16), nullable=False),
        sa.Column("bucket_key", sa.String(length=128), nullable=False),
        sa.Column("bucket_id", sa.String(length=128), nullable=True),
        sa.Column("max_value", sa.Numeric(precision=24, scale=4), nullable=False),
        sa.Column("last_value", sa.Numeric(precision=24, scale=4), nullable=False),
        sa.Column("last_expiry", sa.DateTime(), nullable=True),
        sa.Column("weight", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_balance_watermark")),
        sa.UniqueConstraint(
            "service_uuid",
            "balance_type",
            "bucket_key",
            name=op.f("uq_service_balance_watermark_service_uuid_balance_type_bucket_key"),
        ),
    )
    with op.batch_alter_table("service_balance_watermark", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_balance_watermark_service_uuid"), ["service_uuid"], unique=False)

    op.create_table(
        "service",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("bundled_parent", sa.Integer(), nullable=True),
        sa.Column("service_name", sa.String(length=255), nullable=False),
        sa.Column("service_type", sa.String(length=64), nullable=False),
        sa.Column("service_uuid", sa.String(length=128), nullable=False),
        sa.Column("service_status", sa.String(length=24), nullable=False),
        sa.Column("suspension_reason", sa.String(length=16), nullable=True),
        sa.Column("service_notes", sa.Text(), nullable=True),
        sa.Column("auto_renew", sa.Boolean(), nullable=False),
        sa.Column("custom_fields", sa.JSON(), nullable=False),
        sa.Column("retail_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("wholesale_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("service_billed", sa.Boolean(), nullable=False),
        sa.Column("service_taxable", sa.Boolean(), nullable=False),
        sa.Column("service_visible_to_customer", sa.Boolean(), nullable=False),
        sa.Column("service_usage_visible_to_customer", sa.Boolean(), nullable=False),
        sa.Column("icon", sa.String(length=100), nullable=True),
        sa.Column("promo_code", sa.String(length=100), nullable=True),
        sa.Column("order_comment", sa.String(length=1000), nullable=True),
        sa.Column("provisioning_play", sa.String(length=128), nullable=True),
        sa.Column("provisioning_json_vars", sa.Text(), nullable=True),
        sa.Column("deprovisioning_play", sa.String(length=128), nullable=True),
        sa.Column("deprovisioning_json_vars", sa.Text(), nullable=True),
        sa.Column("service_provisioned_date", sa.DateTime(), nullable=False),
        sa.Column("service_active_date", sa.DateTime(), nullable=True),
        sa.Column("service_deactivate_date", sa.DateTime(), nullable=True),
        sa.Column("contract_end_date", sa.DateTime(), nullable=True),
        sa.Column("cancellation_requested_at", sa.DateTime(), nullable=True),
        sa.Column("scheduled_deprovision_date", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bundled_parent"], ["service.service_id"], name=op.f("fk_service_bundled_parent_service"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_service_customer_id_customer")),
        sa.ForeignKeyConstraint(["product_id"], ["product.product_id"], name=op.f("fk_service_product_id_product")),
        sa.ForeignKeyConstraint(["site_id"], ["site.site_id"], name=op.f("fk_service_site_id_site")),
        sa.PrimaryKeyConstraint("service_id", name=op.f("pk_service")),
        sa.UniqueConstraint("service_uuid", name=op.f("uq_service_service_uuid")),
    )
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_service_active_date"), ["service_active_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_service_deactivate_date"), ["service_deactivate_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_service_name"), ["service_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_service_status"), ["service_status"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_service_type"), ["service_type"], unique=False)

    op.create_table(
        "service_lifecycle_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=24), nullable=False),
        sa.Column("start_date", sa.DateTime(), nullable=False),
        sa.Column("end_date", sa.DateTime(), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.service_id"], name=op.f("fk_service_lifecycle_event_service_id_service"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_lifecycle_event")),
    )
    with op.batch_alter_table("service_lifecycle_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_lifecycle_event_service_id"), ["service_id"], unique=False)

    op.create_table(
        "service_note",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["user.id"], name=op.f("fk_service_note_created_by_user"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.service_id"], name=op.f("fk_service_note_service_id_service"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("note_id", name=op.f("pk_service_note")),
    )
    with op.batch_alter_table("service_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_note_service_id"), ["service_id"], unique=False)

    op.create_table(
        "transaction",
        sa.Column("transaction_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("invoice_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("retail_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("wholesale_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("tax_percentage", sa.Numeric(precision=6, scale=3), nullable=False),
        sa.Column("tax_amount", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("transaction_type", sa.String(length=8), nullable=False),
        sa.Column("credit_type", sa.String(length=16), nullable=True),
        sa.Column("payment_reference", sa.String(length=255), nullable=True),
        sa.Column("is_invoice_payment", sa.Boolean(), nullable=False),
        sa.Column("void", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["user.id"], name=op.f("fk_transaction_created_by_user"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_transaction_customer_id_customer")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.product_id"], name=op.f("fk_transaction_product_id_product"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.service_id"], name=op.f("fk_transaction_service_id_service"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["site_id"], ["site.site_id"], name=op.f("fk_transaction_site_id_site"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("transaction_id", name=op.f("pk_transaction")),
    )
    with op.batch_alter_table("transaction", schema=None) as batch_op:
        batch_op.create_index("ix_transaction_customer_created", ["customer_id", "created"], unique=False)
        batch_op.create_index(batch_op.f("ix_transaction_invoice_id"), ["invoice_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_transaction_service_id"), ["service_id"], unique=False)

    op.create_table(
        "service_addon",
        sa.Column("service_addon_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("provision_id", sa.Integer(), nullable=True),
        sa.Column("child_service_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("auto_renew", sa.Boolean(), nullable=False),
        sa.Column("next_renewal_date", sa.Date(), nullable=True),
        sa.Column("retail_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("wholesale_cost", sa.Numeric(precision=12, scale=4), nullable=False),
        sa.Column("inventory_ids", sa.JSON(), nullable=False),
        sa.Column("return_due_date", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("cancelled_date", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_service_id"],
            ["service.service_id"],
            name=op.f("fk_service_addon_child_service_id_service"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_service_addon_customer_id_customer")),
        sa.ForeignKeyConstraint(["product_id"], ["product.product_id"], name=op.f("fk_service_addon_product_id_product")),
        sa.ForeignKeyConstraint(
            ["provision_id"],
            ["provision.provision_id"],
            name=op.f("fk_service_addon_provision_id_provision"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.service_id"], name=op.f("fk_service_addon_service_id_service"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("service_addon_id", name=op.f("pk_service_addon")),
        sa.UniqueConstraint("provision_id", name=op.f("uq_service_addon_provision_id")),
    )
    with op.batch_alter_table("service_addon", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_addon_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_addon_service_id"), ["service_id"], unique=False)


def downgrade() -> None:
    op.drop_table("service_addon")
    op.drop_table("transaction")
    op.drop_table("service_note")
    op.drop_table("service_lifecycle_event")
    op.drop_table("service")
    op.drop_table("service_balance_watermark")
