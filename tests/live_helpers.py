"""A live product for end-to-end tests of the reference playbooks: the API served on a real localhost port (the
playbooks call it back at `crm.base_url`), the OCS, HSS and SMSC simulators on free ports, and the shipped
playbooks of Provisioners/plays run by the real ansible-runner.

`live` (a fixture; a test module imports `live_fixture` and `sandbox_network_fixture`) gives a `Live`: an
in-process test client for set-up and checks, the `Control` of each simulator, and helpers to stock inventory,
define products, provision and wait for a job.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from conftest import ADMIN_HEADERS
from flask import Flask
from flask.testing import FlaskClient
from identity_helpers import ready_user
from sandbox_helpers import Control
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from omnicrm.config import DEFAULT_SERVICE_TYPES, PROJECT_ROOT
from omnicrm.sandbox.launch import Network, start_network

PLAYS_DIR = PROJECT_ROOT / "Provisioners" / "plays"
FAILURE_LIST = ["noc@example.com"]
SERVICE_TYPES = [*DEFAULT_SERVICE_TYPES, "dongle"]  # play_sim_only_data makes "dongle" services (04 §21)
JOB_DEADLINE_SECONDS = 90  # a reference play takes a few seconds; this only bounds a broken run

# Inventory templates as an operator defines them: the labels name the fields the playbooks read.
TEMPLATES = {
    "SIM Card": {
        "itemtext1_label": "ICCID",
        "itemtext2_label": "IMSI",
        "itemtext3_label": "PUK Code",
        "itemtext4_label": "Ki",
        "itemtext5_label": "OPc",
    },
    "Mobile Number": {"itemtext1_label": "MSISDN"},
    "CPE": {
        "itemtext1_label": "MAC Address",
        "itemtext2_label": "Serial Number",
        "itemtext3_label": "Wi-Fi SSID",
        "itemtext4_label": "Wi-Fi Passphrase",
    },
}


class _QuietHandler(WSGIRequestHandler):
    """No request log, one request per connection (so a stopped server is really gone)."""

    protocol_version = "HTTP/1.0"

    def log(self, type: str, message: str, *args: Any) -> None:  # noqa: A002 (werkzeug's signature)
        pass


class _LateApp:
    """A WSGI app that forwards to the Flask app set later: the server's port must be known before the app is
    built, because the app's settings (crm.base_url) name it."""

    def __init__(self) -> None:
        self.app: Flask | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        assert self.app is not None, "the live app is not ready"
        return self.app(environ, start_response)


@dataclass
class Live:
    """The live product and its network."""

    app: Flask
    client: FlaskClient
    url: str
    network: Network
    ocs: Control
    hss: Control
    smsc: Control
    templates: dict[str, int] = field(default_factory=dict)
    products_made: int = 0

    # -- stock and catalogue ------------------------------------------------------------------------------

    def template(self, name: str) -> int:
        """The id of the inventory template `name` (made on first use, labelled as in TEMPLATES)."""
        if name not in self.templates:
            body = {"item": name, "wholesale_cost": 1, "retail_cost": 1, **TEMPLATES.get(name, {})}
            response = self.client.put("/crm/inventory/template/", json=body, headers=ADMIN_HEADERS)
            assert response.status_code == 200, response.get_json()
            self.templates[name] = response.get_json()["inventory_template_id"]
        return self.templates[name]

    def item(self, name: str, *texts: str, **extra: Any) -> int:
        """A new inventory item of template `name` whose itemtext1, itemtext2, ... are `texts`."""
        body = {"inventory_template_id": self.template(name), **{f"itemtext{n}": t for n, t in enumerate(texts, 1)}, **extra}
        response = self.client.put("/crm/inventory/", json=body, headers=ADMIN_HEADERS)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["inventory_id"]

    def sim(self, serial: int) -> dict[str, Any]:
        """A SIM Card item with distinct ICCID, IMSI, PUK, Ki and OPc; returns those values and its id."""
        sim = {
            "iccid": f"89440000000000{serial:05d}",
            "imsi": f"00101{serial:010d}",
            "puk": f"{serial:08d}",
            "ki": f"{serial:032x}",
            "opc": f"{serial + 7:032x}",
        }
        sim["inventory_id"] = self.item("SIM Card", sim["iccid"], sim["imsi"], sim["puk"], sim["ki"], sim["opc"])
        return sim

    def number(self, msisdn: str) -> int:
        return self.item("Mobile Number", msisdn)

    def product(self, play: str, inventory: list[str], **fields: Any) -> dict[str, Any]:
        """A standalone product running `play` that needs the `inventory` templates (made when missing)."""
        for name in inventory:
            self.template(name)
        self.products_made += 1
        slug = fields.pop("product_slug", f"{play.replace('_', '-')}-{self.products_made}")
        body = {
            "product_name": fields.pop("product_name", f"Product {slug}"),
            "product_slug": slug,
            "category": "standalone",
            "provisioning_play": play,
            "inventory_items_list": inventory,
            **fields,
        }
        response = self.client.put("/crm/product/", json=body, headers=ADMIN_HEADERS)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    # -- provisioning -------------------------------------------------------------------------------------

    def provision(self, **body: Any) -> int:
        """Start a job (PUT /crm/provision/ with the admin API key) and return its id."""
        response = self.client.put("/crm/provision/", json=body, headers=ADMIN_HEADERS)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["provision_id"]

    def wait(self, provision_id: int, deadline_seconds: float = JOB_DEADLINE_SECONDS) -> dict[str, Any]:
        """The finished job with its events (polled until its status leaves 1)."""
        deadline = time.monotonic() + deadline_seconds
        while True:
            job = self.get(f"/crm/provision/provision_id/{provision_id}")
            if job["provisioning_status"] != 1:
                return job
            assert time.monotonic() < deadline, f"job {provision_id} still running after {deadline_seconds} s: {job}"
            time.sleep(0.1)

    def idle(self, deadline_seconds: float = JOB_DEADLINE_SECONDS) -> None:
        """Wait until no job runs (e.g. one the API started by itself)."""
        deadline = time.monotonic() + deadline_seconds
        while self.get('/crm/provision/?filters={"provisioning_status": [1]}')["pagination"]["total_items"]:
            assert time.monotonic() < deadline, f"jobs still running after {deadline_seconds} s"
            time.sleep(0.1)

    def run(self, **body: Any) -> dict[str, Any]:
        return self.wait(self.provision(**body))

    def get(self, path: str) -> Any:
        response = self.client.get(path, headers=ADMIN_HEADERS)
        assert response.status_code == 200, (path, response.status_code, response.get_json())
        return response.get_json()


def _serve(app: _LateApp) -> tuple[BaseWSGIServer, threading.Thread]:
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True, name="live-crm")
    thread.start()
    return server, thread


@pytest.fixture(scope="session", name="sandbox_network")
def sandbox_network_fixture() -> Iterator[Network]:
    network = start_network()
    yield network
    network.stop()


@pytest.fixture(name="live")
def live_fixture(make_app, sandbox_network: Network) -> Iterator[Live]:
    """The API on a real port with the shipped playbooks, pointed at freshly reset simulators."""
    controls = [Control(running.url) for running in (sandbox_network.ocs, sandbox_network.hss, sandbox_network.smsc)]
    for control in controls:
        control.reset()
    late = _LateApp()
    server, thread = _serve(late)
    url = f"http://127.0.0.1:{server.server_port}"
    network = sandbox_network.config()
    app = make_app(
        crm={"base_url": url},
        provisioning={"playbooks_dir": str(PLAYS_DIR), "failure_list": FAILURE_LIST, "job_timeout_seconds": 120},
        service_types=SERVICE_TYPES,
        **network,
    )
    late.app = app
    client = app.test_client()
    ready_user(client, "first-admin@example.com", role="Admin")  # machine-started jobs run as the first admin
    try:
        yield Live(app, client, url, sandbox_network, *controls)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
