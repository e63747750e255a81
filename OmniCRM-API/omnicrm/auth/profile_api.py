"""The caller's own profile (spec 08): names, phone, e-mail change with verification, login IP restriction."""

from __future__ import annotations

from flask_restx import Namespace, Resource, fields

from omnicrm.activity import log
from omnicrm.apidoc import error_model
from omnicrm.auth import accounts, users
from omnicrm.auth.principal import authenticated, client_ip, current
from omnicrm.db import get_session
from omnicrm.errors import ApiError, bad_request
from omnicrm.payload import flag, json_object

ns = Namespace("profile", path="/crm/profile", description="Your own profile")
error = error_model(ns)
EDITABLE = {"first_name", "middle_name", "last_name", "phone_number", "email", "ip_restriction", "confirm_lockout"}
profile_model = ns.model(
    "Profile",
    {
        "id": fields.Integer,
        "username": fields.String,
        "email": fields.String,
        "pending_email": fields.String(description="New address awaiting verification"),
        "first_name": fields.String,
        "middle_name": fields.String,
        "last_name": fields.String,
        "phone_number": fields.String,
        "roles": fields.List(fields.String),
        "ip_restriction": fields.String(description="Addresses, CIDRs or a-b ranges, one per line; empty = any"),
        "is_2fa_enabled": fields.Boolean,
    },
)


def _own_user() -> users.User:
    principal = current()
    if principal.kind != "user":
        raise ApiError(403, "A profile belongs to a user session")
    return users.get(get_session(), principal.user_id)


@ns.route("")
class Profile(Resource):
    @authenticated
    @ns.response(200, "Your profile", profile_model)
    def get(self):
        """Your profile."""
        return users.as_detail(_own_user())

    @authenticated
    @ns.expect(ns.inherit("ProfileUpdate", profile_model, {"confirm_lockout": fields.Boolean}))
    @ns.response(200, "Updated", profile_model)
    @ns.response(400, "Invalid field, or an IP restriction that would lock you out without confirm_lockout", error)
    def patch(self):
        """Update your profile; a new e-mail waits for verification."""
        body = {field: value for field, value in json_object().items() if field in EDITABLE}  # others are ignored
        user = _own_user()
        if "ip_restriction" in body:
            restriction = accounts.parse_ip_restriction(body["ip_restriction"] or "")
            if not accounts.ip_allowed(client_ip(), restriction) and not flag(body.get("confirm_lockout"), "confirm_lockout"):
                raise bad_request(
                    "This list does not include your current address; send confirm_lockout: true to save it anyway",
                    {"ip_restriction": f"does not include {client_ip()}"},
                )
        changes = {key: value for key, value in body.items() if key != "confirm_lockout"}
        session = get_session()
        user = users.update(session, user, changes)
        log.record(session, "user", "profile_updated", f"{user.email} updated their profile", object_id=user.id)
        session.commit()
        return users.as_detail(user)
