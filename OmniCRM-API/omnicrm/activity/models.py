"""The activity log: who changed what, before and after. Rows are written, never updated or deleted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base, utcnow


class Activity(Base):
    __tablename__ = "activity"

    activity_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    service_id: Mapped[int | None] = mapped_column(Integer, index=True)
    object_type: Mapped[str] = mapped_column(String(32), index=True)
    object_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text)
    changes_json: Mapped[dict | None] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    impersonating_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    actor: Mapped[str | None] = mapped_column(String(255))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
