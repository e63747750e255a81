"""Identity: users, roles, permissions (the catalogue and the built-in roles), 2FA codes, tokens, API keys,
impersonation, the activity log and communications.

Revision ID: 0002_identity
Revises: 0001_foundation
Create Date: 2026-11-22 00:24:19.435484
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_identity"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_key",
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("key_last4", sa.String(length=4), nullable=False),
        sa.Column("permissions", sa.JSON(), nullable=False),
        sa.Column("is_protected", sa.Boolean(), nullable=False),
        sa.Column("expiry_date", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=255), nullable=True),
        sa.Column("last_used", sa.DateTime(), nullable=True),
        sa.Column("last_used_ip", sa.String(length=45), nullable=True),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("api_key_id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_key_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_api_key_name")),
    )
    op.create_table(
        "communication",
        sa.Column("communication_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("template_key", sa.String(length=100), nullable=False),
        sa.Column("recipient", sa.String(length=255), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=True),
        sa.Column("variables", sa.JSON(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("communication_id", name=op.f("pk_communication")),
    )
    with op.batch_alter_table("communication", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_communication_created"), ["created"], unique=False)
        batch_op.create_index(batch_op.f("ix_communication_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_communication_recipient"), ["recipient"], unique=False)
        batch_op.create_index(batch_op.f("ix_communication_template_key"), ["template_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_communication_user_id"), ["user_id"], unique=False)

    op.create_table(
        "permission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_permission")),
        sa.UniqueConstraint("name", name=op.f("uq_permission_name")),
    )
    op.create_table(
        "role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role")),
        sa.UniqueConstraint("name", name=op.f("uq_role_name")),
        sa.UniqueConstraint("name_key", name=op.f("uq_role_name_key")),
    )
    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=150), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("pending_email", sa.String(length=255), nullable=True),
        sa.Column("email_verified", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("middle_name", sa.String(length=100), nullable=True),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("phone_number", sa.String(length=32), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("is_2fa_enabled", sa.Boolean(), nullable=False),
        sa.Column("totp_secret", sa.String(length=255), nullable=True),
        sa.Column("totp_last_counter", sa.Integer(), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("temp_password_consumed", sa.Boolean(), nullable=False),
        sa.Column("login_count", sa.Integer(), nullable=False),
        sa.Column("last_login", sa.DateTime(), nullable=True),
        sa.Column("failed_login_count", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("ip_restriction", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("last_modified", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user")),
        sa.UniqueConstraint("email", name=op.f("uq_user_email")),
        sa.UniqueConstraint("username", name=op.f("uq_user_username")),
    )
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "activity",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("object_type", sa.String(length=32), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("changes_json", sa.JSON(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("impersonating_user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=255), nullable=True),
        sa.Column("ip_address", sa.String(length=45), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["impersonating_user_id"], ["user.id"], name=op.f("fk_activity_impersonating_user_id_user")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_activity_user_id_user")),
        sa.PrimaryKeyConstraint("activity_id", name=op.f("pk_activity")),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_created"), ["created"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_object_type"), ["object_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_service_id"), ["service_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_user_id"), ["user_id"], unique=False)

    op.create_table(
        "auth_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_auth_token_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_auth_token_token_hash")),
    )
    with op.batch_alter_table("auth_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "impersonation_log",
        sa.Column("impersonation_log_id", sa.Integer(), nullable=False),
        sa.Column("impersonating_user_id", sa.Integer(), nullable=False),
        sa.Column("target_user_id", sa.Integer(), nullable=False),
        sa.Column("impersonation_start", sa.DateTime(), nullable=False),
        sa.Column("impersonation_end", sa.DateTime(), nullable=True),
        sa.Column("impersonation_duration", sa.Integer(), nullable=True),
        sa.Column("ip_address", sa.String(length=45), nullable=True),
        sa.ForeignKeyConstraint(
            ["impersonating_user_id"], ["user.id"], name=op.f("fk_impersonation_log_impersonating_user_id_user")
        ),
        sa.ForeignKeyConstraint(["target_user_id"], ["user.id"], name=op.f("fk_impersonation_log_target_user_id_user")),
        sa.PrimaryKeyConstraint("impersonation_log_id", name=op.f("pk_impersonation_log")),
    )
    with op.batch_alter_table("impersonation_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_impersonation_log_impersonating_user_id"), ["impersonating_user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_impersonation_log_target_user_id"), ["target_user_id"], unique=False)

    op.create_table(
        "role_permission",
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("permission_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["permission_id"], ["permission.id"], name=op.f("fk_role_permission_permission_id_permission"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["role_id"], ["role.id"], name=op.f("fk_role_permission_role_id_role"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("role_id", "permission_id", name=op.f("pk_role_permission")),
    )
    op.create_table(
        "user_backup_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_user_backup_code_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_backup_code")),
    )
    with op.batch_alter_table("user_backup_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_backup_code_user_id"), ["user_id"], unique=False)

    op.create_table(
        "user_role",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["role_id"], ["role.id"], name=op.f("fk_user_role_role_id_role"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_user_role_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "role_id", name=op.f("pk_user_role")),
    )
    seed_catalogue()


# A snapshot of the permission catalogue of spec 07 at this revision (later revisions add to it).
CRUD = ("view", "create", "update", "delete")
RESOURCES = {  # resource -> has a view_own_ permission
    "customer": True,
    "customer_site": True,
    "customer_contact": True,
    "customer_attribute": True,
    "customer_tag": True,
    "customer_service": True,
    "customer_activity": True,
    "customer_stripe_card": True,
    "customer_transaction": True,
    "customer_invoice": True,
    "communication": True,
    "inventory": True,
    "inventory_template": True,
    "product": False,
    "cbc_message": False,
    "provision": True,
    "provision_event": False,
}


def catalogue() -> list[str]:
    names = ["admin", "can_impersonate"]
    for resource, has_own in RESOURCES.items():
        names += [f"{action}_{resource}" for action in CRUD]
        if has_own:
            names.append(f"view_own_{resource}")
    return names


def built_in_roles(names: list[str]) -> dict[str, tuple[str, list[str]]]:
    own = [n for n in names if n.startswith("view_own_")]
    return {
        "Admin": ("Every permission", [n for n in names if not n.startswith("view_own_")]),
        "Customer": ("Self-care: the customer's own records", [*own, "view_product"]),
        "Support": (
            "Customer care, read mostly",
            ["view_customer", "view_customer_service", "view_communication", "view_provision"],
        ),
        "Finance": ("Billing", ["view_customer_invoice", "view_customer_transaction", "view_product", "create_customer_invoice"]),
        "Customer_Admin": ("Tenant administrator: the own customer's records", own),
        "Read_Only_Auditor": ("Read everything, change nothing", [n for n in names if n.startswith("view_") and n not in own]),
    }


def seed_catalogue() -> None:
    names = catalogue()
    permission = sa.table(
        "permission", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("description", sa.String)
    )
    role = sa.table(
        "role",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
        sa.column("description", sa.String),
    )
    role_permission = sa.table("role_permission", sa.column("role_id", sa.Integer), sa.column("permission_id", sa.Integer))
    permission_ids = {name: number for number, name in enumerate(names, start=1)}
    op.bulk_insert(
        permission, [{"id": i, "name": n, "description": n.replace("_", " ").capitalize()} for n, i in permission_ids.items()]
    )
    roles = built_in_roles(names)
    op.bulk_insert(
        role, [{"id": i, "name": n, "name_key": n.lower(), "description": d} for i, (n, (d, _)) in enumerate(roles.items(), 1)]
    )
    grants = [
        {"role_id": role_id, "permission_id": permission_ids[name]}
        for role_id, (_, granted) in enumerate(roles.values(), start=1)
        for name in granted
    ]
    op.bulk_insert(role_permission, grants)


def downgrade() -> None:
    for table in (
        "role_permission",
        "user_role",
        "user_backup_code",
        "impersonation_log",
        "auth_token",
        "activity",
        "user",
        "role",
        "permission",
        "communication",
        "api_key",
    ):
        op.drop_table(table)
