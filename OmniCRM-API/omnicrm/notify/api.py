"""E-mail and communications (spec 06 API "Email / communications"): the ten template blocks, a test send, and a
customer's e-mail log."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_restx import Namespace, Resource
from sqlalchemy import select

from omnicrm.apidoc import LIST_PARAMS, error_model
from omnicrm.auth.principal import current, ensure_customer_access, require
from omnicrm.customers import customers
from omnicrm.db import get_session
from omnicrm.errors import conflict
from omnicrm.fields import Reader, iso
from omnicrm.notify import delivery, templates
from omnicrm.notify.models import Communication
from omnicrm.notify.outbox import cannot_send, record_email
from omnicrm.pagination import list_args, paginate
from omnicrm.payload import json_object

ns = Namespace("communications", path="/crm/communication", description="E-mail templates and the e-mail log")
error = error_model(ns)
SORTS = {"communication_id": Communication.communication_id, "created": Communication.created}


def as_dict(message: Communication) -> dict[str, Any]:
    return {
        "communication_id": message.communication_id,
        "channel": message.channel,
        "template_key": message.template_key,
        "template_id": message.template_id,
        "customer_id": message.customer_id,
        "user_id": message.user_id,
        "to_email": message.recipient,
        "to_name": message.to_name,
        "subject": message.subject,
        "variables": message.variables,
        "attachment_filename": message.attachment_filename,
        "status": message.status,
        "provider_message_id": message.provider_message_id,
        "provider_message_uuid": message.provider_message_uuid,
        "attempts": message.attempts,
        "error": message.error,
        "created": iso(message.created),
        "sent_at": iso(message.sent_at),
    }


@ns.route("/templates")
class Templates(Resource):
    @require("admin")
    def get(self):
        """The ten e-mail types, whether each is configured, its sender, template id and subject (never the API
        credentials)."""
        return templates.listing(current_app.extensions["omnicrm.settings"])


@ns.route("/test_email")
class TestEmail(Resource):
    @require("admin")
    @ns.doc(description="template_key (one of the ten), to_email, optional variables (missing ones get sample values)")
    @ns.response(400, "Unknown template key, bad address or variables", error)
    @ns.response(409, "The template is not configured", error)
    def post(self):
        """Send one template to an address now; answers the communication row once Mailjet has answered."""
        reader = Reader(json_object())
        reader.choice("template_key", tuple(templates.VARIABLES), required=True)
        reader.email("to_email", required=True)
        variables = reader.body.get("variables", {})
        if not isinstance(variables, dict):
            reader.errors["variables"] = "an object of text values"
        values = reader.check("Invalid test e-mail")
        settings = current_app.extensions["omnicrm.settings"]
        reason = cannot_send(settings, values["template_key"])
        if reason:
            raise conflict(reason)
        session = get_session()
        key = values["template_key"]
        message, sendable = record_email(
            session, key, values["to_email"], templates.samples(key, variables), user_id=current().user_id
        )
        session.commit()
        if sendable is not None:
            message = delivery.send_now(message.communication_id, sendable)
        return as_dict(message)


@ns.route("/customer_id/<int:customer_id>")
class CustomerCommunications(Resource):
    @require("view_communication", own="view_own_communication")
    @ns.doc(params=LIST_PARAMS)
    def get(self, customer_id: int):
        """A customer's e-mails, newest first."""
        session = get_session()
        customers.get(session, customer_id)
        ensure_customer_access(customer_id)
        args = list_args(request.args, SORTS, default_sort="communication_id")
        query = select(Communication).where(Communication.customer_id == customer_id)
        return paginate(session, query, args, SORTS, as_dict)
