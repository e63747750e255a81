"""Deliver one queued e-mail through the Mailjet Send API v3.1 (spec 06 B11), with the official SDK.

Bad credentials and refused messages fail at once; rate limits, server errors, time-outs and network errors are
tried again after `mailjet.retry_delays_seconds` (1 s, 4 s, 16 s), then the e-mail is `failed`. The outcome, the
provider's message ids and the error stay on the communication row.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from flask import current_app
from mailjet_rest import Client
from mailjet_rest import errors as mailjet
from mailjet_rest.utils.guardrails import SecureHTTPAdapter

from omnicrm import clock
from omnicrm.auth.credentials import decrypt
from omnicrm.config import Settings
from omnicrm.db import get_session
from omnicrm.notify import templates
from omnicrm.notify.models import Communication

log = logging.getLogger(__name__)
TRANSIENT = (mailjet.ApiRateLimitError, mailjet.MailjetNetworkError)  # 429, time-outs and network errors


@dataclass
class Outcome:
    sent: bool
    error: str | None = None
    message_id: str | None = None
    message_uuid: str | None = None
    retry: bool = False


def deliver(communication_id: int, sealed_variables: str) -> None:
    """The background job (the values arrive encrypted: they may hold reset links)."""
    settings: Settings = current_app.extensions["omnicrm.settings"]
    send_now(communication_id, json.loads(decrypt(settings, sealed_variables)))


def send_now(communication_id: int, variables: dict[str, str]) -> Communication | None:
    """Send a recorded e-mail and store the outcome. A row no longer `queued` was handled already: it is never
    sent twice."""
    session = get_session()
    message = session.get(Communication, communication_id, with_for_update=True)
    if message is None or message.status != "queued":
        return message
    settings: Settings = current_app.extensions["omnicrm.settings"]
    outcome = _send(settings, message, _payload(settings, message, variables))
    message.status = "sent" if outcome.sent else "failed"
    message.error, message.provider_message_id, message.provider_message_uuid = (
        outcome.error,
        outcome.message_id,
        outcome.message_uuid,
    )
    message.sent_at = clock.now() if outcome.sent else None
    session.commit()
    if not outcome.sent:
        log.error("e-mail %s (%s) to %s failed: %s", communication_id, message.template_key, message.recipient, outcome.error)
    return message


def _payload(settings: Settings, message: Communication, variables: dict[str, str]) -> dict[str, Any]:
    block = templates.template(settings, message.template_key)
    body: dict[str, Any] = {
        "From": {"Email": block.from_email, "Name": block.from_name},
        "To": [{"Email": message.recipient, "Name": message.to_name or ""}],
        "TemplateID": message.template_id,
        "TemplateLanguage": True,  # without it Mailjet leaves {{var:...}} as they are
        "Subject": message.subject or "",
        "Variables": variables,
        "CustomID": f"comm-{message.communication_id}",
    }
    if settings.mailjet.template_error_reporting_email:
        body["TemplateErrorReporting"] = {"Email": settings.mailjet.template_error_reporting_email}
    return {"Messages": [body]}


def _send(settings: Settings, message: Communication, payload: dict[str, Any]) -> Outcome:
    delays = [0.0, *settings.mailjet.retry_delays_seconds]
    outcome = Outcome(sent=False, error="not attempted")
    for delay in delays:
        time.sleep(delay)
        message.attempts += 1
        outcome = _attempt(settings, payload)
        if not outcome.retry:
            return outcome
    return outcome


def _attempt(settings: Settings, payload: dict[str, Any]) -> Outcome:
    try:
        response = _client(settings).send.create(data=payload)
    except mailjet.MailjetAuthError as exc:
        return Outcome(sent=False, error=f"Mailjet refused the credentials: {exc}")
    except (mailjet.ValidationError, mailjet.DoesNotExistError) as exc:
        return Outcome(sent=False, error=f"Mailjet refused the message: {exc}")
    except TRANSIENT as exc:
        return Outcome(sent=False, error=f"{type(exc).__name__}: {exc}", retry=True)
    except mailjet.ApiError as exc:  # 5xx and anything else the SDK does not name: worth another try
        return Outcome(sent=False, error=f"Mailjet error: {exc}", retry=True)
    return _read(response.json())


def _read(body: dict[str, Any]) -> Outcome:
    first = (body.get("Messages") or [{}])[0]
    if first.get("Status") != "success":
        errors = first.get("Errors") or [{}]
        return Outcome(sent=False, error=errors[0].get("ErrorMessage") or "Mailjet did not accept the message")
    recipient = (first.get("To") or [{}])[0]
    return Outcome(sent=True, message_id=str(recipient.get("MessageID") or ""), message_uuid=recipient.get("MessageUUID"))


def _client(settings: Settings) -> Client:
    config = settings.mailjet
    client = Client(
        auth=(config.api_key, config.api_secret), version="v3.1", api_url=config.api_url, timeout=config.timeout_seconds
    )
    # The SDK retries on its own over https; our policy (spec 06 B11) is the only one, so its adapter retries none.
    client.session.mount("https://", SecureHTTPAdapter(max_retries=0))
    return client
