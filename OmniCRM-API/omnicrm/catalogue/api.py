"""The product catalogue (ENDPOINTS.md §products)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_restx import Namespace, Resource, fields
from sqlalchemy import and_, or_, select

from omnicrm import clock
from omnicrm.apidoc import LIST_PARAMS, error_model
from omnicrm.auth.principal import authenticate, ensure_customer_access, require
from omnicrm.catalogue import products
from omnicrm.catalogue.models import CATEGORIES, Product
from omnicrm.customers import customers
from omnicrm.db import get_session
from omnicrm.errors import bad_request
from omnicrm.pagination import json_filters, list_args, paginate
from omnicrm.payload import json_object
from omnicrm.services import records
from omnicrm.services.models import Service

ns = Namespace("products", path="/crm/product", description="Product catalogue")
error = error_model(ns)
product_model = ns.model(
    "Product",
    {
        "product_id": fields.Integer,
        "product_name": fields.String(required=True),
        "product_slug": fields.String(required=True, description="Unique (case-insensitive); no spaces or / ? # %"),
        "category": fields.String(enum=list(CATEGORIES), default="standalone"),
        "service_type": fields.String,
        "enabled": fields.Boolean(default=True),
        "icon": fields.String,
        "comment": fields.String(description="Staff only"),
        "retail_cost": fields.Float(min=0),
        "wholesale_cost": fields.Float(min=0),
        "retail_setup_cost": fields.Float(min=0),
        "wholesale_setup_cost": fields.Float(min=0),
        "tax_percentage": fields.Float(min=0, max=100),
        "contract_days": fields.Integer(min=0),
        "residential": fields.Boolean(default=True),
        "business": fields.Boolean(default=False),
        "customer_can_purchase": fields.Boolean(default=False),
        "available_from": fields.String,
        "available_until": fields.String,
        "auto_renew": fields.String(enum=["prompt", "true", "false"]),
        "allow_auto_renew": fields.Boolean(default=True),
        "inventory_items_list": fields.String(example="['SIM Card', 'Mobile Number']"),
        "relies_on_list": fields.String(example="[]"),
        "features_list": fields.String(example="20GB data. Unlimited calls"),
        "terms": fields.String,
        "provisioning_play": fields.String(description="Playbook name without .yaml"),
        "provisioning_json_vars": fields.String(example='{"days": 30}'),
        "features": fields.List(fields.String, readonly=True),
        "inventory_items": fields.List(fields.String, readonly=True),
        "availability_status": fields.String(enum=["available", "disabled", "scheduled", "expired"], readonly=True),
    },
)
SORTABLE = {column.name: column for column in Product.__table__.columns}
FILTERS = {"category": Product.category, "enabled": Product.enabled, "service_type": Product.service_type}
AVAILABILITY = ("available", "disabled", "scheduled", "expired")


def _availability_condition(status: str) -> Any:
    """The SQL form of products.availability()."""
    now = clock.now()
    enabled = Product.enabled.is_(True)
    started = or_(Product.available_from.is_(None), Product.available_from <= now)
    conditions = {
        "disabled": Product.enabled.is_(False),
        "scheduled": and_(enabled, Product.available_from > now),
        "expired": and_(enabled, started, Product.available_until <= now),
        "available": and_(enabled, started, or_(Product.available_until.is_(None), Product.available_until > now)),
    }
    return conditions[status]


def _self_care() -> bool:
    """Customer-scoped callers get the reduced field set and only self-purchasable products."""
    principal = authenticate()
    return "customer" in principal.roles and not principal.can("update_product")


def _render(product: Product) -> dict:
    return products.as_dict(product, for_customer=_self_care())


def _create() -> Product:
    return products.create(get_session(), json_object())


def _service_for_addons(session: Any, raw: str) -> tuple[Service, str]:
    if not raw.isdigit():
        raise bad_request("Invalid query", {"service_id": "an integer"})
    service = records.get(session, int(raw))
    ensure_customer_access(service.customer_id)
    return service, customers.get(session, service.customer_id).customer_account_type


@ns.route("")
class ProductList(Resource):
    @require("view_product")
    @ns.doc(
        params={
            "category": "standalone, addon, bundle or promo",
            "service_type": "e.g. mobile",
            "customer_id": "only what this customer's type may buy",
            "service_id": "the add-ons for this service: its type and its customer's type (category addon unless given)",
            "include_disabled": "true (staff with update_product): disabled and out-of-window products too",
        }
    )
    @ns.response(200, "Products purchasable now", [product_model])
    def get(self):
        """The catalogue a buyer sees."""
        session = get_session()
        account_type = None
        if request.args.get("customer_id"):
            if not request.args["customer_id"].isdigit():
                raise bad_request("Invalid query", {"customer_id": "an integer"})
            account_type = customers.get(session, int(request.args["customer_id"])).customer_account_type
        category, service_type = request.args.get("category"), request.args.get("service_type")
        if request.args.get("service_id"):
            service, account_type = _service_for_addons(session, request.args["service_id"])
            category, service_type = category or "addon", service.service_type
        if category and category not in CATEGORIES:
            raise bad_request("Invalid query", {"category": f"one of {', '.join(CATEGORIES)}"})
        if request.args.get("include_disabled") == "true" and authenticate().can("update_product"):
            rows = list(session.scalars(select(Product).order_by(Product.product_id)))
        else:
            rows = products.purchasable(session, category, service_type, account_type, _self_care())
        return [_render(product) for product in rows]

    @require("create_product")
    @ns.expect(product_model)
    @ns.response(200, "Created", product_model)
    @ns.response(400, "Invalid field", error)
    @ns.response(409, "Slug already used", error)
    def put(self):
        """Create a product."""
        return _render(_create())

    @require("create_product")
    @ns.expect(product_model)
    @ns.response(201, "Created", product_model)
    def post(self):
        """Create a product (POST form: 201)."""
        return _render(_create()), 201


@ns.route("/paginated")
class ProductPage(Resource):
    @require("view_product")
    @ns.doc(params={**LIST_PARAMS, "filters": 'JSON, e.g. {"category": ["addon"], "enabled": [false]}'})
    def get(self):
        """Every product, including disabled and out-of-window ones, for catalogue management."""
        args = list_args(request.args, SORTABLE, default_sort="product_id", default_order="asc")
        query = select(Product)
        for key, values in json_filters(request.args.get("filters"), (*FILTERS, "availability_status")).items():
            if key != "availability_status":
                query = query.where(FILTERS[key].in_(values))
            elif all(value in AVAILABILITY for value in values):
                query = query.where(or_(*(_availability_condition(value) for value in values)))
            else:
                raise bad_request("Invalid filter", {"filters": f"availability_status among {', '.join(AVAILABILITY)}"})
        if args.search:
            pattern = f"%{args.search}%"
            columns = (Product.product_name, Product.product_slug, Product.service_type, Product.comment)
            query = query.where(or_(*(column.ilike(pattern) for column in columns)))
        return paginate(get_session(), query, args, SORTABLE, _render)


@ns.route("/product_id/<int:product_id>")
class ProductDetail(Resource):
    @require("view_product")
    @ns.response(200, "The product, in any state", product_model)
    def get(self, product_id: int):
        """One product (playbooks read the current price here)."""
        return _render(products.get(get_session(), product_id))

    @require("update_product")
    @ns.expect(product_model)
    @ns.response(200, "Updated", product_model)
    def patch(self, product_id: int):
        """Change a product; existing services keep what they were sold."""
        session = get_session()
        return _render(products.update(session, products.get(session, product_id), json_object()))

    @require("delete_product")
    def delete(self, product_id: int):
        """Delete a product (retire it with enabled=false instead when it has been sold)."""
        session = get_session()
        products.delete(session, products.get(session, product_id))
        return {"message": "Product deleted"}


@ns.route("/product_slug/<string:product_slug>")
class ProductBySlug(Resource):
    @require("view_product")
    @ns.response(200, "The product", product_model)
    def get(self, product_slug: str):
        """One product by its slug (case-insensitive)."""
        return _render(products.by_slug(get_session(), product_slug))
