"""The flask-restx Api: one OpenAPI document at /crm/swagger.json for every endpoint, Swagger UI at /crm/docs."""

from __future__ import annotations

from flask import Blueprint, Response
from flask_restx import Api, Namespace, fields

from omnicrm import errors

AUTHORIZATIONS = {
    "Bearer": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Bearer <JWT>"},
    "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-KEY"},
}


class OmniApi(Api):
    """flask-restx, mounted at the root so that /auth, /2fa, /oam and /utilities share the document."""

    def _register_doc(self, app_or_blueprint: Blueprint) -> None:
        # Unlike the stock Api, do not claim "/": the single-page app is served there.
        if self._add_specs and self._doc:
            app_or_blueprint.add_url_rule(self._doc, "doc", self.render_doc)

    @property
    def base_path(self) -> str:
        return "/"

    def handle_error(self, e: Exception) -> Response:
        return errors.to_response(e)


def build_api(blueprint: Blueprint, namespaces: list[Namespace], version: str) -> OmniApi:
    api = OmniApi(
        blueprint,
        title="OmniCRM API",
        version=version,
        description="BSS/OSS for telecom operators and ISPs. Paths answer with and without a trailing slash.",
        doc="/crm/docs",
        default_swagger_filename="crm/swagger.json",
        authorizations=AUTHORIZATIONS,
        security=[{"Bearer": []}, {"ApiKey": []}],
    )
    for namespace in namespaces:
        api.add_namespace(namespace)
    return api


def error_model(namespace: Namespace) -> object:
    return namespace.model(
        "Error",
        {
            "message": fields.String(required=True, description="Human readable reason"),
            "errors": fields.Raw(description="Field name to reason, on validation failures"),
        },
    )


def pagination_model(namespace: Namespace) -> object:
    return namespace.model(
        "Pagination",
        {
            "current_page": fields.Integer(required=True),
            "per_page": fields.Integer(required=True),
            "total_pages": fields.Integer(required=True),
            "total_items": fields.Integer(required=True),
        },
    )


LIST_PARAMS = {
    "page": {"description": "Page number, from 1", "type": "integer", "default": 1},
    "per_page": {"description": "Rows per page (at most 500)", "type": "integer", "default": 20},
    "sort": {"description": "Column to sort on", "type": "string"},
    "order": {"description": "asc or desc", "type": "string", "enum": ["asc", "desc"]},
    "search": {"description": "Case-insensitive substring", "type": "string"},
}
