"""Client of the PyHSS REST API (`hss.hss_peers`): APNs, AuC (SIM keys), EPC subscribers, IMS subscribers.

PyHSS conventions this client follows (`services/apiService.py`, `lib/database.py` in nickvsnetworking/pyhss):
create is `PUT /<table>/`, read/update/delete are `GET`/`PATCH`/`DELETE /<table>/<id>`; writes accept
`?operation_id=<uuid>` (query string only), which groups them so `GET /oam/rollback_operation/<id>` can undo.

Peers are tried in the configured order; the next one is tried only when a peer cannot be connected to (a peer
that accepted the request but answered late is not retried elsewhere, so a write is never applied twice).

How PyHSS answers, and what the client raises:
- a missing record is HTTP 200 with the body `null` (400 `null` for the IMS lookups) -> `HssNotFound`;
- `{"result": "Failed", "reason": ...}` with 400 (constraint violations, e.g. a duplicate IMSI) or 500 ->
  `HssError(status, reason)`; 401 for a missing/wrong `Provisioning-Key` -> `HssError`;
- no peer reachable, or a timeout -> `HssUnavailable` (an `HssError` with `status` None).

Caution, from PyHSS's code: `rollback(operation_id)` undoes only the NEWEST change logged under that id, and
calling it again does not go further back; undo a multi-step provisioning by deleting what was created, newest
first. Rolling back an update also corrupts the restored values (PyHSS drops their last character).
"""

from __future__ import annotations

import uuid
from typing import Any

import requests

DEFAULT_TIMEOUT = 5.0


class HssError(Exception):
    """PyHSS refused the request (`status` is the HTTP status; None when no peer answered)."""

    def __init__(self, status: int | None, message: str, body: Any = None) -> None:
        super().__init__(f"HSS {status}: {message}" if status is not None else f"HSS: {message}")
        self.status = status
        self.message = message
        self.body = body


class HssNotFound(HssError):
    """PyHSS has no such record (it answers the body `null`)."""


class HssUnavailable(HssError):
    """No HSS peer could be reached, or the one reached did not answer in time."""

    def __init__(self, message: str) -> None:
        super().__init__(None, message)


def new_operation_id() -> str:
    """A fresh id to pass as `operation_id` to the writes of one provisioning job."""
    return str(uuid.uuid4())


class HssClient:
    """Typed calls to PyHSS over a list of peer base URLs (e.g. `["http://10.0.0.1:8080"]`)."""

    def __init__(
        self,
        peers: list[str],
        timeout: float = DEFAULT_TIMEOUT,
        provisioning_key: str | None = None,
        session: requests.Session | None = None,
    ) -> None:
        if not peers:
            raise ValueError("at least one HSS peer is needed")
        self.peers = [peer.rstrip("/") for peer in peers]
        self.timeout = timeout
        self.provisioning_key = provisioning_key
        self.session = session or requests.Session()

    def close(self) -> None:
        self.session.close()

    # transport ------------------------------------------------------------------------------------------------

    def request(
        self, method: str, path: str, *, body: Any = None, operation_id: str | None = None, query: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        """Send to the first peer that accepts a connection; returns (HTTP status, decoded JSON body)."""
        params = dict(query or {})
        if operation_id:
            params["operation_id"] = operation_id
        headers = {"Accept": "application/json"}
        if self.provisioning_key:
            headers["Provisioning-Key"] = self.provisioning_key
        errors = []
        for peer in self.peers:
            try:
                response = self.session.request(
                    method, peer + path, json=body, params=params or None, headers=headers, timeout=self.timeout
                )
            except requests.ConnectionError as error:  # refused, unreachable, connect timeout: try the next
                errors.append(f"{peer}: {error}")
                continue
            except requests.Timeout as error:  # sent, but no answer in time: it may have been applied, stop here
                raise HssUnavailable(f"{peer} did not answer {method} {path} within {self.timeout}s") from error
            try:
                return response.status_code, response.json()
            except ValueError:
                raise HssError(response.status_code, response.text[:200] or "empty reply") from None
        raise HssUnavailable("no HSS peer reachable: " + "; ".join(errors))

    def _call(self, method: str, path: str, *, body: Any = None, operation_id: str | None = None, what: str = "") -> Any:
        """Send and decode; `what` names the record for HssNotFound (without it, `null` means PyHSS failed)."""
        status, data = self.request(method, path, body=body, operation_id=operation_id)
        if data is None and status in (200, 400):
            if method == "PUT" or not what:
                raise HssError(status, f"PyHSS failed {method} {path} (it answered null: a value of the wrong type?)")
            raise HssNotFound(status, f"no {what} in the HSS")
        if status >= 400:
            message = (data.get("reason") or data.get("Result") or data.get("message")) if isinstance(data, dict) else None
            raise HssError(status, str(message or data), data)
        return data

    # generic table operations ---------------------------------------------------------------------------------

    def create(self, table: str, data: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        """`PUT /<table>/`: the created row (with its new id, e.g. `auc_id`)."""
        return self._call("PUT", f"/{table}/", body=data, operation_id=operation_id)

    def get(self, table: str, item_id: int | str) -> dict[str, Any]:
        return self._call("GET", f"/{table}/{item_id}", what=f"{table} {item_id}")

    def update(self, table: str, item_id: int | str, changes: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        """`PATCH /<table>/<id>` with only the fields to change; returns the updated row."""
        return self._call("PATCH", f"/{table}/{item_id}", body=changes, operation_id=operation_id, what=f"{table} {item_id}")

    def delete(self, table: str, item_id: int | str, operation_id: str | None = None) -> None:
        self._call("DELETE", f"/{table}/{item_id}", operation_id=operation_id, what=f"{table} {item_id}")

    def list_rows(self, table: str, page: int = 0, page_size: int = 200) -> list[dict[str, Any]]:
        """`GET /<table>/list?page=&page_size=` (pages count from 0)."""
        status, data = self.request("GET", f"/{table}/list", query={"page": page, "page_size": page_size})
        if status >= 400 or not isinstance(data, list):
            raise HssError(status, f"cannot list {table}", data)
        return data

    # APN ------------------------------------------------------------------------------------------------------

    def create_apn(self, data: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        """Required: `apn`, `apn_ambr_dl`, `apn_ambr_ul`."""
        return self.create("apn", data, operation_id)

    def get_apn(self, apn_id: int) -> dict[str, Any]:
        return self.get("apn", apn_id)

    def update_apn(self, apn_id: int, changes: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        return self.update("apn", apn_id, changes, operation_id)

    def delete_apn(self, apn_id: int, operation_id: str | None = None) -> None:
        self.delete("apn", apn_id, operation_id)

    # AuC ------------------------------------------------------------------------------------------------------

    def create_auc(self, data: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        """Required: `ki`, `opc` (32 hex), `amf` (4 hex); usually `imsi`, `iccid` (both unique), `sqn`."""
        return self.create("auc", data, operation_id)

    def get_auc(self, auc_id: int) -> dict[str, Any]:
        """The AuC row; PyHSS leaves the keys (`ki`, `opc`, ...) out unless `api.enable_insecure_auc`."""
        return self.get("auc", auc_id)

    def get_auc_by_imsi(self, imsi: str) -> dict[str, Any]:
        return self._call("GET", f"/auc/imsi/{imsi}", what=f"AuC for IMSI {imsi}")

    def get_auc_by_iccid(self, iccid: str) -> dict[str, Any]:
        return self._call("GET", f"/auc/iccid/{iccid}", what=f"AuC for ICCID {iccid}")

    def update_auc(self, auc_id: int, changes: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        return self.update("auc", auc_id, changes, operation_id)

    def delete_auc(self, auc_id: int, operation_id: str | None = None) -> None:
        self.delete("auc", auc_id, operation_id)

    # EPC subscriber -------------------------------------------------------------------------------------------

    def create_subscriber(self, data: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        """Required: `imsi` (unique), `auc_id`, `default_apn` (an apn_id), `apn_list` ("1,2"); optional `msisdn`
        (a leading + is stripped by PyHSS), `enabled`, `ue_ambr_dl`/`ue_ambr_ul`, `nam`, `roaming_enabled`."""
        return self.create("subscriber", data, operation_id)

    def get_subscriber(self, subscriber_id: int) -> dict[str, Any]:
        return self.get("subscriber", subscriber_id)

    def get_subscriber_by_imsi(self, imsi: str) -> dict[str, Any]:
        """The subscriber with its `attributes` list."""
        return self._call("GET", f"/subscriber/imsi/{imsi}", what=f"subscriber with IMSI {imsi}")

    def get_subscriber_by_msisdn(self, msisdn: str) -> dict[str, Any]:
        """The subscriber with its `attributes` list (`msisdn` without `+`, as PyHSS stores it)."""
        return self._call("GET", f"/subscriber/msisdn/{msisdn.lstrip('+')}", what=f"subscriber with MSISDN {msisdn}")

    def update_subscriber(self, subscriber_id: int, changes: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        """E.g. `{"enabled": False}` to suspend (PyHSS then detaches the UE with a Diameter CLR)."""
        return self.update("subscriber", subscriber_id, changes, operation_id)

    def delete_subscriber(self, subscriber_id: int, operation_id: str | None = None) -> None:
        self.delete("subscriber", subscriber_id, operation_id)

    # IMS subscriber -------------------------------------------------------------------------------------------

    def create_ims_subscriber(self, data: dict[str, Any], operation_id: str | None = None) -> dict[str, Any]:
        """`msisdn` (unique), `msisdn_list`, `imsi`, `ifc_path`, `sh_template_path`, `xcap_profile`."""
        return self.create("ims_subscriber", data, operation_id)

    def get_ims_subscriber(self, ims_subscriber_id: int) -> dict[str, Any]:
        return self.get("ims_subscriber", ims_subscriber_id)

    def get_ims_subscriber_by_imsi(self, imsi: str) -> dict[str, Any]:
        return self._call("GET", f"/ims_subscriber/ims_subscriber_imsi/{imsi}", what=f"IMS subscriber with IMSI {imsi}")

    def get_ims_subscriber_by_msisdn(self, msisdn: str) -> dict[str, Any]:
        path = f"/ims_subscriber/ims_subscriber_msisdn/{msisdn.lstrip('+')}"
        return self._call("GET", path, what=f"IMS subscriber with MSISDN {msisdn}")

    def update_ims_subscriber(
        self, ims_subscriber_id: int, changes: dict[str, Any], operation_id: str | None = None
    ) -> dict[str, Any]:
        return self.update("ims_subscriber", ims_subscriber_id, changes, operation_id)

    def delete_ims_subscriber(self, ims_subscriber_id: int, operation_id: str | None = None) -> None:
        self.delete("ims_subscriber", ims_subscriber_id, operation_id)

    # operations -----------------------------------------------------------------------------------------------

    def rollback(self, operation_id: str) -> str:
        """`GET /oam/rollback_operation/<operation_id>`: PyHSS's message. Undoes the newest change of that
        operation only (see the module notes)."""
        return str(self._call("GET", f"/oam/rollback_operation/{operation_id}"))

    def rollback_last(self) -> str:
        """`GET /oam/rollback_operation/last`: undo the newest change of any operation."""
        return str(self._call("GET", "/oam/rollback_operation/last"))

    def ping(self) -> bool:
        """`GET /oam/ping` on the first reachable peer."""
        return self._call("GET", "/oam/ping", what="ping") == {"result": "OK"}
