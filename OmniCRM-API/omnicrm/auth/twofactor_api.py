"""Two-factor authentication endpoints: /2fa/... and their /crm/2fa/... aliases (spec 01 §4.2)."""

from __future__ import annotations

from flask import request
from flask_restx import Namespace, Resource, fields

from omnicrm.apidoc import error_model
from omnicrm.auth import accounts, twofactor, users
from omnicrm.auth.api import login_response_with_cookie
from omnicrm.auth.catalogue import ADMIN
from omnicrm.auth.principal import Principal, authenticated, client_ip, current, public, require
from omnicrm.db import get_session
from omnicrm.errors import ApiError, bad_request
from omnicrm.payload import json_object

ns = Namespace("2fa", path="/", description="Two-factor authentication (TOTP and backup codes)")
error = error_model(ns)
enrolment = ns.model(
    "TwoFactorEnrolment",
    {
        "totp_secret": fields.String(description="Base32 secret, for manual entry"),
        "qr_code_url": fields.String(description="otpauth://totp/... URI to draw as a QR code"),
        "backup_codes": fields.List(fields.String, description="Single-use 8-digit codes, shown once"),
    },
)
code_request = ns.model("TwoFactorCode", {"code": fields.String(required=True), "two_fa_token": fields.String})
verified = ns.model("Verified", {"verified": fields.Boolean})
codes_model = ns.model("BackupCodes", {"backup_codes": fields.List(fields.String)})


def both(path: str) -> tuple[str, str]:
    return f"/2fa{path}", f"/crm/2fa{path}"


def _self_or_admin_user(user_id: int) -> tuple[Principal, users.User]:
    """2FA self-service is for the user itself or an admin user; API keys are refused."""
    principal = current()
    if principal.kind != "user":
        raise ApiError(403, "Two-factor settings belong to user sessions")
    users.ensure_self_or_admin(principal.user_id, principal.is_admin, user_id)
    return principal, users.get(get_session(), user_id)


@ns.route(*both("/enable/user/<int:user_id>"))
class Enable(Resource):
    @authenticated
    @ns.expect(
        ns.model(
            "TwoFactorEnable",
            {"password": fields.String(description="Your password (not needed by an admin acting for another user)")},
        )
    )
    @ns.response(200, "Pending until verify-setup", enrolment)
    @ns.response(401, "Incorrect password", error)
    @ns.response(409, "Already enabled", error)
    def post(self, user_id: int):
        """Start 2FA enrolment: a secret, its QR URI and 10 backup codes."""
        principal, user = _self_or_admin_user(user_id)
        body = json_object(required=False)
        return twofactor.enable(get_session(), user, body.get("password"), password_required=principal.user_id == user_id)


@ns.route(*both("/verify-setup/user/<int:user_id>"))
class VerifySetup(Resource):
    @authenticated
    @ns.expect(code_request)
    @ns.response(200, "2FA is now on", verified)
    @ns.response(400, "Not 6 digits, or a wrong code (stays pending)", error)
    @ns.response(409, "No pending setup", error)
    def post(self, user_id: int):
        """Confirm enrolment with the authenticator's current code."""
        _, user = _self_or_admin_user(user_id)
        try:
            twofactor.verify_setup(get_session(), user, json_object().get("code"))
        except ApiError as refusal:
            if refusal.message == "Invalid code":
                return {"verified": False, "message": "Invalid code"}, 400
            raise
        return {"verified": True}


def _challenge_token() -> str | None:
    body = json_object()
    token = body.get("two_fa_token") or body.get("two_factor_token")
    authorization = request.headers.get("Authorization", "")
    if not token and authorization.lower().startswith("bearer "):
        bearer = authorization[7:].strip()
        if bearer.count(".") != 2:  # a challenge is opaque, a session token is a JWT
            token = bearer
    return token


@ns.route(*both("/verify/user/<int:user_id>"))
class Verify(Resource):
    @public
    @ns.doc(
        security=[],
        description="With the login challenge (`two_fa_token` in the body or as Bearer) it completes the login; "
        "with your own session it only checks a code.",
    )
    @ns.expect(code_request)
    @ns.response(200, "The login body (challenge) or {verified: true}")
    @ns.response(401, "Wrong code, or an expired or burned challenge", error)
    def post(self, user_id: int):
        """Second step of a 2FA login, or a self-check of a code."""
        body = json_object()
        code = body.get("code")
        if not isinstance(code, str | int) or not str(code).strip():
            raise bad_request("The code is required", {"code": "required"})
        token = _challenge_token()
        session = get_session()
        if token:
            return login_response_with_cookie(accounts.verify_challenge(session, user_id, token, str(code), client_ip()))
        _, user = _self_or_admin_user(user_id)
        try:
            twofactor.check_code(session, user, code)
        except ApiError as refusal:
            if refusal.status == 400:
                return {"verified": False, "message": "Invalid code"}, 400
            raise
        return {"verified": True}


@ns.route(*both("/backup-codes/regenerate/user/<int:user_id>"))
class Regenerate(Resource):
    @authenticated
    @ns.response(200, "Ten new codes; the old ones are dead", codes_model)
    @ns.response(409, "2FA not enabled", error)
    def post(self, user_id: int):
        """Replace every backup code."""
        _, user = _self_or_admin_user(user_id)
        password = json_object(required=False).get("password")
        return {"backup_codes": twofactor.regenerate_backup_codes(get_session(), user, password)}


@ns.route(*both("/reset-for-new-device/user/<int:user_id>"))
class ResetForNewDevice(Resource):
    @authenticated
    @ns.expect(ns.model("NewDevice", {"backup_code": fields.String(required=True)}))
    @ns.response(200, "A new enrolment, pending until verify-setup", enrolment)
    @ns.response(400, "Invalid backup code", error)
    def post(self, user_id: int):
        """Move 2FA to a new device with one backup code."""
        _, user = _self_or_admin_user(user_id)
        return twofactor.reset_for_new_device(get_session(), user, json_object().get("backup_code"))


@ns.route(*both("/status/user/<int:user_id>"))
class Status(Resource):
    @authenticated
    @ns.response(
        200,
        "2FA state",
        ns.model("TwoFactorStatus", {"is_2fa_enabled": fields.Boolean, "backup_codes_remaining": fields.Integer}),
    )
    def get(self, user_id: int):
        """Whether 2FA is on and how many backup codes are left."""
        principal = current()
        users.ensure_self_or_admin(principal.user_id, principal.is_admin, user_id)
        session = get_session()
        user = users.get(session, user_id)
        return {
            "is_2fa_enabled": twofactor.is_active(user),
            "backup_codes_remaining": twofactor.remaining_backup_codes(session, user),
        }


@ns.route(*both("/admin/disable/user/<int:user_id>"))
class AdminDisable(Resource):
    @require(ADMIN)
    @ns.response(200, "2FA off; the user logs in with a password only", ns.model("TwoFactorReset", {"message": fields.String}))
    @ns.response(409, "2FA was not enabled", error)
    def post(self, user_id: int):
        """Admin reset of a user's 2FA (lost device)."""
        session = get_session()
        user = users.get(session, user_id)
        twofactor.admin_disable(session, user)
        return {
            "message": f"{user.full_name} can now log in with password only. They can re-enable 2FA from their user settings."
        }
