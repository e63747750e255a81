"""E-mail delivery through Mailjet: what the provider answered for each communication; the customer welcome marker

Revision ID: 0010_email_delivery
Revises: 0009_services
Create Date: 2026-11-22 06:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_email_delivery"
down_revision = "0009_services"
branch_labels = None
depends_on = None


def columns() -> tuple[sa.Column, ...]:
    """Fresh column objects each time (a Column belongs to one table once added)."""
    return (
        sa.Column("to_name", sa.String(length=255), nullable=True),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("attachment_filename", sa.String(length=255), nullable=True),
        sa.Column("provider_message_id", sa.String(length=64), nullable=True),
        sa.Column("provider_message_uuid", sa.String(length=64), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
    )


def upgrade() -> None:
    with op.batch_alter_table("communication") as batch:
        for column in columns():
            batch.add_column(column)
    with op.batch_alter_table("customer") as batch:
        batch.add_column(sa.Column("welcome_email_sent_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customer") as batch:
        batch.drop_column("welcome_email_sent_at")
    with op.batch_alter_table("communication") as batch:
        for column in reversed(columns()):
            batch.drop_column(column.name)
