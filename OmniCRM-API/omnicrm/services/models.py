"""Services and what hangs off them (spec 04 data model, 03 §1.2, 06 §5, 08): add-ons, life-cycle events,
staff notes, and the balance watermarks that tell "used / total" of an OCS bucket."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base, Money, utcnow

STATUSES = ("Active", "Suspended", "Inactive", "Pending Cancellation", "Deactivated")
SUSPENSION_REASONS = ("violation", "non_payment", "other")
ADDON_STATUSES = ("Applied", "Active", "Pending Return", "Returned", "Lost", "Cancelled")
LIFECYCLE_EVENTS = (
    "created",
    "activated",
    "suspended",
    "resumed",
    "renewed",
    "plan_changed",
    "cancel_requested",
    "cancel_reversed",
    "cancelled",
    "deactivated",
)


class Service(Base):
    __tablename__ = "service"

    service_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.product_id"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.site_id"))
    bundled_parent: Mapped[int | None] = mapped_column(ForeignKey("service.service_id", ondelete="SET NULL"))
    service_name: Mapped[str] = mapped_column(String(255), index=True)
    service_type: Mapped[str] = mapped_column(String(64), index=True)
    service_uuid: Mapped[str] = mapped_column(String(128), unique=True)
    service_status: Mapped[str] = mapped_column(String(24), default="Active", index=True)
    suspension_reason: Mapped[str | None] = mapped_column(String(16))
    service_notes: Mapped[str | None] = mapped_column(Text)
    auto_renew: Mapped[bool] = mapped_column(Boolean, default=False)
    custom_fields: Mapped[dict] = mapped_column(JSON, default=dict)
    retail_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    wholesale_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    service_billed: Mapped[bool] = mapped_column(Boolean, default=True)
    service_taxable: Mapped[bool] = mapped_column(Boolean, default=True)
    service_visible_to_customer: Mapped[bool] = mapped_column(Boolean, default=True)
    service_usage_visible_to_customer: Mapped[bool] = mapped_column(Boolean, default=True)
    icon: Mapped[str | None] = mapped_column(String(100))
    promo_code: Mapped[str | None] = mapped_column(String(100))
    order_comment: Mapped[str | None] = mapped_column(String(1000))
    provisioning_play: Mapped[str | None] = mapped_column(String(128))
    provisioning_json_vars: Mapped[str | None] = mapped_column(Text)
    deprovisioning_play: Mapped[str | None] = mapped_column(String(128))
    deprovisioning_json_vars: Mapped[str | None] = mapped_column(Text)
    service_provisioned_date: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    service_active_date: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    service_deactivate_date: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    contract_end_date: Mapped[datetime | None] = mapped_column(DateTime)
    cancellation_requested_at: Mapped[datetime | None] = mapped_column(DateTime)
    scheduled_deprovision_date: Mapped[datetime | None] = mapped_column(DateTime)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ServiceAddon(Base):
    __tablename__ = "service_addon"

    service_addon_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.service_id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.customer_id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.product_id"), index=True)
    provision_id: Mapped[int | None] = mapped_column(ForeignKey("provision.provision_id", ondelete="SET NULL"), unique=True)
    child_service_id: Mapped[int | None] = mapped_column(ForeignKey("service.service_id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16))
    auto_renew: Mapped[bool] = mapped_column(Boolean, default=False)
    next_renewal_date: Mapped[date | None] = mapped_column(Date)
    retail_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    wholesale_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    inventory_ids: Mapped[list] = mapped_column(JSON, default=list)
    return_due_date: Mapped[datetime | None] = mapped_column(DateTime)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    cancelled_date: Mapped[datetime | None] = mapped_column(DateTime)


class ServiceLifecycleEvent(Base):
    __tablename__ = "service_lifecycle_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.service_id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(24))
    start_date: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    end_date: Mapped[datetime | None] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))  # a user id, or "system"
    reason: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ServiceNote(Base):
    __tablename__ = "service_note"

    note_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.service_id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ServiceBalanceWatermark(Base):
    """CGRateS only says what is left in a bucket: the highest value ever seen is its "total" (spec 04). The last
    value read is kept too, so the usage view can show the last known balances while the OCS is down."""

    __tablename__ = "service_balance_watermark"
    __table_args__ = (UniqueConstraint("service_uuid", "balance_type", "bucket_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_uuid: Mapped[str] = mapped_column(String(128), index=True)
    balance_type: Mapped[str] = mapped_column(String(16))
    bucket_key: Mapped[str] = mapped_column(String(128))
    bucket_id: Mapped[str | None] = mapped_column(String(128))
    max_value: Mapped[Decimal] = mapped_column(Numeric(24, 4))
    last_value: Mapped[Decimal] = mapped_column(Numeric(24, 4))
    last_expiry: Mapped[datetime | None] = mapped_column(DateTime)
    weight: Mapped[Decimal] = mapped_column(Numeric(12, 4), default=Decimal("0"))
    present: Mapped[bool] = mapped_column(Boolean, default=True)  # still in the OCS at the last read
    first_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
