"""Services (ENDPOINTS.md §12, §14): records, status changes that drive the OCS, usage, add-ons, renewals,
cancellation, life-cycle and notes. Every `/crm/service/{id}/...` route also answers `/crm/service/service_id/{id}/...`.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from typing import Any

from flask import Response, request
from flask_restx import Namespace, Resource
from sqlalchemy import and_, select, union

from omnicrm.apidoc import LIST_PARAMS, error_model
from omnicrm.auth.models import User
from omnicrm.auth.principal import current, ensure_customer_access, own_scope, require, restrict_to_own
from omnicrm.catalogue.models import Product
from omnicrm.customers import customers
from omnicrm.customers.models import Customer
from omnicrm.db import get_session
from omnicrm.errors import ApiError, bad_request, not_found
from omnicrm.fields import iso, parse_moment
from omnicrm.integrations.ocs import OcsError, OcsUnavailable, ocs_client
from omnicrm.inventory import items
from omnicrm.inventory.models import Inventory, InventoryTemplate
from omnicrm.pagination import envelope, json_filters, list_args, load_related, paginate
from omnicrm.payload import json_object
from omnicrm.search import everything
from omnicrm.search.index import RANKS
from omnicrm.services import addons, events, lifecycle, records, renewals, usage
from omnicrm.services.models import Service, ServiceLifecycleEvent, ServiceNote

ns = Namespace("services", path="/crm/service", description="Services: records, status, usage, add-ons and renewals")
error = error_model(ns)
VIEW, OWN = "view_customer_service", "view_own_customer_service"
SORTS = {
    "service_id": Service.service_id,
    "service_name": Service.service_name,
    "customer_name": Customer.customer_name,
    "service_type": Service.service_type,
    "service_active_date": Service.service_active_date,
    "service_deactivate_date": Service.service_deactivate_date,
    "retail_cost": Service.retail_cost,
}
FILTERS = ("service_status", "service_type", "customer_id")
RANK_CUSTOMER, RANK_INVENTORY, RANK_SERVICE = RANKS[Customer], RANKS[Inventory], RANKS[Service]
CREATE_DOC = (
    "customer_id required; product_id, service_name, service_uuid, service_status, service_type, retail_cost, "
    "wholesale_cost, provisioning_play, provisioning_json_vars, auto_renew, site_id, bundled_parent, "
    "service_active_date, service_deactivate_date, custom_fields. Numbers and booleans may be strings."
)


def both(path: str) -> tuple[str, str]:
    """The bare-id path and its `service_id/` alias (ENDPOINTS.md decisions 6-7)."""
    return f"/<int:service_id>{path}", f"/service_id/<int:service_id>{path}"


def _service(service_id: int, lock: bool = False) -> Service:
    """The service, if the caller may see it: another customer's is 403, a hidden one looks absent (decision 34)."""
    service = records.get(get_session(), service_id, lock)
    if own_scope():
        ensure_customer_access(service.customer_id)
        if not service.service_visible_to_customer:
            raise not_found("Service")
    return service


def _flag_arg(*names: str, default: bool = True) -> bool:
    for name in names:
        if name in request.args:
            return request.args[name].strip().lower() not in ("false", "0", "no")
    return default


def _detail(service: Service, include_usage: bool) -> dict[str, Any]:
    session = get_session()
    body = records.as_dict(service, *records.names(session, service))
    body["inventory"] = [
        items.as_dict(item, session.get(InventoryTemplate, item.inventory_template_id))  # labels: for redaction and the UI
        for item in records.linked_inventory(session, service.service_id)
    ]
    body["latest_provision"] = records.latest_provision(session, service.service_id)
    body["addons"] = [addons.as_dict(session, addon) for addon in addons.of_service(session, service.service_id)]
    hidden = own_scope() and not service.service_usage_visible_to_customer
    if include_usage and not hidden:
        body["usage"], body["cgrates"] = usage.read(session, ocs_client(), service)
        session.commit()  # the balance watermarks
    return body


def _search(query: Any, term: str | None) -> Any:
    """Through the global search index: the service's name or uuid, its customer's name, or an identifier of an
    item linked to it (numbers also match with their spaces and punctuation left out). The matching service ids are
    one derived table the list joins, so the database reads the index once instead of once per service."""
    if not term:
        return query
    session = get_session()
    terms = [term.lower()]
    digits = re.sub(r"\D", "", term)
    if len(digits) >= 3 and digits != term.strip():
        terms.append(digits)
    parts = []
    for text in terms:
        hits = everything.matches(session, text, include_closed=True).subquery()
        parts += [
            select(hits.c.entity_id.label("service_id")).where(hits.c.entity_rank == RANK_SERVICE),
            select(Service.service_id).join(
                hits, and_(hits.c.entity_rank == RANK_CUSTOMER, hits.c.entity_id == Service.customer_id)
            ),
            select(Inventory.service_id).join(
                hits, and_(hits.c.entity_rank == RANK_INVENTORY, hits.c.entity_id == Inventory.inventory_id)
            ),
        ]
    if term.strip().isdigit():
        parts.append(select(Service.service_id).where(Service.service_id == int(term)))
    found = union(*parts).subquery()
    return query.join(found, found.c.service_id == Service.service_id)


def _names(session: Any, services: list[Service]) -> list[Any]:
    """The page's customers and products, for the rows' names."""
    return load_related(
        session,
        (
            (Customer, Customer.customer_id, {s.customer_id for s in services}),
            (Product, Product.product_id, {s.product_id for s in services}),
        ),
    )


def _row(service: Service) -> dict[str, Any]:
    return records.list_row(service, *records.names(get_session(), service))


@ns.route("")
class ServiceList(Resource):
    @require("create_customer_service")
    @ns.doc(description=CREATE_DOC)
    @ns.response(400, "Invalid field", error)
    @ns.response(404, "Unknown customer, product, site or parent", error)
    @ns.response(409, "service_uuid already used", error)
    def put(self):
        """Create a service record (what playbooks do once the network side exists)."""
        session = get_session()
        service = records.create(session, json_object())
        session.commit()
        return records.as_dict(service, *records.names(session, service))

    @require("create_customer_service")
    @ns.doc(description=CREATE_DOC)
    def post(self):
        """Same as PUT."""
        return self.put()

    @require(VIEW, own=OWN)
    @ns.doc(
        params={
            **LIST_PARAMS,
            "filters": 'JSON: service_status, service_type, customer_id. Default {"service_status": ["Active"]}',
        }
    )
    def get(self):
        """Services, 10 per page, newest first; only Active ones unless `filters` says otherwise."""
        raw = request.args.to_dict()
        sort = raw.get("sort", "service_id")
        args = list_args({"per_page": "10", **raw}, SORTS, "service_id", "desc" if sort == "service_id" else "asc")
        if args.per_page > 100:
            raise bad_request("Invalid list parameters", {"per_page": "must be at most 100"})
        filters = json_filters(raw.get("filters"), FILTERS) if "filters" in raw else {"service_status": ["Active"]}
        query = select(Service)
        if args.sort == "customer_name":  # the customer table is read only when it matters
            query = query.join(Customer, Customer.customer_id == Service.customer_id)
        query = restrict_to_own(query, Service.customer_id)
        if own_scope():
            query = query.where(Service.service_visible_to_customer.is_(True))
        for key, values in filters.items():
            query = query.where(getattr(Service, key).in_(values))
        return paginate(get_session(), _search(query, args.search), args, SORTS, _row, prefetch=_names)


@ns.route(*both(""))
class ServiceDetail(Resource):
    @require(VIEW, own=OWN)
    @ns.doc(params={"include_usage": "true (default) or false; include_ocs is a synonym"})
    def get(self, service_id: int):
        """One service with its inventory, latest job, add-ons and live usage from the OCS."""
        return _detail(_service(service_id), _flag_arg("include_usage", "include_ocs"))

    @require("update_customer_service", own=OWN)
    @ns.response(400, "Read-only field or bad value", error)
    @ns.response(409, "A job is running for the service", error)
    @ns.response(502, "OCS unreachable: nothing changed", error)
    def patch(self, service_id: int):
        """Edit the editable fields; `service_status` drives the OCS (suspend, resume, deprovision)."""
        session = get_session()
        service = _service(service_id, lock=True)
        body = json_object()
        if own_scope() and set(body) - {"auto_renew"}:
            raise ApiError(403, "Customers can only change auto-renew")
        values = records.read_update(session, service, body)
        changes = records.apply_fields(session, service, values)
        if changes:
            records.log_update(session, service, changes)
        if "auto_renew" in values and values["auto_renew"] is not None:
            lifecycle.set_auto_renew(session, service, values["auto_renew"], own_scope())
        job = None
        if values.get("service_status"):
            job = lifecycle.change_status(session, service, values, current())
        session.commit()
        return {**_detail(service, include_usage=False), "provision_id": job.provision_id if job else None}

    @require("delete_customer_service")
    @ns.response(409, "A job is running for the service", error)
    def delete(self, service_id: int):
        """Delete: deprovision first when the service has a play; the row goes when that job succeeds."""
        session = get_session()
        result = lifecycle.delete(session, _service(service_id, lock=True), current())
        session.commit()
        message = "Service deleted" if result["status"] == "deleted" else "Service deletion started"
        return {"message": message, **result}


@ns.route("/service_uuid/<string:service_uuid>")
class ServiceByUuid(Resource):
    @require(VIEW)
    def get(self, service_uuid: str):
        """The service of an OCS account (404 lets playbooks be idempotent)."""
        return _detail(records.by_uuid(get_session(), service_uuid), include_usage=False)


@ns.route("/customer_id/<int:customer_id>")
class CustomerServices(Resource):
    @require(VIEW, own=OWN)
    @ns.doc(params={"service_type": "Optional"})
    def get(self, customer_id: int):
        """A customer's services (no OCS data)."""
        session = get_session()
        customers.get(session, customer_id)
        ensure_customer_access(customer_id)
        query = select(Service).where(Service.customer_id == customer_id)
        if own_scope():
            query = query.where(Service.service_visible_to_customer.is_(True))
        if request.args.get("service_type"):
            query = query.where(Service.service_type == request.args["service_type"])
        return {"data": [_row(service) for service in session.scalars(query.order_by(Service.service_id.desc()))]}


@ns.route("/bulk_delete")
class BulkDelete(Resource):
    @require("delete_customer_service")
    def post(self):
        """Delete up to 500 services; each id gets its own result and one failure stops nothing."""
        return {"results": lifecycle.bulk_delete(get_session(), json_object(), current())}


@ns.route("/auto_renewals")
class AutoRenewals(Resource):
    @require(VIEW)
    @ns.response(502, "OCS unreachable", error)
    def get(self):
        """Upcoming auto-renewals, read from the OCS scheduler, soonest first."""
        return {"data": renewals.upcoming(get_session(), ocs_client())}


@ns.route(*both("/addons"))
class ServiceAddons(Resource):
    @require(VIEW, own=OWN)
    def get(self, service_id: int):
        """The add-ons applied to the service (the UI groups them by status)."""
        session = get_session()
        service = _service(service_id)
        return [addons.as_dict(session, addon) for addon in addons.of_service(session, service.service_id)]


@ns.route(*both("/addon/<int:service_addon_id>"))
class ServiceAddon(Resource):
    @require("update_customer_service", own=OWN)
    @ns.response(400, "Already cancelled or one-off", error)
    def delete(self, service_id: int, service_addon_id: int):
        """Remove an add-on: cancelled, or Pending Return for rented hardware."""
        session = get_session()
        service = _service(service_id, lock=True)
        addon = addons.get(session, service, service_addon_id)
        ocs = ocs_client()

        def remove_plans(product_id: int) -> None:
            for plan_id in lifecycle.account_plans(ocs, service):
                if usage.parse_plan_id(plan_id).get("product_id") == product_id:
                    lifecycle.remove_plan(ocs, service, plan_id)

        addons.remove(session, service, addon, remove_plans)
        if addon.child_service_id:
            lifecycle.delete(session, records.get(session, addon.child_service_id), current())
        session.commit()
        return addons.as_dict(session, addon)


@ns.route(*both("/addon/<int:service_addon_id>/returned"))
class AddonReturned(Resource):
    @require("update_inventory")
    def post(self, service_id: int, service_addon_id: int):
        """Record a returned rental item: condition good (Used) or damaged (Damaged)."""
        session = get_session()
        service = _service(service_id, lock=True)
        addon = addons.returned(session, service, addons.get(session, service, service_addon_id), json_object())
        session.commit()
        return addons.as_dict(session, addon)


@ns.route(*both("/renew_now"))
class RenewNow(Resource):
    @require("create_provision", own="view_own_provision")
    @ns.response(409, "Service Inactive or a job running", error)
    @ns.response(422, "The product has no play", error)
    def post(self, service_id: int):
        """Renew now: the product's play runs with action "renew" (optional product_id, period_months)."""
        job = lifecycle.renew_now(get_session(), _service(service_id, lock=True), json_object(required=False), current())
        return {
            "provision_id": job.provision_id,
            "provisioning_status": job.provisioning_status,
            "message": "Provisioning job created",
        }


@ns.route(*both("/auto_renew"))
class AutoRenew(Resource):
    @require("update_customer_service", own=OWN)
    @ns.response(404, "No renewal plan on the account", error)
    @ns.response(502, "OCS error", error)
    def delete(self, service_id: int):
        """Switch auto-renew off: every renewal ActionPlan of the account is removed."""
        session = get_session()
        removed = lifecycle.remove_auto_renew(session, _service(service_id, lock=True))
        session.commit()
        return {"message": "Auto-renew removed", "removed": removed}


@ns.route(*both("/action_plan/<string:action_plan_id>"))
class ActionPlan(Resource):
    @require("update_customer_service")
    def delete(self, service_id: int, action_plan_id: str):
        """Remove one named ActionPlan from the service's account (404 when it is not on the account)."""
        session = get_session()
        lifecycle.remove_one_plan(session, _service(service_id, lock=True), action_plan_id)
        session.commit()
        return {"message": "Action plan removed", "removed": [action_plan_id]}


@ns.route(*both("/cancel"))
class Cancel(Resource):
    @require("update_customer_service", own=OWN)
    def post(self, service_id: int):
        """Cancel: now (`immediate` / `when: now`), at the end of the paid period, or after the grace period."""
        session = get_session()
        result = lifecycle.cancel(session, _service(service_id, lock=True), json_object(required=False), current(), own_scope())
        session.commit()
        return {"service_id": service_id, **result}


@ns.route(*both("/reverse_cancellation"))
class ReverseCancellation(Resource):
    @require("update_customer_service", own=OWN)
    def post(self, service_id: int):
        """Undo a pending cancellation."""
        session = get_session()
        service = _service(service_id, lock=True)
        lifecycle.reverse_cancellation(session, service)
        session.commit()
        return _detail(service, include_usage=False)


@ns.route(*both("/lifecycle"))
class Lifecycle(Resource):
    @require(VIEW, own=OWN)
    def get(self, service_id: int):
        """Life-cycle events, newest first."""
        service = _service(service_id)
        query = select(ServiceLifecycleEvent).where(ServiceLifecycleEvent.service_id == service.service_id)
        rows = get_session().scalars(query.order_by(ServiceLifecycleEvent.id.desc()))
        return [events.as_dict(row) for row in rows]


def _note(note: ServiceNote) -> dict[str, Any]:
    user = get_session().get(User, note.created_by) if note.created_by else None
    return {
        "note_id": note.note_id,
        "service_id": note.service_id,
        "text": note.text,
        "created_by": note.created_by,
        "created_by_name": user.full_name if user else None,
        "created": iso(note.created),
    }


@ns.route(*both("/notes"))
class Notes(Resource):
    @require(VIEW)
    def get(self, service_id: int):
        """Staff notes of the service, newest first."""
        service = _service(service_id)
        query = select(ServiceNote).where(ServiceNote.service_id == service.service_id).order_by(ServiceNote.note_id.desc())
        return [_note(note) for note in get_session().scalars(query)]

    @require("update_customer_service")
    @ns.response(400, "Empty or too long", error)
    def post(self, service_id: int):
        """Add a staff note (1-4000 characters)."""
        session = get_session()
        service = _service(service_id)
        text = json_object().get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > 4000:
            raise bad_request("Invalid note", {"text": "1 to 4000 characters"})
        note = ServiceNote(service_id=service.service_id, text=text.strip(), created_by=current().user_id)
        session.add(note)
        session.flush()
        records.log_note(session, service, f"Note added to service {service.service_id}")
        session.commit()
        return _note(note)


@ns.route(*both("/notes/<int:note_id>"))
class Note(Resource):
    @require("update_customer_service")
    def delete(self, service_id: int, note_id: int):
        """Delete one staff note."""
        session = get_session()
        service = _service(service_id)
        note = session.get(ServiceNote, note_id)
        if note is None or note.service_id != service.service_id:
            raise not_found("Note")
        session.delete(note)
        records.log_note(session, service, f"Note {note_id} deleted from service {service.service_id}")
        session.commit()
        return {"message": "Note deleted"}


# ------------------------------------------------------------------ call and data records


def _cdr_window() -> tuple[datetime | None, datetime | None]:
    bounds = []
    for name in ("start", "end"):
        raw = request.args.get(name)
        try:
            bounds.append(parse_moment(raw) if raw else None)
        except ValueError:
            raise bad_request("Invalid dates", {name: "an ISO date such as 2025-01-31"}) from None
    if bounds[0] and bounds[1] and bounds[1] < bounds[0]:
        raise bad_request("Invalid dates", {"end": "must not be before start"})
    return bounds[0], bounds[1]


def _usage_service(service_id: int) -> Service:
    service = _service(service_id)
    if own_scope() and not service.service_usage_visible_to_customer:
        raise ApiError(403, "Usage of this service is not shown to customers")
    return service


def _ocs_read(call: Any) -> Any:
    try:
        return call()
    except OcsUnavailable:
        raise ApiError(502, "OCS unreachable") from None
    except OcsError as error:
        raise ApiError(502, f"OCS error: {error.message}") from None


@ns.route(*both("/cdrs"))
class Cdrs(Resource):
    @require(VIEW, own=OWN)
    @ns.doc(params={"page": "1", "per_page": "20", "start": "ISO date", "end": "ISO date"})
    def get(self, service_id: int):
        """Call and data records of the service from the OCS, newest first."""
        service = _usage_service(service_id)
        args = list_args(request.args, {"setup_time": None}, "setup_time")
        start, end = _cdr_window()
        ocs = ocs_client()
        window = {"accounts": [service.service_uuid], "setup_time_start": start, "setup_time_end": end}
        total = _ocs_read(lambda: ocs.count_cdrs(**window))
        rows = _ocs_read(
            lambda: ocs.get_cdrs(**window, order_by="SetupTime;desc", limit=args.per_page, offset=(args.page - 1) * args.per_page)
        )
        return envelope([renewals.cdr_row(row) for row in rows], args.page, args.per_page, total)


@ns.route(*both("/cdrs/export"))
class CdrExport(Resource):
    @require(VIEW, own=OWN)
    @ns.doc(params={"start": "ISO date", "end": "ISO date"})
    def get(self, service_id: int):
        """The same records as a CSV download."""
        service = _usage_service(service_id)
        start, end = _cdr_window()
        ocs = ocs_client()
        rows = _ocs_read(
            lambda: ocs.get_cdrs(
                accounts=[service.service_uuid], setup_time_start=start, setup_time_end=end, order_by="SetupTime;desc"
            )
        )
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=renewals.CDR_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(renewals.cdr_row(row))
        filename = f"service_{service.service_id}_records.csv"
        return Response(
            out.getvalue(), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
        )
