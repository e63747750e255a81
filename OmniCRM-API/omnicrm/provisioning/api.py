"""Provisioning jobs (ENDPOINTS.md §provisioning): start a playbook, watch its events, retry a failure."""

from __future__ import annotations

import json
import time
from typing import Any

from flask import current_app, request
from flask_restx import Namespace, Resource, fields
from sqlalchemy import func, or_, select

from omnicrm.apidoc import LIST_PARAMS, error_model
from omnicrm.auth.models import User
from omnicrm.auth.principal import Principal, authenticate, current, ensure_customer_access, own_scope, require, restrict_to_own
from omnicrm.catalogue import products
from omnicrm.catalogue.models import Product
from omnicrm.customers.models import Customer
from omnicrm.db import get_session
from omnicrm.errors import ApiError, conflict, not_found
from omnicrm.fields import iso
from omnicrm.pagination import json_filters, list_args, load_related, paginate
from omnicrm.payload import json_object
from omnicrm.provisioning import jobs, playbooks, reservations
from omnicrm.provisioning.models import FAILED, RUNNING, SUCCESS, Provision, ProvisionEvent
from omnicrm.services import records

ns = Namespace("provisioning", path="/crm/provision", description="Provisioning jobs (Ansible playbooks)")
error = error_model(ns)
created_model = ns.model(
    "ProvisionCreated", {"provision_id": fields.Integer, "provisioning_status": fields.Integer, "message": fields.String}
)
event_model = ns.model(
    "ProvisionEvent",
    {
        "provision_event_id": fields.Integer,
        "event_number": fields.Integer,
        "event_name": fields.String,
        "provisioning_status": fields.Integer(description="0 success, 1 running, 2 failed, 3 failed but ignored"),
        "provisioning_result_json": fields.String,
        "timestamp": fields.String,
        "finished": fields.String,
    },
)
job_model = ns.model(
    "Provision",
    {
        "provision_id": fields.Integer,
        "customer_id": fields.Integer,
        "customer_name": fields.String,
        "product_id": fields.Integer,
        "product_name": fields.String,
        "service_id": fields.Integer,
        "provisioning_status": fields.Integer(description="0 success, 1 running, 2 failed"),
        "provisioning_play": fields.String,
        "playbook_description": fields.String,
        "task_count": fields.Integer,
        "completed_count": fields.Integer,
        "planned_tasks": fields.List(fields.String),
        "initiating_user": fields.Integer,
        "initiating_user_name": fields.String,
        "error_summary": fields.String,
        "created": fields.String,
        "started": fields.String,
        "finished": fields.String,
        "provisioning_json_vars": fields.String(description="Merged variables, secrets redacted"),
        "provisioning_result_json": fields.List(fields.Nested(event_model)),
    },
)
SORTS = {
    name: getattr(Provision, name)
    for name in ("provision_id", "created", "provisioning_status", "customer_id", "product_id", "provisioning_play")
}
PUT_DESCRIPTION = (
    "Known keys: product_id, customer_id, service_id, provisioning_play, action, auto_renew, and one key per inventory "
    "template named exactly like it ('SIM Card': 5001); any other key is passed to the playbook."
)
FILTERS = ("provisioning_status", "customer_id", "product_id", "service_id", "provisioning_play", "initiating_user")


def _created(job: Provision) -> dict:
    return {
        "provision_id": job.provision_id,
        "provisioning_status": job.provisioning_status,
        "message": "Provisioning job created",
    }


def _events(job_id: int) -> list[ProvisionEvent]:
    return list(
        get_session().scalars(
            select(ProvisionEvent).where(ProvisionEvent.provision_id == job_id).order_by(ProvisionEvent.event_number)
        )
    )


def _related(session: Any, jobs_page: list[Provision]) -> list[Any]:
    """The page's customers, products and initiating users, for the rows' names."""
    return load_related(
        session,
        (
            (Customer, Customer.customer_id, {job.customer_id for job in jobs_page}),
            (Product, Product.product_id, {job.product_id for job in jobs_page}),
            (User, User.id, {job.initiating_user for job in jobs_page}),
        ),
    )


def _summary(job: Provision) -> dict[str, Any]:
    session = get_session()
    done = (
        select(func.count())
        .select_from(ProvisionEvent)
        .where(ProvisionEvent.provision_id == job.provision_id, ProvisionEvent.provisioning_status != RUNNING)
    )
    customer = session.get(Customer, job.customer_id) if job.customer_id else None
    product = session.get(Product, job.product_id) if job.product_id else None
    user = session.get(User, job.initiating_user) if job.initiating_user else None
    return {
        "provision_id": job.provision_id,
        "customer_id": job.customer_id,
        "customer_name": customer.customer_name if customer else None,
        "product_id": job.product_id,
        "product_name": product.product_name if product else None,
        "service_id": job.service_id,
        "provisioning_status": job.provisioning_status,
        "provisioning_play": job.provisioning_play,
        "playbook_description": job.playbook_description,
        "task_count": job.task_count,
        "completed_count": session.scalar(done) or 0,
        "initiating_user": job.initiating_user,
        "initiating_user_name": user.full_name if user else None,
        "auth_method": job.auth_method,
        "retry_of_provision_id": job.retry_of_provision_id,
        "error_summary": job.error_summary,
        "created": iso(job.created),
        "started": iso(job.started),
        "finished": iso(job.finished),
        "provisioning_json_vars": job.provisioning_json_vars,
    }


def _detail(job: Provision) -> dict[str, Any]:
    try:
        planned = playbooks.describe(playbooks.play_file(job.provisioning_play))[2]
    except Exception:  # the play file may have gone since: the job's history still shows
        planned = []
    events = [
        {
            "provision_event_id": e.provision_event_id,
            "event_number": e.event_number,
            "event_name": e.event_name,
            "provisioning_status": e.provisioning_status,
            "provisioning_result_json": e.provisioning_result_json,
            "timestamp": iso(e.timestamp),
            "finished": iso(e.finished),
        }
        for e in _events(job.provision_id)
    ]
    return {**_summary(job), "planned_tasks": planned, "provisioning_result_json": events}


def _get(provision_id: int) -> Provision:
    job = get_session().get(Provision, provision_id)
    if job is None:
        raise not_found("Provisioning job")
    ensure_customer_access(job.customer_id)
    return job


@ns.route("")
class ProvisionList(Resource):
    @require("create_provision", own="view_own_provision")
    @ns.doc(description=PUT_DESCRIPTION)
    @ns.response(200, "Created; the playbook runs in the background", created_model)
    @ns.response(400, "Invalid request, unavailable product, missing inventory or playbook: no job created", error)
    @ns.response(409, "An inventory item is not available", error)
    def put(self):
        """Start a provisioning job."""
        job = jobs.create(get_session(), json_object(), current(), own_scope())
        return _created(job)

    @require("view_provision", own="view_own_provision")
    @ns.doc(params={**LIST_PARAMS, "filters": 'JSON, e.g. {"provisioning_status": [2]}'})
    def get(self):
        """List provisioning jobs, newest first."""
        args = list_args(request.args, SORTS, default_sort="provision_id")
        query = restrict_to_own(select(Provision), Provision.customer_id)
        for key, values in json_filters(request.args.get("filters"), FILTERS).items():
            query = query.where(getattr(Provision, key).in_(values))
        if args.search:
            pattern = f"%{args.search.lower()}%"
            names = select(Customer.customer_id).where(func.lower(Customer.customer_name).like(pattern))
            query = query.where(
                or_(
                    func.lower(Provision.playbook_description).like(pattern),
                    func.lower(Provision.provisioning_play).like(pattern),
                    Provision.customer_id.in_(names),
                )
            )
        return paginate(get_session(), query, args, SORTS, _summary, prefetch=_related)


@ns.route("/provision_id/<int:provision_id>")
class ProvisionDetail(Resource):
    @require("view_provision", own="view_own_provision")
    @ns.response(200, "The job and its events in order", job_model)
    def get(self, provision_id: int):
        """One job with its events (poll it to follow progress)."""
        return _detail(_get(provision_id))


@ns.route("/provision_id/<int:provision_id>/retry")
class ProvisionRetry(Resource):
    @require("create_provision")
    @ns.response(200, "A new job from the failed job's request", created_model)
    @ns.response(409, "The job did not fail, or an item is no longer available", error)
    def post(self, provision_id: int):
        """Retry a failed job as a new job."""
        old = _get(provision_id)
        if old.provisioning_status != FAILED:
            raise conflict("Only a failed job can be retried")
        body = {**json.loads(old.provisioning_request_json or "{}"), "product_id": old.product_id, "customer_id": old.customer_id}
        if old.service_id is not None:
            body["service_id"] = old.service_id
        if old.product_id is None:
            body["provisioning_play"] = old.provisioning_play
        body["retry_of_provision_id"] = old.provision_id
        job = jobs.create(get_session(), {k: v for k, v in body.items() if v is not None}, authenticate(), False)
        return {**_created(job), "retry_of_provision_id": old.provision_id}


@ns.route("/reserve_inventory")
class ReserveInventory(Resource):
    @require("create_provision", own="view_own_provision")
    @ns.response(409, "An item is not available or held by another user", error)
    def post(self):
        """Hold the items picked in the order selectors (all or none) for the reservation time."""
        return reservations.reserve(get_session(), json_object(), current())


def _machine_caller() -> Principal:
    """Only an API key or a whitelisted address may trigger simple provisioning (the OCS does): a JWT is refused."""
    if request.headers.get("Authorization") is not None:
        raise ApiError(403, "Access denied")
    try:
        caller = authenticate()
    except ApiError as refusal:
        raise ApiError(403, "Access denied") if refusal.message == "Authentication required" else refusal from None
    if not caller.can("create_provision"):
        raise ApiError(403, "Access denied")
    return caller


def _simple_job(service_id: int, product_id: int) -> Provision:
    session = get_session()
    caller = _machine_caller()
    service = records.get(session, service_id)
    product = products.get(session, product_id)
    body = request.get_json(silent=True, force=True)  # a CGRateS *http_post sends a form: ignored
    extra = {k: v for k, v in body.items() if k not in jobs.SYSTEM_KEYS} if isinstance(body, dict) else {}
    return jobs.for_service(session, service, product, caller, extra, {})


SIMPLE = "/simple_provision_addon/service_id/<int:service_id>/product_id/<int:product_id>"


@ns.route(SIMPLE)
class SimpleProvision(Resource):
    @ns.doc(security=["ApiKey"])
    @ns.response(403, "Not an API key or whitelisted address, or no provisioning right", error)
    @ns.response(422, "The product has no play", error)
    def post(self, service_id: int, product_id: int):
        """OCS/automation trigger: run the product's play on the service (answers at once)."""
        return _created(_simple_job(service_id, product_id))


@ns.route(SIMPLE.replace("simple_provision_addon", "simple_provision_addon_recharge"))
class SimpleRecharge(Resource):
    @ns.doc(security=["ApiKey"])
    def post(self, service_id: int, product_id: int):
        """Same, but waits for the result: 200 done, 500 failed, 202 still running at the deadline."""
        job = _simple_job(service_id, product_id)
        wait = current_app.extensions["omnicrm.settings"].provisioning.simple_recharge_wait_seconds
        session = get_session()
        deadline = time.monotonic() + wait
        while job.provisioning_status == RUNNING and time.monotonic() < deadline:
            time.sleep(0.2)
            session.expire(job)
            session.rollback()  # a fresh snapshot (MariaDB's repeatable read would keep showing "running")
        if job.provisioning_status == SUCCESS:
            events = _detail(job)["provisioning_result_json"]
            return {**_created(job), "message": "Provisioning completed", "provisioning_result_json": events}
        if job.provisioning_status == FAILED:
            body = {**_created(job), "message": "Provisioning failed", "error_summary": job.error_summary}
            return body, 500
        return {**_created(job), "message": "Provisioning still running"}, 202
