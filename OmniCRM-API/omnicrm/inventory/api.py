"""Inventory templates and items (ENDPOINTS.md §inventory): playbooks read items flat, staff manage stock."""

from __future__ import annotations

import csv
import io

from flask import Response, current_app, request
from flask_restx import Namespace, Resource, fields
from sqlalchemy import Select, or_, select

from omnicrm.apidoc import LIST_PARAMS, error_model
from omnicrm.auth.principal import authenticate, current, ensure_customer_access, own_scope, require, restrict_to_own
from omnicrm.customers import sites
from omnicrm.db import get_session
from omnicrm.errors import bad_request
from omnicrm.fields import Reader
from omnicrm.inventory import items, qualification, templates
from omnicrm.inventory.models import ITEM_STATES, Inventory, InventoryTemplate
from omnicrm.pagination import list_args, paginate
from omnicrm.payload import json_object
from omnicrm.provisioning import reservations

EXPORT_COLUMNS = [
    "inventory_id",
    "item",
    "item_state",
    "customer_id",
    "service_id",
    "item_location",
    *items.TEXTS,
    "wholesale_cost",
    "retail_cost",
    "sold_date",
    "created",
]
ns = Namespace("inventory", path="/crm/inventory", description="Inventory templates and items")
error = error_model(ns)
template_model = ns.model(
    "InventoryTemplate",
    {
        "inventory_template_id": fields.Integer,
        "item": fields.String(required=True, description="Exact, case-sensitive name products refer to"),
        "icon": fields.String,
        "wholesale_cost": fields.Float(required=True, min=0),
        "retail_cost": fields.Float(required=True, min=0),
        **{label: fields.String for label in templates.LABELS},
        "allow_staff_dropdown": fields.Boolean,
        "allow_customer_dropdown": fields.Boolean,
    },
)
item_model = ns.model(
    "InventoryItem",
    {
        "inventory_id": fields.Integer,
        "inventory_template_id": fields.Integer(required=True),
        "item": fields.String(description="The template's name (read-only)"),
        "customer_id": fields.Integer,
        "service_id": fields.Integer,
        "item_state": fields.String(enum=list(ITEM_STATES), default="New"),
        **{field: fields.String for field in items.TEXTS},
        **{field: fields.String for field in items.PLAIN_FIELDS},
        "latitude": fields.Float,
        "longitude": fields.Float,
        "wholesale_cost": fields.Float,
        "retail_cost": fields.Float,
        "sold_date": fields.String,
        "management_password": fields.String(description="Write-only except for update_inventory holders reading one item"),
        "management_password_set": fields.Boolean,
        "itemtext_labels": fields.Raw,
    },
)
TEMPLATE_SORTS = {"inventory_template_id": InventoryTemplate.inventory_template_id, "item": InventoryTemplate.item}
ITEM_SORTS = {
    "inventory_id": Inventory.inventory_id,
    "item": Inventory.item,
    "item_state": Inventory.item_state,
    "created": Inventory.created,
}
ITEM_FILTERS = ("item", "inventory_template_id", "item_state", "item_location", "customer_id", "service_id")


def _reveal() -> bool:
    """Staff holding update_inventory (and admin machine callers) may read a management password."""
    return not own_scope() and authenticate().can("update_inventory")


# ------------------------------------------------------------------ templates


@ns.route("/template")
class TemplateList(Resource):
    @require("view_inventory_template", own="view_own_inventory_template")
    @ns.doc(params={**LIST_PARAMS, "dropdown": "staff or customer: only templates offered there"})
    def get(self):
        """List inventory templates."""
        args = list_args(request.args, TEMPLATE_SORTS, default_sort="inventory_template_id", default_order="asc")
        query = select(InventoryTemplate)
        dropdown = request.args.get("dropdown")
        if own_scope() or dropdown == "customer":
            query = query.where(InventoryTemplate.allow_customer_dropdown.is_(True))
        elif dropdown == "staff":
            query = query.where(InventoryTemplate.allow_staff_dropdown.is_(True))
        elif dropdown:
            raise bad_request("Invalid list parameters", {"dropdown": "staff or customer"})
        if args.search:
            query = query.where(InventoryTemplate.item.ilike(f"%{args.search}%"))
        return paginate(get_session(), query, args, TEMPLATE_SORTS, templates.as_dict)

    @require("create_inventory_template")
    @ns.expect(template_model)
    @ns.response(200, "Created", template_model)
    @ns.response(409, "The name is taken (exact match)", error)
    def put(self):
        """Create an inventory template."""
        return templates.as_dict(templates.create(get_session(), json_object()))


@ns.route("/template/inventory_template_id/<int:inventory_template_id>")
class TemplateDetail(Resource):
    @require("view_inventory_template", own="view_own_inventory_template")
    @ns.response(200, "The template and how many items use it", template_model)
    def get(self, inventory_template_id: int):
        """One template."""
        session = get_session()
        template = templates.get(session, inventory_template_id)
        if own_scope() and not template.allow_customer_dropdown:
            raise bad_request("Not available")
        return {
            **templates.as_dict(template),
            "item_count": templates.item_count(session, template),
            "referenced_by_products": templates.referencing_products(session, template.item),
        }

    @require("update_inventory_template")
    @ns.expect(template_model)
    @ns.response(200, "Updated; a rename comes with a warning", template_model)
    def patch(self, inventory_template_id: int):
        """Update a template (a rename carries over to its items)."""
        session = get_session()
        template = templates.get(session, inventory_template_id)
        warnings = templates.update(session, template, json_object())
        return {**templates.as_dict(template), "warnings": warnings}

    @require("delete_inventory_template")
    @ns.response(409, "Items use it", error)
    def delete(self, inventory_template_id: int):
        """Delete an unused template."""
        session = get_session()
        templates.delete(session, templates.get(session, inventory_template_id))
        return {"message": "Inventory template deleted"}


# ------------------------------------------------------------------ items


def _template_of(item: Inventory) -> InventoryTemplate:
    return templates.get(get_session(), item.inventory_template_id)


def _item_query(search: str | None) -> Select:
    """The items the list and the export show: the same filters and search."""
    query = restrict_to_own(select(Inventory), Inventory.customer_id)
    for field in ITEM_FILTERS:
        if request.args.get(field):
            query = query.where(getattr(Inventory, field) == request.args[field])
    if request.args.get("unassigned") == "true":
        query = query.where(Inventory.customer_id.is_(None), Inventory.service_id.is_(None))
    if request.args.get("has_coordinates") == "true":
        query = query.where(Inventory.latitude.is_not(None), Inventory.longitude.is_not(None))
    if search:
        pattern = f"%{search}%"
        columns = [*(getattr(Inventory, field) for field in items.TEXTS), Inventory.item_location, Inventory.inventory_notes]
        condition = or_(*(column.ilike(pattern) for column in columns))
        if search.isdigit():
            condition = or_(condition, Inventory.inventory_id == int(search))
        query = query.where(condition)
    return query


@ns.route("")
class ItemList(Resource):
    @require("view_inventory", own="view_own_inventory")
    @ns.doc(
        params={
            **LIST_PARAMS,
            **{field: f"Filter on {field}" for field in ITEM_FILTERS},
            "unassigned": "true: no customer and no service",
            "has_coordinates": "true: latitude and longitude set",
        }
    )
    def get(self):
        """List inventory items (management passwords masked)."""
        args = list_args(request.args, ITEM_SORTS, default_sort="inventory_id", default_order="asc")
        return paginate(get_session(), _item_query(args.search), args, ITEM_SORTS, items.as_dict)

    @require("create_inventory")
    @ns.expect(item_model)
    @ns.response(200, "Created", item_model)
    @ns.response(409, "itemtext1 already used in this template", error)
    def put(self):
        """Add an item to stock."""
        item, template = items.create(get_session(), json_object())
        return items.as_dict(item, template, reveal_password=_reveal())


@ns.route("/inventory_id/<int:inventory_id>")
class ItemDetail(Resource):
    @require("view_inventory", own="view_own_inventory")
    @ns.response(200, "The flat item with its template's labels", item_model)
    def get(self, inventory_id: int):
        """One item (playbooks read json.itemtext1...)."""
        item = items.get(get_session(), inventory_id)
        ensure_customer_access(item.customer_id)
        return items.as_dict(item, _template_of(item), reveal_password=_reveal())

    @require("update_inventory")
    @ns.expect(item_model)
    @ns.response(200, "Updated", item_model)
    @ns.response(400, "Bad value or state transition", error)
    @ns.response(409, "Already assigned to another customer or service", error)
    def patch(self, inventory_id: int):
        """Update, assign or return an item to the pool."""
        session = get_session()
        item = items.update_item(session, items.get(session, inventory_id), json_object())
        return items.as_dict(item, _template_of(item), reveal_password=_reveal())

    @require("delete_inventory")
    @ns.response(409, "Assigned or linked", error)
    def delete(self, inventory_id: int):
        """Delete an unassigned item."""
        session = get_session()
        items.delete(session, items.get(session, inventory_id))
        return {"message": "Inventory item deleted"}


@ns.route("/customer_id/<int:customer_id>")
class CustomerItems(Resource):
    @require("view_inventory", own="view_own_inventory")
    def get(self, customer_id: int):
        """A customer's items: {"data": [...]} (playbooks iterate json.data)."""
        ensure_customer_access(customer_id)
        query = select(Inventory).where(Inventory.customer_id == customer_id).order_by(Inventory.inventory_id)
        return {"data": [items.as_dict(item) for item in get_session().scalars(query)]}


@ns.route("/service_id/<int:service_id>")
class ServiceItems(Resource):
    @require("view_inventory", own="view_own_inventory")
    def get(self, service_id: int):
        """A service's items: {"data": [...]}."""
        query = restrict_to_own(select(Inventory).where(Inventory.service_id == service_id), Inventory.customer_id)
        return {"data": [items.as_dict(item) for item in get_session().scalars(query.order_by(Inventory.inventory_id))]}


@ns.route("/export")
class ItemExport(Resource):
    @require("view_inventory", own="view_own_inventory")
    @ns.doc(params={"search": "As in the list", **{field: f"Filter on {field}" for field in ITEM_FILTERS}})
    def get(self):
        """The filtered items as a CSV download (management passwords never included)."""
        rows = get_session().scalars(
            _item_query((request.args.get("search") or "").strip() or None).order_by(Inventory.inventory_id)
        )
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for item in rows:
            writer.writerow(items.as_dict(item))
        headers = {"Content-Disposition": 'attachment; filename="inventory.csv"'}
        return Response(out.getvalue(), mimetype="text/csv", headers=headers)


@ns.route("/available")
class AvailableItems(Resource):
    @require("view_inventory")
    @ns.doc(params={"item": "Exact template name (required)", "item_location": "Optional location"})
    def get(self):
        """Items free for provisioning: New or In Stock, no customer, no service, by id. Items another user holds
        in a selector are left out; the caller's own holds are marked `reserved: true`."""
        name = request.args.get("item")
        if not name:
            raise bad_request("Invalid query", {"item": "required: the exact template name"})
        caller = current()
        rows = []
        for item in items.available(get_session(), name, request.args.get("item_location")):
            holder = reservations.holder_of(item.inventory_id)
            if holder is None or not reservations.held_by_other(item.inventory_id, caller):
                rows.append({**items.as_dict(item), "reserved": holder is not None})
        return {"data": rows}


@ns.route("/bulk")
class BulkItems(Resource):
    @require("create_inventory")
    @ns.response(
        200, "Created", ns.model("BulkCreated", {"created": fields.Integer, "inventory_ids": fields.List(fields.Integer)})
    )
    @ns.response(400, "Any bad row: nothing created; every bad row named", error)
    def put(self):
        """Import many items of one template, all or nothing."""
        ids = items.bulk_create(get_session(), json_object())
        return {"created": len(ids), "inventory_ids": ids}

    @require("update_inventory")
    @ns.response(200, "Updated", ns.model("BulkUpdated", {"updated": fields.Integer}))
    def patch(self):
        """Change the state or location of many items, all or nothing."""
        return {"updated": items.bulk_update(get_session(), json_object())}


@ns.route("/service_qualification")
class ServiceQualification(Resource):
    @require("view_inventory")
    @ns.doc(
        params={
            "site_id": "A customer site (its place id, address or coordinates are used)",
            "google_maps_place_id": "Place id",
            "address_line_1": "Street address (with zip_code)",
            "zip_code": "Postal code (with address_line_1)",
            "latitude": "With longitude",
            "longitude": "With latitude",
            "radius_m": "Proximity radius in metres (default service_qualification.radius_m)",
        }
    )
    @ns.response(
        200,
        "Whether a served footprint item matches, and every match",
        ns.model("Qualification", {"qualified": fields.Boolean, "matches": fields.Raw}),
    )
    def get(self):
        """Is this address served? (homes passed; advisory)"""
        args = dict(request.args)
        reader = Reader(args)
        reader.integer("site_id")
        reader.number("latitude", low=-90, high=90)
        reader.number("longitude", low=-180, high=180)
        reader.number("radius_m", low=1, high=100_000)
        values = reader.check("Invalid qualification query")
        session = get_session()
        place_id, address, zip_code = args.get("google_maps_place_id"), args.get("address_line_1"), args.get("zip_code")
        latitude, longitude = values.get("latitude"), values.get("longitude")
        if values.get("site_id") is not None:
            site = sites.get(session, values["site_id"])
            ensure_customer_access(site.customer_id)
            place_id, address, zip_code = site.google_maps_place_id, site.address_line_1, site.zip_code
            latitude, longitude = site.latitude, site.longitude
        if not (place_id or (address and zip_code) or (latitude is not None and longitude is not None)):
            raise bad_request(
                "Invalid qualification query",
                {"site_id": "give site_id, google_maps_place_id, address_line_1 + zip_code, or latitude + longitude"},
            )
        settings = current_app.extensions["omnicrm.settings"]
        return qualification.qualify(session, settings, place_id, address, zip_code, latitude, longitude, values.get("radius_m"))
