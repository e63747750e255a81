"""Client of the CGRateS JSON-RPC API (the OCS), as configured by `ocs.cgrates` and `ocs.ocsTenant`.

Every call is `POST http://<host:port>/jsonrpc` with the body `{"method": "<Service>.<Method>", "params": [{...}],
"id": <n>}`; CGRateS answers HTTP 200 `{"id": <n>, "result": ..., "error": null}` or `{..., "result": null,
"error": "<text>"}`. The client uses the canonical method names (`APIerSv1.*`, `APIerSv2.*`; CGRateS also
answers the legacy `ApierV1.*`/`ApierV2.*`), fills `Tenant` on every call, and raises:

- `OcsError` when CGRateS answers with an error (`NOT_FOUND`, `MANDATORY_IE_MISSING: [Account]`,
  `SERVER_ERROR: ...`; `error.not_found` tells the usual "no such account/plan" case apart);
- `OcsUnavailable` when it cannot be reached, does not answer within `timeout` seconds, or answers something
  that is not a JSON-RPC reply (e.g. a proxy's HTTP 502).

Units are CGRateS': data in bytes, voice in nanoseconds, SMS in messages, money in minor units (cents).
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import requests
from flask import current_app

DEFAULT_TIMEOUT = 5.0
MONETARY, DATA, VOICE, SMS = "*monetary", "*data", "*voice", "*sms"


class OcsError(Exception):
    """CGRateS answered the call with an error string."""

    def __init__(self, message: str, method: str = "") -> None:
        super().__init__(f"{method}: {message}" if method else message)
        self.message = message
        self.method = method
        match = re.match(r"[A-Za-z_]+", message)
        self.code = match.group(0) if match else ""

    @property
    def not_found(self) -> bool:
        """`NOT_FOUND`, also when wrapped (`SERVER_ERROR: NOT_FOUND`)."""
        return self.message == "NOT_FOUND" or self.message.endswith(": NOT_FOUND")


class OcsUnavailable(Exception):
    """CGRateS could not be reached, timed out, or did not answer with JSON-RPC."""


class OcsTimeout(OcsUnavailable):
    """CGRateS did not answer within the timeout."""


def jsonrpc_url(address: str) -> str:
    """`ocs.cgrates` is `host:port` without a scheme: it means `http://host:port/jsonrpc`. A full URL is accepted
    too (`http://host:port` gets `/jsonrpc` appended; a URL that already ends with a path is kept)."""
    address = address.strip()
    if "://" not in address:
        address = "http://" + address
    scheme, rest = address.split("://", 1)
    if "/" not in rest.rstrip("/"):
        return f"{scheme}://{rest.rstrip('/')}/jsonrpc"
    return address


def _time_text(value: str | datetime | None) -> str | None:
    """A CGRateS time expression (`+720h`, `*unlimited`, RFC 3339) or an aware datetime."""
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is None:
        raise ValueError("expiry datetimes must be timezone-aware")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Balance:
    """One bucket of `Account.BalanceMap`, parsed."""

    balance_type: str
    id: str
    uuid: str
    value: float
    expires_at: datetime | None  # None: never expires (CGRateS' zero time)
    weight: float
    disabled: bool
    blocker: bool


def parse_time(text: str | None) -> datetime | None:
    """Go's RFC 3339 time (nanoseconds allowed); the zero time `0001-01-01T00:00:00Z` is None."""
    if not text or text.startswith("0001-01-01"):
        return None
    text = re.sub(r"(\.\d{6})\d+", r"\1", text).replace("Z", "+00:00")
    return datetime.fromisoformat(text)


def balances(account: dict[str, Any]) -> list[Balance]:
    """The buckets of an `engine.Account` (what `get_account` returns), every type, in CGRateS' order."""
    found = []
    for balance_type, buckets in (account.get("BalanceMap") or {}).items():
        for bucket in buckets or []:
            found.append(
                Balance(
                    balance_type=balance_type,
                    id=bucket.get("ID", ""),
                    uuid=bucket.get("Uuid", ""),
                    value=float(bucket.get("Value", 0)),
                    expires_at=parse_time(bucket.get("ExpirationDate")),
                    weight=float(bucket.get("Weight", 0)),
                    disabled=bool(bucket.get("Disabled", False)),
                    blocker=bool(bucket.get("Blocker", False)),
                )
            )
    return found


@dataclass(frozen=True)
class Action:
    """One action of an action bundle (`APIerSv1.SetActions`, `V1TPAction`), e.g. `Action("*topup", DATA, 5e9, ...)`."""

    identifier: str
    balance_type: str = ""
    units: float = 0
    balance_id: str = ""
    expiry_time: str = ""
    balance_weight: float | None = None
    destination_ids: str = ""
    categories: str = ""
    extra_parameters: str = ""
    weight: float = 0

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"Identifier": self.identifier, "Weight": self.weight}
        optional = {
            "BalanceType": self.balance_type,
            "BalanceId": self.balance_id,
            "ExpiryTime": self.expiry_time,
            "DestinationIds": self.destination_ids,
            "Categories": self.categories,
            "ExtraParameters": self.extra_parameters,
        }
        wire.update({key: value for key, value in optional.items() if value})
        if self.balance_type:
            wire["Units"] = self.units
        if self.balance_weight is not None:
            wire["BalanceWeight"] = self.balance_weight
        return wire


@dataclass(frozen=True)
class Timing:
    """One timing of an action plan (`AttrActionPlan`). `time` is `hh:mm:ss`, `*asap`, `*monthly`, `*daily`, ...;
    the calendar fields are `;`-separated numbers or `*any`."""

    actions_id: str
    time: str = "00:00:00"
    years: str = "*any"
    months: str = "*any"
    month_days: str = "*any"
    week_days: str = "*any"
    weight: float = 10
    timing_id: str = ""

    def to_wire(self) -> dict[str, Any]:
        wire = {
            "ActionsId": self.actions_id,
            "Years": self.years,
            "Months": self.months,
            "MonthDays": self.month_days,
            "WeekDays": self.week_days,
            "Time": self.time,
            "Weight": self.weight,
        }
        if self.timing_id:
            wire["TimingID"] = self.timing_id
        return wire


class OcsClient:
    """Typed calls to one CGRateS. Thread-safe; one HTTP session (keep-alive) per client."""

    def __init__(
        self, base_url: str, tenant: str, timeout: float = DEFAULT_TIMEOUT, session: requests.Session | None = None
    ) -> None:
        self.url = jsonrpc_url(base_url)
        self.tenant = tenant
        self.timeout = timeout
        self.session = session or requests.Session()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def close(self) -> None:
        self.session.close()

    # transport ------------------------------------------------------------------------------------------------

    def call(self, method: str, params: Any) -> Any:
        """One JSON-RPC call; `params` is the single parameter object. Returns `result`."""
        reply = self.rpc(method, [params])
        if reply.get("error") not in (None, ""):
            raise OcsError(str(reply["error"]), method)
        return reply["result"]

    def rpc(self, method: str, params: list[Any]) -> dict[str, Any]:
        """The raw JSON-RPC exchange: the whole reply `{id, result, error}`, errors included (the OCS proxy)."""
        with self._lock:
            call_id = next(self._ids)
        body = {"method": method, "params": params, "id": call_id}
        try:
            response = self.session.post(
                self.url,
                data=json.dumps(body),
                headers={"Content-Type": "application/json", "Accept": "application/json"},
                timeout=self.timeout,
            )
        except requests.Timeout as error:
            raise OcsTimeout(f"CGRateS at {self.url} did not answer {method} within {self.timeout}s") from error
        except requests.RequestException as error:
            raise OcsUnavailable(f"CGRateS at {self.url} unreachable: {error}") from error
        if response.status_code != 200:
            raise OcsUnavailable(f"CGRateS at {self.url} answered HTTP {response.status_code} to {method}")
        try:
            reply, _ = json.JSONDecoder().raw_decode(response.text.lstrip())
        except ValueError:
            raise OcsUnavailable(f"CGRateS at {self.url} sent no JSON-RPC reply to {method}") from None
        if not isinstance(reply, dict) or "result" not in reply:
            raise OcsUnavailable(f"CGRateS at {self.url} sent no JSON-RPC reply to {method}")
        return reply

    def _tenant(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"Tenant": self.tenant, **params}

    # health ---------------------------------------------------------------------------------------------------

    def ping(self) -> bool:
        """`CoreSv1.Ping`: True when CGRateS answers `Pong`."""
        return self.call("CoreSv1.Ping", {"Tenant": self.tenant}) == "Pong"

    # accounts -------------------------------------------------------------------------------------------------

    def set_account(
        self,
        account: str,
        *,
        allow_negative: bool | None = None,
        disabled: bool | None = None,
        action_plan_ids: Sequence[str] | None = None,
        action_plans_overwrite: bool = False,
        reload_scheduler: bool = False,
    ) -> None:
        """`APIerSv2.SetAccount`: create the account if missing; only the options given are changed."""
        params: dict[str, Any] = {"Account": account}
        if action_plan_ids is not None:
            params["ActionPlanIDs"] = list(action_plan_ids)
        if action_plans_overwrite:
            params["ActionPlansOverwrite"] = True
        options = {"AllowNegative": allow_negative, "Disabled": disabled}
        if any(value is not None for value in options.values()):
            params["ExtraOptions"] = {key: value for key, value in options.items() if value is not None}
        if reload_scheduler:
            params["ReloadScheduler"] = True
        self._expect_ok(self.call("APIerSv2.SetAccount", self._tenant(params)))

    def create_account(self, account: str, allow_negative: bool = False) -> None:
        """The provisioning call: a fresh account, no action plans, enabled, not allowed to go negative."""
        self.set_account(
            account,
            allow_negative=allow_negative,
            disabled=False,
            action_plan_ids=[],
            action_plans_overwrite=True,
            reload_scheduler=True,
        )

    def suspend_account(self, account: str) -> None:
        """`ExtraOptions.Disabled = true`: usage is blocked and action plans stop; the plans stay attached."""
        self.set_account(account, disabled=True)

    def resume_account(self, account: str) -> None:
        self.set_account(account, disabled=False)

    def attach_action_plans(self, account: str, plan_ids: Sequence[str], overwrite: bool = False) -> None:
        """Bind plans to the account (`overwrite` also detaches the plans not listed)."""
        self.set_account(account, action_plan_ids=plan_ids, action_plans_overwrite=overwrite, reload_scheduler=True)

    def get_account(self, account: str) -> dict[str, Any]:
        """`APIerSv2.GetAccount`: the `engine.Account` (`ID`, `BalanceMap`, `AllowNegative`, `Disabled`, ...).
        Raises OcsError with `not_found` for an unknown account; see `balances()` to read the buckets."""
        return self.call("APIerSv2.GetAccount", self._tenant({"Account": account}))

    def get_accounts(self, account_ids: Sequence[str] | None = None, offset: int = 0, limit: int = 0) -> list[dict[str, Any]]:
        """`APIerSv2.GetAccounts` (all of the tenant when no ids are given)."""
        params: dict[str, Any] = {"AccountIDs": list(account_ids or []), "Offset": offset, "Limit": limit}
        return self.call("APIerSv2.GetAccounts", self._tenant(params)) or []

    def remove_account(self, account: str, reload_scheduler: bool = True) -> None:
        """`APIerSv1.RemoveAccount`; also detaches it from every action plan. Removing a missing account is OK."""
        params = {"Account": account, "ReloadScheduler": reload_scheduler}
        self._expect_ok(self.call("APIerSv1.RemoveAccount", self._tenant(params)))

    # balances -------------------------------------------------------------------------------------------------

    @staticmethod
    def _balance(
        value: float | None,
        balance_id: str | None,
        expiry_time: str | datetime | None,
        weight: float | None,
        destination_ids: str | None,
        categories: str | None,
        blocker: bool | None,
        disabled: bool | None,
    ) -> dict[str, Any]:
        fields = {
            "ID": balance_id,
            "Value": value,
            "ExpiryTime": _time_text(expiry_time),
            "Weight": weight,
            "DestinationIDs": destination_ids,
            "Categories": categories,
            "Blocker": blocker,
            "Disabled": disabled,
        }
        return {key: item for key, item in fields.items() if item is not None}

    def add_balance(
        self,
        account: str,
        balance_type: str,
        value: float,
        *,
        balance_id: str | None = None,
        expiry_time: str | datetime | None = None,
        weight: float | None = None,
        destination_ids: str | None = None,
        categories: str | None = None,
        blocker: bool | None = None,
        disabled: bool | None = None,
        overwrite: bool = False,
        cdrlog: bool = False,
    ) -> None:
        """`APIerSv1.AddBalance` (a top-up; creates the account if missing). A balance with the same ID is topped
        up; otherwise a new bucket is made. `expiry_time` is e.g. `"+720h"` (30 days) or an aware datetime."""
        balance = self._balance(value, balance_id, expiry_time, weight, destination_ids, categories, blocker, disabled)
        params = {"Account": account, "BalanceType": balance_type, "Value": value, "Balance": balance}
        if overwrite:
            params["Overwrite"] = True
        if cdrlog:
            params["Cdrlog"] = True
        self._expect_ok(self.call("APIerSv1.AddBalance", self._tenant(params)))

    def debit_balance(
        self,
        account: str,
        balance_type: str,
        value: float,
        *,
        balance_id: str | None = None,
        cdrlog: bool = False,
    ) -> None:
        """`APIerSv1.DebitBalance`: subtract `value` from the matching bucket (the one with `balance_id`)."""
        balance = self._balance(value, balance_id, None, None, None, None, None, None)
        params: dict[str, Any] = {"Account": account, "BalanceType": balance_type, "Value": value, "Balance": balance}
        if cdrlog:
            params["Cdrlog"] = True
        self._expect_ok(self.call("APIerSv1.DebitBalance", self._tenant(params)))

    def set_balance(
        self,
        account: str,
        balance_type: str,
        balance_id: str,
        *,
        value: float | None = None,
        expiry_time: str | datetime | None = None,
        weight: float | None = None,
        disabled: bool | None = None,
    ) -> None:
        """`APIerSv1.SetBalance`: overwrite the fields given on the bucket `balance_id` (created if missing)."""
        balance = self._balance(value, balance_id, expiry_time, weight, None, None, None, disabled)
        params = {"Account": account, "BalanceType": balance_type, "Balance": balance}
        if value is not None:
            params["Value"] = value
        self._expect_ok(self.call("APIerSv1.SetBalance", self._tenant(params)))

    def remove_balances(self, account: str, balance_type: str, balance_id: str | None = None) -> None:
        """`APIerSv1.RemoveBalances`: drop the buckets of that type (only `balance_id` when given)."""
        balance = {"ID": balance_id} if balance_id else {}
        params = {"Account": account, "BalanceType": balance_type, "Balance": balance}
        self._expect_ok(self.call("APIerSv1.RemoveBalances", self._tenant(params)))

    # actions and action plans ---------------------------------------------------------------------------------

    def set_actions(self, actions_id: str, actions: Iterable[Action | dict[str, Any]], overwrite: bool = True) -> None:
        """`APIerSv1.SetActions`: define (or replace) an action bundle."""
        wire = [action.to_wire() if isinstance(action, Action) else dict(action) for action in actions]
        params = {"ActionsId": actions_id, "Overwrite": overwrite, "Actions": wire}
        self._expect_ok(self.call("APIerSv1.SetActions", params))

    def get_actions(self, actions_id: str) -> list[dict[str, Any]]:
        """`APIerSv1.GetActions` (its parameter is the bare id string)."""
        return self.call("APIerSv1.GetActions", actions_id) or []

    def execute_action(self, account: str, actions_id: str) -> None:
        """`APIerSv1.ExecuteAction`: run a bundle on the account now (e.g. grant an add-on)."""
        params = {"Account": account, "ActionsId": actions_id}
        self._expect_ok(self.call("APIerSv1.ExecuteAction", self._tenant(params)))

    def set_action_plan(
        self, plan_id: str, timings: Iterable[Timing | dict[str, Any]], overwrite: bool = True, reload_scheduler: bool = True
    ) -> None:
        """`APIerSv1.SetActionPlan`. As in CGRateS, rewriting an existing plan detaches its accounts."""
        wire = [timing.to_wire() if isinstance(timing, Timing) else dict(timing) for timing in timings]
        params = {"Id": plan_id, "ActionPlan": wire, "Overwrite": overwrite, "ReloadScheduler": reload_scheduler}
        self._expect_ok(self.call("APIerSv1.SetActionPlan", params))

    def get_action_plan(self, plan_id: str) -> dict[str, Any]:
        """`APIerSv1.GetActionPlan`: `{Id, AccountIDs: {"tenant:account": true}, ActionTimings: [...]}`."""
        plans = self.call("APIerSv1.GetActionPlan", {"ID": plan_id}) or []
        if not plans:
            raise OcsError("NOT_FOUND", "APIerSv1.GetActionPlan")
        return plans[0]

    def remove_action_plan(self, plan_id: str) -> None:
        """`APIerSv1.RemoveActionPlan` (OK also when the plan does not exist)."""
        self._expect_ok(self.call("APIerSv1.RemoveActionPlan", {"ID": plan_id}))

    def get_account_action_plans(self, account: str) -> list[dict[str, Any]]:
        """`APIerSv1.GetAccountActionPlan`: `[{ActionPlanId, Uuid, ActionsId, NextExecTime}]` ([] when none)."""
        return self.call("APIerSv1.GetAccountActionPlan", self._tenant({"Account": account})) or []

    def remove_action_timing(
        self,
        action_plan_id: str,
        *,
        account: str | None = None,
        action_timing_id: str | None = None,
        reload_scheduler: bool = True,
    ) -> None:
        """`APIerSv1.RemoveActionTiming`: detach `account` from the plan, or drop one timing, or the whole plan."""
        params: dict[str, Any] = {"ActionPlanId": action_plan_id, "ReloadScheduler": reload_scheduler}
        if account:
            params.update(Tenant=self.tenant, Account=account)
        if action_timing_id:
            params["ActionTimingId"] = action_timing_id
        self._expect_ok(self.call("APIerSv1.RemoveActionTiming", params))

    def get_scheduled_actions(self, time_start: datetime | None = None, time_end: datetime | None = None) -> list[dict[str, Any]]:
        """`APIerSv1.GetScheduledActions` (`NOT_FOUND` means none: [] is returned)."""
        params = {"TimeStart": _time_text(time_start), "TimeEnd": _time_text(time_end)}
        try:
            return self.call("APIerSv1.GetScheduledActions", {k: v for k, v in params.items() if v}) or []
        except OcsError as error:
            if error.not_found:
                return []
            raise

    def reset_account_action_triggers(self, account: str, executed: bool = False) -> None:
        """`APIerSv1.ResetAccountActionTriggers`: re-arm the account's thresholds after a top-up."""
        params = {"Account": account, "Executed": executed}
        self._expect_ok(self.call("APIerSv1.ResetAccountActionTriggers", self._tenant(params)))

    def reload_cache(self) -> None:
        """`CacheSv1.ReloadCache` (CGRateS v0.10+; the v0.9 `APIerSv1.ReloadCache` no longer exists there)."""
        self._expect_ok(self.call("CacheSv1.ReloadCache", {"Tenant": self.tenant}))

    # attribute profiles ---------------------------------------------------------------------------------------

    def get_attribute_profile(self, profile_id: str) -> dict[str, Any]:
        """`APIerSv1.GetAttributeProfile` (e.g. `ATTR_ACCOUNT_<service_uuid>`)."""
        return self.call("APIerSv1.GetAttributeProfile", self._tenant({"ID": profile_id}))

    def set_attribute_profile(self, profile: dict[str, Any]) -> None:
        """`APIerSv1.SetAttributeProfile` with the whole profile `{ID, Contexts, FilterIDs, Attributes, Weight}`."""
        self._expect_ok(self.call("APIerSv1.SetAttributeProfile", self._tenant(dict(profile))))

    def remove_attribute_profile(self, profile_id: str) -> None:
        self._expect_ok(self.call("APIerSv1.RemoveAttributeProfile", self._tenant({"ID": profile_id})))

    # CDRs -----------------------------------------------------------------------------------------------------

    def _cdr_filter(
        self,
        accounts: Sequence[str] | None,
        setup_time_start: datetime | str | None,
        setup_time_end: datetime | str | None,
        tors: Sequence[str] | None,
        order_by: str | None,
        limit: int | None,
        offset: int | None,
    ) -> dict[str, Any]:
        fields = {
            "Tenants": [self.tenant],
            "Accounts": list(accounts) if accounts else None,
            "ToRs": list(tors) if tors else None,
            "SetupTimeStart": _time_text(setup_time_start),
            "SetupTimeEnd": _time_text(setup_time_end),
            "OrderBy": order_by,
            "Limit": limit,
            "Offset": offset,
        }
        return {key: value for key, value in fields.items() if value is not None}

    def get_cdrs(
        self,
        *,
        accounts: Sequence[str] | None = None,
        setup_time_start: datetime | str | None = None,
        setup_time_end: datetime | str | None = None,
        tors: Sequence[str] | None = None,
        order_by: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[dict[str, Any]]:
        """`APIerSv2.GetCDRs` of this tenant: `ExternalCDR`s (`SetupTime` RFC 3339, `Usage` text, `Cost`).
        Start is inclusive, end exclusive; `order_by` like `"SetupTime;desc"`. No match is [] (CGRateS says
        NOT_FOUND)."""
        params = self._cdr_filter(accounts, setup_time_start, setup_time_end, tors, order_by, limit, offset)
        try:
            return self.call("APIerSv2.GetCDRs", params) or []
        except OcsError as error:
            if error.not_found:
                return []
            raise

    def count_cdrs(
        self,
        *,
        accounts: Sequence[str] | None = None,
        setup_time_start: datetime | str | None = None,
        setup_time_end: datetime | str | None = None,
    ) -> int:
        """`APIerSv2.CountCDRs` with the same filters as `get_cdrs`."""
        params = self._cdr_filter(accounts, setup_time_start, setup_time_end, None, None, None, None)
        return int(self.call("APIerSv2.CountCDRs", params) or 0)

    def process_event(self, event: dict[str, Any], flags: Sequence[str] = ("*rals",), event_id: str | None = None) -> None:
        """`CDRsV1.ProcessEvent`: hand CGRateS a usage event (`Account`, `ToR`, `Usage`, `SetupTime`, ...) to store
        as a CDR and, with `*rals`, charge."""
        params: dict[str, Any] = {"Flags": list(flags), "Tenant": self.tenant, "Event": dict(event)}
        if event_id:
            params["ID"] = event_id
        self._expect_ok(self.call("CDRsV1.ProcessEvent", params))

    @staticmethod
    def _expect_ok(result: Any) -> None:
        if result != "OK":
            raise OcsError(f"unexpected reply {result!r}")


def ocs_client() -> OcsClient:
    """The application's client of the configured CGRateS (`ocs.cgrates`, alias `ocs.OCS`), made on first use."""
    extensions = current_app.extensions
    if "omnicrm.ocs" not in extensions:
        settings = extensions["omnicrm.settings"].ocs
        extensions["omnicrm.ocs"] = OcsClient(
            settings.jsonrpc_address or "127.0.0.1:2080", settings.ocsTenant or "cgrates.org", settings.timeout_seconds
        )
    return extensions["omnicrm.ocs"]
