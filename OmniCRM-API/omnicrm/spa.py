"""The built React app (OmniCRM-UI/dist) served at /, with client-side routing fallback to index.html."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

from omnicrm.auth.principal import public
from omnicrm.config import PROJECT_ROOT
from omnicrm.errors import ApiError

UI_DIST = PROJECT_ROOT / "OmniCRM-UI" / "dist"
# Unknown paths under these prefixes are API 404s, never the app's HTML.
API_PREFIXES = ("crm", "auth", "2fa", "oam", "utilities", "invoice", "swaggerui")


def make_blueprint(dist: Path | None = None) -> Blueprint:
    dist = dist or UI_DIST
    blueprint = Blueprint("spa", __name__)

    @public
    @blueprint.route("/", defaults={"path": ""}, methods=["GET"])
    @blueprint.route("/<path:path>", methods=["GET"])
    def serve(path: str) -> Response:
        if path.split("/", 1)[0] in API_PREFIXES:
            raise ApiError(404, "The requested URL was not found on the server")
        if not (dist / "index.html").is_file():
            raise ApiError(503, "The web UI is not built: run `make run` (or `npm run build` in OmniCRM-UI)")
        if path and (dist / path).is_file():
            return send_from_directory(dist, path, max_age=31536000 if path.startswith("assets/") else 0)
        response = send_from_directory(dist, "index.html", max_age=0)
        response.headers["Cache-Control"] = "no-cache"
        return response

    return blueprint
