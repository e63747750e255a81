"""CGRateS simulator: the JSON-RPC API of CGRateS (v0.10 / master line) at `POST /jsonrpc`, with state in memory.

Wire format, as `cores/server.go` and `github.com/cgrates/birpc/jsonrpc/server.go` implement it:
- request `{"method": "<Service>.<Method>", "params": [<one object>], "id": <any JSON>}`; a `"jsonrpc": "2.0"`
  member is accepted and ignored; several requests concatenated in one body are all answered, in order;
- reply (HTTP 200, `Content-Type: application/json`) `{"id":<id>,"result":<result>,"error":null}` or
  `{"id":<id>,"result":null,"error":"<message>"}`; an undecodable body gets an empty reply, as CGRateS gives;
- errors are CGRateS' own strings: `NOT_FOUND`, `EXISTS`, `MANDATORY_IE_MISSING: [Account]`, `SERVER_ERROR: ...`,
  `BROKEN_REFERENCE:<id>`, `PARTIALLY_EXECUTED`, `rpc: can't find service X.Y`, `rpc: can't find method X.Y`,
  `jsonrpc: request body missing params`, and Go's `json: cannot unmarshal ...` for a wrongly typed parameter.

Services: `APIerSv1` (alias `ApierV1`), `APIerSv2` (alias `ApierV2`, which also answers every v1 method because
APIerSv2 embeds APIerSv1), `CDRsV1`, `CacheSv1`, `CoreSv1`. Parameter names match case-insensitively, as Go's
decoder does (`ActionPlanIds` fills `ActionPlanIDs`).

What is simplified (the report and the tests say so too): no tariff plans, so `CDRsV1.ProcessEvent` with `*rals`
debits the event's usage from unit balances of its ToR (highest Weight first) and its `Cost`, if given, from
monetary balances, instead of rating it; action `Filters` are not evaluated; action triggers and thresholds do
not exist (`ActionTriggerIDs` that name one answer `SERVER_ERROR: NOT_FOUND`, as an unknown trigger would);
`*asap` timings run at once when bound; scheduled timings only run through `POST /sandbox/action_plans/<id>/execute`.
`*http_post` actions are recorded (and really posted only with `create_app(http_post=True)`).

Extra control routes (besides `server.Controls`): `POST /sandbox/action_plans/<id>/execute` runs a plan's actions
on its accounts now (a scheduler tick); `GET /sandbox/http_posts` lists recorded `*http_post` calls.
Failure/delay rules match on `method` (either spelling, or `*` for all).
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from flask import Flask, Response, jsonify, request

from omnicrm.sandbox import gojson as gj
from omnicrm.sandbox.server import Controls, run_cli

DEFAULT_TENANT = "cgrates.org"
SERVICE_ALIASES = {"ApierV1": "APIerSv1", "ApierV2": "APIerSv2"}
SERVICES = {"APIerSv1", "APIerSv2", "CDRsV1", "CacheSv1", "CoreSv1"}
BALANCE_ACTIONS = ("*debit", "*debit_reset", "*topup", "*topup_reset", "*set_balance", "*remove_balance", "*remove_expired")
# Actions the simulator accepts without effect (logging, publishing, counters and triggers it does not model).
NO_OP_ACTIONS = (
    "*log",
    "*publish_account",
    "*reset_triggers",
    "*reset_counters",
    "*set_recurrent",
    "*unset_recurrent",
    "*export",
)


class RpcError(Exception):
    """An error CGRateS sends back as the reply's `error` string."""


def _blank(args: dict[str, Any], *names: str) -> list[str]:
    """The mandatory fields left empty (CGRateS `utils.MissingStructFields`: "", blank text, empty list or map)."""
    return [name for name in names if not args[name] or (isinstance(args[name], str) and not args[name].strip())]


def _missing(*fields: str) -> RpcError:
    return RpcError(f"MANDATORY_IE_MISSING: [{' '.join(fields)}]")


def _server_error(error: Exception | str) -> RpcError:
    return RpcError(f"SERVER_ERROR: {error}")


def canonical_method(method: str) -> str:
    """`ApierV1.AddBalance` -> `APIerSv1.AddBalance` (the other names are returned unchanged)."""
    service, dot, name = method.rpartition(".")
    return f"{SERVICE_ALIASES.get(service, service)}{dot}{name}" if dot else method


# --- parameter structs (field names and types from the CGRateS sources) -----------------------------------------

S, F, N, B = gj.STRING, gj.FLOAT, gj.INT, gj.BOOL
TENANT_ACCOUNT = {"Tenant": S, "Account": S}
ATTR_SET_ACCOUNT_V2 = {
    "Tenant": S,
    "Account": S,
    "ActionPlanIDs": gj.STRINGS,
    "ActionPlansOverwrite": B,
    "ActionTriggerIDs": gj.STRINGS,
    "ActionTriggerOverwrite": B,
    "ExtraOptions": gj.BOOL_MAP,
    "ReloadScheduler": B,
}
ATTR_SET_ACCOUNT_V1 = {
    "Tenant": S,
    "Account": S,
    "ActionPlanID": S,
    "ActionTriggersID": S,
    "ExtraOptions": gj.BOOL_MAP,
    "ReloadScheduler": B,
}
ATTR_GET_ACCOUNTS = {"Tenant": S, "AccountIDs": gj.STRINGS, "Offset": N, "Limit": N, "Filter": gj.BOOL_MAP}
ATTR_REMOVE_ACCOUNT = {"Tenant": S, "Account": S, "ReloadScheduler": B}
ATTR_ADD_BALANCE = {
    "Tenant": S,
    "Account": S,
    "BalanceType": S,
    "Value": F,
    "Balance": gj.ANY_MAP,
    "ActionExtraData": gj.ANY_MAP,
    "Overwrite": B,
    "Cdrlog": B,
}
ATTR_SET_BALANCE = {k: v for k, v in ATTR_ADD_BALANCE.items() if k != "Overwrite"}
V1_TP_ACTION = {
    "Identifier": S,
    "BalanceId": S,
    "BalanceUuid": S,
    "BalanceType": S,
    "Units": F,
    "ExpiryTime": S,
    "Filters": gj.STRINGS,
    "TimingTags": S,
    "DestinationIds": S,
    "RatingSubject": S,
    "Categories": S,
    "SharedGroups": S,
    "BalanceWeight": gj.FLOAT_PTR,
    "ExtraParameters": S,
    "BalanceBlocker": S,
    "BalanceDisabled": S,
    "Weight": F,
}
V1_ATTR_SET_ACTIONS = {"ActionsId": S, "Overwrite": B, "Actions": ("[]struct", "V1TPAction", V1_TP_ACTION)}
TP_ACTION = {**{k: S for k in V1_TP_ACTION}, "Weight": F}
ATTR_SET_ACTIONS_V2 = {"ActionsId": S, "Overwrite": B, "Actions": ("[]struct", "TPAction", TP_ACTION)}
ATTR_ACTION_PLAN = {
    "ActionsId": S,
    "TimingID": S,
    "Years": S,
    "Months": S,
    "MonthDays": S,
    "WeekDays": S,
    "Time": S,
    "Weight": F,
}
ATTR_SET_ACTION_PLAN = {
    "Id": S,
    "ActionPlan": ("[]struct", "AttrActionPlan", ATTR_ACTION_PLAN),
    "Overwrite": B,
    "ReloadScheduler": B,
}
ATTR_SET_ACTION_PLAN_ACCOUNTS = {**ATTR_SET_ACTION_PLAN, "AccountIDs": gj.STRINGS}
ATTR_REMOVE_ACTION_TIMING = {"ActionPlanId": S, "ActionTimingId": S, "Tenant": S, "Account": S, "ReloadScheduler": B}
ATTR_RESET_TRIGGERS = {"Tenant": S, "Account": S, "GroupID": S, "UniqueID": S, "Executed": B}
TENANT_ID = {"Tenant": S, "ID": S, "APIOpts": gj.ANY_MAP}
ATTRIBUTE = {
    "FilterIDs": gj.STRINGS,
    "Path": S,
    "Type": S,
    "Value": ("[]struct", "RSRParser", {"Rules": S}),
}
ATTRIBUTE_PROFILE = {
    "Tenant": S,
    "ID": S,
    "Contexts": gj.STRINGS,
    "FilterIDs": gj.STRINGS,
    "ActivationInterval": gj.ANY,
    "Attributes": ("[]struct", "Attribute", ATTRIBUTE),
    "Blocker": B,
    "Weight": F,
    "APIOpts": gj.ANY_MAP,
}
FILTER = {
    "Tenant": S,
    "ID": S,
    "Rules": ("[]struct", "FilterRule", {"Type": S, "Element": S, "Values": gj.STRINGS}),
    "ActivationInterval": gj.ANY,
    "APIOpts": gj.ANY_MAP,
}
_CDR_LISTS = (
    "CGRIDs RunIDs OriginIDs OriginHosts Sources ToRs RequestTypes Tenants Categories Accounts Subjects DestinationPrefixes"
).split()
RPC_CDRS_FILTER: gj.Schema = {
    **{name: gj.STRINGS for field in _CDR_LISTS for name in (field, "Not" + field)},
    "Costs": gj.FLOATS,
    "NotCosts": gj.FLOATS,
    "ExtraFields": gj.STRING_MAP,
    "NotExtraFields": gj.STRING_MAP,
    **{name: S for name in "SetupTimeStart SetupTimeEnd AnswerTimeStart AnswerTimeEnd CreatedAtStart CreatedAtEnd".split()},
    **{name: S for name in "UpdatedAtStart UpdatedAtEnd MinUsage MaxUsage OrderBy".split()},
    "ExtraArgs": gj.ANY_MAP,
    "Limit": gj.INT_PTR,
    "Offset": gj.INT_PTR,
}
RPC_CDRS_FILTER_OPTS = {**RPC_CDRS_FILTER, "APIOpts": gj.ANY_MAP, "Tenant": S}
ATTR_GET_CDRS = {
    **{name: gj.STRINGS for name in "CgrIds MediationRunIds TORs CdrHosts CdrSources ReqTypes Tenants Categories".split()},
    **{name: gj.STRINGS for name in "Accounts Subjects DestinationPrefixes RatedAccounts RatedSubjects".split()},
    "OrderIdStart": gj.INT_PTR,
    "OrderIdEnd": gj.INT_PTR,
    "TimeStart": S,
    "TimeEnd": S,
    "SkipErrors": B,
    "SkipRated": B,
    "OrderBy": S,
    "Limit": gj.INT_PTR,
    "Offset": gj.INT_PTR,
}
ARG_PROCESS_EVENT = {"Flags": gj.STRINGS, "Tenant": S, "ID": S, "Time": gj.ANY, "Event": gj.ANY_MAP, "APIOpts": gj.ANY_MAP}
ARGS_SCHEDULED = {
    "Tenant": gj.ANY,
    "Account": gj.ANY,
    "TimeStart": gj.ANY,
    "TimeEnd": gj.ANY,
    "Limit": gj.INT_PTR,
    "Offset": gj.INT_PTR,
}
ANY_OBJECT = {"Tenant": S, "APIOpts": gj.ANY_MAP}

TEXT_CDR_FIELDS = (
    "CGRID RunID OriginHost Source OriginID ToR RequestType Tenant Category Account Subject Destination CostSource ExtraInfo"
).split()

_METHODS: dict[str, tuple[str, Any, str]] = {}


def rpc(method: str, type_name: str, schema: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a handler for `Service.Method`, its Go parameter type name and field schema."""

    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        _METHODS[method] = (type_name, schema, handler.__name__)
        return handler

    return register


def resolve(method: str) -> tuple[str, tuple[str, Any, str]]:
    """The canonical name and handler of `method`, or RpcError worded as birpc's `getService` words it."""
    service, dot, name = method.rpartition(".")
    if not dot:
        raise RpcError(f"rpc: service/method request ill-formed: {method}")
    service = SERVICE_ALIASES.get(service, service)
    if service not in SERVICES:
        raise RpcError(f"rpc: can't find service {method}")
    for candidate in (f"{service}.{name}", f"APIerSv1.{name}" if service == "APIerSv2" else ""):
        if candidate in _METHODS:
            return candidate, _METHODS[candidate]
    raise RpcError(f"rpc: can't find method {method}")


# --- balances ---------------------------------------------------------------------------------------------------


def _string_map(value: Any) -> dict[str, bool]:
    """CGRateS `utils.ParseStringMap`: `"a;!b"` -> {"a": true, "b": false}; `*zero` -> {}."""
    text = _iface_string(value)
    if text == "*zero":
        return {}
    result: dict[str, bool] = {}
    for part in text.split(";"):
        part = part.strip()
        if part:
            if part.startswith("!"):
                result[part[1:]] = False
            else:
                result[part] = True
    return result


def _iface_string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | dict):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def _iface_float(value: Any) -> float:
    if isinstance(value, bool):
        raise RpcError(f"cannot convert field: {str(value).lower()} to float64")
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        raise RpcError(f'strconv.ParseFloat: parsing "{value}": invalid syntax') from None


def _iface_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value > 0
    text = str(value).lower()
    if text in ("1", "t", "true"):
        return True
    if text in ("0", "f", "false"):
        return False
    raise RpcError(f'strconv.ParseBool: parsing "{value}": invalid syntax')


def new_balance() -> dict[str, Any]:
    return {
        "Uuid": "",
        "ID": "",
        "Value": 0.0,
        "ExpirationDate": None,
        "Weight": 0.0,
        "DestinationIDs": {},
        "RatingSubject": "",
        "Categories": {},
        "SharedGroups": {},
        "Timings": None,
        "TimingIDs": {},
        "Disabled": False,
        "Factors": None,
        "Blocker": False,
    }


def _round(value: float) -> float:
    return round(value, 10)


def balance_filter_from_map(raw: dict[str, Any] | None, now: datetime) -> dict[str, Any]:
    """CGRateS `engine.NewBalanceFilter`: only the keys present are set (absent = do not care)."""
    raw = raw or {}
    bf: dict[str, Any] = {}
    if "ID" in raw:
        bf["ID"] = _iface_string(raw["ID"])
    if "UUID" in raw:
        bf["Uuid"] = _iface_string(raw["UUID"])
    if "Value" in raw:
        bf["Value"] = abs(_iface_float(raw["Value"]))
    if "ExpiryTime" in raw:
        try:
            bf["ExpirationDate"] = gj.parse_time(_iface_string(raw["ExpiryTime"]), now)
        except ValueError as error:
            raise RpcError(str(error)) from None
    if "Weight" in raw:
        bf["Weight"] = _iface_float(raw["Weight"])
    for key in ("DestinationIDs", "Categories", "SharedGroups", "TimingIDs"):
        if key in raw:
            bf[key] = _string_map(raw[key])
    if "RatingSubject" in raw:
        bf["RatingSubject"] = _iface_string(raw["RatingSubject"])
    if "Disabled" in raw:
        bf["Disabled"] = _iface_bool(raw["Disabled"])
    if "Blocker" in raw:
        bf["Blocker"] = _iface_bool(raw["Blocker"])
    if "Factors" in raw:
        factors = raw["Factors"]
        bf["Factors"] = json.loads(factors) if isinstance(factors, str) else dict(factors or {})
    return bf


def create_balance(bf: dict[str, Any]) -> dict[str, Any]:
    balance = new_balance()
    for key in balance:
        if key in bf:
            balance[key] = copy.deepcopy(bf[key])
    return balance


def is_expired(balance: dict[str, Any], now: datetime) -> bool:
    return balance["ExpirationDate"] is not None and balance["ExpirationDate"] < now


def _includes(have: dict[str, bool], want: dict[str, bool]) -> bool:
    return len(have) >= len(want) and all(have.get(key) for key in want)


def match_filter(balance: dict[str, Any], bf: dict[str, Any], balance_type: str = "") -> bool:
    """CGRateS `Balance.MatchFilter`: a UUID or ID decides alone; otherwise every set field must match."""
    if balance_type and bf.get("Type") and bf["Type"] != balance_type:
        return False
    if bf.get("Uuid"):
        return balance["Uuid"] == bf["Uuid"]
    if bf.get("ID"):
        return balance["ID"] == bf["ID"]
    if "ExpirationDate" in bf and balance["ExpirationDate"] != bf["ExpirationDate"]:
        return False
    for key in ("Weight", "Blocker", "Disabled", "RatingSubject"):
        if key in bf and balance[key] != bf[key]:
            return False
    return all(
        key not in bf or _includes(balance[key], bf[key]) for key in ("DestinationIDs", "Categories", "TimingIDs", "SharedGroups")
    )


def _consumption_order(balances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Highest Weight first, then the earliest expiry (never-expiring last)."""
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(balances, key=lambda b: (-b["Weight"], b["ExpirationDate"] or far))


# --- JSON shapes ------------------------------------------------------------------------------------------------


def balance_json(balance: dict[str, Any]) -> dict[str, Any]:
    """`engine.Balance` as CGRateS encodes it."""
    out = {key: balance[key] for key in new_balance()}
    out["ExpirationDate"] = balance["ExpirationDate"] or gj.ZERO_TIME
    return out


def account_json(account: dict[str, Any]) -> dict[str, Any]:
    """`engine.Account` (what APIerSv2.GetAccount answers)."""
    balance_map = account["BalanceMap"]
    return {
        "ID": account["ID"],
        "BalanceMap": {t: [balance_json(b) for b in bs] for t, bs in balance_map.items()} if balance_map else None,
        "UnitCounters": None,
        "ActionTriggers": None,
        "AllowNegative": account["AllowNegative"],
        "Disabled": account["Disabled"],
        "UpdateTime": account["UpdateTime"],
    }


def _joined(string_map: dict[str, bool]) -> str:
    return ";".join(sorted(string_map))


def account_old_json(account: dict[str, Any]) -> dict[str, Any]:
    """`Account.AsOldStructure()` (what APIerSv1.GetAccount answers): `*out:` ids and `<type>*out` keys."""
    return {
        "Id": "*out:" + account["ID"],
        "BalanceMap": {
            balance_type + "*out": [
                {
                    "Uuid": b["Uuid"],
                    "Id": b["ID"],
                    "Value": b["Value"],
                    "ExpirationDate": b["ExpirationDate"] or gj.ZERO_TIME,
                    "Weight": b["Weight"],
                    "DestinationIds": _joined(b["DestinationIDs"]),
                    "RatingSubject": b["RatingSubject"],
                    "Category": _joined(b["Categories"]),
                    "SharedGroup": _joined(b["SharedGroups"]),
                    "Timings": b["Timings"],
                    "TimingIDs": _joined(b["TimingIDs"]),
                    "Disabled": b["Disabled"],
                }
                for b in balances
            ]
            for balance_type, balances in account["BalanceMap"].items()
            if balances
        },
        "UnitCounters": [],
        "ActionTriggers": [],
        "AllowNegative": account["AllowNegative"],
        "Disabled": account["Disabled"],
    }


def _go_duration(nanoseconds: int) -> str:
    """Go's `time.Duration.String()` ("1m0s", "1.5s", "500ms", "0s")."""
    if nanoseconds == 0:
        return "0s"
    sign = "-" if nanoseconds < 0 else ""
    n = abs(nanoseconds)
    if n < 1_000_000_000:
        for unit, size in (("ms", 1_000_000), ("µs", 1_000), ("ns", 1)):
            if n >= size:
                return sign + _trim(n / size) + unit
    hours, rest = divmod(n, 3_600_000_000_000)
    minutes, rest = divmod(rest, 60_000_000_000)
    seconds = _trim(rest / 1e9) + "s"
    if hours:
        return f"{sign}{hours}h{minutes}m{seconds}"
    if minutes:
        return f"{sign}{minutes}m{seconds}"
    return sign + seconds


def _trim(value: float) -> str:
    text = f"{value:.9f}".rstrip("0").rstrip(".")
    return text or "0"


def cdr_json(cdr: dict[str, Any]) -> dict[str, Any]:
    """`engine.CDR` (CDRsV1.GetCDRs)."""
    keys = "CGRID RunID OrderID OriginHost Source OriginID ToR RequestType Tenant Category Account Subject Destination"
    out = {key: cdr[key] for key in keys.split()}
    out.update(
        SetupTime=cdr["SetupTime"] or gj.ZERO_TIME,
        AnswerTime=cdr["AnswerTime"] or gj.ZERO_TIME,
        Usage=cdr["Usage"],
        ExtraFields=cdr["ExtraFields"],
        ExtraInfo=cdr["ExtraInfo"],
        Partial=cdr["Partial"],
        PreRated=cdr["PreRated"],
        CostSource=cdr["CostSource"],
        Cost=cdr["Cost"],
        CostDetails=None,
    )
    return out


def external_cdr_json(cdr: dict[str, Any]) -> dict[str, Any]:
    """`engine.ExternalCDR` (APIerSv1/APIerSv2.GetCDRs): RFC 3339 times, usage as text."""
    usage = _go_duration(cdr["Usage"]) if cdr["ToR"] == "*voice" else str(cdr["Usage"])
    keys = "CGRID RunID OrderID OriginHost Source OriginID ToR RequestType Tenant Category Account Subject Destination"
    out = {key: cdr[key] for key in keys.split()}
    out.update(
        SetupTime=gj.format_time_rfc3339(cdr["SetupTime"]),
        AnswerTime=gj.format_time_rfc3339(cdr["AnswerTime"]),
        Usage=usage,
        ExtraFields=cdr["ExtraFields"],
        CostSource=cdr["CostSource"],
        Cost=cdr["Cost"],
        CostDetails="null",
        ExtraInfo=cdr["ExtraInfo"],
        PreRated=cdr["PreRated"],
    )
    return out


# --- timings ----------------------------------------------------------------------------------------------------


def _int_list(text: str) -> list[int]:
    if text in ("", "*any"):
        return []
    values = []
    for part in text.split(";"):
        try:
            values.append(int(part))
        except ValueError:
            continue
    return values


def ri_timing(attr: dict[str, Any], now: datetime) -> dict[str, Any]:
    """CGRateS `AttrActionPlan.GetRITiming`, including the `*daily`/`*monthly`/... shortcuts."""
    clock = now.strftime("%H:%M:%S")
    defaults = {
        "*every_minute": ([], [], [], f"*:*:{now.second}"),
        "*hourly": ([], [], [], f"*:{now.minute}:{now.second}"),
        "*daily": ([], [], [], clock),
        "*weekly": ([], [], [now.isoweekday() % 7], clock),
        "*monthly": ([], [now.day], [], clock),
        "*monthly_estimated": ([], [now.day], [], clock),
        "*month_end": ([], [-1], [], clock),
        "*yearly": ([now.month], [now.day], [], clock),
    }
    time_text = attr["Time"]
    if time_text in defaults:
        months, month_days, week_days, start = defaults[time_text]
        return {
            "ID": time_text,
            "Years": [],
            "Months": months,
            "MonthDays": month_days,
            "WeekDays": week_days,
            "StartTime": start,
            "EndTime": "",
        }
    if not _verify_time_format(time_text):
        raise RpcError(f"UNSUPPORTED_FORMAT:{time_text}")
    return {
        "ID": attr["TimingID"],
        "Years": _int_list(attr["Years"]),
        "Months": _int_list(attr["Months"]),
        "MonthDays": _int_list(attr["MonthDays"]),
        "WeekDays": [day % 7 for day in _int_list(attr["WeekDays"])],
        "StartTime": time_text,
        "EndTime": "",
    }


def _verify_time_format(text: str) -> bool:
    if text in ("", "*asap") or text.startswith("+"):
        return True
    parts = text.split(":")
    if len(text) > 8 or len(parts) != 3:
        return False
    return all(part.lstrip("-").isdigit() for part in parts)


def next_start(timing: dict[str, Any], ref: datetime) -> datetime | None:
    """When a timing fires next after `ref` (CGRateS `ActionTiming.GetNextStartTime`); None for `*asap`."""
    start = timing["StartTime"] or "00:00:00"
    if start == "*asap":
        return None
    if start.startswith("+"):
        return ref + gj.parse_go_duration(start[1:])
    years, months, month_days = timing["Years"], list(timing["Months"]), list(timing["MonthDays"])
    if years and not months:
        months = [1]
    if months and not month_days:
        month_days = [1]
    hour, minute, second = start.split(":")
    day = ref.replace(hour=0, minute=0, second=0, microsecond=0)
    for _ in range(366 * 9):
        last_day = gj.end_of_month(day).day
        if (
            (not years or day.year in years)
            and (not months or day.month in months)
            and (not month_days or day.day in month_days or (-1 in month_days and day.day == last_day))
            and (not timing["WeekDays"] or day.isoweekday() % 7 in timing["WeekDays"])
        ):
            for h in range(24) if hour == "*" else [int(hour)]:
                for m in range(60) if minute == "*" else [int(minute)]:
                    moment = day.replace(hour=h, minute=m, second=int(second))
                    if moment > ref:
                        return moment
        day += timedelta(days=1)
    return None


# --- the simulator ----------------------------------------------------------------------------------------------


class CgratesSimulator:
    """State and JSON-RPC handlers. Every handler runs under one lock, so concurrent calls are serialised."""

    def __init__(self, default_tenant: str = DEFAULT_TENANT, http_post: bool = False) -> None:
        self.default_tenant = default_tenant
        self.http_post = http_post
        self.controls = Controls("ocs", _rule_matches)
        self.lock = threading.RLock()
        self.reset_state()

    # state --------------------------------------------------------------------------------------------------

    def reset_state(self) -> None:
        with self.lock:
            self.accounts: dict[str, dict[str, Any]] = {}
            self.account_plans: dict[str, list[str]] = {}
            self.action_plans: dict[str, dict[str, Any]] = {}
            self.actions: dict[str, list[dict[str, Any]]] = {}
            self.attribute_profiles: dict[str, dict[str, Any]] = {}
            self.filters: dict[str, dict[str, Any]] = {}
            self.cdrs: list[dict[str, Any]] = []
            self.http_posts: list[dict[str, Any]] = []
            self._order_id = 0

    def dump_state(self) -> dict[str, Any]:
        with self.lock:
            state = {
                "accounts": {key: account_json(acc) for key, acc in self.accounts.items()},
                "account_action_plans": copy.deepcopy(self.account_plans),
                "action_plans": copy.deepcopy(self.action_plans),
                "actions": {key: [self._tp_action(a) for a in acts] for key, acts in self.actions.items()},
                "attribute_profiles": copy.deepcopy(self.attribute_profiles),
                "filters": copy.deepcopy(self.filters),
                "cdrs": [cdr_json(cdr) for cdr in self.cdrs],
                "http_posts": copy.deepcopy(self.http_posts),
            }
        return json.loads(gj.dumps(state))

    def now(self) -> datetime:
        return self.controls.clock.now()

    def tenant(self, args: dict[str, Any]) -> str:
        return args.get("Tenant") or self.default_tenant

    def _save(self, account: dict[str, Any]) -> None:
        account["UpdateTime"] = self.now()
        self.accounts[account["ID"]] = account

    def _new_account(self, account_id: str) -> dict[str, Any]:
        return {
            "ID": account_id,
            "BalanceMap": {},
            "AllowNegative": False,
            "Disabled": False,
            "UpdateTime": self.now(),
        }

    def _get_plan(self, plan_id: str) -> dict[str, Any]:
        plan = self.action_plans.get(plan_id)
        if plan is None:
            raise RpcError("NOT_FOUND")
        return plan

    # transport ----------------------------------------------------------------------------------------------

    def handle_body(self, body: bytes) -> str:
        """Answer every JSON-RPC request in `body`; stop at the first undecodable one, as birpc does."""
        text = body.decode("utf-8", errors="replace")
        decoder = json.JSONDecoder()
        position, replies = 0, []
        while True:
            while position < len(text) and text[position] in " \t\r\n":
                position += 1
            if position >= len(text):
                break
            try:
                message, position = decoder.raw_decode(text, position)
            except ValueError:
                break
            if not isinstance(message, dict):
                break
            fields = {key.casefold(): value for key, value in message.items()}
            method = fields.get("method")
            if method is not None and not isinstance(method, str):
                break
            replies.append(self.handle_call(method or "", fields.get("params"), fields.get("id"), "params" in fields))
        return "".join(replies)

    def handle_call(self, method: str, params: Any, call_id: Any, has_params: bool = True) -> str:
        """One call: log it, apply injected delay/failure, decode its parameter, run it, encode the reply."""
        call = {"method": method, "canonical_method": canonical_method(method), "params": params, "id": call_id}
        call = self.controls.record(call)
        try:
            _, (type_name, schema, handler_name) = resolve(method)
            self.controls.sleep(self.controls.take_delay(call))
            failure = self.controls.take_failure(call)
            if failure is not None:
                raise RpcError(str(failure.get("error") or "SERVER_ERROR: injected failure"))
            if not has_params or params is None:
                raise RpcError("jsonrpc: request body missing params")
            if not isinstance(params, list):
                kind = "object" if isinstance(params, dict) else gj._json_kind(params)
                raise RpcError(f"json: cannot unmarshal {kind} into Go value of type [1]interface {{}}")
            first = params[0] if params else None
            try:
                args = gj.decode_struct(first, type_name, schema) if isinstance(schema, dict) else gj.decode_value(first, schema)
            except gj.GoJSONError as error:
                raise RpcError(str(error)) from None
            with self.lock:
                result = getattr(self, handler_name)(args)
            reply = {"id": call_id, "result": result, "error": None}
        except RpcError as error:
            reply = {"id": call_id, "result": None, "error": str(error)}
        return gj.dumps(reply)

    # accounts -----------------------------------------------------------------------------------------------

    @rpc("APIerSv2.SetAccount", "engine.AttrSetAccount", ATTR_SET_ACCOUNT_V2)
    def set_account_v2(self, args: dict[str, Any]) -> str:
        if not args["Account"].strip():
            raise _missing("Account")
        acc_id = f"{self.tenant(args)}:{args['Account'].strip()}"
        account = copy.deepcopy(self.accounts.get(acc_id)) or self._new_account(acc_id)
        plans = copy.deepcopy(self.action_plans)
        bound = list(self.account_plans.get(acc_id, []))
        asap: list[str] = []
        try:
            if args["ActionPlansOverwrite"]:
                wanted = args["ActionPlanIDs"] or []
                for plan_id in [p for p in bound if p not in wanted]:
                    plan = plans.get(plan_id)
                    if plan is None:
                        raise RpcError("NOT_FOUND")
                    (plan.get("AccountIDs") or {}).pop(acc_id, None)
                bound = [p for p in bound if p in wanted]
            for plan_id in args["ActionPlanIDs"] or []:
                plan = plans.get(plan_id)
                if plan is None:
                    raise RpcError("NOT_FOUND")
                timings = plan["ActionTimings"] or []
                now_tasks = [t["ActionsID"] for t in timings if t["Timing"]["Timing"]["StartTime"] == "*asap"]
                asap.extend(now_tasks)
                if len(now_tasks) == len(timings) or plan_id in bound:
                    continue
                plan["AccountIDs"] = {**(plan.get("AccountIDs") or {}), acc_id: True}
                bound.append(plan_id)
            if args["ActionTriggerIDs"]:
                raise RpcError("NOT_FOUND")  # no action triggers exist in the simulator
        except RpcError as error:
            raise _server_error(error) from None
        for key, option in (args["ExtraOptions"] or {}).items():
            if key in ("AllowNegative", "Disabled"):
                account[key] = option
        self.action_plans = plans
        self.account_plans[acc_id] = bound
        self._save(account)
        self._run_asap(asap, acc_id)
        return "OK"

    def _run_asap(self, actions_ids: list[str], acc_id: str) -> None:
        """`*asap` timings become scheduler tasks in CGRateS: their failures never reach the SetAccount reply."""
        for actions_id in actions_ids:
            try:
                self._execute(actions_id, [acc_id])
            except RpcError:
                pass

    @rpc("APIerSv1.SetAccount", "utils.AttrSetAccount", ATTR_SET_ACCOUNT_V1)
    def set_account_v1(self, args: dict[str, Any]) -> str:
        if not args["Account"].strip():
            raise _missing("Account")
        acc_id = f"{self.tenant(args)}:{args['Account'].strip()}"
        account = copy.deepcopy(self.accounts.get(acc_id)) or self._new_account(acc_id)
        asap: list[str] = []
        if args["ActionPlanID"]:
            try:
                plans = copy.deepcopy(self.action_plans)
                bound = [p for p in self.account_plans.get(acc_id, []) if p == args["ActionPlanID"]]
                for plan_id in self.account_plans.get(acc_id, []):
                    if plan_id != args["ActionPlanID"]:
                        if plan_id not in plans:
                            raise RpcError("NOT_FOUND")
                        (plans[plan_id].get("AccountIDs") or {}).pop(acc_id, None)
                if args["ActionPlanID"] not in bound:
                    plan = plans.get(args["ActionPlanID"])
                    if plan is None:
                        raise RpcError("NOT_FOUND")
                    plan["AccountIDs"] = {**(plan.get("AccountIDs") or {}), acc_id: True}
                    bound.append(args["ActionPlanID"])
                    asap = [t["ActionsID"] for t in plan["ActionTimings"] or [] if t["Timing"]["Timing"]["StartTime"] == "*asap"]
                if args["ActionTriggersID"]:
                    raise RpcError("NOT_FOUND")
            except RpcError as error:
                raise _server_error(error) from None
            self.action_plans = plans
            self.account_plans[acc_id] = bound
        elif args["ActionTriggersID"]:
            raise _server_error("NOT_FOUND")
        for key, option in (args["ExtraOptions"] or {}).items():
            if key in ("AllowNegative", "Disabled"):
                account[key] = option
        self._save(account)
        self._run_asap(asap, acc_id)
        return "OK"

    @rpc("APIerSv2.GetAccount", "utils.AttrGetAccount", TENANT_ACCOUNT)
    def get_account_v2(self, args: dict[str, Any]) -> dict[str, Any]:
        account = self.accounts.get(f"{self.tenant(args)}:{args['Account']}")
        if account is None:
            raise RpcError("NOT_FOUND")
        return account_json(account)

    @rpc("APIerSv1.GetAccount", "utils.AttrGetAccount", TENANT_ACCOUNT)
    def get_account_v1(self, args: dict[str, Any]) -> dict[str, Any]:
        account = self.accounts.get(f"{self.tenant(args)}:{args['Account']}")
        if account is None:
            raise RpcError("NOT_FOUND")
        return account_old_json(account)

    def _select_accounts(self, args: dict[str, Any]) -> list[dict[str, Any]] | None:
        tenant = self.tenant(args)
        if args["AccountIDs"]:
            keys = [f"{tenant}:{acc}" for acc in args["AccountIDs"] if acc]
        else:
            keys = [key for key in self.accounts if key.startswith(tenant + ":")]
        if not keys:
            return None
        offset = min(max(args["Offset"], 0), len(keys))
        keys = keys[offset : offset + args["Limit"]] if args["Limit"] else keys[offset:]
        selected = []
        for key in keys:
            account = self.accounts.get(key)
            if account is None:
                continue
            wanted = args["Filter"] or {}
            if any(option in wanted and wanted[option] != account[option] for option in ("AllowNegative", "Disabled")):
                continue
            selected.append(account)
        return selected

    @rpc("APIerSv2.GetAccounts", "utils.AttrGetAccounts", ATTR_GET_ACCOUNTS)
    def get_accounts_v2(self, args: dict[str, Any]) -> list[dict[str, Any]] | None:
        selected = self._select_accounts(args)
        return None if selected is None else [account_json(acc) for acc in selected]

    @rpc("APIerSv1.GetAccounts", "utils.AttrGetAccounts", ATTR_GET_ACCOUNTS)
    def get_accounts_v1(self, args: dict[str, Any]) -> list[dict[str, Any]] | None:
        selected = self._select_accounts(args)
        return None if selected is None else [account_old_json(acc) for acc in selected]

    @rpc("APIerSv2.GetAccountsCount", "utils.AttrGetAccountsCount", {"Tenant": S})
    def get_accounts_count(self, args: dict[str, Any]) -> int:
        count = sum(1 for key in self.accounts if key.startswith(self.tenant(args) + ":"))
        if not count:
            raise RpcError("NOT_FOUND")
        return count

    @rpc("APIerSv1.GetAccountIDs", "utils.PaginatorWithTenant", {"Tenant": S, "Limit": gj.INT_PTR, "Offset": gj.INT_PTR})
    def get_account_ids(self, args: dict[str, Any]) -> list[str]:
        prefix = self.tenant(args) + ":"
        ids = [key[len(prefix) :] for key in self.accounts if key.startswith(prefix)]
        if not ids:
            raise RpcError("NOT_FOUND")
        return _paginate(ids, args["Limit"], args["Offset"])

    @rpc("APIerSv1.RemoveAccount", "utils.AttrRemoveAccount", ATTR_REMOVE_ACCOUNT)
    def remove_account(self, args: dict[str, Any]) -> str:
        if not args["Account"].strip():
            raise _missing("Account")
        acc_id = f"{self.tenant(args)}:{args['Account'].strip()}"
        for plan in self.action_plans.values():
            (plan.get("AccountIDs") or {}).pop(acc_id, None)
        self.accounts.pop(acc_id, None)
        self.account_plans.pop(acc_id, None)
        return "OK"

    # balances -----------------------------------------------------------------------------------------------

    def _balance_call(self, args: dict[str, Any], action_type: str, need_id: bool = False) -> str:
        missing = [name for name in ("Account", "BalanceType") if not args[name].strip()]
        if missing:
            raise _missing(*missing)
        bf = balance_filter_from_map(args["Balance"], self.now())
        bf["Type"] = args["BalanceType"]
        if args["Value"] != 0:
            bf["Value"] = abs(args["Value"])
        if need_id and not bf.get("ID") and not bf.get("Uuid"):
            raise _missing("BalanceID", "or", "BalanceUUID")
        acc_id = f"{self.tenant(args)}:{args['Account'].strip()}"
        if acc_id not in self.accounts:
            self._save(self._new_account(acc_id))
        action = {"ActionType": action_type, "Balance": bf, "ExtraParameters": "", "ExpirationString": "", "Weight": 0.0}
        actions = [action, {"ActionType": "*publish_account", "Balance": None}]
        if args["Cdrlog"]:
            actions.append({"ActionType": "*cdrlog", "Balance": None, "ExtraParameters": ""})
        self._run_actions(actions, [acc_id], extra_data=args["ActionExtraData"])
        return "OK"

    @rpc("APIerSv1.AddBalance", "v1.AttrAddBalance", ATTR_ADD_BALANCE)
    def add_balance(self, args: dict[str, Any]) -> str:
        return self._balance_call(args, "*topup_reset" if args["Overwrite"] else "*topup")

    @rpc("APIerSv1.DebitBalance", "v1.AttrAddBalance", ATTR_ADD_BALANCE)
    def debit_balance(self, args: dict[str, Any]) -> str:
        return self._balance_call(args, "*debit_reset" if args["Overwrite"] else "*debit")

    @rpc("APIerSv1.SetBalance", "utils.AttrSetBalance", ATTR_SET_BALANCE)
    def set_balance(self, args: dict[str, Any]) -> str:
        return self._balance_call(args, "*set_balance", need_id=True)

    @rpc("APIerSv1.RemoveBalances", "utils.AttrSetBalance", ATTR_SET_BALANCE)
    def remove_balances(self, args: dict[str, Any]) -> str:
        missing = [name for name in ("Account", "BalanceType") if not args[name].strip()]
        if missing:
            raise _missing(*missing)
        bf = balance_filter_from_map(args["Balance"], self.now())
        bf["Type"] = args["BalanceType"]
        acc_id = f"{self.tenant(args)}:{args['Account'].strip()}"
        if acc_id not in self.accounts:
            raise RpcError("NOT_FOUND")
        self._run_actions([{"ActionType": "*remove_balance", "Balance": bf}], [acc_id])
        return "OK"

    # actions ------------------------------------------------------------------------------------------------

    def _store_actions(self, actions_id: str, overwrite: bool, actions: list[dict[str, Any]]) -> str:
        if not overwrite and actions_id in self.actions:
            raise RpcError("EXISTS")
        self.actions[actions_id] = actions
        return "OK"

    @rpc("APIerSv1.SetActions", "v1.V1AttrSetActions", V1_ATTR_SET_ACTIONS)
    def set_actions_v1(self, args: dict[str, Any]) -> str:
        missing = _blank(args, "ActionsId", "Actions")
        if missing:
            raise _missing(*missing)
        for act in args["Actions"]:
            if act is not None and not act["Identifier"].strip():
                raise RpcError(f"MANDATORY_IE_MISSING:Action:{act['Identifier']}:[Identifier]")
        stored = []
        for act in args["Actions"]:
            blocker = _parse_go_bool(act["BalanceBlocker"])
            disabled = _parse_go_bool(act["BalanceDisabled"])
            bf: dict[str, Any] = {
                "Uuid": act["BalanceUuid"],
                "ID": act["BalanceId"],
                "Type": act["BalanceType"],
                "Value": act["Units"],
                "DestinationIDs": _string_map(act["DestinationIds"]),
                "RatingSubject": act["RatingSubject"],
                "SharedGroups": _string_map(act["SharedGroups"]),
                "Categories": _string_map(act["Categories"]),
                "TimingIDs": _string_map(act["TimingTags"]),
            }
            if act["BalanceWeight"] is not None:
                bf["Weight"] = act["BalanceWeight"]
            if blocker is not None:
                bf["Blocker"] = blocker
            if disabled is not None:
                bf["Disabled"] = disabled
            stored.append(self._engine_action(args["ActionsId"], act, bf, act["Filters"] or []))
        return self._store_actions(args["ActionsId"].strip(), args["Overwrite"], stored)

    @rpc("APIerSv2.SetActions", "utils.AttrSetActions", ATTR_SET_ACTIONS_V2)
    def set_actions_v2(self, args: dict[str, Any]) -> str:
        missing = _blank(args, "ActionsId", "Actions")
        if missing:
            raise _missing(*missing)
        for act in args["Actions"]:
            required = ["Identifier"] + (["Units"] if act["BalanceType"] else [])
            absent = [name for name in required if not act[name].strip()]
            if absent:
                raise RpcError(f"MANDATORY_IE_MISSING:Action:{act['Identifier']}:[{' '.join(absent)}]")
        stored = []
        for act in args["Actions"]:
            bf: dict[str, Any] = {}
            if act["Identifier"] != "*reset_triggers":
                bf = {
                    "Uuid": act["BalanceUuid"],
                    "ID": act["BalanceId"],
                    "Type": act["BalanceType"],
                    "DestinationIDs": _string_map(act["DestinationIds"]),
                    "RatingSubject": act["RatingSubject"],
                    "SharedGroups": _string_map(act["SharedGroups"]),
                    "Categories": _string_map(act["Categories"]),
                    "TimingIDs": _string_map(act["TimingTags"]),
                }
                if act["Units"]:
                    bf["Value"] = _iface_float(act["Units"])
                if act["BalanceWeight"]:
                    bf["Weight"] = _iface_float(act["BalanceWeight"])
                for key, field in (("Blocker", "BalanceBlocker"), ("Disabled", "BalanceDisabled")):
                    parsed = _parse_go_bool(act[field])
                    if parsed is not None:
                        bf[key] = parsed
            filters = [f for f in act["Filters"].split(";") if f] if act["Filters"] else []
            stored.append(self._engine_action(args["ActionsId"], act, bf, filters))
        return self._store_actions(args["ActionsId"].strip(), args["Overwrite"], stored)

    @staticmethod
    def _engine_action(actions_id: str, act: dict[str, Any], bf: dict[str, Any], filters: list[str]) -> dict[str, Any]:
        return {
            "Id": actions_id,
            "ActionType": act["Identifier"],
            "ExtraParameters": act["ExtraParameters"],
            "Filters": filters,
            "ExpirationString": act["ExpiryTime"],
            "Weight": act["Weight"],
            "Balance": bf,
        }

    @staticmethod
    def _tp_action(action: dict[str, Any]) -> dict[str, Any]:
        """`utils.TPAction` as APIerSv1.GetActions answers it."""
        bf = action.get("Balance") or {}
        return {
            "Identifier": action["ActionType"],
            "BalanceId": bf.get("ID", ""),
            "BalanceUuid": "",
            "BalanceType": bf.get("Type", ""),
            "Units": gj.dumps(float(bf.get("Value") or 0)).strip(),
            "ExpiryTime": action.get("ExpirationString", ""),
            "Filters": ";".join(action.get("Filters") or []),
            "TimingTags": _joined(bf.get("TimingIDs") or {}),
            "DestinationIds": ";".join(sorted(("" if on else "!") + key for key, on in (bf.get("DestinationIDs") or {}).items())),
            "RatingSubject": bf.get("RatingSubject", ""),
            "Categories": _joined(bf.get("Categories") or {}),
            "SharedGroups": _joined(bf.get("SharedGroups") or {}),
            "BalanceWeight": gj.dumps(float(bf.get("Weight") or 0)).strip(),
            "ExtraParameters": action.get("ExtraParameters", ""),
            "BalanceBlocker": "true" if bf.get("Blocker") else "false",
            "BalanceDisabled": "true" if bf.get("Disabled") else "false",
            "Weight": action.get("Weight", 0.0),
        }

    @rpc("APIerSv1.GetActions", "string", gj.STRING)
    def get_actions(self, actions_id: str) -> list[dict[str, Any]]:
        if not actions_id:
            raise RpcError("MANDATORY_IE_MISSING ActionsId: ")
        if actions_id not in self.actions:
            raise _server_error("NOT_FOUND")
        return [self._tp_action(action) for action in self.actions[actions_id]]

    @rpc("APIerSv1.RemoveActions", "v1.AttrRemoveActions", {"ActionIDs": gj.STRINGS})
    def remove_actions(self, args: dict[str, Any]) -> str:
        if not args["ActionIDs"]:
            raise _missing("ActionIDs")
        for actions_id in args["ActionIDs"]:
            if actions_id not in self.actions:
                raise _server_error("NOT_FOUND")
        for actions_id in args["ActionIDs"]:
            del self.actions[actions_id]
        return "OK"

    @rpc("APIerSv1.ExecuteAction", "utils.AttrExecuteAction", {"Tenant": S, "Account": S, "ActionsId": S})
    def execute_action(self, args: dict[str, Any]) -> str:
        accounts = [f"{self.tenant(args)}:{args['Account']}"] if args["Account"] else []
        self._execute(args["ActionsId"], accounts)
        return "OK"

    def _execute(self, actions_id: str, account_ids: list[str]) -> None:
        if actions_id not in self.actions:
            raise RpcError("NOT_FOUND")
        actions = sorted(copy.deepcopy(self.actions[actions_id]), key=lambda a: -a["Weight"])
        self._run_actions(actions, account_ids)

    def _run_actions(self, actions: list[dict[str, Any]], account_ids: list[str], extra_data: Any = None) -> None:
        """CGRateS `ActionTiming.Execute`: each account changes all-or-nothing; a failing action makes the call
        answer PARTIALLY_EXECUTED. Missing accounts are created."""
        partial = False
        now = self.now()
        for acc_id in account_ids:
            account = copy.deepcopy(self.accounts.get(acc_id)) or self._new_account(acc_id)
            ok, removed = True, False
            done: list[tuple[dict[str, Any], float]] = []
            for action in actions:
                action = copy.deepcopy(action)
                if action.get("Balance") is None:
                    action["Balance"] = {}
                if action.get("ExpirationString"):
                    try:
                        action["Balance"]["ExpirationDate"] = gj.parse_time(action["ExpirationString"], now)
                    except ValueError:
                        pass
                try:
                    value = self._apply(account, action, done, extra_data, now)
                except RpcError:
                    ok, partial = False, True
                    break
                done.append((action, value))
                removed = removed or action["ActionType"] == "*remove_account"
            if ok and not removed:
                self._save(account)
        if not account_ids:
            for action in actions:
                if action["ActionType"] in ("*http_post", "*http_post_async"):
                    self._http_post(action, None, now)
        if partial:
            raise RpcError("PARTIALLY_EXECUTED")

    def _apply(
        self, account: dict[str, Any], action: dict[str, Any], done: list[tuple[dict[str, Any], float]], extra: Any, now: datetime
    ) -> float:
        kind, bf = action["ActionType"], action["Balance"]
        if kind in ("*topup", "*topup_reset", "*debit", "*debit_reset"):
            amount = bf.get("Value") or 0.0
            return self._debit(account, bf, -amount if kind.startswith("*topup") else amount, kind.endswith("_reset"), now)
        if kind == "*set_balance":
            return self._set_balance(account, bf)
        if kind == "*remove_balance":
            found = False
            for balance_type, balances in account["BalanceMap"].items():
                kept = [b for b in balances if not match_filter(b, bf, balance_type)]
                found = found or len(kept) != len(balances)
                account["BalanceMap"][balance_type] = kept
            if not found:
                raise RpcError("NOT_FOUND")
            return 0.0
        if kind == "*remove_expired":
            for balance_type, balances in account["BalanceMap"].items():
                account["BalanceMap"][balance_type] = [b for b in balances if not is_expired(b, now)]
            return 0.0
        if kind in ("*enable_account", "*disable_account"):
            account["Disabled"] = kind == "*disable_account"
        elif kind in ("*allow_negative", "*deny_negative"):
            account["AllowNegative"] = kind == "*allow_negative"
        elif kind == "*reset_account":
            for balances in account["BalanceMap"].values():
                for balance in balances:
                    balance["Value"] = 0.0
        elif kind == "*topup_zero_negative":
            for balance in account["BalanceMap"].get(bf.get("Type", ""), []):
                if match_filter(balance, bf) and balance["Value"] < 0:
                    balance["Value"] = 0.0
        elif kind == "*set_expiry":
            for balance in account["BalanceMap"].get(bf.get("Type", ""), []):
                if match_filter(balance, {k: v for k, v in bf.items() if k != "ExpirationDate"}):
                    balance["ExpirationDate"] = bf.get("ExpirationDate")
        elif kind in ("*http_post", "*http_post_async"):
            self._http_post(action, account, now)
        elif kind == "*cdrlog":
            self._cdrlog(account, action, done, extra, now)
        elif kind == "*remove_account":
            self.accounts.pop(account["ID"], None)
            for plan in self.action_plans.values():
                (plan.get("AccountIDs") or {}).pop(account["ID"], None)
            self.account_plans.pop(account["ID"], None)
        elif kind not in NO_OP_ACTIONS:
            raise RpcError(f"Function type {kind} not available, aborting execution!")
        return 0.0

    def _debit(self, account: dict[str, Any], bf: dict[str, Any], amount: float, reset: bool, now: datetime) -> float:
        """CGRateS `Account.debitBalanceAction`: subtract `amount` (negative = add) from every matching live
        balance of the type; without a match, append a new balance holding -amount."""
        balance_type = bf.get("Type", "")
        found, value = False, 0.0
        for balance in account["BalanceMap"].get(balance_type, []):
            if is_expired(balance, now) or not match_filter(balance, bf):
                continue
            if reset:
                balance["Value"] = 0.0
            balance["Value"] = _round(balance["Value"] - amount)
            found, value = True, balance["Value"]
        if not found:
            balance = create_balance(bf)
            if balance["ID"] == "*default":
                balance = {**new_balance(), "ID": "*default"}
            balance["Value"] = _round(-amount)
            balance["Uuid"] = str(uuid.uuid4())
            account["BalanceMap"].setdefault(balance_type, []).append(balance)
            value = balance["Value"]
        return value

    def _set_balance(self, account: dict[str, Any], bf: dict[str, Any]) -> float:
        """CGRateS `Account.setBalanceAction`: update the balance with that UUID or ID, or create it."""
        now = self.now()
        target = None
        for balance_type, balances in account["BalanceMap"].items():
            if bf.get("Type") and not bf.get("Uuid") and balance_type != bf["Type"]:
                continue
            for balance in balances:
                key, wanted = ("Uuid", bf.get("Uuid")) if bf.get("Uuid") else ("ID", bf.get("ID"))
                if wanted is not None and balance[key] == wanted and not is_expired(balance, now):
                    target = balance
                    break
            if target:
                break
        if target is None:
            if bf.get("Uuid"):
                raise RpcError(f"cannot find balance with uuid: <{bf['Uuid']}>")
            if not bf.get("Type"):
                raise RpcError("missing balance type")
            target = {**new_balance(), "Uuid": str(uuid.uuid4())}
            account["BalanceMap"].setdefault(bf["Type"], []).append(target)
        for key in ("ID", "Value", "ExpirationDate", "RatingSubject", "Categories", "DestinationIDs", "TimingIDs"):
            if key in bf:
                target[key] = copy.deepcopy(bf[key])
        for key in ("Weight", "Blocker", "Disabled", "SharedGroups", "Factors"):
            if key in bf:
                target[key] = copy.deepcopy(bf[key])
        return target["Value"]

    def _http_post(self, action: dict[str, Any], account: dict[str, Any] | None, now: datetime) -> None:
        url = action.get("ExtraParameters", "")
        body = account_json(account) if account else None
        self.http_posts.append(
            {"url": url, "action": action["ActionType"], "account": account and account["ID"], "body": body, "at": now}
        )
        if self.http_post and url:
            try:
                requests.post(url, data=gj.dumps(body), headers={"Content-Type": "application/json"}, timeout=3)
            except requests.RequestException:
                pass  # CGRateS keeps failed posts aside and carries on

    def _cdrlog(
        self, account: dict[str, Any], action: dict[str, Any], done: list[tuple[dict[str, Any], float]], extra: Any, now: datetime
    ) -> None:
        template: dict[str, str] = {}
        if action.get("ExtraParameters"):
            try:
                template = json.loads(action["ExtraParameters"])
            except ValueError as error:
                raise RpcError(str(error)) from None
        if isinstance(extra, dict):
            template.update({key: _iface_string(value) for key, value in extra.items()})
        tenant, _, name = account["ID"].partition(":")
        for previous, _value in done:
            if previous["ActionType"] not in BALANCE_ACTIONS or not previous.get("Balance"):
                continue
            origin_id = str(uuid.uuid4())
            fields = {
                "ToR": previous["Balance"].get("Type", ""),
                "OriginHost": "127.0.0.1",
                "RequestType": "*none",
                "Tenant": tenant,
                "Account": name,
                "Subject": name,
                "Cost": previous["Balance"].get("Value") or 0.0,
            }
            fields.update({key: str(text)[1:] if str(text).startswith("^") else text for key, text in template.items()})
            self._store_cdr(
                {
                    "RunID": previous["ActionType"],
                    "Source": "*cdrlog",
                    "OriginID": origin_id,
                    "SetupTime": now,
                    "AnswerTime": now,
                    "Usage": 1,
                    "PreRated": True,
                    **fields,
                },
                now,
            )

    # action plans -------------------------------------------------------------------------------------------

    def _build_plan(self, args: dict[str, Any]) -> dict[str, Any]:
        missing = _blank(args, "Id", "ActionPlan")
        if missing:
            raise _missing(*missing)
        for timing in args["ActionPlan"]:
            absent = [name for name in ("ActionsId", "Time") if not timing[name].strip()]
            if absent:
                raise RpcError(f"MANDATORY_IE_MISSING:Action:{timing['ActionsId']}:[{' '.join(absent)}]")
        if args["Id"] in self.action_plans and not args["Overwrite"]:
            raise RpcError("EXISTS")
        now = self.now()
        timings = []
        for timing in args["ActionPlan"]:
            if timing["ActionsId"] not in self.actions:
                raise RpcError(f"BROKEN_REFERENCE:{timing['ActionsId']}")
            timings.append(
                {
                    "Uuid": str(uuid.uuid4()),
                    "Timing": {"Timing": ri_timing(timing, now), "Rating": None, "Weight": 0},
                    "ActionsID": timing["ActionsId"],
                    "ExtraData": None,
                    "Weight": timing["Weight"],
                }
            )
        return {"Id": args["Id"], "AccountIDs": None, "ActionTimings": timings}

    def _replace_plan(self, plan: dict[str, Any]) -> None:
        previous = self.action_plans.get(plan["Id"])
        for acc_id in (previous or {}).get("AccountIDs") or {}:
            if plan["Id"] in self.account_plans.get(acc_id, []):
                self.account_plans[acc_id].remove(plan["Id"])
        self.action_plans[plan["Id"]] = plan

    @rpc("APIerSv1.SetActionPlan", "engine.AttrSetActionPlan", ATTR_SET_ACTION_PLAN)
    def set_action_plan(self, args: dict[str, Any]) -> str:
        """Like CGRateS, (over)writing a plan detaches the accounts it had."""
        self._replace_plan(self._build_plan(args))
        return "OK"

    @rpc("APIerSv1.SetActionPlanAccounts", "engine.AttrSetActionPlanAccounts", ATTR_SET_ACTION_PLAN_ACCOUNTS)
    def set_action_plan_accounts(self, args: dict[str, Any]) -> str:
        """Like CGRateS, this sets the plan's AccountIDs as given without indexing them per account."""
        plan = self._build_plan(args)
        plan["AccountIDs"] = {acc: True for acc in args["AccountIDs"] or []} or None
        self._replace_plan(plan)
        return "OK"

    @rpc("APIerSv1.GetActionPlan", "v1.AttrGetActionPlan", {"ID": S})
    def get_action_plan(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        if args["ID"] in ("", "*"):
            if not self.action_plans:
                raise RpcError("NOT_FOUND")
            return copy.deepcopy(list(self.action_plans.values()))
        return [copy.deepcopy(self._get_plan(args["ID"]))]

    @rpc("APIerSv1.GetActionPlanIDs", "utils.PaginatorWithTenant", {"Tenant": S, "Limit": gj.INT_PTR, "Offset": gj.INT_PTR})
    def get_action_plan_ids(self, args: dict[str, Any]) -> list[str]:
        if not self.action_plans:
            raise RpcError("NOT_FOUND")
        return _paginate(list(self.action_plans), args["Limit"], args["Offset"])

    @rpc("APIerSv1.RemoveActionPlan", "v1.AttrGetActionPlan", {"ID": S})
    def remove_action_plan(self, args: dict[str, Any]) -> str:
        if not args["ID"].strip():
            raise _missing("ID")
        plan = self.action_plans.pop(args["ID"], None)
        for acc_id in (plan or {}).get("AccountIDs") or {}:
            if args["ID"] in self.account_plans.get(acc_id, []):
                self.account_plans[acc_id].remove(args["ID"])
        return "OK"

    @rpc("APIerSv1.GetAccountActionPlan", "utils.TenantAccount", TENANT_ACCOUNT)
    def get_account_action_plan(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        if not args["Account"].strip():
            raise RpcError("MANDATORY_IE_MISSING: [Account ]")  # CGRateS joins the names, then adds an empty one
        acc_id = f"{self.tenant(args)}:{args['Account'].strip()}"
        now = self.now()
        result = []
        for plan_id in self.account_plans.get(acc_id, []):
            plan = self._get_plan(plan_id)
            for timing in plan["ActionTimings"] or []:
                result.append(
                    {
                        "ActionPlanId": plan["Id"],
                        "Uuid": timing["Uuid"],
                        "ActionsId": timing["ActionsID"],
                        "NextExecTime": next_start(timing["Timing"]["Timing"], now) or gj.ZERO_TIME,
                    }
                )
        return result

    @rpc("APIerSv1.RemoveActionTiming", "v1.AttrRemoveActionTiming", ATTR_REMOVE_ACTION_TIMING)
    def remove_action_timing(self, args: dict[str, Any]) -> str:
        if not args["ActionPlanId"].strip():
            raise _missing("ActionPlanId")
        plan = self.action_plans.get(args["ActionPlanId"])
        if plan is None:
            raise _server_error("NOT_FOUND")
        if args["Account"]:
            acc_id = f"{self.tenant(args)}:{args['Account']}"
            (plan.get("AccountIDs") or {}).pop(acc_id, None)
            if plan["Id"] in self.account_plans.get(acc_id, []):
                self.account_plans[acc_id].remove(plan["Id"])
        elif args["ActionTimingId"]:
            plan["ActionTimings"] = [t for t in plan["ActionTimings"] or [] if t["Uuid"] != args["ActionTimingId"]]
        else:
            self.remove_action_plan({"ID": plan["Id"]})
        return "OK"

    @rpc("APIerSv1.ResetAccountActionTriggers", "v1.AttrResetAccountActionTriggers", ATTR_RESET_TRIGGERS)
    def reset_account_action_triggers(self, args: dict[str, Any]) -> str:
        if not args["Account"].strip():
            raise _missing("Account")
        if f"{self.tenant(args)}:{args['Account'].strip()}" not in self.accounts:
            raise RpcError("NOT_FOUND")
        return "OK"  # the simulator's accounts carry no action triggers

    @rpc("APIerSv1.GetScheduledActions", "scheduler.ArgsGetScheduledActions", ARGS_SCHEDULED)
    def get_scheduled_actions(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        now = self.now()
        bounds = []
        for key in ("TimeStart", "TimeEnd"):
            bounds.append(gj.parse_time(str(args[key]), now) if args[key] else None)
        wanted = None
        if args["Account"]:
            wanted = f"{args['Tenant'] or self.default_tenant}:{args['Account']}"
        result = []
        for plan in self.action_plans.values():
            accounts = plan.get("AccountIDs") or {}
            if not accounts or (wanted and wanted not in accounts):
                continue
            if args["Tenant"] and not any(acc.startswith(f"{args['Tenant']}:") for acc in accounts):
                continue
            for timing in plan["ActionTimings"] or []:
                when = next_start(timing["Timing"]["Timing"], now)
                if when is None or (bounds[0] and when < bounds[0]) or (bounds[1] and when >= bounds[1]):
                    continue
                result.append(
                    {
                        "NextRunTime": when,
                        "Accounts": len(accounts),
                        "ActionPlanID": plan["Id"],
                        "ActionTimingUUID": timing["Uuid"],
                        "ActionsID": timing["ActionsID"],
                    }
                )
        result.sort(key=lambda item: item["NextRunTime"])
        result = _paginate(result, args["Limit"], args["Offset"])
        if not result:
            raise RpcError("NOT_FOUND")
        return result

    def execute_plan(self, plan_id: str) -> list[dict[str, Any]]:
        """Run every timing of a plan on its accounts now (what the scheduler does when the time comes)."""
        with self.lock:
            plan = self._get_plan(plan_id)
            accounts = list(plan.get("AccountIDs") or {})
            ran = []
            for timing in plan["ActionTimings"] or []:
                error = None
                try:
                    self._execute(timing["ActionsID"], accounts)
                except RpcError as failure:
                    error = str(failure)
                ran.append({"ActionsID": timing["ActionsID"], "Accounts": accounts, "error": error})
            return ran

    # caches, health -----------------------------------------------------------------------------------------

    @rpc("CacheSv1.ReloadCache", "utils.AttrReloadCacheWithAPIOpts", ANY_OBJECT)
    def reload_cache(self, args: dict[str, Any]) -> str:
        return "OK"

    @rpc("APIerSv1.ReloadCache", "utils.AttrReloadCache", {"ArgsCache": S, "FlushAll": B})
    def reload_cache_legacy(self, args: dict[str, Any]) -> str:
        """Only CGRateS v0.9 has APIerSv1.ReloadCache; v0.10 and master answer `rpc: can't find method`. Kept
        because the reference playbooks still call it (with ignore_errors)."""
        return "OK"

    @rpc("CoreSv1.Ping", "utils.CGREvent", gj.ANY)
    def ping(self, args: Any) -> str:
        return "Pong"

    @rpc("CoreSv1.Status", "utils.TenantWithAPIOpts", ANY_OBJECT)
    def status(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"NodeID": "omnicrm-sandbox-ocs", "GoVersion": "sandbox", "Version": "CGRateS@sandbox", "ActiveGoroutines": 1}

    # attribute profiles and filters -------------------------------------------------------------------------

    @rpc("APIerSv1.GetAttributeProfile", "utils.TenantIDWithAPIOpts", TENANT_ID)
    def get_attribute_profile(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args["ID"].strip():
            raise _missing("ID")
        profile = self.attribute_profiles.get(f"{self.tenant(args)}:{args['ID'].strip()}")
        if profile is None:
            raise RpcError("NOT_FOUND")
        return copy.deepcopy(profile)

    @rpc("APIerSv1.SetAttributeProfile", "engine.AttributeProfileWithAPIOpts", ATTRIBUTE_PROFILE)
    def set_attribute_profile(self, args: dict[str, Any]) -> str:
        missing = _blank(args, "ID", "Attributes")
        if missing:
            raise _missing(*missing)
        tenant = args["Tenant"] or self.default_tenant
        for attribute in args["Attributes"]:
            if not attribute["Path"]:
                raise _missing("Path")
            for value in attribute["Value"] or []:
                if not value["Rules"]:
                    raise _missing("Rules")
        self.attribute_profiles[f"{tenant}:{args['ID'].strip()}"] = {
            "Tenant": tenant,
            "ID": args["ID"].strip(),
            "Contexts": args["Contexts"],
            "FilterIDs": args["FilterIDs"],
            "ActivationInterval": args["ActivationInterval"],
            "Attributes": args["Attributes"],
            "Blocker": args["Blocker"],
            "Weight": args["Weight"],
        }
        return "OK"

    @rpc("APIerSv1.RemoveAttributeProfile", "utils.TenantIDWithAPIOpts", TENANT_ID)
    def remove_attribute_profile(self, args: dict[str, Any]) -> str:
        if not args["ID"].strip():
            raise _missing("ID")
        if self.attribute_profiles.pop(f"{self.tenant(args)}:{args['ID'].strip()}", None) is None:
            raise RpcError("NOT_FOUND")
        return "OK"

    @rpc("APIerSv1.GetFilter", "utils.TenantID", TENANT_ID)
    def get_filter(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args["ID"].strip():
            raise _missing("ID")
        found = self.filters.get(f"{self.tenant(args)}:{args['ID'].strip()}")
        if found is None:
            raise RpcError("NOT_FOUND")
        return copy.deepcopy(found)

    @rpc("APIerSv1.SetFilter", "engine.FilterWithAPIOpts", FILTER)
    def set_filter(self, args: dict[str, Any]) -> str:
        missing = _blank(args, "ID", "Rules")
        if missing:
            raise _missing(*missing)
        tenant = args["Tenant"] or self.default_tenant
        self.filters[f"{tenant}:{args['ID'].strip()}"] = {
            "Tenant": tenant,
            "ID": args["ID"].strip(),
            "Rules": args["Rules"],
            "ActivationInterval": args["ActivationInterval"],
        }
        return "OK"

    @rpc("APIerSv1.RemoveFilter", "utils.TenantIDWithAPIOpts", TENANT_ID)
    def remove_filter(self, args: dict[str, Any]) -> str:
        if not args["ID"].strip():
            raise _missing("ID")
        if self.filters.pop(f"{self.tenant(args)}:{args['ID'].strip()}", None) is None:
            raise RpcError("NOT_FOUND")
        return "OK"

    # CDRs ---------------------------------------------------------------------------------------------------

    def _store_cdr(self, fields: dict[str, Any], now: datetime) -> dict[str, Any]:
        self._order_id += 1
        cdr = {
            "CGRID": "",
            "RunID": "*default",
            "OrderID": self._order_id,
            "OriginHost": "",
            "Source": "",
            "OriginID": "",
            "ToR": "*voice",
            "RequestType": "*rated",
            "Tenant": self.default_tenant,
            "Category": "call",
            "Account": "",
            "Subject": "",
            "Destination": "",
            "SetupTime": None,
            "AnswerTime": None,
            "Usage": 0,
            "ExtraFields": {},
            "ExtraInfo": "",
            "Partial": False,
            "PreRated": False,
            "CostSource": "",
            "Cost": -1.0,
            "CreatedAt": now,
            **fields,
        }
        cdr["Subject"] = cdr["Subject"] or cdr["Account"]
        cdr["CGRID"] = cdr["CGRID"] or hashlib.sha1((cdr["OriginID"] + cdr["OriginHost"]).encode()).hexdigest()
        self.cdrs.append(cdr)
        return cdr

    @rpc("CDRsV1.ProcessEvent", "engine.ArgV1ProcessEvent", ARG_PROCESS_EVENT)
    def process_event(self, args: dict[str, Any]) -> str:
        """Store a CDR from the event; with `*rals`, debit the account (simplified rating, see the module doc)."""
        now = self.now()
        flags = {flag.split(":")[0]: not flag.endswith(":false") for flag in args["Flags"] or []}
        event = args["Event"] or {}
        fields: dict[str, Any] = {"Tenant": self.tenant(args), "ExtraFields": {}}
        for key, value in event.items():
            if key in TEXT_CDR_FIELDS:
                fields[key] = _iface_string(value)
            elif key in ("SetupTime", "AnswerTime"):
                try:
                    fields[key] = value if isinstance(value, datetime) else gj.parse_time(_iface_string(value), now)
                except ValueError as error:
                    raise RpcError(str(error)) from None
            elif key == "Usage":
                fields["Usage"] = _usage_ns(value)
            elif key == "Cost":
                fields["Cost"] = _iface_float(value)
            elif key in ("PreRated", "Partial"):
                fields[key] = _iface_bool(value)
            elif key == "OrderID":
                continue
            else:
                fields["ExtraFields"][key] = _iface_string(value)
        fields.setdefault("OriginID", args["ID"] or str(uuid.uuid4()))
        outcome = "OK"
        if flags.get("*rals") and not fields.get("PreRated"):
            fields, outcome = self._rate(fields, now)
        if flags.get("*store", True):
            self._store_cdr(fields, now)
        if outcome != "OK":
            raise RpcError(outcome)
        return "OK"

    def _rate(self, fields: dict[str, Any], now: datetime) -> tuple[dict[str, Any], str]:
        request_type = fields.get("RequestType", "*rated")
        cost = fields.get("Cost", 0.0)
        fields["Cost"] = cost if cost >= 0 else 0.0
        if request_type not in ("*prepaid", "*postpaid", "*pseudoprepaid"):
            return fields, "OK"
        acc_id = f"{fields['Tenant']}:{fields.get('Account', '')}"
        account = self.accounts.get(acc_id)
        if account is None or account["Disabled"]:
            fields.update(Cost=-1.0, ExtraInfo="ACCOUNT_DISABLED" if account else "ACCOUNT_NOT_FOUND")
            return fields, "PARTIALLY_EXECUTED"
        account = copy.deepcopy(account)
        remaining = float(fields.get("Usage", 0))
        for balance in _consumption_order(account["BalanceMap"].get(fields.get("ToR", "*voice"), [])):
            if remaining <= 0 or is_expired(balance, now) or balance["Disabled"] or balance["Value"] <= 0:
                continue
            take = min(balance["Value"], remaining)
            balance["Value"] = _round(balance["Value"] - take)
            remaining -= take
        money = fields["Cost"]
        monetary = _consumption_order(account["BalanceMap"].get("*monetary", []))
        monetary = [b for b in monetary if not is_expired(b, now) and not b["Disabled"]]
        for balance in monetary:
            if money <= 0:
                break
            take = min(max(balance["Value"], 0.0), money)
            balance["Value"] = _round(balance["Value"] - take)
            money -= take
        if money > 0 and account["AllowNegative"]:
            if not monetary:
                monetary = [{**new_balance(), "ID": "*default", "Uuid": str(uuid.uuid4())}]
                account["BalanceMap"].setdefault("*monetary", []).extend(monetary)
            monetary[0]["Value"] = _round(monetary[0]["Value"] - money)
            money = 0.0
        if (remaining > 0 and fields["Cost"] == 0) or money > 0:
            fields["ExtraInfo"] = "INSUFFICIENT_CREDIT"
        self._save(account)
        return fields, "OK"

    def _query_cdrs(self, flt: dict[str, Any]) -> list[dict[str, Any]]:
        now = self.now()
        try:
            bounds = {key: gj.parse_time(flt[key], now) for key in flt if key.endswith(("Start", "End")) and flt[key]}
            min_usage = gj.parse_duration_with_nanos(flt["MinUsage"]) if flt.get("MinUsage") else None
            max_usage = gj.parse_duration_with_nanos(flt["MaxUsage"]) if flt.get("MaxUsage") else None
        except ValueError as error:
            raise _server_error(error) from None
        field_of = {"CGRIDs": "CGRID", "RunIDs": "RunID", "OriginIDs": "OriginID", "OriginHosts": "OriginHost"}
        field_of.update(Sources="Source", ToRs="ToR", RequestTypes="RequestType", Tenants="Tenant", Categories="Category")
        field_of.update(Accounts="Account", Subjects="Subject")

        def keep(cdr: dict[str, Any]) -> bool:
            for name, field in field_of.items():
                if flt.get(name) and cdr[field] not in flt[name]:
                    return False
                if flt.get("Not" + name) and cdr[field] in flt["Not" + name]:
                    return False
            if flt.get("DestinationPrefixes") and not any(cdr["Destination"].startswith(p) for p in flt["DestinationPrefixes"]):
                return False
            if flt.get("NotDestinationPrefixes") and any(cdr["Destination"].startswith(p) for p in flt["NotDestinationPrefixes"]):
                return False
            if flt.get("Costs") and cdr["Cost"] not in flt["Costs"]:
                return False
            if flt.get("NotCosts") and cdr["Cost"] in flt["NotCosts"]:
                return False
            extra = cdr["ExtraFields"]
            if flt.get("ExtraFields") and not any(
                key in extra and value in ("*exists", extra[key]) for key, value in flt["ExtraFields"].items()
            ):
                return False
            for prefix, field in (("SetupTime", "SetupTime"), ("AnswerTime", "AnswerTime"), ("CreatedAt", "CreatedAt")):
                start, end = bounds.get(prefix + "Start"), bounds.get(prefix + "End")
                if start and (cdr[field] is None or cdr[field] < start):
                    return False
                if end and (cdr[field] is None or cdr[field] >= end):
                    return False
            if min_usage is not None and cdr["Usage"] < min_usage:
                return False
            return max_usage is None or cdr["Usage"] < max_usage

        found = [cdr for cdr in self.cdrs if keep(cdr)]
        if flt.get("OrderBy"):
            column, _, direction = flt["OrderBy"].partition(";")
            if column not in ("OrderID", "AnswerTime", "SetupTime", "Usage", "Cost"):
                raise _server_error(f"Invalid value : {column}")
            empty = gj.ZERO_TIME if column.endswith("Time") else 0
            found.sort(key=lambda cdr: cdr[column] or empty, reverse=direction == "desc")
        found = _paginate(found, flt.get("Limit"), flt.get("Offset"))
        if not found:
            raise RpcError("NOT_FOUND")
        return found

    @rpc("APIerSv2.GetCDRs", "utils.RPCCDRsFilter", RPC_CDRS_FILTER)
    def get_cdrs_v2(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        return [external_cdr_json(cdr) for cdr in self._query_cdrs(args)]

    @rpc("APIerSv2.CountCDRs", "utils.RPCCDRsFilter", RPC_CDRS_FILTER)
    def count_cdrs_v2(self, args: dict[str, Any]) -> int:
        try:
            return len(self._query_cdrs({**args, "Limit": None, "Offset": None}))
        except RpcError as error:
            if str(error) == "NOT_FOUND":
                return 0
            raise

    @rpc("APIerSv1.GetCDRs", "utils.AttrGetCdrs", ATTR_GET_CDRS)
    def get_cdrs_v1(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        flt = {
            "CGRIDs": args["CgrIds"],
            "RunIDs": args["MediationRunIds"],
            "ToRs": args["TORs"],
            "OriginHosts": args["CdrHosts"],
            "Sources": args["CdrSources"],
            "RequestTypes": args["ReqTypes"],
            "Tenants": args["Tenants"],
            "Categories": args["Categories"],
            "Accounts": args["Accounts"],
            "Subjects": args["Subjects"],
            "DestinationPrefixes": args["DestinationPrefixes"],
            "AnswerTimeStart": args["TimeStart"],
            "AnswerTimeEnd": args["TimeEnd"],
            "OrderBy": args["OrderBy"],
            "Limit": args["Limit"],
            "Offset": args["Offset"],
        }
        return [external_cdr_json(cdr) for cdr in self._query_cdrs(flt)]

    @rpc("CDRsV1.GetCDRs", "utils.RPCCDRsFilterWithAPIOpts", RPC_CDRS_FILTER_OPTS)
    def get_cdrs_cdrsv1(self, args: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return [cdr_json(cdr) for cdr in self._query_cdrs(args)]
        except RpcError as error:
            if str(error) == "NOT_FOUND":
                raise _server_error("NOT_FOUND") from None
            raise

    @rpc("CDRsV1.GetCDRsCount", "utils.RPCCDRsFilterWithAPIOpts", RPC_CDRS_FILTER_OPTS)
    def get_cdrs_count_cdrsv1(self, args: dict[str, Any]) -> int:
        return self.count_cdrs_v2(args)


def _parse_go_bool(text: str) -> bool | None:
    if text == "":
        return None
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise RpcError(f'strconv.ParseBool: parsing "{text}": invalid syntax')


def _usage_ns(value: Any) -> int:
    """CGRateS `utils.IfaceAsDuration`: a number is nanoseconds (or units), a string a Go duration."""
    if isinstance(value, bool):
        raise RpcError(f"cannot convert field: {value} to time.Duration")
    if isinstance(value, int | float):
        return int(value)
    try:
        return gj.parse_duration_with_nanos(str(value))
    except ValueError as error:
        raise RpcError(str(error)) from None


def _paginate(items: list[Any], limit: int | None, offset: int | None) -> list[Any]:
    start = max(offset or 0, 0)
    return items[start : start + limit] if limit else items[start:]


def _rule_matches(rule: dict[str, Any], call: dict[str, Any]) -> bool:
    wanted = str(rule.get("method") or "*")
    return wanted == "*" or canonical_method(wanted) == call["canonical_method"]


def create_app(default_tenant: str = DEFAULT_TENANT, http_post: bool = False) -> Flask:
    """A CGRateS simulator app: `POST /jsonrpc` plus the `/sandbox/...` control API."""
    sim = CgratesSimulator(default_tenant=default_tenant, http_post=http_post)
    app = Flask("sandbox_ocs")
    app.extensions["sandbox"] = sim
    sim.controls.register(app, sim.dump_state, sim.reset_state)

    @app.route("/jsonrpc", methods=["POST", "GET", "PUT", "OPTIONS"])
    def jsonrpc() -> Response:
        response = Response(sim.handle_body(request.get_data()), status=200, content_type="application/json")
        origin = request.headers.get("Origin")
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Methods"] = "POST, GET, OPTIONS, PUT, DELETE"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
        return response

    @app.post("/sandbox/action_plans/<path:plan_id>/execute")
    def sandbox_execute_plan(plan_id: str) -> Any:
        try:
            return jsonify({"executed": sim.execute_plan(plan_id)})
        except RpcError as error:
            return jsonify({"message": str(error)}), 404

    @app.get("/sandbox/http_posts")
    def sandbox_http_posts() -> Any:
        with sim.lock:
            return Response(gj.dumps({"http_posts": sim.http_posts}), content_type="application/json")

    return app


def main(argv: list[str] | None = None) -> None:
    """`python -m omnicrm.sandbox.ocs --port 2080 [--tenant cgrates.org] [--http-post]`."""

    def add_arguments(parser: Any) -> None:
        parser.add_argument("--tenant", default=DEFAULT_TENANT, help="default tenant (CGRateS general.default_tenant)")
        parser.add_argument("--http-post", action="store_true", help="really send *http_post actions")

    run_cli(
        "CGRateS simulator (JSON-RPC)",
        lambda args: create_app(default_tenant=args.tenant, http_post=args.http_post),
        2080,
        argv,
        add_arguments,
        path_hint="/jsonrpc",
    )


if __name__ == "__main__":
    main()
