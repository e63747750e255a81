"""The transaction ledger (spec 07 data model): signed retail cost, tax computed and stored, soft void."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base, Money, utcnow

CREDIT_TYPES = ("cash", "card", "bank_transfer", "pos", "refund", "stripe")


class Transaction(Base):
    __tablename__ = "transaction"
    __table_args__ = (Index("ix_transaction_customer_created", "customer_id", "created"),)

    transaction_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.customer_id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.service_id", ondelete="SET NULL"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.site_id", ondelete="SET NULL"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.product_id", ondelete="SET NULL"))
    invoice_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the invoice table comes with invoicing
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    retail_cost: Mapped[Decimal] = mapped_column(Money)
    wholesale_cost: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    tax_percentage: Mapped[Decimal] = mapped_column(Numeric(6, 3), default=Decimal("0"))
    tax_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    transaction_type: Mapped[str] = mapped_column(String(8))
    credit_type: Mapped[str | None] = mapped_column(String(16))
    payment_reference: Mapped[str | None] = mapped_column(String(255))
    is_invoice_payment: Mapped[bool] = mapped_column(Boolean, default=False)
    void: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
