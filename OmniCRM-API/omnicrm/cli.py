"""The `omnicrm` command: check the config, migrate, serve, run workers.

`omnicrm up` is what `make run` calls: migrate, load demo data, print the URL and logins, serve.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import click

from omnicrm import migrate
from omnicrm.config import ConfigError, Settings, load_settings


def _settings() -> Settings:
    try:
        settings, warnings = load_settings()
    except ConfigError as exc:
        click.echo(f"configuration error: {exc}", err=True)
        sys.exit(2)
    for warning in warnings:
        click.echo(f"config warning: {warning}", err=True)
    return settings


@click.group()
def main() -> None:
    """OmniCRM command line."""


@main.command("check-config")
def check_config() -> None:
    """Validate crm_config.yaml (and CRM__* overrides) as start-up does; exit non-zero on errors."""
    settings = _settings()
    click.echo(
        f"configuration OK ({'demo' if settings.demo else 'production'} mode, database {settings.database_url.split(':')[0]})"
    )


@main.group()
def db() -> None:
    """Database schema (alembic)."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: head)."""
    migrate.upgrade(_settings().database_url, revision)


@db.command("downgrade")
@click.argument("revision", default="base")
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION (default: base, an empty schema)."""
    migrate.downgrade(_settings().database_url, revision)


def _serve(settings: Settings, host: str | None, port: int | None) -> None:
    import waitress

    from omnicrm.app import create_app

    waitress.serve(
        create_app(settings), host=host or settings.server.host, port=port or settings.server.port, threads=8, ident="OmniCRM"
    )


@main.command()
@click.option("--host", default=None, help="Interface to listen on (default: server.host / HOST)")
@click.option("--port", type=int, default=None, help="Port (default: server.port / PORT)")
def serve(host: str | None, port: int | None) -> None:
    """Serve the API and the built UI (production: use gunicorn wsgi:app)."""
    _serve(_settings(), host, port)


@main.command()
@click.option("--host", default=None)
@click.option("--port", type=int, default=None)
def up(host: str | None, port: int | None) -> None:
    """Migrate, load demo data, print the URL and the demo logins, and serve."""
    settings = _settings()
    migrate.upgrade(settings.database_url)
    logins = _load_demo_data(settings) if settings.demo else []
    if settings.demo:
        settings = _with_sandbox_network(settings)
    url = f"http://{host or settings.server.host}:{port or settings.server.port}"
    click.echo(f"\nOmniCRM {'(demo mode) ' if settings.demo else ''}is starting on {url}")
    click.echo(f"  Swagger UI:  {url}/crm/docs")
    for email, password in logins:
        click.echo(f"  Demo login:  {email} / {password}")
    if settings.demo:
        for key, entry in settings.api_keys.items():
            click.echo(f"  Demo API key ({', '.join(entry.roles)}), header X-API-KEY: {key}")
    click.echo("")
    _serve(settings, host, port)


def _with_sandbox_network(settings: Settings) -> Settings:
    """Demo mode: start the OCS, HSS and SMSC simulators in-process and point the product at them."""
    from omnicrm.sandbox.launch import start_network

    network = start_network()
    raw = settings.model_dump()
    for section, values in network.config(settings.smsc.source_msisdn or "OmniCRM").items():
        raw[section] = {**(raw.get(section) or {}), **values}
    raw["mailjet"] = _sandbox_templates() | {key: value for key, value in raw["mailjet"].items() if value is not None}
    click.echo(
        f"  Sandbox network: OCS {network.ocs.url}/jsonrpc, HSS {network.hss.url}, SMSC {network.smsc.url}, "
        f"Mailjet {network.mailjet.url}"
    )
    return Settings.model_validate(raw)


def _sandbox_templates() -> dict[str, dict[str, Any]]:
    """A template block for each e-mail type the configuration leaves out, so the demo sends every e-mail to the
    sandbox Mailjet (template ids are the sandbox's own)."""
    from omnicrm.notify.templates import VARIABLES

    def subject(key: str) -> str:  # "api_crmCommunicationUserPasswordReset" -> "User Password Reset"
        return re.sub(r"(?<!^)(?=[A-Z])", " ", re.sub(r"^api_crmCommunications?", "", key))

    return {
        key: {
            "from_email": "noreply@omnicrm.example",
            "from_name": "OmniCRM",
            "template_id": 9000 + number,
            "subject": subject(key),
        }
        for number, key in enumerate(VARIABLES, 1)
    }


def _load_demo_data(settings: Settings) -> list[tuple[str, str]]:
    from omnicrm import demo
    from omnicrm.app import create_app
    from omnicrm.db import get_session

    app = create_app(settings)
    with app.app_context():
        logins = demo.load(get_session(), settings.security.bcrypt_rounds, settings.default_country or "United Kingdom")
    app.extensions["omnicrm.db"].engine.dispose()
    return logins


@main.command("create-admin")
@click.option("--email", envvar="OMNICRM_ADMIN_EMAIL", required=True, help="or OMNICRM_ADMIN_EMAIL")
@click.option("--password", envvar="OMNICRM_ADMIN_PASSWORD", required=True, help="or OMNICRM_ADMIN_PASSWORD")
@click.option("--first-name", default="Admin")
@click.option("--last-name", default="User")
def create_admin(email: str, password: str, first_name: str, last_name: str) -> None:
    """Create the first administrator at deployment (there is no default password)."""
    from sqlalchemy import func, select

    from omnicrm.auth.credentials import hash_password, policy_failures
    from omnicrm.auth.models import Role, User
    from omnicrm.db import Database

    settings = _settings()
    failures = policy_failures(password, settings.security.password_policy)
    if failures:
        click.echo("password: needs " + ", ".join(failures), err=True)
        sys.exit(2)
    database = Database(settings.database_url)
    with database.sessions() as session:
        if session.scalar(select(User.id).where(func.lower(User.email) == email.lower())) is not None:
            click.echo(f"{email}: a user with this e-mail already exists", err=True)
            sys.exit(2)
        admin_role = session.scalar(select(Role).where(Role.name_key == "admin"))
        hashed = hash_password(password, settings.security.bcrypt_rounds)
        session.add(
            User(
                username=email.lower(),
                email=email.lower(),
                password_hash=hashed,
                first_name=first_name,
                last_name=last_name,
                roles=[admin_role],
            )
        )
        session.commit()
    database.engine.dispose()
    click.echo(f"administrator {email} created")


@main.command()
@click.option("--burst", is_flag=True, help="Run the queued jobs, then exit")
def worker(burst: bool) -> None:
    """Run background jobs from the Redis queue (jobs.backend: rq)."""
    from omnicrm.app import create_app
    from omnicrm.jobs.runner import RQRunner

    app = create_app(_settings())
    runner = app.extensions["omnicrm.jobs"]
    if not isinstance(runner, RQRunner):
        click.echo("jobs.backend is 'thread': jobs run inside the API process, no worker needed", err=True)
        sys.exit(2)
    with app.app_context():
        runner.work(burst=burst)


@main.command("due-cancellations")
def due_cancellations() -> None:
    """Cancel the services whose scheduled deprovision date has come (run it daily, e.g. from cron)."""
    from omnicrm.app import create_app
    from omnicrm.db import get_session
    from omnicrm.services.lifecycle import run_due_cancellations

    app = create_app(_settings())
    with app.app_context():
        done = run_due_cancellations(get_session())
    click.echo(f"{len(done)} service(s) cancelled" + (f": {', '.join(map(str, done))}" if done else ""))
