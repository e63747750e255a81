"""PyHSS simulator: the REST API of PyHSS (`services/apiService.py`, tables of `lib/database.py`) with state in memory.

It answers as PyHSS does on its default SQLite database, quirks included, because production talks to the real one:
- create = `PUT /<table>/` (trailing slash), read/update/delete = `GET`/`PATCH`/`DELETE /<table>/<id>`, list =
  `GET /<table>/list?page=0&page_size=200`; lookups `GET /auc/imsi/<imsi>`, `/auc/iccid/<iccid>`,
  `/subscriber/imsi/<imsi>` and `/subscriber/msisdn/<msisdn>` (both with `attributes`),
  `/ims_subscriber/ims_subscriber_imsi/<imsi>`, `/ims_subscriber/ims_subscriber_msisdn/<msisdn>`;
- a created row comes back whole (AuC keys included); AuC reads strip `ki`, `opc`, `des`, `kid`, `psk`, `adm1`
  unless `insecure_auc=True`; a `+` is stripped from `msisdn` (and IMS `msisdn_list`);
- a record that does not exist answers HTTP 200 with the body `null` (400 `null` for the IMS lookups), because
  PyHSS's `handle_exception` returns nothing for that error; a badly typed value (e.g. `"enabled": "yes"`) is
  also a 200 `null` and nothing is written;
- constraint violations answer 400 `{"result": "Failed", "reason": "A database integrity error occurred:
  (sqlite3.IntegrityError) UNIQUE constraint failed: auc.imsi ..."}` (also `NOT NULL constraint failed`);
  an unknown field in a create answers 500 `{"result": "Failed", "reason": "An internal server error occurred:
  'x' is an invalid keyword argument for AUC"}`; an unknown field in a PATCH is ignored; `DELETE` answers
  `{"Result": "OK"}`; an unknown path 404 `{"Result": "Not Found"}`;
- `operation_id` is read from the query string only (in the body it is an unknown field). Every write is logged
  (with a random operation id when none is given). `GET /oam/rollback_operation/<operation_id>` undoes only the
  newest logged change of that operation, is not itself logged (so calling it again undoes the same change
  again, not the one before), and answers the text `"Rolled back operation with operation_id: <new uuid>\\n"`
  or `"No operation to roll back."`. Rolling back an UPDATE drops the last character of each old value, as
  PyHSS's parser does (`[bool] True` comes back as `False`, `"12345"` as `"1234"`, a one-digit int fails with
  200 `null`). `GET /oam/rollback_operation/last` undoes the newest change of any operation;
- with `provisioning_key=...`, writes and rollbacks need the header `Provisioning-Key` (else 401
  `{"Result": "Unauthorized - Provisioning-Key Invalid"}`);
- PATCHing a subscriber records a Diameter CLR when it is disabled with a serving MME, and a GSUP update when it
  is enabled (see `events` in `GET /sandbox/state`). Foreign keys are not enforced (SQLite's default).

Failure/delay rules (see `server.Controls`) match `method` (HTTP verb or `*`) and `path` (a glob, default `*`);
a failure answers `status` (default 500) with `body` (default PyHSS's internal-error body).
"""

from __future__ import annotations

import copy
import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, request

from omnicrm.sandbox.server import Controls, http_rule_matches, run_cli

KEY_FIELDS = ("opc", "ki", "des", "kid", "psk", "adm1")
BACKGROUND = "(Background on this error at: https://sqlalche.me/e/20/gkpj)"


@dataclass(frozen=True)
class Col:
    name: str
    kind: str = "str"  # str | int | bool | datetime
    nullable: bool = True
    unique: bool = False
    default: Any = None


def _cols(spec: str, kind: str = "str") -> list[Col]:
    return [Col(name, kind) for name in spec.split()]


def _table(pk: str, *columns: Col | list[Col]) -> list[Col]:
    flat = [Col(pk, "int", unique=True)]
    for column in columns:
        flat.extend(column if isinstance(column, list) else [column])
    return [*flat, Col("last_modified")]


TABLES: dict[str, list[Col]] = {
    "apn": _table(
        "apn_id",
        Col("apn", nullable=False),
        Col("ip_version", "int", default=0),
        _cols("pgw_address sgw_address"),
        Col("charging_characteristics", default="0800"),
        Col("apn_ambr_dl", "int", nullable=False),
        Col("apn_ambr_ul", "int", nullable=False),
        Col("qci", "int", default=9),
        Col("arp_priority", "int", default=4),
        Col("arp_preemption_capability", "bool", default=False),
        Col("arp_preemption_vulnerability", "bool", default=True),
        Col("charging_rule_list"),
        Col("nbiot", "bool", default=False),
        _cols("nidd_scef_id nidd_scef_realm"),
        _cols("nidd_mechanism nidd_rds nidd_preferred_data_mode", "int"),
    ),
    "auc": _table(
        "auc_id",
        Col("ki", nullable=False),
        Col("opc", nullable=False),
        Col("amf", nullable=False),
        Col("sqn", "int"),
        Col("iccid", unique=True),
        Col("imsi", unique=True),
        _cols("batch_name sim_vendor"),
        Col("esim", "bool", default=False),
        _cols("lpa pin1 pin2 puk1 puk2 kid psk des adm1"),
        Col("algo", default="3"),
        _cols("misc1 misc2 misc3 misc4"),
    ),
    "subscriber": _table(
        "subscriber_id",
        Col("imsi", unique=True),
        Col("enabled", "bool", default=True),
        Col("auc_id", "int", nullable=False),
        Col("default_apn", "int", nullable=False),
        Col("apn_list", nullable=False),
        Col("msisdn"),
        Col("ue_ambr_dl", "int", default=999999),
        Col("ue_ambr_ul", "int", default=999999),
        Col("nam", "int", default=0),
        Col("roaming_enabled", "bool", default=True),
        Col("roaming_rule_list"),
        Col("subscribed_rau_tau_timer", "int", default=300),
        Col("serving_mme"),
        Col("serving_mme_timestamp", "datetime"),
        _cols("serving_mme_realm serving_mme_peer serving_msc"),
        Col("serving_msc_timestamp", "datetime"),
        Col("serving_vlr"),
        Col("serving_vlr_timestamp", "datetime"),
        Col("serving_sgsn"),
        Col("serving_sgsn_timestamp", "datetime"),
        _cols("last_seen_eci last_seen_enodeb_id last_seen_cell_id last_seen_tac last_seen_mcc last_seen_mnc"),
        Col("last_location_update_timestamp", "datetime"),
    ),
    "ims_subscriber": _table(
        "ims_subscriber_id",
        Col("msisdn", unique=True),
        _cols("msisdn_list imsi ifc_path pcscf pcscf_realm pcscf_active_session"),
        Col("pcscf_timestamp", "datetime"),
        _cols("pcscf_peer xcap_profile sh_profile scscf"),
        Col("scscf_timestamp", "datetime"),
        _cols("scscf_realm scscf_peer sh_template_path"),
    ),
    "subscriber_attributes": [
        Col("subscriber_attributes_id", "int", unique=True),
        Col("subscriber_id", "int", nullable=False),
        Col("key"),
        Col("last_modified"),
        Col("value"),
    ],
}
CLASS_NAMES = {name: name.upper() for name in TABLES}


class Null(Exception):
    """PyHSS's `handle_exception` fell through: the answer is `null` (HTTP 200 unless said otherwise)."""

    def __init__(self, status: int = 200) -> None:
        super().__init__()
        self.status = status


class Failed(Exception):
    """An error PyHSS reports as `{"result": "Failed", "reason": ...}`."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _integrity(message: str, sql: str, params: tuple[Any, ...]) -> Failed:
    return Failed(
        400,
        f"A database integrity error occurred: (sqlite3.IntegrityError) {message}\n[SQL: {sql}]\n"
        f"[parameters: {params!r}]\n{BACKGROUND}",
    )


def _bind(column: Col, value: Any) -> Any:
    """What SQLAlchemy + SQLite store for `value`; a type SQLAlchemy refuses raises Null (PyHSS answers `null`)."""
    if value is None:
        return None
    if isinstance(value, list | dict):
        raise Null()  # sqlite3.ProgrammingError: type 'list' is not supported
    if column.kind == "bool":
        if value in (True, False):  # also 1 and 0, as SQLAlchemy's strict boolean check lets them through
            return bool(value)
        raise Null()  # TypeError: Not a boolean value
    if column.kind == "datetime":
        raise Null()  # SQLite DateTime type only accepts Python datetime and date objects as input
    if column.kind == "int":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            text = value.strip()
            try:
                return int(text)
            except ValueError:
                try:
                    number = float(text)
                    return int(number) if number.is_integer() else number
                except ValueError:
                    return value  # SQLite keeps text that does not look like a number
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    return value if isinstance(value, str) else str(value)


def _now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S") + "Z"


class PyhssSimulator:
    """Tables, operation log and REST handlers. Each request runs under one lock."""

    def __init__(self, insecure_auc: bool = False, provisioning_key: str | None = None, origin_host: str = "hss01") -> None:
        self.insecure_auc = insecure_auc
        self.provisioning_key = provisioning_key
        self.origin_host = origin_host
        self.controls = Controls("hss", http_rule_matches)
        self.lock = threading.RLock()
        self.reset_state()

    def reset_state(self) -> None:
        with self.lock:
            self.tables: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in TABLES}
            self.operation_log: list[dict[str, Any]] = []
            self.events: list[dict[str, Any]] = []

    def dump_state(self) -> dict[str, Any]:
        with self.lock:
            return copy.deepcopy(
                {
                    "tables": {name: list(rows.values()) for name, rows in self.tables.items()},
                    "operation_log": self.operation_log,
                    "events": self.events,
                }
            )

    # rows ---------------------------------------------------------------------------------------------------

    @staticmethod
    def _pk(table: str) -> str:
        return TABLES[table][0].name

    def _find(self, table: str, raw_id: Any) -> dict[str, Any] | None:
        try:
            return self.tables[table].get(int(str(raw_id).strip()))
        except ValueError:
            return None

    def _out(self, table: str, row: dict[str, Any], sanitize_keys: bool = True) -> dict[str, Any]:
        out = dict(row)
        if table == "auc" and sanitize_keys and not self.insecure_auc:
            for name in KEY_FIELDS:
                out.pop(name, None)
        return out

    def _check(self, table: str, row: dict[str, Any], sql: str, params: tuple[Any, ...], skip_id: int | None) -> None:
        for column in TABLES[table]:
            if not column.nullable and row.get(column.name) is None:
                raise _integrity(f"NOT NULL constraint failed: {table}.{column.name}", sql, params)
        for column in TABLES[table]:
            value = row.get(column.name)
            if column.unique and value is not None:
                for other_id, other in self.tables[table].items():
                    if other_id != skip_id and other.get(column.name) == value:
                        raise _integrity(f"UNIQUE constraint failed: {table}.{column.name}", sql, params)

    def _log(
        self, table: str, item_id: int, operation: str, changes: list[tuple[str, Any, Any]], operation_id: str | None
    ) -> None:
        """PyHSS `log_change`: one row per changed object, the changes as `col: [type] old ----> [type] new`."""
        text = "\r\n\r\n".join(
            f"{name}: [{type(old).__name__}] {old} ----> [{type(new).__name__}] {new}" for name, old, new in changes
        )
        now = datetime.now(UTC)
        self.operation_log.append(
            {
                "id": len(self.operation_log) + 1,
                "item_id": item_id,
                "operation_id": operation_id or str(uuid.uuid4()),
                "operation": operation,
                "changes": text,
                "last_modified": now.isoformat(),
                "timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "table_name": table,
            }
        )

    def create(self, table: str, data: Any, operation_id: str | None) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise Failed(500, f"An internal server error occurred: {CLASS_NAMES[table]}() argument after ** must be a mapping")
        names = {column.name: column for column in TABLES[table]}
        for key in data:
            if key not in names:
                raise Failed(
                    500, f"An internal server error occurred: '{key}' is an invalid keyword argument for {CLASS_NAMES[table]}"
                )
        pk = self._pk(table)
        row: dict[str, Any] = {}
        for column in TABLES[table]:
            value = data.get(column.name, column.default)
            row[column.name] = _bind(column, value)
        row["last_modified"] = _now_text()
        columns = [c.name for c in TABLES[table] if c.name != pk or row[pk] is not None]
        params = tuple(row[name] for name in columns)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        if row[pk] is not None and not isinstance(row[pk], int):
            raise Failed(400, f"A database integrity error occurred: (sqlite3.IntegrityError) datatype mismatch\n{BACKGROUND}")
        self._check(table, row, sql, params, skip_id=None)
        if row[pk] is None:
            row[pk] = max(self.tables[table], default=0) + 1  # SQLite INTEGER PRIMARY KEY: max(rowid) + 1
        self.tables[table][row[pk]] = row
        self._log(table, row[pk], "INSERT", [(name, None, value) for name, value in row.items()], operation_id)
        return dict(row)

    def update(self, table: str, raw_id: Any, data: Any, operation_id: str | None) -> dict[str, Any]:
        row = self._find(table, raw_id)
        if row is None or not isinstance(data, dict):
            raise Null()
        names = {column.name: column for column in TABLES[table]}
        new = dict(row)
        for key, value in data.items():
            if key in names:
                new[key] = _bind(names[key], value)
                new["last_modified"] = _now_text()
        pk = self._pk(table)
        changed = [
            (name, row[name], new[name]) for name in row if row[name] != new[name] or type(row[name]) is not type(new[name])
        ]
        if not changed:
            return dict(row)
        sql = f"UPDATE {table} SET {', '.join(f'{n}=?' for n, _, _ in changed)} WHERE {table}.{pk} = ?"
        params = (*(value for _, _, value in changed), row[pk])
        if not isinstance(new[pk], int):
            raise Failed(400, f"A database integrity error occurred: (sqlite3.IntegrityError) datatype mismatch\n{BACKGROUND}")
        self._check(table, new, sql, params, skip_id=row[pk])
        self._log(table, row[pk], "UPDATE", changed, operation_id)
        del self.tables[table][row[pk]]
        self.tables[table][new[pk]] = new
        return dict(new)

    def delete(self, table: str, raw_id: Any, operation_id: str | None) -> dict[str, Any]:
        row = self._find(table, raw_id)
        if row is None:
            raise Null()
        del self.tables[table][row[self._pk(table)]]
        self._log(table, row[self._pk(table)], "DELETE", [(name, value, None) for name, value in row.items()], operation_id)
        return {"Result": "OK"}

    def lookup(self, table: str, column: str, value: str, status_if_missing: int = 200) -> dict[str, Any]:
        """`.one()` on `column == value`: none or several is PyHSS's `null`."""
        found = [row for row in self.tables[table].values() if row.get(column) is not None and str(row[column]) == value]
        if len(found) != 1:
            raise Null(status_if_missing)
        return dict(found[0])

    def page(self, table: str, page: int, page_size: int) -> list[dict[str, Any]]:
        rows = list(self.tables[table].values())
        if page_size:
            rows = rows[page * page_size : page * page_size + page_size]
        return [self._out(table, row) for row in rows]

    # rollback -----------------------------------------------------------------------------------------------

    def rollback(self, operation_id: str | None) -> str:
        """PyHSS `rollback_change_by_operation_id` / `rollback_last_change`: undo ONE logged change, the newest."""
        entries = [e for e in self.operation_log if operation_id is None or e["operation_id"] == operation_id]
        if not entries:
            return "No operations to roll back." if operation_id is None else "No operation to roll back."
        entry = max(entries, key=lambda e: (e["timestamp"], e["id"]))
        table, item_id = entry["table_name"], entry["item_id"]
        target = self.tables[table].get(item_id)
        changes = [change.split(": ", 1) for change in entry["changes"].split("\r\n\r\n")]
        if entry["operation"] == "UPDATE":
            if target is None:
                return f"Error: Could not find item with ID {item_id} in {table.upper()} table"
            updated = dict(target)
            for name, values in changes:
                old_text = values.split(" ----> ", 1)[0]
                kind, old_repr = old_text[1:-1].split("] ", 1)  # PyHSS drops the value's last character here
                updated[name] = _str_to_type(kind, old_repr)
            del self.tables[table][item_id]
            self.tables[table][updated[self._pk(table)]] = updated
        elif entry["operation"] == "INSERT":
            self.tables[table].pop(item_id, None)
        elif entry["operation"] == "DELETE" and target is None:
            restored = {}
            for name, values in changes:
                kind, old_repr = values.split(" ----> ", 1)[0][1:].split("] ", 1)
                restored[name] = _str_to_type(kind, old_repr)
            self.tables[table][item_id] = restored
        return f"Rolled back operation with operation_id: {uuid.uuid4()}\n"


def _str_to_type(kind: str, text: str) -> Any:
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except ValueError:
        raise Null() from None
    if kind == "str":
        return text
    if kind == "bool":
        return text == "True"
    if kind == "NoneType":
        return None
    raise Null()  # ValueError: Cannot convert to type


def create_app(insecure_auc: bool = False, provisioning_key: str | None = None, origin_host: str = "hss01") -> Flask:
    """A PyHSS simulator app (REST at `/`, control API at `/sandbox/...`)."""
    sim = PyhssSimulator(insecure_auc=insecure_auc, provisioning_key=provisioning_key, origin_host=origin_host)
    app = Flask("sandbox_hss")
    app.extensions["sandbox"] = sim
    sim.controls.register(app, sim.dump_state, sim.reset_state)

    def reply(body: Any, status: int = 200) -> Response:
        response = Response(json.dumps(body) + "\n", status=status, content_type="application/json")
        response.headers["HSS"] = sim.origin_host
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    def body() -> Any:
        text = request.get_data(as_text=True)
        try:
            return json.loads(text)
        except ValueError as error:
            raise Failed(
                500, f"An internal server error occurred: 400 Bad Request: Failed to decode JSON object: {error}"
            ) from None

    def serve(handler: Callable[[], Any], write: bool = True) -> Response:
        """Log the call, apply injected delay/failure and the provisioning lock, run `handler` under the lock."""
        call = sim.controls.record(
            {
                "method": request.method,
                "path": request.path,
                "query": request.args.to_dict(),
                "body": request.get_json(silent=True, force=True),
                "headers": {k: v for k, v in request.headers.items() if k.lower() == "provisioning-key"},
            }
        )
        sim.controls.sleep(sim.controls.take_delay(call))
        failure = sim.controls.take_failure(call)
        if failure is not None:
            default = {"result": "Failed", "reason": "An internal server error occurred: injected failure"}
            return reply(failure.get("body", default), int(failure.get("status", 500)))
        if write and sim.provisioning_key and request.headers.get("Provisioning-Key") != sim.provisioning_key:
            return reply({"Result": "Unauthorized - Provisioning-Key Invalid"}, 401)
        try:
            with sim.lock:
                return reply(handler())
        except Null as null:
            return reply(None, null.status)
        except Failed as failed:
            return reply({"result": "Failed", "reason": failed.reason}, failed.status)

    def operation_id() -> str | None:
        return request.args.get("operation_id")

    def strip_plus(data: Any, table: str) -> Any:
        if isinstance(data, dict):
            for name in ("msisdn", "msisdn_list") if table == "ims_subscriber" else ("msisdn",):
                if name in data:
                    if not isinstance(data[name], str):
                        raise Failed(
                            500,
                            f"An internal server error occurred: '{type(data[name]).__name__}' object has no attribute 'replace'",
                        )
                    data[name] = data[name].replace("+", "")
        return data

    def after_subscriber_patch(row: dict[str, Any]) -> None:
        if row["enabled"]:
            sim.events.append({"event": "gsup_subscriber_update", "imsi": row["imsi"]})
        elif row.get("serving_mme"):
            sim.events.append(
                {
                    "event": "diameter_clr",
                    "imsi": row["imsi"],
                    "destination_host": row["serving_mme"],
                    "destination_realm": row.get("serving_mme_realm"),
                    "cancellation_type": 1,
                }
            )

    def add_crud(table: str) -> None:
        def create_view() -> Response:
            return serve(lambda: sim.create(table, strip_plus(body(), table), operation_id()))

        def item_view(item_id: str) -> Response:
            if request.method == "GET":
                return serve(lambda: sim._out(table, _found(sim._find(table, item_id))), write=False)
            if request.method == "DELETE":
                return serve(lambda: sim.delete(table, item_id, operation_id()))

            def patch() -> dict[str, Any]:
                row = sim.update(table, item_id, strip_plus(body(), table), operation_id())
                if table == "subscriber":
                    after_subscriber_patch(row)
                return sim._out(table, row)

            return serve(patch)

        def list_view() -> Response:
            page, size = request.args.get("page", "0"), request.args.get("page_size", "200")
            return serve(lambda: sim.page(table, int(page), int(size)), write=False)

        app.add_url_rule(f"/{table}/", f"{table}_create", create_view, methods=["PUT"])
        app.add_url_rule(f"/{table}/list", f"{table}_list", list_view, methods=["GET"])
        app.add_url_rule(f"/{table}/<item_id>", f"{table}_item", item_view, methods=["GET", "PATCH", "DELETE"])

    for table in ("apn", "auc", "subscriber", "ims_subscriber"):
        add_crud(table)

    def lookup_view(table: str, column: str, status_if_missing: int = 200, attributes: bool = False) -> Callable[[str], Response]:
        def view(value: str) -> Response:
            def run() -> dict[str, Any]:
                row = sim._out(table, sim.lookup(table, column, value, status_if_missing))
                if attributes:
                    row["attributes"] = [
                        dict(a)
                        for a in sim.tables["subscriber_attributes"].values()
                        if a["subscriber_id"] == row["subscriber_id"]
                    ]
                return row

            return serve(run, write=False)

        return view

    app.add_url_rule("/auc/imsi/<value>", "auc_by_imsi", lookup_view("auc", "imsi"))
    app.add_url_rule("/auc/iccid/<value>", "auc_by_iccid", lookup_view("auc", "iccid"))
    app.add_url_rule("/subscriber/imsi/<value>", "subscriber_by_imsi", lookup_view("subscriber", "imsi", attributes=True))
    app.add_url_rule("/subscriber/msisdn/<value>", "subscriber_by_msisdn", lookup_view("subscriber", "msisdn", attributes=True))
    app.add_url_rule(
        "/ims_subscriber/ims_subscriber_imsi/<value>", "ims_by_imsi", lookup_view("ims_subscriber", "imsi", status_if_missing=400)
    )
    app.add_url_rule(
        "/ims_subscriber/ims_subscriber_msisdn/<value>",
        "ims_by_msisdn",
        lookup_view("ims_subscriber", "msisdn", status_if_missing=400),
    )

    @app.put("/subscriber_attributes/")
    def attributes_create() -> Response:
        return serve(lambda: sim.create("subscriber_attributes", body(), operation_id()))

    @app.route("/subscriber_attributes/<item_id>", methods=["GET", "PATCH", "DELETE"])
    def attributes_item(item_id: str) -> Response:
        if request.method == "GET":  # by subscriber_id, as PyHSS routes it
            rows = sim.tables["subscriber_attributes"].values()
            return serve(lambda: [dict(r) for r in rows if str(r["subscriber_id"]) == item_id], write=False)
        if request.method == "DELETE":
            return serve(lambda: sim.delete("subscriber_attributes", item_id, operation_id()))
        return serve(lambda: sim.update("subscriber_attributes", item_id, body(), operation_id()))

    @app.get("/oam/ping")
    def ping() -> Response:
        return serve(lambda: {"result": "OK"}, write=False)

    @app.get("/oam/rollback_operation/last")
    def rollback_last() -> Response:
        return serve(lambda: sim.rollback(None))

    @app.get("/oam/rollback_operation/<operation>")
    def rollback_operation(operation: str) -> Response:
        return serve(lambda: sim.rollback(operation))

    @app.get("/operation_logs/last")
    def operation_log_last() -> Response:
        return serve(
            lambda: dict(max(sim.operation_log, key=lambda e: (e["timestamp"], e["id"]))) if sim.operation_log else None,
            write=False,
        )

    @app.get("/operation_logs/list")
    def operation_log_list() -> Response:
        def first_of_each() -> list[dict[str, Any]]:
            by_operation: dict[str, list[dict[str, Any]]] = {}
            for entry in sim.operation_log:
                by_operation.setdefault(entry["operation_id"], []).append(entry)
            newest_first = sorted(by_operation.values(), key=lambda es: max(e["timestamp"] for e in es), reverse=True)
            return [dict(entries[0]) for entries in newest_first]

        return serve(first_of_each, write=False)

    @app.errorhandler(404)
    def not_found(error: Exception) -> Response:
        return reply({"Result": "Not Found"}, 404)

    @app.errorhandler(405)
    def not_allowed(error: Exception) -> Response:
        return reply({"message": "The method is not allowed for the requested URL."}, 405)

    return app


def _found(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        raise Null()
    return row


def main(argv: list[str] | None = None) -> None:
    """`python -m omnicrm.sandbox.hss --port 8080 [--insecure-auc] [--provisioning-key KEY]`."""

    def add_arguments(parser: Any) -> None:
        parser.add_argument("--insecure-auc", action="store_true", help="return AuC keys on reads (api.enable_insecure_auc)")
        parser.add_argument(
            "--provisioning-key", default=None, help="require this Provisioning-Key on writes (hss.lock_provisioning)"
        )

    run_cli(
        "PyHSS simulator (REST)",
        lambda args: create_app(insecure_auc=args.insecure_auc, provisioning_key=args.provisioning_key),
        8080,
        argv,
        add_arguments,
    )


if __name__ == "__main__":
    main()
