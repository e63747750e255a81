"""Inventory (spec 02 §2.5, §2.6): templates describe a kind of item; items are SIMs, numbers, IPs, CPE..."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base, Money, utcnow

ITEM_STATES = (
    "New",
    "In Transit",
    "In Stock",
    "Assigned",
    "Used",
    "Internal Use",
    "Damaged",
    "Out of Service",
    "Lost",
    "Stolen",
    "Decommissioned",
)
TEXT_FIELDS = 20


def _numbered_columns(name: str, length: int, required: int) -> type:
    """A declarative mixin with columns name1..name20; the first `required` of them are NOT NULL."""
    columns = {name.format(n): mapped_column(String(length), nullable=n > required) for n in range(1, TEXT_FIELDS + 1)}
    return type(f"Numbered_{name.format('N')}", (), columns)


TemplateLabels = _numbered_columns("itemtext{}_label", 100, required=2)
ItemTexts = _numbered_columns("itemtext{}", 255, required=1)


class InventoryTemplate(TemplateLabels, Base):
    __tablename__ = "inventory_template"

    inventory_template_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Template names are exact and case-sensitive: "SIM Card" and "sim card" are two templates.
    item: Mapped[str] = mapped_column(
        String(100).with_variant(mysql.VARCHAR(100, charset="utf8mb4", collation="utf8mb4_bin"), "mysql"), unique=True
    )
    icon: Mapped[str | None] = mapped_column(String(100))
    wholesale_cost: Mapped[Decimal] = mapped_column(Money)
    retail_cost: Mapped[Decimal] = mapped_column(Money)
    allow_staff_dropdown: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_customer_dropdown: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Inventory(ItemTexts, Base):
    __tablename__ = "inventory"
    # itemtext1 is unique per template when `inventory.unique_itemtext1` is on: checked by the API, so the
    # setting can be turned off without a schema change.
    __table_args__ = (
        Index("ix_inventory_template_state", "inventory_template_id", "item_state"),
        Index("ix_inventory_template_itemtext1", "inventory_template_id", "itemtext1"),
    )

    inventory_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inventory_template_id: Mapped[int] = mapped_column(ForeignKey("inventory_template.inventory_template_id"))
    item: Mapped[str] = mapped_column(String(100))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    service_id: Mapped[int | None] = mapped_column(Integer, index=True)
    item_location: Mapped[str | None] = mapped_column(String(255))
    item_state: Mapped[str] = mapped_column(String(20), default="New")
    wholesale_cost: Mapped[Decimal] = mapped_column(Money)
    retail_cost: Mapped[Decimal] = mapped_column(Money)
    sold_date: Mapped[datetime | None] = mapped_column(DateTime)
    address_line_1: Mapped[str | None] = mapped_column(String(255))
    address_line_2: Mapped[str | None] = mapped_column(String(255))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(100))
    zip_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(100))
    google_maps_place_id: Mapped[str | None] = mapped_column(String(255))
    plus_code: Mapped[str | None] = mapped_column(String(64))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    management_url: Mapped[str | None] = mapped_column(String(2048))
    management_username: Mapped[str | None] = mapped_column(String(255))
    management_password: Mapped[str | None] = mapped_column(Text)  # Fernet-encrypted
    config_content: Mapped[str | None] = mapped_column(Text)
    config_file_path: Mapped[str | None] = mapped_column(String(1024))
    inventory_notes: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
