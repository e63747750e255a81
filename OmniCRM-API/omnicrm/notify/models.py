"""Communications sent (or to be sent) to people: every e-mail and SMS the product emits is recorded here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from omnicrm.db import Base, utcnow


class Communication(Base):
    __tablename__ = "communication"

    communication_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))  # email | sms
    template_key: Mapped[str] = mapped_column(String(100), index=True)
    recipient: Mapped[str] = mapped_column(String(255), index=True)
    subject: Mapped[str | None] = mapped_column(String(255))
    variables: Mapped[dict] = mapped_column(JSON)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.customer_id"), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued | sent | failed | skipped
    error: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    to_name: Mapped[str | None] = mapped_column(String(255))
    template_id: Mapped[int | None] = mapped_column(Integer)
    attachment_filename: Mapped[str | None] = mapped_column(String(255))
    provider_message_id: Mapped[str | None] = mapped_column(String(64))
    provider_message_uuid: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
