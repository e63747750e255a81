"""Add-ons applied to a service (spec 06 §5, B7; 04 §19): the record written when an add-on job succeeds, the
list the service page shows, removal (with the rental return flow) and the optional pro-rata credit."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.billing import transactions
from omnicrm.catalogue import products
from omnicrm.catalogue.models import Product
from omnicrm.errors import bad_request, not_found
from omnicrm.fields import iso
from omnicrm.inventory.models import Inventory
from omnicrm.provisioning.models import Provision
from omnicrm.services import records
from omnicrm.services.models import Service, ServiceAddon

ENDED = ("Applied", "Cancelled", "Returned", "Lost")


def record(session: Session, job: Provision, service: Service, product: Product, job_vars: dict[str, Any]) -> ServiceAddon:
    """After a successful add-on job: `Applied` for a one-off without hardware, else `Active` (06 §5)."""
    names = products.parse_list(product.inventory_items_list, "inventory_items_list")
    inventory_ids = [job_vars[name] for name in names if isinstance(job_vars.get(name), int)]
    recurring = product.contract_days > 0
    child = session.scalar(
        select(Service.service_id).where(Service.bundled_parent == service.service_id, Service.created >= job.created)
    )
    addon = ServiceAddon(
        service_id=service.service_id,
        customer_id=service.customer_id,
        product_id=product.product_id,
        provision_id=job.provision_id,
        child_service_id=child,
        status="Active" if recurring or inventory_ids else "Applied",
        auto_renew=bool(job_vars.get("auto_renew")) and recurring,
        next_renewal_date=(clock.now() + timedelta(days=product.contract_days)).date() if recurring else None,
        retail_cost=product.retail_cost,
        wholesale_cost=product.wholesale_cost,
        inventory_ids=inventory_ids,
    )
    session.add(addon)
    _activity(session, service, "addon_purchased", f"Add-on {product.product_name} applied to service {service.service_id}")
    return addon


def as_dict(session: Session, addon: ServiceAddon) -> dict[str, Any]:
    product = session.get(Product, addon.product_id)
    child = session.get(Service, addon.child_service_id) if addon.child_service_id else None
    return {
        "service_addon_id": addon.service_addon_id,
        "service_id": addon.service_id,
        "customer_id": addon.customer_id,
        "product_id": addon.product_id,
        "product_name": product.product_name if product else None,
        "provision_id": addon.provision_id,
        "status": addon.status,
        "auto_renew": addon.auto_renew,
        "next_renewal_date": addon.next_renewal_date.isoformat() if addon.next_renewal_date else None,
        "retail_cost": float(addon.retail_cost),
        "wholesale_cost": float(addon.wholesale_cost),
        "inventory_ids": addon.inventory_ids or [],
        "return_due_date": iso(addon.return_due_date),
        "created": iso(addon.created),
        "cancelled_date": iso(addon.cancelled_date),
        "child_service": _child(session, child) if child else None,
    }


def _child(session: Session, child: Service) -> dict[str, Any]:
    full = records.as_dict(child)
    keys = ("service_id", "service_name", "service_status", "service_active_date", "service_deactivate_date", "retail_cost")
    return {
        **{key: full[key] for key in keys},
        "auto_renew": child.auto_renew,
        "inventory": [item.inventory_id for item in records.linked_inventory(session, child.service_id)],
    }


def of_service(session: Session, service_id: int) -> list[ServiceAddon]:
    query = select(ServiceAddon).where(ServiceAddon.service_id == service_id).order_by(ServiceAddon.service_addon_id.desc())
    return list(session.scalars(query))


def get(session: Session, service: Service, service_addon_id: int) -> ServiceAddon:
    addon = session.get(ServiceAddon, service_addon_id)
    if addon is None or addon.service_id != service.service_id:
        raise not_found("Add-on")
    return addon


def prorata_credit(addon: ServiceAddon, product: Product) -> Decimal | None:
    """−retail × unused days ÷ days in the period, half-up to cents (04 §19); None when nothing is unused."""
    if not addon.next_renewal_date or product.contract_days <= 0:
        return None
    unused = (addon.next_renewal_date - clock.now().date()).days
    if unused <= 0:
        return None
    share = addon.retail_cost * min(unused, product.contract_days) / product.contract_days
    return -share.quantize(Decimal("0.01"), ROUND_HALF_UP)


def remove(session: Session, service: Service, addon: ServiceAddon, remove_plans: Any) -> ServiceAddon:
    """Cancel a virtual add-on, or start the return flow of rented hardware (06 B7). `remove_plans(product_id)`
    removes the add-on's renewal plans from the OCS first."""
    if addon.status in ENDED or addon.status == "Pending Return":
        raise bad_request(f"The add-on is already {addon.status}")
    product = session.get(Product, addon.product_id)
    remove_plans(addon.product_id)
    settings = current_app.extensions["omnicrm.settings"].services
    credit = prorata_credit(addon, product) if settings.prorata_credit_on_addon_removal and product else None
    if credit is not None:
        transactions.create(
            session,
            {
                "customer_id": addon.customer_id,
                "service_id": service.service_id,
                "product_id": addon.product_id,
                "title": f"{product.product_name} - Unused period credit",
                "retail_cost": str(credit),
            },
        )
    now = clock.now()
    if addon.inventory_ids:
        addon.status, addon.return_due_date = "Pending Return", now + timedelta(days=settings.return_due_days)
    else:
        addon.status, addon.cancelled_date = "Cancelled", now
    addon.auto_renew, addon.next_renewal_date = False, None
    name = product.product_name if product else addon.product_id
    _activity(session, service, "addon_removed", f"Add-on {name} removed from service {service.service_id} ({addon.status})")
    return addon


def returned(session: Session, service: Service, addon: ServiceAddon, body: dict[str, Any]) -> ServiceAddon:
    """The rented item came back: `Used` when good (refurbished later), `Damaged` otherwise (06 B7)."""
    condition = body.get("condition")
    if condition not in ("good", "damaged"):
        raise bad_request("Invalid return", {"condition": "good or damaged"})
    if addon.status != "Pending Return":
        raise bad_request("Only an add-on waiting for its hardware can be marked returned")
    for item in session.scalars(select(Inventory).where(Inventory.inventory_id.in_(addon.inventory_ids or []))):
        item.service_id, item.customer_id = None, None
        item.item_state = "Used" if condition == "good" else "Damaged"
    addon.status, addon.cancelled_date = "Returned", clock.now()
    _activity(session, service, "addon_returned", f"Rental hardware of add-on {addon.service_addon_id} returned ({condition})")
    return addon


def _activity(session: Session, service: Service, action: str, description: str) -> None:
    log.record(
        session,
        "service",
        action,
        description,
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
    )


def job_vars(job: Provision) -> dict[str, Any]:
    try:
        value = json.loads(job.provisioning_json_vars or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}
