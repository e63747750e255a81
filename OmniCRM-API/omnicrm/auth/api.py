"""Login, sessions and passwords; users, roles and permissions; impersonation (ENDPOINTS.md §1).

Each route answers under /auth and /crm/auth (both prefixes are in client use).
"""

from __future__ import annotations

from flask import Response, current_app, make_response, request
from flask_restx import Namespace, Resource, fields

from omnicrm import ratelimit
from omnicrm.apidoc import error_model
from omnicrm.auth import accounts, impersonation, passwords, roles, sessions, users
from omnicrm.auth.catalogue import ADMIN, module_permissions
from omnicrm.auth.principal import (
    allowed_before_password_change,
    authenticate,
    authenticated,
    client_ip,
    current,
    public,
    require,
)
from omnicrm.db import get_session
from omnicrm.errors import ApiError, bad_request
from omnicrm.pagination import list_args, paginate
from omnicrm.payload import flag, json_object

ns = Namespace("auth", path="/", description="Login, sessions, passwords, users, roles, permissions, impersonation")
REFRESH_COOKIE = "omnicrm_refresh"
error = error_model(ns)


def both(path: str) -> tuple[str, str]:
    return f"/auth{path}", f"/crm/auth{path}"


login_request = ns.model(
    "LoginRequest",
    {
        "email": fields.String(required=True),
        "password": fields.String(required=True),
        "remember_me": fields.Boolean(default=False),
    },
)
user_summary = ns.model(
    "UserSummary",
    {
        "id": fields.Integer,
        "username": fields.String,
        "email": fields.String,
        "first_name": fields.String,
        "last_name": fields.String,
        "customer_id": fields.Integer,
        "contact_id": fields.Integer,
        "is_2fa_enabled": fields.Boolean,
        "must_change_password": fields.Boolean,
    },
)
login_response = ns.model(
    "LoginResponse",
    {
        "token": fields.String(description="Access JWT"),
        "refresh_token": fields.String,
        "user": fields.Nested(user_summary),
        "roles": fields.List(fields.String),
        "permissions": fields.List(fields.String),
        "landing": fields.String(enum=["/customers", "/self-care", "/create-cell-broadcast"]),
        "requires_2fa": fields.Boolean(description="Present when a second factor is needed: no tokens then"),
        "user_id": fields.Integer,
        "two_fa_token": fields.String(description="Short-lived 2FA challenge for /2fa/verify/user/{user_id}"),
    },
)
tokens_model = ns.model("Tokens", {"token": fields.String, "refresh_token": fields.String})
message_model = ns.model("Message", {"message": fields.String})
user_row = ns.model(
    "User",
    {
        "id": fields.Integer,
        "username": fields.String,
        "email": fields.String,
        "pending_email": fields.String,
        "first_name": fields.String,
        "middle_name": fields.String,
        "last_name": fields.String,
        "phone_number": fields.String,
        "roles": fields.List(fields.String),
        "is_active": fields.Boolean,
        "deleted": fields.Boolean,
        "is_2fa_enabled": fields.Boolean,
        "login_count": fields.Integer,
        "last_login": fields.DateTime,
        "permissions": fields.List(fields.String),
    },
)
user_create = ns.model(
    "UserCreate",
    {
        "username": fields.String,
        "email": fields.String(required=True),
        "password": fields.String(required=True),
        "first_name": fields.String(required=True),
        "middle_name": fields.String,
        "last_name": fields.String(required=True),
        "phone_number": fields.String,
        "role": fields.String(required=True, description='A role name or comma-separated names, e.g. "Support, Finance"'),
        "contact_id": fields.Integer,
        "send_welcome_email": fields.Boolean,
    },
)
role_model = ns.model(
    "Role",
    {
        "id": fields.Integer,
        "name": fields.String,
        "description": fields.String,
        "permissions": fields.List(fields.String),
        "user_count": fields.Integer,
        "protected": fields.Boolean,
    },
)
permission_model = ns.model("Permission", {"id": fields.Integer, "name": fields.String, "description": fields.String})


def set_refresh_cookie(response: Response, token: str, max_age: int | None) -> Response:
    """HttpOnly refresh cookie: persistent for remember-me sessions, a browser-session cookie otherwise."""
    response.set_cookie(REFRESH_COOKIE, token, max_age=max_age, httponly=True, secure=True, samesite="Lax", path="/")
    return response


def login_response_with_cookie(body: dict) -> Response:
    response = make_response(body)
    if "refresh_token" in body:
        max_age = current_app.extensions["omnicrm.settings"].security.remember_me_days * 86400 if body["remember_me"] else None
        set_refresh_cookie(response, body["refresh_token"], max_age)
    return response


# ------------------------------------------------------------------ sessions


@ns.route(*both("/login"))
class Login(Resource):
    @public
    @ns.doc(security=[])
    @ns.expect(login_request)
    @ns.response(200, "Tokens, or a 2FA challenge", login_response)
    @ns.response(401, "Invalid email or password", error)
    @ns.response(403, "Account disabled, or login not permitted from this address", error)
    @ns.response(423, "Account locked", error)
    @ns.response(429, "Too many attempts from this address", error)
    def post(self):
        """Log in with e-mail and password."""
        ip = client_ip()
        ratelimit.hit(
            current_app.extensions["omnicrm.store"], "login", ip, current_app.extensions["omnicrm.settings"].rate_limits.login
        )
        body = json_object()
        email, password = body.get("email"), body.get("password")
        errors = {
            field: "required"
            for field, value in (("email", email), ("password", password))
            if not isinstance(value, str) or not value
        }
        if errors:
            raise bad_request("E-mail and password are required", errors)
        remember = flag(body.get("remember_me"), "remember_me")
        result = accounts.login(get_session(), email, password, remember, ip)
        return login_response_with_cookie(result)


@ns.route(*both("/refresh"))
class Refresh(Resource):
    @public
    @ns.doc(security=[], description="Refresh token in the body (`refresh_token`) or the HttpOnly cookie.")
    @ns.response(200, "New tokens (the refresh token rotates)", tokens_model)
    @ns.response(401, "Revoked, expired, idle-timed-out or reused refresh token", error)
    def post(self):
        """Rotate the refresh token and issue a new access token."""
        token = json_object(required=False).get("refresh_token") or request.cookies.get(REFRESH_COOKIE)
        if not token:
            raise ApiError(401, "Refresh token required")
        tokens = accounts.refresh(get_session(), token)
        response = make_response({"token": tokens.access, "refresh_token": tokens.refresh})
        return set_refresh_cookie(response, tokens.refresh, tokens.max_age if tokens.remember_me else None)


@ns.route(*both("/logout"))
class Logout(Resource):
    @allowed_before_password_change
    @authenticated
    @ns.response(200, "Session revoked", message_model)
    def post(self):
        """Revoke the current session and deny-list its access token."""
        principal = authenticate()
        if principal.kind != "user":
            raise bad_request("Only a user session can log out")
        accounts.logout(principal.claims)
        response = make_response({"message": "Logged out"})
        response.delete_cookie(REFRESH_COOKIE, path="/")
        return response


# ------------------------------------------------------------------ passwords


@ns.route(*both("/forgot_password"))
class ForgotPassword(Resource):
    @public
    @ns.doc(security=[])
    @ns.expect(ns.model("ForgotPassword", {"email": fields.String(required=True)}))
    @ns.response(200, "Reset link sent", message_model)
    @ns.response(404, "No account with this e-mail (unless configured otherwise)", error)
    def post(self):
        """Start a self-service password reset: an e-mail with a single-use link."""
        ratelimit.hit(
            current_app.extensions["omnicrm.store"],
            "forgot",
            client_ip(),
            current_app.extensions["omnicrm.settings"].rate_limits.login,
        )
        email = json_object().get("email")
        if not isinstance(email, str) or "@" not in email:
            raise bad_request("A valid e-mail address is required", {"email": "required"})
        session = get_session()
        user = accounts.find_user_by_email(session, email)
        sent = {"message": "Reset instructions have been sent to your email"}
        if user is None or user.deleted or not user.is_active:
            if current_app.extensions["omnicrm.settings"].security.reveal_unknown_email_on_reset:
                raise ApiError(404, "No account found with this email address")
            return sent
        passwords.forgot_password(session, user)
        return sent


@ns.route(*both("/reset_password"))
class ResetPassword(Resource):
    @public
    @ns.doc(security=[])
    @ns.expect(
        ns.model(
            "ResetPassword",
            {
                "token": fields.String(required=True),
                "new_password": fields.String(required=True),
                "confirm_password": fields.String,
            },
        )
    )
    @ns.response(200, "Password reset", message_model)
    @ns.response(400, "Invalid or expired link, or a weak password", error)
    def post(self):
        """Set a new password with a reset (or welcome) link's token."""
        body = json_object()
        passwords.reset_password(get_session(), body.get("token"), body.get("new_password"), body.get("confirm_password"))
        return {"message": "Password has been reset successfully"}


@ns.route(*both("/verify_email"))
class VerifyEmail(Resource):
    @public
    @ns.doc(security=[])
    @ns.expect(ns.model("VerifyEmail", {"token": fields.String(required=True)}))
    @ns.response(200, "E-mail address changed", message_model)
    @ns.response(400, "Invalid or expired link", error)
    def post(self):
        """Confirm a new e-mail address with the link sent to it."""
        passwords.verify_email(get_session(), json_object().get("token"))
        return {"message": "Your e-mail address has been verified"}


@ns.route(*both("/change_password"))
class ChangePassword(Resource):
    @allowed_before_password_change
    @authenticated
    @ns.expect(ns.model("ChangePassword", {"current_password": fields.String, "new_password": fields.String(required=True)}))
    @ns.response(
        200,
        "Password changed; every other session ends, this one gets fresh tokens",
        ns.inherit("PasswordChanged", tokens_model, {"message": fields.String}),
    )
    @ns.response(400, "Wrong current password or weak new one", error)
    @ns.response(403, "Not a user session, or impersonating", error)
    def post(self):
        """Change your own password."""
        principal = authenticate()
        if principal.kind != "user":
            raise ApiError(403, "Only a user can change its password")
        if principal.impersonator_id is not None:
            raise ApiError(403, "Password change is not allowed while impersonating")
        body = json_object()
        session = get_session()
        user = users.get(session, principal.user_id)
        passwords.change_password(
            session, user, body.get("current_password"), body.get("new_password"), principal.password_change_required
        )
        # Every other session of the user has ended; this one goes on with fresh tokens.
        tokens = sessions.renew(principal.claims["sid"], user, accounts.role_names(user))
        response = make_response({"message": "Password changed", "token": tokens.access, "refresh_token": tokens.refresh})
        return set_refresh_cookie(response, tokens.refresh, tokens.max_age if tokens.remember_me else None)


# ------------------------------------------------------------------ users


USER_SORTS = {
    "id": users.User.id,
    "email": users.User.email,
    "last_name": users.User.last_name,
    "last_login": users.User.last_login,
}


def _user_page(search_text: str | None, filters: dict) -> dict:
    args = list_args(request.args, USER_SORTS, default_sort="id", default_order="asc")
    return paginate(get_session(), users.search_query(search_text or args.search, filters), args, USER_SORTS, users.as_row)


@ns.route(*both("/users"))
class UserList(Resource):
    @require(ADMIN)
    @ns.doc(params={"page": "Page", "per_page": "Rows per page", "search": "Name, username or e-mail"})
    @ns.response(200, "A page of users")
    def get(self):
        """List users (deleted users excluded)."""
        return _user_page(None, {})

    @require(ADMIN)
    @ns.expect(user_create)
    @ns.response(201, "Created", user_row)
    @ns.response(400, "Missing field, unknown role or weak password", error)
    @ns.response(409, "Duplicate username or e-mail", error)
    def post(self):
        """Create a user; the password must be changed at first login."""
        user = users.create(get_session(), json_object())
        return users.as_detail(user), 201


@ns.route(*both("/users/search"))
class UserSearch(Resource):
    @require(ADMIN)
    @ns.doc(
        params={
            "search": "Username, e-mail, first or last name",
            "filters": 'JSON: {"role": [...], "email_domain": "...", "deleted": [true], "is_2fa_enabled": bool, '
            '"last_login_after": "...", "last_login_before": "..."}',
            "page": "Page",
            "per_page": "Rows per page",
        }
    )
    def get(self):
        """Search users with filters."""
        return _user_page(request.args.get("search"), users.parse_filters(request.args.get("filters")))


def _self_or_admin(user_id: int) -> None:
    principal = current()
    users.ensure_self_or_admin(principal.user_id, principal.is_admin, user_id)


@ns.route(*both("/users/<int:user_id>"))
class UserDetail(Resource):
    @authenticated
    @ns.response(200, "The user with roles and effective permissions", user_row)
    @ns.response(403, "Neither that user nor an admin", error)
    @ns.response(404, "No such user", error)
    def get(self, user_id: int):
        """One user (self or admin)."""
        _self_or_admin(user_id)
        return users.as_detail(users.get(get_session(), user_id))

    @require(ADMIN)
    @ns.response(200, "Updated", user_row)
    @ns.response(409, "Duplicate e-mail or the last admin", error)
    def put(self, user_id: int):
        """Update a user; `roles` replaces the role set; `deleted: false` restores."""
        session = get_session()
        user = users.update(session, users.get(session, user_id), json_object())
        return users.as_detail(user)

    @require(ADMIN)
    def patch(self, user_id: int):
        """Alias of PUT."""
        return self.put(user_id)

    @require(ADMIN)
    @ns.response(200, "Soft-deleted", message_model)
    @ns.response(409, "Yourself or the last admin", error)
    def delete(self, user_id: int):
        """Soft-delete a user: login refused, sessions revoked, history kept."""
        session = get_session()
        users.soft_delete(session, users.get(session, user_id), authenticate().user_id)
        return {"message": "User deleted"}


@ns.route(*both("/users/<int:user_id>/admin_reset_password"))
class AdminResetPassword(Resource):
    @require(ADMIN)
    @ns.expect(ns.model("AdminResetPassword", {"new_password": fields.String, "force_change": fields.Boolean(default=True)}))
    @ns.response(200, "The temporary password, shown once", ns.model("TemporaryPassword", {"temporary_password": fields.String}))
    def post(self, user_id: int):
        """Set a temporary password (generated when none is given); sessions end."""
        body = json_object(required=False)
        force = body.get("force_change", True)
        session = get_session()
        caller = current()
        admin = users.get(session, caller.user_id) if caller.user_id else None
        password = passwords.admin_reset_password(
            session,
            users.get(session, user_id),
            body.get("new_password"),
            flag(force, "force_change"),
            changed_by=admin.full_name if admin else caller.actor,
        )
        return {"temporary_password": password}


@ns.route(*both("/users/<int:user_id>/send_welcome_email"))
class SendWelcome(Resource):
    @require(ADMIN)
    @ns.response(200, "Welcome e-mail sent", message_model)
    @ns.response(409, "The user has logged in already", error)
    def post(self, user_id: int):
        """Send the welcome e-mail with a set-password link."""
        session = get_session()
        passwords.send_welcome(session, users.get(session, user_id))
        session.commit()
        return {"message": "Welcome email sent"}


# ------------------------------------------------------------------ roles and permissions


@ns.route(*both("/roles"))
class RoleList(Resource):
    @require(ADMIN)
    @ns.response(200, "Roles with their permissions", [role_model])
    def get(self):
        """List roles."""
        return roles.list_roles(get_session())

    @require(ADMIN)
    @ns.expect(ns.model("RoleCreate", {"name": fields.String(required=True), "description": fields.String}))
    @ns.response(201, "Created", role_model)
    @ns.response(409, "Duplicate name (case-insensitive)", error)
    def post(self):
        """Create a role (no permissions yet)."""
        session = get_session()
        role = roles.create_role(session, json_object())
        return {**roles.role_dict(session, role), "users": []}, 201


@ns.route(*both("/roles/<int:role_id>"))
class RoleDetail(Resource):
    @require(ADMIN)
    @ns.response(200, "Updated", role_model)
    def put(self, role_id: int):
        """Rename or describe a role."""
        session = get_session()
        return roles.role_dict(session, roles.update_role(session, roles.get(session, role_id), json_object()))

    @require(ADMIN)
    @ns.response(409, "Built-in Admin or Customer role", error)
    def delete(self, role_id: int):
        """Delete a role; its users lose it."""
        session = get_session()
        roles.delete_role(session, roles.get(session, role_id))
        return {"message": "Role deleted"}


@ns.route(*both("/roles/<int:role_id>/permissions"))
class RolePermissions(Resource):
    @require(ADMIN)
    @ns.expect(ns.model("RoleGrant", {"permission_id": fields.Integer, "permission_ids": fields.List(fields.Integer)}))
    @ns.response(200, "The role", role_model)
    @ns.response(404, "Unknown permission id: nothing granted", error)
    def post(self, role_id: int):
        """Grant permissions to a role (idempotent)."""
        session = get_session()
        return roles.role_dict(session, roles.add_permissions(session, roles.get(session, role_id), json_object()))


@ns.route(*both("/roles/<int:role_id>/permissions/<int:permission_id>"))
class RolePermission(Resource):
    @require(ADMIN)
    @ns.response(200, "The role", role_model)
    def delete(self, role_id: int, permission_id: int):
        """Take a permission from a role."""
        session = get_session()
        return roles.role_dict(session, roles.remove_permission(session, roles.get(session, role_id), permission_id))


@ns.route(*both("/roles/<int:role_id>/users"))
class RoleUsers(Resource):
    @require(ADMIN)
    def get(self, role_id: int):
        """Users holding a role."""
        session = get_session()
        return [users.as_row(user) for user in roles.role_users(session, roles.get(session, role_id))]


@ns.route(*both("/roles/<int:role_id>/users/<int:user_id>"))
class RoleUser(Resource):
    @require(ADMIN)
    def post(self, role_id: int, user_id: int):
        """Give a role to a user (idempotent)."""
        session = get_session()
        roles.assign(session, roles.get(session, role_id), users.get(session, user_id))
        return {"message": "Role assigned"}

    @require(ADMIN)
    def delete(self, role_id: int, user_id: int):
        """Take a role from a user."""
        session = get_session()
        roles.unassign(session, roles.get(session, role_id), users.get(session, user_id))
        return {"message": "Role removed"}


@ns.route(*both("/permissions"))
class PermissionList(Resource):
    @require(ADMIN)
    @ns.response(200, "Every permission, with the module it belongs to", [permission_model])
    def get(self):
        """List permissions."""
        modules = {name: module for module, names in module_permissions().items() for name in names}
        rows = roles.list_permissions(get_session())
        return [{**roles.permission_dict(p), "module": modules.get(p.name, "Other")} for p in rows]

    @require(ADMIN)
    @ns.expect(ns.model("PermissionCreate", {"name": fields.String(required=True), "description": fields.String}))
    @ns.response(201, "Created", permission_model)
    @ns.response(409, "Duplicate", error)
    def post(self):
        """Add a permission."""
        return roles.permission_dict(roles.create_permission(get_session(), json_object())), 201


# ------------------------------------------------------------------ impersonation


@ns.route(*both("/impersonate"))
class Impersonate(Resource):
    @require("can_impersonate")
    @ns.expect(ns.model("Impersonate", {"user_id": fields.Integer(required=True)}))
    @ns.response(200, "Tokens of the target user", login_response)
    def post(self):
        """Act as another user (audited)."""
        return impersonation.start(get_session(), current(), json_object().get("user_id"), client_ip())


@ns.route(*both("/stop_impersonation"))
class StopImpersonation(Resource):
    @allowed_before_password_change
    @authenticated
    @ns.response(200, "The staff member's own tokens again", login_response)
    def post(self):
        """End an impersonation session."""
        return impersonation.stop(get_session(), current(), client_ip())


@ns.route(*both("/impersonation_logs"))
class ImpersonationLogs(Resource):
    @require(ADMIN)
    def get(self):
        """Impersonation sessions, newest first."""
        return impersonation.history(get_session())
