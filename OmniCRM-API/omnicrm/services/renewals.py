"""The upcoming auto-renewals view (spec 04 §20) and the call/data record rows (§21), both read from the OCS."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.catalogue.models import Product
from omnicrm.customers.models import Customer
from omnicrm.errors import ApiError
from omnicrm.integrations.ocs import OcsClient, OcsError, OcsUnavailable
from omnicrm.services.models import Service
from omnicrm.services.usage import expiry, parse_plan_id, relative

CDR_COLUMNS = ["setup_time", "answer_time", "destination", "category", "tor", "usage", "usage_hr", "cost"]
GO_DURATION = re.compile(r"(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)")
SECONDS = {"h": 3600, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}


def _accounts_of_plan(ocs: OcsClient, plan_id: str) -> list[str]:
    """Fallback for plan ids we cannot parse: the plan's `AccountIDs` (`tenant:account`)."""
    try:
        plan = ocs.get_action_plan(plan_id)
    except OcsError:
        return []
    return [account.split(":", 1)[-1] for account in (plan.get("AccountIDs") or {})]


def upcoming(session: Session, ocs: OcsClient) -> list[dict[str, Any]]:
    try:
        scheduled = ocs.get_scheduled_actions()
    except (OcsUnavailable, OcsError) as error:
        raise ApiError(502, "OCS unreachable" if isinstance(error, OcsUnavailable) else f"OCS error: {error}") from None
    now = clock.now()
    rows = []
    for action in scheduled:
        plan_id = action.get("ActionPlanID", "")
        parsed = parse_plan_id(plan_id)
        uuids = [parsed["service_uuid"]] if parsed.get("service_uuid") else _accounts_of_plan(ocs, plan_id)
        rows.append(_row(session, action, parsed, uuids[0] if uuids else None, now))
    rows.sort(key=lambda row: (row["next_run_time"] is None, row["next_run_time"] or ""))
    return rows


def _row(session: Session, action: dict[str, Any], parsed: dict[str, Any], uuid: str | None, now: Any) -> dict[str, Any]:
    service = session.scalar(select(Service).where(Service.service_uuid == uuid)) if uuid else None
    customer = session.get(Customer, service.customer_id) if service else None
    product_id = parsed.get("product_id") or (service.product_id if service else None)
    product = session.get(Product, product_id) if product_id else None
    raw_time = action.get("NextRunTime")
    next_run = expiry(raw_time) if isinstance(raw_time, str) else None
    return {
        "action_plan_id": action.get("ActionPlanID"),
        "actions_id": action.get("ActionsID"),
        "next_run_time": raw_time if next_run else None,
        "next_run_time_hr": relative(next_run, now),
        "customer_id": customer.customer_id if customer else None,
        "customer_name": customer.customer_name if customer else "N/A",
        "service_id": service.service_id if service else None,
        "service_name": (service.service_name or service.service_uuid) if service else "N/A",
        "service_uuid": uuid,
        "product_id": product_id,
        "product_name": product.product_name if product else parsed.get("product_name") or action.get("ActionsID"),
        "cost": f"{product.retail_cost:.2f}" if product else "N/A",
        "service_status": service.service_status if service else "Unknown",
    }


def _usage_text(tor: str, usage: str) -> str:
    """Voice usage arrives as a Go duration ("1m30s"), data as bytes, SMS as a count."""
    if tor == "*voice":
        seconds = sum(float(n) * SECONDS[unit] for n, unit in GO_DURATION.findall(usage))
        minutes, rest = divmod(int(seconds), 60)
        return f"{minutes}:{rest:02d} min"
    if tor == "*data":
        try:
            return f"{int(float(usage)) / 1024**2:.1f} MB"
        except ValueError:
            return usage
    return f"{usage} SMS" if tor == "*sms" else usage


def cdr_row(cdr: dict[str, Any]) -> dict[str, Any]:
    tor, usage = cdr.get("ToR", ""), str(cdr.get("Usage", ""))
    return {
        "setup_time": cdr.get("SetupTime"),
        "answer_time": cdr.get("AnswerTime"),
        "destination": cdr.get("Destination"),
        "category": cdr.get("Category"),
        "tor": tor,
        "usage": usage,
        "usage_hr": _usage_text(tor, usage),
        "cost": cdr.get("Cost"),
    }
