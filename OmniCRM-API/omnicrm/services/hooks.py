"""What a finished provisioning job means for its service (04 §16, 06 §5): the deletion it was started for, the
add-on record, the renewal in the life-cycle. Called by the runner inside the transaction that settles the job."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from omnicrm.activity import log
from omnicrm.catalogue.models import Product
from omnicrm.provisioning.models import Provision
from omnicrm.services import addons, events, records
from omnicrm.services.models import Service


def after_job(session: Session, job: Provision, succeeded: bool) -> None:
    if job.service_id is None:
        _created_service(session, job, succeeded)
        return
    service = session.get(Service, job.service_id)
    if service is None:
        return
    job_vars = addons.job_vars(job)
    if job_vars.get("delete_service_on_success"):
        if succeeded:
            records.remove(session, service)
        else:
            log.record(
                session,
                "service",
                "delete_failed",
                f"Service {service.service_id} was not deleted: deprovision job #{job.provision_id} failed",
                object_id=service.service_id,
                customer_id=service.customer_id,
                service_id=service.service_id,
            )
        return
    if not succeeded:
        return
    if job_vars.get("action") == "renew":
        events.add(session, service, "renewed", f"provisioning job #{job.provision_id}")
        return
    product = session.get(Product, job.product_id) if job.product_id else None
    if job_vars.get("action") is None and product is not None and product.category == "addon":
        addons.record(session, job, service, product, job_vars)


def _created_service(session: Session, job: Provision, succeeded: bool) -> None:
    """04 §7: the job is linked to the newest service it created; after a failure that service is set Inactive
    (no play runs), so a half-provisioned service is never billed."""
    if job.customer_id is None:
        return
    query = select(Service).where(Service.customer_id == job.customer_id, Service.created >= job.created)
    if job.product_id is not None:
        query = query.where(Service.product_id == job.product_id)
    service = session.scalar(query.order_by(Service.service_id.desc()))
    if service is None:
        return
    job.service_id = service.service_id
    if succeeded or service.service_status in ("Inactive", "Deactivated"):
        return
    old, service.service_status = service.service_status, "Inactive"
    log.record(
        session,
        "service",
        "status_change",
        f"Service {service.service_id} set Inactive: provisioning job #{job.provision_id} failed",
        object_id=service.service_id,
        customer_id=service.customer_id,
        service_id=service.service_id,
        changes_json={"service_status": {"old": old, "new": "Inactive"}},
    )
    events.add(session, service, "cancelled", f"provisioning job #{job.provision_id} failed")
