"""Provisioning: jobs and their events.

Revision ID: 0008_provisioning
Revises: 0007_search_inventory
Create Date: 2026-11-22 01:30:36.818904
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_provisioning"
down_revision = "0007_search_inventory"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "provision",
        sa.Column("provision_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("provisioning_play", sa.String(length=255), nullable=False),
        sa.Column("playbook_description", sa.String(length=255), nullable=True),
        sa.Column("provisioning_json_vars", sa.Text(), nullable=False),
        sa.Column("provisioning_request_json", sa.Text(), nullable=True),
        sa.Column("provisioning_status", sa.SmallInteger(), nullable=False),
        sa.Column("task_count", sa.Integer(), nullable=False),
        sa.Column("initiating_user", sa.Integer(), nullable=True),
        sa.Column("auth_method", sa.String(length=16), nullable=False),
        sa.Column("retry_of_provision_id", sa.Integer(), nullable=True),
        sa.Column("ansible_rc", sa.Integer(), nullable=True),
        sa.Column("error_summary", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("started", sa.DateTime(), nullable=True),
        sa.Column("finished", sa.DateTime(), nullable=True),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.customer_id"], name=op.f("fk_provision_customer_id_customer")),
        sa.ForeignKeyConstraint(["initiating_user"], ["user.id"], name=op.f("fk_provision_initiating_user_user")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.product_id"], name=op.f("fk_provision_product_id_product"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["retry_of_provision_id"],
            ["provision.provision_id"],
            name=op.f("fk_provision_retry_of_provision_id_provision"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("provision_id", name=op.f("pk_provision")),
    )
    with op.batch_alter_table("provision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provision_created"), ["created"], unique=False)
        batch_op.create_index(batch_op.f("ix_provision_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_provision_provisioning_status"), ["provisioning_status"], unique=False)
        batch_op.create_index(batch_op.f("ix_provision_service_id"), ["service_id"], unique=False)

    op.create_table(
        "provision_event",
        sa.Column("provision_event_id", sa.Integer(), nullable=False),
        sa.Column("provision_id", sa.Integer(), nullable=False),
        sa.Column("event_number", sa.Integer(), nullable=False),
        sa.Column("event_name", sa.String(length=512), nullable=False),
        sa.Column("provisioning_status", sa.SmallInteger(), nullable=False),
        sa.Column("provisioning_result_json", sa.Text(), nullable=True),
        sa.Column("timestamp", sa.DateTime(), nullable=False),
        sa.Column("finished", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["provision_id"],
            ["provision.provision_id"],
            name=op.f("fk_provision_event_provision_id_provision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("provision_event_id", name=op.f("pk_provision_event")),
        sa.UniqueConstraint("provision_id", "event_number", name=op.f("uq_provision_event_provision_id_event_number")),
    )
    with op.batch_alter_table("provision_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provision_event_provision_id"), ["provision_id"], unique=False)


def downgrade() -> None:
    op.drop_table("provision_event")
    op.drop_table("provision")
