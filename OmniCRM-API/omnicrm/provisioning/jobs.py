"""Creating a provisioning job (spec 04 §2-§4): refuse bad input before anything is written, merge the
variables, record the job, and hand it to the background pool after the commit."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from omnicrm.activity import log
from omnicrm.auth.credentials import encrypt
from omnicrm.auth.models import Role, User
from omnicrm.auth.principal import Principal
from omnicrm.catalogue import products
from omnicrm.catalogue.models import Product
from omnicrm.config import Settings
from omnicrm.customers import customers
from omnicrm.customers.models import Customer
from omnicrm.errors import ApiError, bad_request, conflict, not_found
from omnicrm.inventory.items import AVAILABLE
from omnicrm.inventory.models import Inventory
from omnicrm.jobs.runner import enqueue
from omnicrm.provisioning import playbooks, reservations, runner
from omnicrm.provisioning.models import Provision
from omnicrm.redact import redact
from omnicrm.services.models import Service

SYSTEM_KEYS = (
    "product_id",
    "customer_id",
    "service_id",
    "service_uuid",
    "delete_service_on_success",
    "initiating_user",
    "access_token",
    "refresh_token",
    "provision_id",
    "crm_config",
    "retry_of_provision_id",
)


def _settings() -> Settings:
    return current_app.extensions["omnicrm.settings"]


def first_admin(session: Session) -> int:
    """The active administrator with the lowest id: the identity of machine-initiated jobs."""
    users = session.scalars(
        select(User)
        .where(User.deleted.is_(False), User.is_active.is_(True))
        .order_by(User.id)
        .options(selectinload(User.roles).selectinload(Role.permissions))
    )
    for user in users:
        if any(role.name_key == "admin" or any(p.name == "admin" for p in role.permissions) for role in user.roles):
            return user.id
    raise ApiError(500, "No admin user available to run provisioning")


def crm_config(settings: Settings) -> dict[str, Any]:
    """The configuration playbooks need: never jwt_secret, the database, Stripe or API keys; only the SMSC key,
    which a play cannot send a text without."""
    peers = settings.hss.hss_peers
    return {
        "crm": {"base_url": settings.crm.base_url},
        "ocs": {**settings.ocs.model_dump(), "OCS": settings.ocs.OCS or settings.ocs.cgrates},
        "hss": settings.hss.model_dump(),
        "hss_server": peers[0].split("://", 1)[-1] if peers else None,
        "smc": {  # the SMSC, under the name playbooks know; its api_key travels encrypted and is stored redacted
            "source_msisdn": settings.smsc.source_msisdn,
            "smsc_url": settings.smsc.smsc_url,
            "api_key": settings.smsc.api_key,
        },
        "service_types": settings.service_types,
        "provisioning": {"failure_list": settings.provisioning.failure_list},
    }


def _product(session: Session, body: dict[str, Any], caller: Principal, own: bool) -> Product | None:
    if body.get("product_id") is None:
        return None
    if isinstance(body["product_id"], bool) or not isinstance(body["product_id"], int):
        raise bad_request("Invalid provisioning request", {"product_id": "an integer"})
    product = products.get(session, body["product_id"])
    if products.availability(product) != "available" and body.get("action") != "deprovision":
        raise bad_request(
            f"Product {product.product_name} is not available for purchase ({products.availability(product)})",
            {"product_id": "not available"},
        )
    if own and not product.customer_can_purchase:
        raise ApiError(403, "This product can only be added by staff")
    return product


def _customer(session: Session, body: dict[str, Any], product: Product | None) -> Customer | None:
    customer_id = body.get("customer_id")
    if customer_id is None:
        if product is not None and product.category != "addon":
            raise bad_request("Invalid provisioning request", {"customer_id": "required for this product"})
        return None
    if isinstance(customer_id, bool) or not isinstance(customer_id, int):
        raise bad_request("Invalid provisioning request", {"customer_id": "an integer"})
    customer = customers.get(session, customer_id)
    if customer.customer_status in ("Archived", "Closed", "Suspended"):
        raise conflict(f"The customer is {customer.customer_status}: no new service can be provisioned")
    if product is not None:
        allowed = product.business if customer.customer_account_type == "Business" else product.residential
        if not allowed:
            raise bad_request(
                f"Product {product.product_name} is not sold to {customer.customer_account_type.lower()} customers",
                {"product_id": "not for this customer type"},
            )
    return customer


def _inventory_selection(session: Session, body: dict[str, Any], product: Product | None, caller: Principal) -> dict[str, int]:
    """One available item per template the product needs, named by the template (spec 04 §2.5)."""
    if product is None:
        return {}
    try:
        names = products.parse_list(product.inventory_items_list, "inventory_items_list")
    except ApiError:
        raise ApiError(422, "The product's inventory_items_list cannot be read") from None
    selection = {}
    for name in names:
        chosen = body.get(name)
        if chosen is None:
            raise bad_request(f"Missing inventory selection for '{name}'", {name: "required"})
        if isinstance(chosen, bool) or not isinstance(chosen, int):
            raise bad_request(f"Invalid inventory selection for '{name}'", {name: "an inventory id (integer)"})
        item = session.scalar(select(Inventory).where(Inventory.inventory_id == chosen).with_for_update())
        if item is None:
            raise not_found(f"Inventory item {chosen}")
        if item.item != name:
            raise bad_request(f"Inventory item {chosen} is a {item.item}, not a {name}", {name: f"not a {name}"})
        if item.item_state not in AVAILABLE or item.customer_id is not None or item.service_id is not None:
            raise conflict(f"Inventory item {chosen} is not available ({item.item_state})")
        if _held_by_running_job(session, name, chosen):
            raise conflict(f"Inventory item {chosen} is already selected by a running provisioning job")
        if reservations.held_by_other(chosen, caller):
            raise conflict(f"Inventory item {chosen} is reserved by another user")
        selection[name] = chosen
    return selection


def _held_by_running_job(session: Session, name: str, inventory_id: int) -> bool:
    """A running job keeps its selected items until it ends (no two jobs provision one SIM)."""
    running = session.scalars(select(Provision.provisioning_json_vars).where(Provision.provisioning_status == 1))
    return any(json.loads(stored or "{}").get(name) == inventory_id for stored in running)


def play_vars(product: Product) -> dict[str, Any]:
    """The product's default playbook variables; 422 when the stored text is not a JSON object."""
    try:
        values = json.loads(product.provisioning_json_vars or "{}")
    except json.JSONDecodeError:
        values = None
    if not isinstance(values, dict):
        raise ApiError(422, "The product's provisioning_json_vars is not a JSON object")
    return values


def for_service(
    session: Session, service: Service, product: Product, caller: Principal, extra: dict[str, Any], flags: dict[str, Any]
) -> Provision:
    """Run a product's play on an existing service (renewals, simple provisioning): no new inventory is chosen."""
    if not product.provisioning_play:
        raise ApiError(422, f"Product {product.product_name} has no provisioning play")
    return start(
        session,
        play=product.provisioning_play,
        caller=caller,
        customer_id=service.customer_id,
        product=product,
        service=service,
        product_vars={**play_vars(product), **extra},
        system_vars=flags,
    )


def _service(session: Session, body: dict[str, Any], product: Product | None) -> Service | None:
    """The existing service an add-on, renewal or deprovision applies to (04 §18, decisions 50-51)."""
    service_id = body.get("service_id")
    if service_id is None:
        if product is None or product.category != "addon" or body.get("customer_id") is None:
            return None
        candidates = session.scalars(
            select(Service).where(
                Service.customer_id == body["customer_id"],
                Service.service_type == product.service_type,
                Service.service_status == "Active",
            )
        ).all()
        if len(candidates) != 1:
            raise bad_request("service_id required", {"service_id": "the customer has no single compatible service"})
        return candidates[0]
    if isinstance(service_id, bool) or not isinstance(service_id, int):
        raise bad_request("Invalid provisioning request", {"service_id": "an integer"})
    service = session.get(Service, service_id)
    if service is None:
        raise not_found("Service")
    if (
        product is not None
        and product.category == "addon"
        and product.service_type
        and product.service_type != service.service_type
    ):
        raise conflict(f"Add-on {product.product_name} is for {product.service_type} services, not {service.service_type}")
    return service


def effective_auto_renew(product: Product | None, requested: Any) -> bool:
    """06 B4: the product decides, unless it says "prompt" and the request answers."""
    if product is not None and product.auto_renew in ("true", "false"):
        return product.auto_renew == "true"
    return str(requested).strip().lower() in ("true", "1", "yes")


def create(session: Session, body: dict[str, Any], caller: Principal, own: bool) -> Provision:
    product = _product(session, body, caller, own)
    service = _service(session, body, product)
    if service is not None:
        body = {**body, "service_id": service.service_id, "customer_id": body.get("customer_id", service.customer_id)}
        if body["customer_id"] != service.customer_id:
            raise bad_request("Invalid provisioning request", {"service_id": "belongs to another customer"})
    customer = _customer(session, body, product)
    if own and (customer is None or customer.customer_id != caller.customer_id):
        raise ApiError(403, "Permission denied")
    play = (
        body.get("provisioning_play")
        if body.get("provisioning_play") and not own
        else (product.provisioning_play if product else None)
    )
    if not play:
        raise bad_request("No playbook to run", {"provisioning_play": "required (the product has none)"})
    product_vars = play_vars(product) if product else {}
    # Deprovisioning and renewing act on what the service already holds: no new inventory is chosen.
    selection = {} if body.get("action") in ("deprovision", "renew") else _inventory_selection(session, body, product, caller)
    request_vars = {key: value for key, value in body.items() if key not in SYSTEM_KEYS}
    if product is not None:
        request_vars["auto_renew"] = effective_auto_renew(product, body.get("auto_renew"))
    return start(
        session,
        play=play,
        caller=caller,
        customer_id=customer.customer_id if customer else None,
        product=product,
        service=service,
        product_vars={**product_vars, **request_vars},
        system_vars=selection,
        retry_of=body.get("retry_of_provision_id") if isinstance(body.get("retry_of_provision_id"), int) else None,
    )


def start(
    session: Session,
    *,
    play: str,
    caller: Principal,
    customer_id: int | None,
    product: Product | None = None,
    service: Service | None = None,
    product_vars: dict[str, Any] | None = None,
    system_vars: dict[str, Any] | None = None,
    retry_of: int | None = None,
) -> Provision:
    """Record a job and hand it to the pool after the caller's commit. `product_vars` may be overridden by the
    request (already merged in); `system_vars` (inventory, action flags) never are (04 §3)."""
    path = playbooks.play_file(play)
    initiating_user = caller.user_id if caller.kind == "user" else first_admin(session)
    description, task_count, _ = playbooks.describe(path)
    request_vars = dict(product_vars or {})
    job = Provision(
        customer_id=customer_id,
        product_id=product.product_id if product else None,
        service_id=service.service_id if service else None,
        provisioning_play=play,
        playbook_description=description,
        task_count=task_count,
        initiating_user=initiating_user,
        auth_method={"user": "jwt", "api_key": "api_key", "ip": "ip_whitelist", "system": "system"}[caller.kind],
        provisioning_request_json=json.dumps(redact({**request_vars, **(system_vars or {})})),  # what a retry re-sends
        retry_of_provision_id=retry_of,
    )
    session.add(job)
    session.flush()
    identity = {
        "product_id": job.product_id,
        "customer_id": job.customer_id,
        "service_id": job.service_id,
        "service_uuid": service.service_uuid if service else None,
        "initiating_user": initiating_user,
        "provision_id": job.provision_id,
    }
    extra_vars = {
        **request_vars,
        **(system_vars or {}),
        **{key: value for key, value in identity.items() if value is not None},
    }
    job.provisioning_json_vars = json.dumps(redact(extra_vars))
    log.record(
        session,
        "provision",
        "provision_started",
        f"Provisioning job #{job.provision_id} ({play}) started",
        object_id=job.provision_id,
        customer_id=job.customer_id,
        service_id=job.service_id,
    )
    sealed = encrypt(_settings(), json.dumps({**extra_vars, "crm_config": crm_config(_settings())}))
    enqueue(session, runner.run, provision_id=job.provision_id, sealed_vars=sealed)
    session.commit()
    return job
