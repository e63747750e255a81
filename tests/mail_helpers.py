"""A Mailjet simulator for the tests that follow e-mails out of the product, and an app configured to use it.

Import the fixtures where needed: `from mail_helpers import mailjet_fixture, mail_app_fixture  # noqa: F401`.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from omnicrm.notify.templates import VARIABLES
from omnicrm.sandbox import mailjet
from omnicrm.sandbox.server import start

TEMPLATE_IDS = {key: 7000 + number for number, key in enumerate(VARIABLES, 1)}


def mailjet_settings(running: Any, **extra: Any) -> dict[str, Any]:
    blocks = {
        key: {
            "from_email": "crm@example.com",
            "from_name": "Example CRM",
            "template_id": template_id,
            "subject": f"Subject {key}",
        }
        for key, template_id in TEMPLATE_IDS.items()
    }
    return {
        "api_url": f"{running.url}/",
        "api_key": mailjet.DEFAULT_API_KEY,
        "api_secret": mailjet.DEFAULT_API_SECRET,
        "retry_delays_seconds": [0.01, 0.01, 0.01],
        **blocks,
        **extra,
    }


@pytest.fixture(scope="session", name="mailjet")
def mailjet_fixture():
    running = start(mailjet.create_app())
    yield running
    running.stop()


@pytest.fixture(name="mail_app")
def mail_app_fixture(make_app, mailjet):
    mailjet.app.extensions["sandbox"].reset_state()
    mailjet.app.extensions["sandbox"].controls.reset()
    return make_app(mailjet=mailjet_settings(mailjet))


def delivered(mailjet: Any, template_key: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
    """The messages of one type Mailjet received, waiting (the product sends in the background) for `count`."""
    deadline = time.monotonic() + timeout
    while True:
        messages = [
            m for m in mailjet.app.extensions["sandbox"].dump_state()["messages"] if m["TemplateID"] == TEMPLATE_IDS[template_key]
        ]
        if len(messages) >= count or time.monotonic() > deadline:
            return messages
        time.sleep(0.02)
