"""Record the e-mails the product sends. Sending through Mailjet comes with the e-mail feature; until then
every message stays `queued` here, so the business action always completes and nothing is lost."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from omnicrm.notify.models import Communication


def queue_email(
    session: Session,
    template_key: str,
    recipient: str,
    variables: dict[str, Any],
    *,
    user_id: int | None = None,
    customer_id: int | None = None,
    subject: str | None = None,
) -> Communication:
    message = Communication(
        channel="email",
        template_key=template_key,
        recipient=recipient,
        subject=subject,
        variables=variables,
        user_id=user_id,
        customer_id=customer_id,
    )
    session.add(message)
    return message
