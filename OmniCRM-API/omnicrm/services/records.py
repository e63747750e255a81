"""Service records (spec 03 §1.2, 04 API/Services): create, read, list rows and edit the editable fields.

Status changes, deletion and renewals live in `lifecycle.py`; they drive the OCS and provisioning jobs.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.catalogue.models import Product
from omnicrm.config import Settings
from omnicrm.customers import customers
from omnicrm.customers.models import Customer, Site
from omnicrm.errors import bad_request, conflict, not_found
from omnicrm.fields import Reader, iso
from omnicrm.inventory.models import Inventory
from omnicrm.notify.welcome import welcome_customer
from omnicrm.provisioning.models import Provision
from omnicrm.services import events
from omnicrm.services.models import STATUSES, Service

UUID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]+$")
# Editable through PATCH (03 §1.2 + 04); `service_status` and `auto_renew` go through lifecycle rules.
EDITABLE_TEXT = {"service_name": 255, "service_type": 64, "service_notes": 100_000, "icon": 100, "promo_code": 100}
EDITABLE_FLAGS = ("service_billed", "service_taxable", "service_visible_to_customer", "service_usage_visible_to_customer")
EDITABLE_DATES = ("service_active_date", "service_deactivate_date", "contract_end_date")
READ_ONLY = (
    "service_id",
    "customer_id",
    "product_id",
    "service_uuid",
    "service_provisioned_date",
    "provisioning_play",
    "provisioning_json_vars",
    "deprovisioning_play",
    "deprovisioning_json_vars",
    "bundled_parent",
    "invoiced",
    "created",
    "last_modified",
    "paid_until",
)
MONEY_FIELDS = ("retail_cost", "wholesale_cost")


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def get(session: Session, service_id: int, lock: bool = False) -> Service:
    query = select(Service).where(Service.service_id == service_id)
    service = session.scalar(query.with_for_update() if lock else query)
    if service is None:
        raise not_found("Service")
    return service


def by_uuid(session: Session, service_uuid: str) -> Service:
    service = session.scalar(select(Service).where(Service.service_uuid == service_uuid))
    if service is None:
        raise not_found("Service")
    return service


# ------------------------------------------------------------------ reading bodies


def _check_type(reader: Reader, service_type: Any) -> None:
    allowed = _settings().service_types
    if isinstance(service_type, str) and allowed and service_type not in allowed:
        reader.errors["service_type"] = f"must be one of {', '.join(allowed)}"


def _read_common(reader: Reader) -> None:
    for field, length in EDITABLE_TEXT.items():
        reader.text(field, max_length=length, required=field == "service_name" and reader.partial)
    for field in EDITABLE_FLAGS:
        reader.truthy(field)
    for field in EDITABLE_DATES:
        reader.moment(field)
    for field in MONEY_FIELDS:
        reader.money(field)
    reader.integer("site_id")
    custom = reader.body.get("custom_fields")
    if custom is not None and not (isinstance(custom, dict) and all(isinstance(v, str | int | float) for v in custom.values())):
        reader.errors["custom_fields"] = "an object of text values"
    elif "custom_fields" in reader.body:
        reader.values["custom_fields"] = {key: str(value) for key, value in (custom or {}).items()}
    _check_type(reader, reader.values.get("service_type"))


def _check_site(session: Session, site_id: int | None, customer_id: int) -> None:
    if site_id is None:
        return
    site = session.get(Site, site_id)
    if site is None:
        raise not_found("Site")
    if site.customer_id != customer_id:
        raise bad_request("Invalid service", {"site_id": "belongs to another customer"})


def read_create(session: Session, body: dict[str, Any]) -> dict[str, Any]:
    reader = Reader(body)
    reader.integer("customer_id", required=True)
    reader.integer("product_id")
    reader.integer("bundled_parent")
    reader.text("service_uuid", max_length=128, pattern=UUID_PATTERN, hint="letters, digits, _ . - only")
    reader.choice("service_status", STATUSES)
    reader.truthy("auto_renew")
    for field in ("provisioning_play", "deprovisioning_play"):
        reader.text(field, max_length=128)
    for field in ("provisioning_json_vars", "deprovisioning_json_vars"):
        if isinstance(body.get(field), dict | list):  # playbooks may send the object itself
            reader.body = {**reader.body, field: json.dumps(body[field])}
        reader.text(field, max_length=1_000_000)
    reader.moment("service_provisioned_date")
    _read_common(reader)
    return reader.check("Invalid service")


def create(session: Session, body: dict[str, Any]) -> Service:
    """`PUT /crm/service/`: what a playbook records once the network side exists."""
    values = read_create(session, body)
    customer = customers.get(session, values["customer_id"])
    product = session.get(Product, values["product_id"]) if values.get("product_id") is not None else None
    if values.get("product_id") is not None and product is None:
        raise not_found("Product")
    if values.get("bundled_parent") is not None:
        parent = get(session, values["bundled_parent"])
        if parent.customer_id != customer.customer_id:
            raise bad_request("Invalid service", {"bundled_parent": "belongs to another customer"})
    _check_site(session, values.get("site_id"), customer.customer_id)
    if not values.get("service_type"):  # 03: the product's type, else "generic" (when the configured list allows it)
        values["service_type"] = (product.service_type if product else None) or "generic"
        reader = Reader({})
        _check_type(reader, values["service_type"])
        reader.check("Invalid service")
    uuid = values.pop("service_uuid", None) or f"Service_{secrets.token_hex(4)}"
    if session.scalar(select(Service.service_id).where(Service.service_uuid == uuid)) is not None:
        raise conflict(f"The service_uuid {uuid} is already used")
    now = clock.now()
    named = {
        "service_uuid": uuid,
        "service_name": values.pop("service_name", None) or f"Service: {uuid}",
        "service_provisioned_date": values.pop("service_provisioned_date", None) or now,
        "service_active_date": values.pop("service_active_date", None) or now,
    }
    service = Service(**{key: value for key, value in values.items() if value is not None}, **named)
    if product is not None:
        service.provisioning_play = service.provisioning_play or product.provisioning_play
        service.provisioning_json_vars = service.provisioning_json_vars or product.provisioning_json_vars
    session.add(service)
    session.flush()
    if service.service_status == "Active":
        welcome_customer(session, customer)  # the first live service, when the customer had no welcome yet
    events.add(session, service, "created")
    log.record(
        session,
        "service",
        "create",
        f"Service {service.service_id} ({service.service_name}) created",
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
    )
    return service


def read_update(session: Session, service: Service, body: dict[str, Any]) -> dict[str, Any]:
    read_only = [field for field in READ_ONLY if field in body]
    if read_only:
        raise bad_request("Read-only field", {field: "read-only" for field in read_only})
    reader = Reader(body, partial=True)
    _read_common(reader)
    reader.choice("service_status", STATUSES)
    reader.truthy("auto_renew")
    reader.truthy("reprovision")
    reader.choice("suspension_reason", ("violation", "non_payment", "other"))
    reader.text("note", max_length=4000)
    values = reader.check("Invalid service")
    _check_site(session, values.get("site_id"), service.customer_id)
    return values


def apply_fields(session: Session, service: Service, values: dict[str, Any]) -> dict[str, Any]:
    """Set the plain editable fields; returns the {field: {old, new}} changes for the activity row."""
    plain = {key: value for key, value in values.items() if hasattr(Service, key) and key not in ("service_status", "auto_renew")}
    before = {key: _plain(getattr(service, key)) for key in plain}
    for key, value in plain.items():
        setattr(service, key, value)
    return log.changes(before, {key: _plain(value) for key, value in plain.items()})


def _plain(value: Any) -> Any:
    """JSON-friendly value for the activity log."""
    if hasattr(value, "isoformat"):
        return iso(value)
    if value.__class__.__name__ == "Decimal":
        return f"{value:.2f}"
    return value


# ------------------------------------------------------------------ output


def _flags(service: Service) -> dict[str, bool]:
    end = service.service_deactivate_date
    window = timedelta(days=_settings().services.expiring_soon_days)
    now = clock.now()
    return {
        "expiring_soon": bool(end and service.service_status == "Active" and now <= end <= now + window),
        "overdue": False,  # an unpaid past-due invoice holding the service's transactions: comes with invoices
    }


def as_dict(service: Service, customer_name: str | None = None, product_name: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {column.name: getattr(service, column.name) for column in Service.__table__.columns}
    for field in MONEY_FIELDS:
        body[field] = float(getattr(service, field))
    for field in (
        *EDITABLE_DATES,
        "service_provisioned_date",
        "cancellation_requested_at",
        "scheduled_deprovision_date",
        "created",
        "last_modified",
    ):
        body[field] = iso(getattr(service, field))
    body["custom_fields"] = service.custom_fields or {}
    body["paid_until"] = body["service_deactivate_date"]
    body["customer_name"] = customer_name
    body["product_name"] = product_name
    body.update(_flags(service))
    return body


def names(session: Session, service: Service) -> tuple[str | None, str | None]:
    customer = session.get(Customer, service.customer_id)
    product = session.get(Product, service.product_id) if service.product_id else None
    return (customer.customer_name if customer else None, product.product_name if product else None)


def linked_inventory(session: Session, service_id: int) -> list[Inventory]:
    return list(session.scalars(select(Inventory).where(Inventory.service_id == service_id).order_by(Inventory.inventory_id)))


def latest_provision(session: Session, service_id: int) -> dict[str, int] | None:
    job = session.scalar(select(Provision).where(Provision.service_id == service_id).order_by(Provision.provision_id.desc()))
    return {"provision_id": job.provision_id, "provisioning_status": job.provisioning_status} if job else None


def job_running(session: Session, service_id: int) -> bool:
    query = select(Provision.provision_id).where(Provision.service_id == service_id, Provision.provisioning_status == 1)
    return session.scalar(query.limit(1)) is not None


def list_row(service: Service, customer_name: str | None, product_name: str | None) -> dict[str, Any]:
    full = as_dict(service, customer_name, product_name)
    keys = (
        "service_id",
        "service_name",
        "service_uuid",
        "customer_id",
        "customer_name",
        "product_id",
        "product_name",
        "service_type",
        "service_status",
        "service_active_date",
        "service_deactivate_date",
        "retail_cost",
        "auto_renew",
        "expiring_soon",
        "overdue",
    )
    return {key: full[key] for key in keys}


def release_inventory(session: Session, service: Service) -> list[int]:
    """The system itself returns the service's items to the pool as `Used` (decision 57)."""
    items = linked_inventory(session, service.service_id)
    for item in items:
        item.service_id, item.customer_id, item.item_state = None, None, "Used"
    return [item.inventory_id for item in items]


def remove(session: Session, service: Service) -> None:
    """Delete the row: inventory released, transactions keep their history (their link is cleared by the schema),
    one activity row holding the last values."""
    release_inventory(session, service)
    last = as_dict(service)
    log.record(
        session,
        "service",
        "delete",
        f"Service {service.service_id} ({service.service_name}) deleted",
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
        changes_json={key: {"old": value, "new": None} for key, value in last.items() if value is not None},
    )
    session.delete(service)
    session.flush()


def log_update(session: Session, service: Service, changes: dict[str, Any]) -> None:
    log.record(
        session,
        "service",
        "update",
        f"Service {service.service_id} updated ({', '.join(sorted(changes))})",
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
        changes_json=changes,
    )


def log_note(session: Session, service: Service, description: str) -> None:
    log.record(
        session,
        "note",
        "note",
        description,
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
    )
