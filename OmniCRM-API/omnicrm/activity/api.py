"""The activity log (spec 04 §23): read per customer, per service or by id; manual notes; never edited or deleted."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_restx import Namespace, Resource, fields
from sqlalchemy import select

from omnicrm.activity import log
from omnicrm.activity.models import Activity
from omnicrm.apidoc import error_model, pagination_model
from omnicrm.auth.models import User
from omnicrm.auth.principal import ensure_customer_access, public, require, restrict_to_own
from omnicrm.customers import customers
from omnicrm.db import get_session
from omnicrm.errors import ApiError, not_found
from omnicrm.fields import Reader, iso
from omnicrm.pagination import ListArgs, list_args, paginate
from omnicrm.payload import json_object

ns = Namespace("activity", path="/crm/activity", description="Activity log (read-only, plus manual notes)")
error = error_model(ns)
IMMUTABLE = "Activity records cannot be modified or deleted"
SORTABLE = {"created": Activity.created}
activity_model = ns.model(
    "Activity",
    {
        "activity_id": fields.Integer,
        "customer_id": fields.Integer,
        "service_id": fields.Integer,
        "object_type": fields.String,
        "object_id": fields.String,
        "action": fields.String,
        "description": fields.String,
        "changes_json": fields.Raw,
        "user_id": fields.Integer,
        "user_name": fields.String,
        "impersonating_user_id": fields.Integer,
        "impersonating_user_name": fields.String,
        "actor": fields.String,
        "ip_address": fields.String,
        "created": fields.String,
    },
)
activity_page = ns.model(
    "ActivityPage", {"data": fields.List(fields.Nested(activity_model)), "pagination": fields.Nested(pagination_model(ns))}
)
LIST_PARAMS = {
    "page": "Page, from 1",
    "per_page": "Rows per page (default 20)",
    "object_type": "Comma list of object types (customer, contact, site, service, transaction, invoice, payment_method, "
    "provision, ocs, impersonation, note)",
    "service_id": "Only rows of this service",
    "search": "Words in the description",
}


def as_dict(row: Activity, names: dict[int, str] | None = None) -> dict[str, Any]:
    names = names or {}
    return {
        "activity_id": row.activity_id,
        "customer_id": row.customer_id,
        "service_id": row.service_id,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "action": row.action,
        "description": row.description,
        "changes_json": row.changes_json,
        "user_id": row.user_id,
        "user_name": names.get(row.user_id),
        "impersonating_user_id": row.impersonating_user_id,
        "impersonating_user_name": names.get(row.impersonating_user_id),
        "actor": row.actor,
        "ip_address": row.ip_address,
        "created": iso(row.created),
    }


def _user_names(ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = get_session().execute(select(User.id, User.first_name, User.last_name).where(User.id.in_(wanted)))
    return {row.id: f"{row.first_name} {row.last_name}".strip() for row in rows}


def _page(query: Any) -> dict:
    args: ListArgs = list_args(request.args, SORTABLE, default_sort="created")
    types = [t.strip() for t in request.args.get("object_type", "").split(",") if t.strip() and t.strip().lower() != "all"]
    if types:
        query = query.where(Activity.object_type.in_(types))
    if request.args.get("service_id"):
        reader = Reader(dict(request.args))
        reader.integer("service_id")
        query = query.where(Activity.service_id == reader.check("Invalid list parameters")["service_id"])
    if args.search:
        query = query.where(Activity.description.ilike(f"%{args.search}%"))
    page = paginate(get_session(), query, args, SORTABLE, lambda row: row)
    names = _user_names({r.user_id for r in page["data"]} | {r.impersonating_user_id for r in page["data"]})
    return {**page, "data": [as_dict(row, names) for row in page["data"]]}


@ns.route("/customer_id/<int:customer_id>")
class CustomerActivity(Resource):
    @require("view_customer_activity", own="view_own_customer_activity")
    @ns.doc(params=LIST_PARAMS)
    @ns.response(200, "A page of the customer's activity, newest first", activity_page)
    def get(self, customer_id: int):
        """A customer's activity log."""
        customer = customers.get(get_session(), customer_id)
        ensure_customer_access(customer.customer_id)
        return _page(select(Activity).where(Activity.customer_id == customer_id))


@ns.route("/service_id/<int:service_id>")
class ServiceActivity(Resource):
    @require("view_customer_activity", own="view_own_customer_activity")
    @ns.doc(params=LIST_PARAMS)
    @ns.response(200, "A page of the service's activity, newest first", activity_page)
    def get(self, service_id: int):
        """A service's activity log."""
        return _page(restrict_to_own(select(Activity).where(Activity.service_id == service_id), Activity.customer_id))


@ns.route("/activity_id/<int:activity_id>")
class ActivityDetail(Resource):
    @require("view_customer_activity", own="view_own_customer_activity")
    @ns.response(200, "One activity row with its changes", activity_model)
    @ns.response(404, "No such activity", error)
    def get(self, activity_id: int):
        """One activity row."""
        row = get_session().get(Activity, activity_id)
        if row is None:
            raise not_found("Activity")
        ensure_customer_access(row.customer_id)
        return as_dict(row, _user_names({row.user_id, row.impersonating_user_id}))

    @public
    @ns.response(405, IMMUTABLE, error)
    def patch(self, activity_id: int):
        """Refused: the audit trail is immutable."""
        raise ApiError(405, IMMUTABLE)

    @public
    @ns.response(405, IMMUTABLE, error)
    def delete(self, activity_id: int):
        """Refused: the audit trail is immutable."""
        raise ApiError(405, IMMUTABLE)


@ns.route("")
class ActivityNote(Resource):
    @require("create_customer_activity")
    @ns.expect(
        ns.model(
            "ActivityNote",
            {
                "customer_id": fields.Integer(required=True),
                "description": fields.String(required=True),
                "service_id": fields.Integer,
            },
        )
    )
    @ns.response(200, "The note", activity_model)
    def put(self):
        """Add a manual note to a customer's activity log."""
        reader = Reader(json_object())
        reader.integer("customer_id", required=True)
        reader.text("description", required=True, max_length=4000)
        reader.integer("service_id")
        values = reader.check("Invalid note")
        session = get_session()
        customer = customers.get(session, values["customer_id"])
        row = log.record(
            session, "note", "note", values["description"], customer_id=customer.customer_id, service_id=values.get("service_id")
        )
        session.commit()
        return as_dict(row, _user_names({row.user_id}))
