"""Every e-mail the product sends starts here: one `communication` row per recipient, written in the caller's
transaction, then delivered through Mailjet by a background job once that transaction commits (notify/delivery.py).
An e-mail that cannot be sent (Mailjet not configured, no template block for its type) is recorded as `skipped`
with the reason, and the business action it belongs to still completes."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from omnicrm.auth.credentials import encrypt
from omnicrm.config import Settings
from omnicrm.jobs.runner import enqueue
from omnicrm.notify import templates
from omnicrm.notify.delivery import deliver
from omnicrm.notify.models import Communication

log = logging.getLogger(__name__)


def queue_email(session: Session, template_key: str, recipient: str, variables: dict[str, Any], **details: Any) -> Communication:
    """Record an e-mail (`details` as for `record_email`); it is delivered in the background once the caller's
    transaction commits."""
    message, values = record_email(session, template_key, recipient, variables, **details)
    if values is not None:
        session.flush()  # the id goes to the job and to Mailjet as CustomID
        # The real values (reset links, temporary passwords) travel to the job encrypted; the log keeps "***".
        sealed = encrypt(_settings(), json.dumps(values))
        enqueue(session, deliver, communication_id=message.communication_id, sealed_variables=sealed)
    return message


def record_email(
    session: Session,
    template_key: str,
    recipient: str,
    variables: dict[str, Any],
    *,
    user_id: int | None = None,
    customer_id: int | None = None,
    subject: str | None = None,
    to_name: str | None = None,
) -> tuple[Communication, dict[str, str] | None]:
    """The communication row, and the values to send; None when it cannot be sent (then it is `skipped`)."""
    settings = _settings()
    block = templates.template(settings, template_key)
    values = templates.complete(template_key, variables)
    message = Communication(
        channel="email",
        template_key=template_key,
        recipient=recipient,
        to_name=to_name,
        subject=subject or (block.subject if block else None),
        template_id=block.template_id if block else None,
        variables=templates.redacted(values),
        user_id=user_id,
        customer_id=customer_id,
        status="queued",
    )
    session.add(message)
    reason = cannot_send(settings, template_key)
    if reason:
        message.status, message.error = "skipped", reason
        log.warning("e-mail %s to %s not sent: %s", template_key, recipient, reason)
        return message, None
    return message, values


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def cannot_send(settings: Settings, template_key: str) -> str | None:
    """Why an e-mail of this type cannot go out, or None."""
    if not (settings.mailjet.api_key and settings.mailjet.api_secret):
        return "e-mail disabled: mailjet.api_key and mailjet.api_secret are not set"
    if templates.template(settings, template_key) is None:
        return f"no Mailjet template configured for {template_key}"
    return None
