"""Client of the SMSC HTTP API used for outgoing SMS (`smsc.smsc_url`, `smsc.api_key`, `smsc.source_msisdn`).

Wire format (01 §6): `POST <smsc_url>api/sms` with header `X-API-KEY: <api_key>` and JSON
`{"source_msisdn": <sender id>, "destination_msisdn": <number>, "message": <text>}`; a 2xx reply carries
`{"message_id": ...}`. `GET <smsc_url>api/sms` lists what was sent. With `style="plaintext"` the client sends
instead the form the reference playbooks use (04): `POST <smsc_url>SMS/plaintext/<api_key>` with
`{"source_msisdn", "destination_msisdn", "message_body"}`.
"""

from __future__ import annotations

from typing import Any, Literal

import requests

DEFAULT_TIMEOUT = 5.0


class SmscError(Exception):
    """The SMSC refused the message (`status` is the HTTP status; None when it could not be reached)."""

    def __init__(self, status: int | None, message: str, body: Any = None) -> None:
        super().__init__(f"SMSC {status}: {message}" if status is not None else f"SMSC: {message}")
        self.status = status
        self.message = message
        self.body = body


class SmscUnavailable(SmscError):
    """The SMSC could not be reached or did not answer in time."""

    def __init__(self, message: str) -> None:
        super().__init__(None, message)


class SmscClient:
    """Sends SMS from the configured sender id."""

    def __init__(
        self,
        url: str,
        api_key: str,
        source_msisdn: str,
        timeout: float = DEFAULT_TIMEOUT,
        style: Literal["api", "plaintext"] = "api",
        session: requests.Session | None = None,
    ) -> None:
        self.base = url if url.endswith("/") else url + "/"
        self.api_key = api_key
        self.source_msisdn = source_msisdn
        self.timeout = timeout
        self.style = style
        self.session = session or requests.Session()

    def close(self) -> None:
        self.session.close()

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        try:
            return self.session.request(method, url, timeout=self.timeout, **kwargs)
        except requests.Timeout as error:
            raise SmscUnavailable(f"{url} did not answer within {self.timeout}s") from error
        except requests.RequestException as error:
            raise SmscUnavailable(f"{url} unreachable: {error}") from error

    @staticmethod
    def _json(response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            return None

    def send(self, destination: str, message: str) -> str:
        """Send one SMS to `destination` (a phone number, `+` allowed); returns the SMSC's message id."""
        if self.style == "plaintext":
            url = f"{self.base}SMS/plaintext/{self.api_key}"
            body = {"source_msisdn": self.source_msisdn, "destination_msisdn": destination, "message_body": message}
            response = self._send("POST", url, json=body)
        else:
            url = f"{self.base}api/sms"
            body = {"source_msisdn": self.source_msisdn, "destination_msisdn": destination, "message": message}
            response = self._send("POST", url, json=body, headers={"X-API-KEY": self.api_key})
        data = self._json(response)
        if not 200 <= response.status_code < 300:
            detail = data.get("message") if isinstance(data, dict) else None
            raise SmscError(response.status_code, str(detail or response.text[:200] or "refused"), data)
        return str(data.get("message_id", "")) if isinstance(data, dict) else ""

    def sent(self, destination: str | None = None) -> list[dict[str, Any]]:
        """What the SMSC reports as sent (oldest first), optionally to one destination."""
        query = {"destination_msisdn": destination} if destination else None
        response = self._send("GET", f"{self.base}api/sms", params=query, headers={"X-API-KEY": self.api_key})
        data = self._json(response)
        if response.status_code != 200 or not isinstance(data, dict):
            raise SmscError(response.status_code, "cannot list sent messages", data)
        return list(data.get("data") or [])
