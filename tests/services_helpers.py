"""A running OCS simulator and an app pointed at it, plus the records the service tests start from."""

from __future__ import annotations

import time

import pytest
from conftest import ADMIN_HEADERS
from customer_helpers import add_contact, create_customer
from identity_helpers import ready_user
from sandbox_helpers import Control

from omnicrm.integrations.ocs import OcsClient
from omnicrm.sandbox import ocs as ocs_sandbox
from omnicrm.sandbox.server import start

TENANT = "mnc380.mcc313.3gppnetwork.org"
GIB = 1024**3

# A play that only reports what it was given: the service tests check the job's variables, not a network.
ECHO_PLAY = """
- name: Echo service job
  hosts: localhost
  gather_facts: no
  tasks:
    - name: Show the action
      debug:
        msg: "{{ action | default('provision') }} {{ service_uuid | default('') }}"
"""


@pytest.fixture(scope="module", name="ocs_sim")
def ocs_sim_fixture():
    running = start(ocs_sandbox.create_app(default_tenant=TENANT))
    yield running
    running.stop()


@pytest.fixture(name="control")
def control_fixture(ocs_sim) -> Control:
    control = Control(ocs_sim.url)
    control.reset()
    return control


@pytest.fixture(name="ocs")
def ocs_fixture(ocs_sim, control):
    client = OcsClient(f"127.0.0.1:{ocs_sim.port}", TENANT, timeout=2)
    yield client
    client.close()


@pytest.fixture(name="client")
def client_fixture(make_app, ocs_sim, control, tmp_path):
    (tmp_path / "play_echo.yaml").write_text(ECHO_PLAY)
    app = make_app(
        ocs={"cgrates": f"127.0.0.1:{ocs_sim.port}", "ocsTenant": TENANT, "timeout_seconds": 2},
        provisioning={"playbooks_dir": str(tmp_path), "failure_list": ["ops@example.com"], "job_timeout_seconds": 30},
    )
    client = app.test_client()
    client.application = app
    ready_user(client, "first-admin@example.com", role="Admin")
    return client


def customer_with_contact(client, name: str = "Ann Lee") -> int:
    customer_id = create_customer(client, name)["customer_id"]
    add_contact(client, customer_id, contact_email=f"{name.split()[0].lower()}@example.com", contact_types="Primary")
    return customer_id


def product(client, slug: str = "mobile-20", **extra) -> dict:
    body = {"product_name": f"Product {slug}", "product_slug": slug, "retail_cost": 15, "service_type": "mobile", **extra}
    response = client.put("/crm/product/", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def service(client, customer_id: int, uuid: str, **extra) -> dict:
    body = {"customer_id": customer_id, "service_uuid": uuid, "service_name": f"Mobile {uuid}", "service_type": "mobile", **extra}
    response = client.put("/crm/service/", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def wait_job(client, provision_id: int, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/crm/provision/provision_id/{provision_id}", headers=ADMIN_HEADERS).get_json()
        if job["provisioning_status"] != 1:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {provision_id} still running after {timeout} s")


def activity(client, service_id: int) -> list[dict]:
    return client.get(f"/crm/activity/service_id/{service_id}?per_page=100", headers=ADMIN_HEADERS).get_json()["data"]
