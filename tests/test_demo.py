"""Demo data and the first administrator: demo logins work only in demo mode."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml
from conftest import ADMIN_HEADERS
from identity_helpers import login

from omnicrm import demo, migrate
from omnicrm.db import get_session


def load_demo(app) -> list[tuple[str, str]]:
    with app.app_context():
        return demo.load(get_session(), 4)


def test_demo_users_log_in_only_in_demo_mode(make_app):
    demo_app = make_app(demo=True)
    logins = load_demo(demo_app)
    assert load_demo(demo_app) == logins, "loading twice changes nothing"
    client = demo_app.test_client()
    admin = login(client, "admin@example.com", "admin").get_json()
    assert admin["roles"] == ["Admin"] and admin["landing"] == "/customers"
    assert login(client, "customer@example.com", "customer").get_json()["landing"] == "/self-care"
    assert client.get("/crm/customers", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"] == 2
    assert (
        client.get("/crm/inventory/available?item=SIM%20Card", headers=ADMIN_HEADERS).get_json()["data"][0]["item_state"]
        == "In Stock"
    )
    slugs = sorted(p["product_slug"] for p in client.get("/crm/product/", headers=ADMIN_HEADERS).get_json())
    assert slugs == ["data-boost-5gb", "mobile-prepaid-20gb", "topup-10"], "a plan and two add-ons, each with its play"
    portal = login(client, "customer@example.com", "customer").get_json()["token"]
    own = client.get("/crm/customers", headers={"Authorization": f"Bearer {portal}"}).get_json()["data"]
    assert [row["customer_name"] for row in own] == ["Carl Customer"], "the demo portal user sees its own customer only"
    production = make_app(demo=False).test_client()
    refused = login(production, "admin@example.com", "admin")
    assert refused.status_code == 401 and refused.get_json() == {"message": "Invalid email or password"}


def test_create_admin_command(tmp_path):
    database = f"sqlite:///{tmp_path / 'crm.db'}"
    migrate.upgrade(database)
    config = tmp_path / "crm_config.yaml"
    config.write_text(
        yaml.safe_dump({"database": {"url": database}, "jwt_secret": "a" * 64, "crm": {"base_url": "http://localhost"}})
    )
    env = {**os.environ, "CRM_CONFIG_PATH": str(config), "OMNICRM_ADMIN_EMAIL": "root@example.com"}
    weak = subprocess.run(
        [sys.executable, "-m", "omnicrm", "create-admin", "--password", "admin"], env=env, capture_output=True, text=True
    )
    assert weak.returncode == 2 and "password" in weak.stderr
    made = subprocess.run(
        [sys.executable, "-m", "omnicrm", "create-admin", "--password", "Sup3r!Secret"], env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    again = subprocess.run(
        [sys.executable, "-m", "omnicrm", "create-admin", "--password", "Sup3r!Secret"], env=env, capture_output=True, text=True
    )
    assert again.returncode == 2 and "already exists" in again.stderr
