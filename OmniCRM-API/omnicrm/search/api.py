"""GET /utilities/search_everything: the staff search box."""

from __future__ import annotations

from flask import request
from flask_restx import Namespace, Resource, fields

from omnicrm.apidoc import error_model, pagination_model
from omnicrm.auth.principal import require
from omnicrm.db import get_session
from omnicrm.errors import bad_request
from omnicrm.search.everything import search

ns = Namespace("search", path="/utilities", description="Global search")
error = error_model(ns)
hit = ns.model(
    "SearchHit",
    {
        "id": fields.Integer,
        "name": fields.String,
        "customer_id": fields.Integer,
        "type": fields.String(enum=["customer", "contact", "site", "inventory", "service"]),
    },
)
hits = ns.model("SearchResults", {"data": fields.List(fields.Nested(hit)), "pagination": fields.Nested(pagination_model(ns))})
TRUTHY, FALSY = {"true", "1"}, {"false", "0"}


def _int(name: str, default: int, low: int, high: int, errors: dict[str, str]) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.strip().lstrip("-").isdigit() or not low <= int(raw) <= high:
        errors[name] = f"an integer from {low} to {high}"
        return default
    return int(raw)


@ns.route("/search_everything")
class SearchEverything(Resource):
    @require("view_customer")
    @ns.doc(
        params={
            "search": "Text to find (1-255 characters), anywhere in names, e-mails, phones, identifiers",
            "page": "Page, from 1",
            "per_page": "1-100, default 10",
            "search_closed_records": "true to include customers that are not Open, and their records",
        }
    )
    @ns.response(200, "Customers, then contacts, sites and inventory (each by id)", hits)
    @ns.response(400, "Missing search or bad paging", error)
    def get(self):
        """Find customers, contacts, sites and inventory by part of a name, e-mail, phone or identifier."""
        errors: dict[str, str] = {}
        term = (request.args.get("search") or "").strip()
        if not term or len(term) > 255:
            errors["search"] = "required, 1-255 characters"
        page = _int("page", 1, 1, 10**9, errors)
        per_page = _int("per_page", 10, 1, 100, errors)
        closed = request.args.get("search_closed_records", "false").lower()
        if closed not in TRUTHY | FALSY:
            errors["search_closed_records"] = "true, false, 1 or 0"
        if errors:
            raise bad_request("Invalid search", errors)
        return search(get_session(), term, page, per_page, closed in TRUTHY)
