"""Customers and what hangs off them directly: contacts, sites, tags and attributes (spec 02 §2, 01 §3.4)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from omnicrm.db import Base, utcnow

CUSTOMER_STATUSES = ("Open", "Suspended", "Closed", "Archived")
ACCOUNT_TYPES = ("Individual", "Business")
PAYMENT_TYPES = ("prepaid", "postpaid")
CONTACT_TYPES = ("Primary", "Billing", "Technical")


class Customer(Base):
    __tablename__ = "customer"

    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_name: Mapped[str] = mapped_column(String(255), index=True)
    customer_account_type: Mapped[str] = mapped_column(String(16), default="Individual")
    customer_status: Mapped[str] = mapped_column(String(16), default="Open", index=True)
    customer_payment_type: Mapped[str] = mapped_column(String(16), default="postpaid")
    customer_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    tax_identifier: Mapped[str | None] = mapped_column(String(64))
    contract_start_date: Mapped[datetime | None] = mapped_column(DateTime)
    contract_end_date: Mapped[datetime | None] = mapped_column(DateTime)
    customer_status_before_archive: Mapped[str | None] = mapped_column(String(16))
    welcome_email_sent_at: Mapped[datetime | None] = mapped_column(DateTime)  # the welcome e-mail goes once
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    contacts: Mapped[list[Contact]] = relationship(back_populates="customer", order_by="Contact.contact_id")
    sites: Mapped[list[Site]] = relationship(back_populates="customer", order_by="Site.site_id")


class Contact(Base):
    __tablename__ = "contact"

    contact_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    contact_firstname: Mapped[str] = mapped_column(String(100), index=True)
    contact_lastname: Mapped[str | None] = mapped_column(String(100), index=True)
    contact_email: Mapped[str | None] = mapped_column(String(255), index=True)
    contact_phone: Mapped[str | None] = mapped_column(String(32), index=True)
    contact_types: Mapped[str] = mapped_column(String(64), default="Primary")
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="contacts")


class Site(Base):
    __tablename__ = "site"

    site_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    site_name: Mapped[str] = mapped_column(String(255))
    address_line_1: Mapped[str] = mapped_column(String(255), index=True)
    address_line_2: Mapped[str | None] = mapped_column(String(255))
    city: Mapped[str | None] = mapped_column(String(100), index=True)
    state: Mapped[str | None] = mapped_column(String(100))
    zip_code: Mapped[str | None] = mapped_column(String(20), index=True)
    country: Mapped[str] = mapped_column(String(100))
    latitude: Mapped[float] = mapped_column(Float, index=True)
    longitude: Mapped[float] = mapped_column(Float)
    google_maps_place_id: Mapped[str | None] = mapped_column(String(255))
    plus_code: Mapped[str | None] = mapped_column(String(20))
    address_note: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="sites")


class CustomerTag(Base):
    __tablename__ = "customer_tag"

    tag_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    tag_text: Mapped[str] = mapped_column(String(64))
    tag_hex_color: Mapped[str] = mapped_column(String(6))
    tag_link: Mapped[str | None] = mapped_column(String(2048))
    tag_active_date: Mapped[datetime] = mapped_column(DateTime)
    tag_deactivate_date: Mapped[datetime] = mapped_column(DateTime)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CustomerAttribute(Base):
    __tablename__ = "customer_attribute"
    __table_args__ = (UniqueConstraint("customer_id", "attribute_name"),)

    attribute_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    attribute_name: Mapped[str] = mapped_column(String(100))
    attribute_value: Mapped[str] = mapped_column(String(150))
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
