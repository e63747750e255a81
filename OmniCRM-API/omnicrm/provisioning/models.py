"""Provisioning jobs and their events (spec 04 data model): one row per job, one per Ansible task."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base, utcnow

SUCCESS, RUNNING, FAILED, IGNORED = 0, 1, 2, 3


class Provision(Base):
    __tablename__ = "provision"

    provision_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.product_id", ondelete="SET NULL"))
    service_id: Mapped[int | None] = mapped_column(Integer, index=True)
    provisioning_play: Mapped[str] = mapped_column(String(255))
    playbook_description: Mapped[str | None] = mapped_column(String(255))
    provisioning_json_vars: Mapped[str] = mapped_column(Text, default="{}")  # merged vars, redacted
    provisioning_request_json: Mapped[str | None] = mapped_column(Text)  # the caller's body, redacted (for retry)
    provisioning_status: Mapped[int] = mapped_column(SmallInteger, default=RUNNING, index=True)
    task_count: Mapped[int] = mapped_column(Integer, default=0)
    initiating_user: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    auth_method: Mapped[str] = mapped_column(String(16))
    retry_of_provision_id: Mapped[int | None] = mapped_column(ForeignKey("provision.provision_id", ondelete="SET NULL"))
    ansible_rc: Mapped[int | None] = mapped_column(Integer)
    error_summary: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    started: Mapped[datetime | None] = mapped_column(DateTime)
    finished: Mapped[datetime | None] = mapped_column(DateTime)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ProvisionEvent(Base):
    __tablename__ = "provision_event"
    __table_args__ = (UniqueConstraint("provision_id", "event_number"),)

    provision_event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provision_id: Mapped[int] = mapped_column(ForeignKey("provision.provision_id", ondelete="CASCADE"), index=True)
    event_number: Mapped[int] = mapped_column(Integer)
    event_name: Mapped[str] = mapped_column(String(512))
    provisioning_status: Mapped[int] = mapped_column(SmallInteger, default=RUNNING)
    provisioning_result_json: Mapped[str | None] = mapped_column(Text)
    timestamp: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished: Mapped[datetime | None] = mapped_column(DateTime)
