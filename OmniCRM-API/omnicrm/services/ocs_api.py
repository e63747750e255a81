"""The audited CGRateS pass-through (spec 04 §22, "OCS proxy"): the service page's attribute, filter and session
sections call the OCS through it. Reads (`*.Get...`) pass silently; every other call is written to the activity
log with its parameters (secrets redacted), even when CGRateS answers with an error."""

from __future__ import annotations

import re
from typing import Any

from flask_restx import Namespace, Resource

from omnicrm.activity import log
from omnicrm.apidoc import error_model
from omnicrm.auth.principal import require
from omnicrm.db import get_session
from omnicrm.errors import ApiError, bad_request
from omnicrm.integrations.ocs import OcsTimeout, OcsUnavailable, ocs_client
from omnicrm.payload import json_object
from omnicrm.services import records

ns = Namespace("ocs", path="/crm/ocs", description="Audited CGRateS JSON-RPC pass-through")
error = error_model(ns)
METHOD = re.compile(r"^[A-Za-z0-9]+\.[A-Za-z0-9]+$")


def _read(body: dict[str, Any]) -> dict[str, Any]:
    errors = {}
    if not isinstance(body.get("method"), str) or not METHOD.match(body["method"]):
        errors["method"] = "Service.Method, e.g. APIerSv1.GetAttributeProfile"
    if not isinstance(body.get("params"), list):
        errors["params"] = "a JSON array"
    for field in ("customer_id", "service_id"):
        if isinstance(body.get(field), bool) or not isinstance(body.get(field), int):
            errors[field] = "required integer"
    if body.get("tenant") is not None and not isinstance(body["tenant"], str):
        errors["tenant"] = "text"
    if errors:
        raise bad_request("Invalid OCS call", errors)
    return body


@ns.route("/proxy")
class OcsProxy(Resource):
    @require("cgrates_api_access")
    @ns.response(400, "Missing field, params not an array, or the service is not the customer's", error)
    @ns.response(502, "OCS unreachable", error)
    @ns.response(504, "OCS timeout", error)
    def post(self):
        """Pass one JSON-RPC call to CGRateS; the reply comes back unchanged (errors included)."""
        session = get_session()
        body = _read(json_object())
        service = records.get(session, body["service_id"])
        if service.customer_id != body["customer_id"]:
            raise bad_request("Invalid OCS call", {"service_id": "does not belong to customer_id"})
        client = ocs_client()
        tenant = body.get("tenant") or client.tenant
        params = list(body["params"])
        if params and isinstance(params[0], dict) and "Tenant" not in params[0]:
            params[0] = {**params[0], "Tenant": tenant}
        try:
            reply = client.rpc(body["method"], params)
        except OcsTimeout:
            raise ApiError(504, "OCS timeout") from None
        except OcsUnavailable:
            raise ApiError(502, "OCS unreachable") from None
        if not body["method"].split(".", 1)[1].startswith("Get"):
            log.record(
                session,
                "ocs",
                "ocs_api_call",
                f"OCS {body['method']} on service {service.service_id}",
                object_id=service.service_id,
                customer_id=service.customer_id,
                service_id=service.service_id,
                changes_json={"method": body["method"], "tenant": tenant, "params": params, "error": reply.get("error")},
            )
            session.commit()
        return reply
