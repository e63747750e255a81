"""Operations endpoints: health."""

from __future__ import annotations

from flask import current_app
from flask_restx import Namespace, Resource, fields
from sqlalchemy.exc import SQLAlchemyError

from omnicrm import __version__
from omnicrm.auth.principal import public
from omnicrm.db import database

ns = Namespace("system", path="/crm", description="Health and operations")

component = ns.model(
    "ComponentHealth", {"status": fields.String(required=True, enum=["ok", "unavailable"]), "backend": fields.String()}
)
health_model = ns.model(
    "Health",
    {
        "status": fields.String(required=True, enum=["ok", "degraded", "unavailable"]),
        "message": fields.String(description="Present when the status is not ok"),
        "version": fields.String(required=True),
        "database": fields.Nested(component, required=True),
        "redis": fields.Nested(component, required=True),
        "jobs": fields.Nested(component, required=True),
    },
)


def _database_health() -> dict:
    db = database()
    try:
        db.ping()
    except SQLAlchemyError:
        return {"status": "unavailable", "backend": db.engine.dialect.name}
    return {"status": "ok", "backend": db.engine.dialect.name}


@ns.route("/health")
class Health(Resource):
    @public
    @ns.doc(security=[])
    @ns.response(200, "Database reachable", health_model)
    @ns.response(503, "Database unreachable", health_model)
    def get(self) -> tuple[dict, int]:
        """Database, Redis and job back-end status (public; for load balancers and monitoring)."""
        store = current_app.extensions["omnicrm.store"]
        body = {
            "status": "ok",
            "version": __version__,
            "database": _database_health(),
            "redis": {"status": store.status(), "backend": store.backend},
            "jobs": {"status": "ok", "backend": current_app.extensions["omnicrm.jobs"].name},
        }
        if body["database"]["status"] != "ok":
            body.update(status="unavailable", message="Database unavailable")
            return body, 503
        if body["redis"]["status"] != "ok":
            body.update(status="degraded", message="Redis unavailable")
        return body, 200
