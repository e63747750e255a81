"""The product catalogue (spec 06 §1): templates of what is sold; ordering one creates or changes a service."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base, Money, utcnow

CATEGORIES = ("standalone", "addon", "bundle", "promo")
AUTO_RENEW = ("prompt", "true", "false")


class Product(Base):
    __tablename__ = "product"

    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_name: Mapped[str] = mapped_column(String(255))
    product_slug: Mapped[str] = mapped_column(String(255), unique=True)  # unique case-insensitively (checked on write)
    category: Mapped[str] = mapped_column(String(16), default="standalone", index=True)
    service_type: Mapped[str | None] = mapped_column(String(64), index=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    icon: Mapped[str | None] = mapped_column(String(128))
    comment: Mapped[str | None] = mapped_column(Text)
    retail_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    wholesale_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    retail_setup_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    wholesale_setup_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    tax_percentage: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    contract_days: Mapped[int] = mapped_column(Integer, default=0)
    residential: Mapped[bool] = mapped_column(Boolean, default=True)
    business: Mapped[bool] = mapped_column(Boolean, default=False)
    customer_can_purchase: Mapped[bool] = mapped_column(Boolean, default=False)
    available_from: Mapped[datetime | None] = mapped_column(DateTime)
    available_until: Mapped[datetime | None] = mapped_column(DateTime)
    auto_renew: Mapped[str] = mapped_column(String(8), default="false")
    allow_auto_renew: Mapped[bool] = mapped_column(Boolean, default=True)
    inventory_items_list: Mapped[str] = mapped_column(Text, default="[]")
    relies_on_list: Mapped[str] = mapped_column(Text, default="[]")
    features_list: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[str] = mapped_column(Text, default="")
    provisioning_play: Mapped[str | None] = mapped_column(String(128))
    provisioning_json_vars: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
