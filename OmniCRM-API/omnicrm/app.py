"""create_app(settings): the one place that wires everything."""

from __future__ import annotations

import atexit
import logging
from collections.abc import Callable, Iterable
from typing import Any

from flask import Blueprint, Flask
from flask_jwt_extended import JWTManager

from omnicrm import __version__, errors, requestlog, spa
from omnicrm.activity.api import ns as activity_ns
from omnicrm.apidoc import build_api
from omnicrm.auth.api import ns as auth_ns
from omnicrm.auth.apikeys_api import ns as apikeys_ns
from omnicrm.auth.profile_api import ns as profile_ns
from omnicrm.auth.twofactor_api import ns as twofactor_ns
from omnicrm.billing.api import ns as transactions_ns
from omnicrm.catalogue.api import ns as catalogue_ns
from omnicrm.config import Settings, load_settings
from omnicrm.customers.api import ns as customers_ns
from omnicrm.db import Database, close_session
from omnicrm.inventory.api import ns as inventory_ns
from omnicrm.jobs import runner as jobs
from omnicrm.jobs.api import ns as jobs_ns
from omnicrm.notify.api import ns as communications_ns
from omnicrm.provisioning.api import ns as provisioning_ns
from omnicrm.search import index as search_index
from omnicrm.search.api import ns as search_ns
from omnicrm.services.api import ns as services_ns
from omnicrm.services.ocs_api import ns as ocs_ns
from omnicrm.store import connect
from omnicrm.system.api import ns as system_ns

log = logging.getLogger(__name__)

NAMESPACES = [
    system_ns,
    auth_ns,
    twofactor_ns,
    apikeys_ns,
    profile_ns,
    customers_ns,
    activity_ns,
    catalogue_ns,
    inventory_ns,
    provisioning_ns,
    search_ns,
    jobs_ns,
    services_ns,
    ocs_ns,
    transactions_ns,
    communications_ns,
]


class TrailingSlashMiddleware:
    """Every route answers with and without its trailing slash, with no redirect."""

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if len(path) > 1 and path.endswith("/"):
            environ["PATH_INFO"] = path.rstrip("/") or "/"
        return self.wsgi_app(environ, start_response)


def _recover_interrupted_jobs(app: Flask, settings: Settings) -> None:
    """Provisioning jobs a restart cut short are failed now, not left running for ever."""
    from sqlalchemy.exc import SQLAlchemyError

    from omnicrm.db import get_session
    from omnicrm.provisioning.runner import recover_interrupted

    with app.app_context():
        try:
            recover_interrupted(get_session(), settings.provisioning.job_timeout_seconds)
        except SQLAlchemyError as exc:  # no schema yet (before the first migration) or no database: health says so
            log.warning("provisioning recovery skipped: %s", exc.__class__.__name__)


def create_app(settings: Settings | None = None) -> Flask:
    if settings is None:
        settings, warnings = load_settings()
        for warning in warnings:
            log.warning("config: %s", warning)
    requestlog.configure_logging(settings.server.log_level)

    app = Flask(__name__, static_folder=None)
    app.config.update(ERROR_404_HELP=False, RESTX_MASK_SWAGGER=False, JSON_SORT_KEYS=False, MAX_CONTENT_LENGTH=32 * 1024 * 1024)
    app.extensions["omnicrm.settings"] = settings
    app.config["JWT_SECRET_KEY"] = settings.jwt_secret
    JWTManager(app)
    database = Database(settings.database_url)
    app.extensions["omnicrm.db"] = database
    app.extensions["omnicrm.store"] = connect(settings)
    runner = jobs.make_runner(app, settings)
    app.extensions["omnicrm.jobs"] = runner
    jobs.watch_sessions(database.sessions)
    search_index.watch_sessions(database.sessions)
    atexit.register(runner.shutdown)
    _recover_interrupted_jobs(app, settings)

    app.teardown_appcontext(close_session)
    requestlog.install(app)
    errors.register(app)
    api_blueprint = Blueprint("api", __name__)
    build_api(api_blueprint, NAMESPACES, __version__)
    app.register_blueprint(api_blueprint)
    app.register_blueprint(spa.make_blueprint())
    app.wsgi_app = TrailingSlashMiddleware(app.wsgi_app)
    return app
