"""Usage and balances of a service, read live from the OCS (spec 04 §21).

CGRateS says only what is left in each bucket; the highest value ever seen is its "total" (the watermark table).
Units are CGRateS': data in bytes, voice in nanoseconds, SMS in messages, money in minor units.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.catalogue.models import Product
from omnicrm.fields import iso
from omnicrm.integrations.ocs import OcsClient, OcsError, OcsUnavailable, parse_time
from omnicrm.services.models import Service, ServiceBalanceWatermark

CARDS = {"*data": "data", "*voice": "voice", "*sms": "sms", "*monetary": "monetary"}
NO_VOICE_TYPES = ("dongle", "hotspot")
GB, MB, TB = 1024**3, 1024**2, 1024**4
NS_PER_MINUTE = 60 * 10**9


@dataclass(frozen=True)
class Bucket:
    balance_type: str
    key: str  # the CGRateS Uuid, else its ID
    id: str
    value: Decimal
    expires_at: datetime | None  # None: never expires
    weight: Decimal


def buckets_of(account: dict[str, Any]) -> list[Bucket]:
    """The buckets of an `engine.Account`; expiry read from `ExpiryTime` or CGRateS' native `ExpirationDate`."""
    found = []
    for balance_type, rows in (account.get("BalanceMap") or {}).items():
        for row in rows or []:
            found.append(
                Bucket(
                    balance_type=balance_type,
                    key=row.get("Uuid") or row.get("ID") or "",
                    id=row.get("ID") or "",
                    value=Decimal(str(row.get("Value", 0))),
                    expires_at=expiry(row.get("ExpiryTime") or row.get("ExpirationDate")),
                    weight=Decimal(str(row.get("Weight", 0))),
                )
            )
    return found


def expiry(text: Any) -> datetime | None:
    """A CGRateS time as naive UTC (the product's convention); the zero time is None (never expires)."""
    moment = parse_time(text) if isinstance(text, str) else None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment and moment.tzinfo else moment


# ------------------------------------------------------------------ units


def _data_unit(raw: Decimal) -> tuple[str, Decimal, Decimal]:
    """(unit, divisor, quantum) for a byte count: MB below 1 GB, TB from 1024 GB."""
    if abs(raw) >= TB:
        return "TB", Decimal(TB), Decimal("0.01")
    if abs(raw) >= GB:
        return "GB", Decimal(GB), Decimal("0.1")
    return "MB", Decimal(MB), Decimal("1")


def _converter(card: str, scale: Decimal) -> tuple[str, Any]:
    """The unit of a card and a function raw → shown value, chosen from the card's largest figure."""
    if card == "data":
        unit, divisor, quantum = _data_unit(scale)
        return unit, lambda raw: float((raw / divisor).quantize(quantum, ROUND_HALF_UP))
    if card == "voice":
        return "min", lambda raw: int((raw / NS_PER_MINUTE).to_integral_value(ROUND_FLOOR))
    if card == "sms":
        return "msgs", lambda raw: int(raw)
    return "currency", lambda raw: float((raw / 100).quantize(Decimal("0.01"), ROUND_HALF_UP))


def colour(remaining: Decimal, total: Decimal) -> str:
    if total <= 0 or remaining <= 0:
        return "red"
    ratio = remaining / total
    return "green" if ratio > Decimal("0.5") else "yellow" if ratio >= Decimal("0.2") else "red"


def percent(remaining: Decimal, total: Decimal) -> int:
    if total <= 0 or remaining <= 0:
        return 0
    return math.floor(remaining * 100 / total)


def until_text(moment: datetime | None, now: datetime) -> str | None:
    """`N days` when a day or more away, else `N hours` (card expiry text)."""
    if moment is None:
        return None
    seconds = (moment - now).total_seconds()
    return f"{int(seconds // 86400)} days" if seconds >= 86400 else f"{max(int(seconds // 3600), 0)} hours"


def relative(moment: datetime | None, now: datetime) -> str | None:
    """`in N days/hours/minutes` or `N ... ago` (floor), as in spec 04 §20."""
    if moment is None:
        return None
    seconds = (moment - now).total_seconds()
    span = abs(seconds)
    for size, name in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if span >= size or name == "minute":
            count = int(span // size)
            words = f"{count} {name}{'' if count == 1 else 's'}"
            return f"in {words}" if seconds >= 0 else f"{words} ago"
    return None


# ------------------------------------------------------------------ cards


def card(card_name: str, buckets: list[Bucket], totals: dict[str, Decimal], now: datetime) -> dict[str, Any]:
    """One balance type: buckets sorted by weight (consumption order) then expiry; expired ones listed, not counted."""
    ordered = sorted(buckets, key=lambda b: (-b.weight, b.expires_at is None, b.expires_at or datetime.max))
    live = [b for b in ordered if b.expires_at is None or b.expires_at > now]
    remaining = sum((b.value for b in live), Decimal(0))
    total = sum((max(totals.get(b.key, b.value), b.value) for b in live), Decimal(0))
    unit, show = _converter(card_name, max(total, remaining, Decimal(0)))
    expiries = [b.expires_at for b in live if b.expires_at is not None]
    body: dict[str, Any] = {
        "unit": unit,
        "remaining": show(remaining),
        "total": show(total),
        "used": show(total - remaining),
        "percent_remaining": percent(remaining, total),
        "color": colour(remaining, total),
        "next_expiry": iso(min(expiries)) if expiries else None,
        "expires_in": until_text(min(expiries), now) if expiries else None,
        "remaining_raw": float(remaining),
        "total_raw": float(total),
        "buckets": [_bucket(b, totals, show, now) for b in ordered],
    }
    return body


def _bucket(bucket: Bucket, totals: dict[str, Decimal], show: Any, now: datetime) -> dict[str, Any]:
    total = max(totals.get(bucket.key, bucket.value), bucket.value)
    return {
        "id": bucket.id,
        "uuid": bucket.key,
        "remaining": show(bucket.value),
        "used": show(total - bucket.value),
        "total": show(total),
        "remaining_raw": float(bucket.value),
        "expiry_time": iso(bucket.expires_at),
        "never_expires": bucket.expires_at is None,
        "expired": bucket.expires_at is not None and bucket.expires_at <= now,
        "weight": float(bucket.weight),
    }


def cards_shown(service_type: str, present: set[str]) -> list[str]:
    if service_type == "mobile":
        return ["data", "voice", "sms", "monetary"]
    if service_type in NO_VOICE_TYPES:
        return ["data", "monetary"]
    return [name for name in CARDS.values() if name in present]


def balances(service_type: str, buckets: list[Bucket], totals: dict[str, Decimal], now: datetime) -> dict[str, Any]:
    by_card: dict[str, list[Bucket]] = {}
    for bucket in buckets:
        if bucket.balance_type in CARDS:
            by_card.setdefault(CARDS[bucket.balance_type], []).append(bucket)
    return {name: card(name, by_card.get(name, []), totals, now) for name in cards_shown(service_type, set(by_card))}


# ------------------------------------------------------------------ watermarks


def _remember(session: Session, uuid: str, buckets: list[Bucket], now: datetime) -> dict[str, Decimal]:
    """Raise each bucket's watermark and keep its last value; returns {bucket key: total}."""
    stored = {
        (row.balance_type, row.bucket_key): row
        for row in session.scalars(select(ServiceBalanceWatermark).where(ServiceBalanceWatermark.service_uuid == uuid))
    }
    seen = set()
    for bucket in buckets:
        row = stored.get((bucket.balance_type, bucket.key))
        seen.add((bucket.balance_type, bucket.key))
        if row is None:
            row = ServiceBalanceWatermark(
                service_uuid=uuid, balance_type=bucket.balance_type, bucket_key=bucket.key, max_value=bucket.value, first_seen=now
            )
            session.add(row)
            stored[(bucket.balance_type, bucket.key)] = row
        row.max_value = max(row.max_value, bucket.value)
        row.bucket_id, row.last_value, row.last_expiry = bucket.id, bucket.value, bucket.expires_at
        row.weight, row.present, row.last_seen = bucket.weight, True, now
    for key, row in stored.items():
        if key not in seen:
            row.present = False
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # another reader stored the same new bucket at the same moment: its row wins
        pass
    return {row.bucket_key: row.max_value for row in stored.values()}


def _last_known(session: Session, uuid: str) -> tuple[list[Bucket], dict[str, Decimal], datetime | None]:
    rows = session.scalars(
        select(ServiceBalanceWatermark).where(
            ServiceBalanceWatermark.service_uuid == uuid, ServiceBalanceWatermark.present.is_(True)
        )
    ).all()
    buckets = [
        Bucket(r.balance_type, r.bucket_key, r.bucket_id or r.bucket_key, r.last_value, r.last_expiry, r.weight) for r in rows
    ]
    return buckets, {r.bucket_key: r.max_value for r in rows}, max((r.last_seen for r in rows), default=None)


# ------------------------------------------------------------------ action plans

PLAN_FORMS = (
    re.compile(r"^ServiceID_(?P<uuid>.+?)__ProductID_(?P<pid>\d+)__(?P<name>\w+)$"),  # 06, what our plays create
    re.compile(r"^(?P<pid>\d+)__(?P<name>.+?)__(?P<uuid>.+?)__ActionPlan_Monthly_Renew$"),  # 04
    re.compile(r"^ActionPlan_Monthly_(?P<uuid>.+)_(?P<pid>\d+)$"),  # 03
)


def parse_plan_id(plan_id: str) -> dict[str, Any]:
    """{product_id, product_name, service_uuid} read from a renewal ActionPlan id; {} when it has no known form."""
    for form in PLAN_FORMS:
        match = form.match(plan_id)
        if match:
            parts = match.groupdict()
            name = parts.get("name", "")
            shown = name.replace("_", " ") if form is PLAN_FORMS[1] else None
            return {"product_id": int(parts["pid"]), "product_name": shown, "service_uuid": parts["uuid"]}
    return {}


def describe_plan(session: Session, plan: dict[str, Any], now: datetime) -> dict[str, Any]:
    parsed = parse_plan_id(plan.get("ActionPlanId", ""))
    product = session.get(Product, parsed["product_id"]) if parsed.get("product_id") else None
    next_run = expiry(plan.get("NextExecTime"))
    return {
        **plan,
        "ActionName_hr": "Monthly Renewal" if "Monthly" in plan.get("ActionPlanId", "") else plan.get("ActionsId", ""),
        "PlanName": product.product_name if product else parsed.get("product_name") or plan.get("ActionsId", ""),
        "ActionFrequency_hr": "Every Monthly Plan",
        "custom_NextExecTime_hr": relative(next_run, now),
        "renewal_amount": f"{product.retail_cost:.2f}" if product else None,
    }


# ------------------------------------------------------------------ the usage block


def read(session: Session, ocs: OcsClient, service: Service) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(usage block, raw `cgrates` block). Never raises for OCS trouble: the state says what happened."""
    now = clock.now()
    usage: dict[str, Any] = {"ocs_status": "ok", "fetched_at": iso(now), "last_known": False, "balances": {}, "action_plans": []}
    if not service.service_uuid:
        usage.update(ocs_status="not_provisioned", balances=balances(service.service_type, [], {}, now))
        return usage, None
    try:
        account = ocs.get_account(service.service_uuid)
        plans = ocs.get_account_action_plans(service.service_uuid)
    except OcsError as error:
        status = "not_found" if error.not_found else "error"
        usage.update(ocs_status=status, balances=balances(service.service_type, [], {}, now), error=error.message)
        return usage, None
    except OcsUnavailable:
        buckets, totals, seen = _last_known(session, service.service_uuid)
        usage.update(
            ocs_status="unreachable",
            last_known=bool(buckets),
            fetched_at=iso(seen),
            balances=balances(service.service_type, buckets, totals, now),
        )
        return usage, None
    buckets = buckets_of(account)
    totals = _remember(session, service.service_uuid, buckets, now)
    usage["balances"] = balances(service.service_type, buckets, totals, now)
    usage["action_plans"] = [describe_plan(session, plan, now) for plan in plans]
    return usage, {"BalanceMap": account.get("BalanceMap") or {}, "ActionPlans": plans}
