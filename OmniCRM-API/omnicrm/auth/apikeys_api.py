"""Database API keys (spec 01 §4.3): all under `admin` (MANAGE_API_KEYS)."""

from __future__ import annotations

from flask import request
from flask_restx import Namespace, Resource, fields

from omnicrm.apidoc import error_model
from omnicrm.auth import apikeys
from omnicrm.auth.catalogue import ADMIN
from omnicrm.auth.principal import current, require
from omnicrm.db import get_session
from omnicrm.payload import json_object

ns = Namespace("api-keys", path="/crm/api-keys", description="API keys for integrations (admin)")
error = error_model(ns)
key_object = ns.model(
    "ApiKey",
    {
        "api_key_id": fields.Integer,
        "name": fields.String,
        "description": fields.String,
        "api_key_masked": fields.String(example="sk_live_...a1b2"),
        "status": fields.String(enum=["active", "expired"]),
        "expiring_soon": fields.Boolean,
        "permissions": fields.List(fields.String),
        "is_protected": fields.Boolean,
        "created": fields.DateTime,
        "created_by": fields.String,
        "expiry_date": fields.DateTime,
        "last_used": fields.DateTime,
        "last_used_ip": fields.String,
        "last_modified": fields.DateTime,
    },
)
key_with_secret = ns.inherit(
    "ApiKeyCreated", key_object, {"api_key": fields.String(description="The full key: shown in this response only")}
)
key_request = ns.model(
    "ApiKeyRequest",
    {
        "name": fields.String(required=True, max_length=100),
        "description": fields.String(max_length=500),
        "expiry_date": fields.String(description="YYYY-MM-DD (valid to the end of that day, UTC) or null for never"),
        "permissions": fields.List(fields.String, required=True),
        "is_protected": fields.Boolean,
    },
)
summary = ns.model(
    "ApiKeySummary",
    {"total": fields.Integer, "active": fields.Integer, "expiring_soon": fields.Integer, "expired": fields.Integer},
)
key_list = ns.model("ApiKeyList", {"data": fields.List(fields.Nested(key_object)), "summary": fields.Nested(summary)})


@ns.route("")
class ApiKeyList(Resource):
    @require(ADMIN)
    @ns.doc(
        params={
            "search": "Name, description or masked key",
            "status": "all, active, expiring_soon or expired",
            "sort": "name, created, expiry_date or created_by",
            "order": "asc or desc",
        }
    )
    @ns.response(200, "Keys and a summary of all keys", key_list)
    @ns.response(400, "Unknown status, sort or order", error)
    def get(self):
        """List API keys (masked)."""
        args = request.args
        return apikeys.listing(
            get_session(), args.get("search"), args.get("status", "all"), args.get("sort", "created"), args.get("order", "desc")
        )

    @require(ADMIN)
    @ns.expect(key_request)
    @ns.response(201, "Created: the full key is in this response only", key_with_secret)
    @ns.response(400, "Invalid field", error)
    @ns.response(403, "Granting a permission you do not hold", error)
    @ns.response(409, "Duplicate name", error)
    def post(self):
        """Create an API key."""
        return apikeys.create(get_session(), json_object(), current()), 201


@ns.route("/<int:api_key_id>")
class ApiKeyDetail(Resource):
    @require(ADMIN)
    @ns.response(200, "The key (masked) and its last 20 uses", key_object)
    @ns.response(404, "No such key", error)
    def get(self, api_key_id: int):
        """One API key with its recent access."""
        session = get_session()
        return apikeys.detail(session, apikeys.get(session, api_key_id))

    @require(ADMIN)
    @ns.expect(key_request)
    @ns.response(200, "Updated", key_object)
    @ns.response(400, "Invalid or not editable field: nothing changed", error)
    def patch(self, api_key_id: int):
        """Edit name, description, expiry, permissions or protection."""
        session = get_session()
        return apikeys.update(session, apikeys.get(session, api_key_id), json_object(), current())

    @require(ADMIN)
    @ns.response(200, "Deleted")
    @ns.response(409, "Protected key", error)
    def delete(self, api_key_id: int):
        """Delete an API key for good."""
        session = get_session()
        apikeys.remove(session, apikeys.get(session, api_key_id))
        return {"result": "success"}


@ns.route("/<int:api_key_id>/regenerate")
class ApiKeyRegenerate(Resource):
    @require(ADMIN)
    @ns.response(200, "The new full key, shown once; the old one is dead", key_with_secret)
    def post(self, api_key_id: int):
        """Replace the key value, keeping its name, permissions and expiry."""
        session = get_session()
        return apikeys.regenerate(session, apikeys.get(session, api_key_id))
