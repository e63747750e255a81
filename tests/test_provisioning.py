"""The provisioning engine with real ansible-runner and real playbooks (spec 04 §2-§10, 06 checks 7, 11, 12, 14-16)."""

from __future__ import annotations

import json
import time

import pytest
from conftest import ADMIN_HEADERS
from customer_helpers import create_customer
from identity_helpers import login, ready_user
from services_helpers import wait_job as wait
from sqlalchemy import select

from omnicrm.db import get_session
from omnicrm.jobs.models import BackgroundJob
from omnicrm.notify.models import Communication

PLAYS = {
    "play_ok": """
- name: Demo provisioning
  hosts: localhost
  gather_facts: no
  tasks:
    - block:
        - name: Say hello
          debug:
            msg: "hello {{ who | default('crm') }} with SIM {{ vars['SIM Card'] | default('none') }} and {{ data_gb }} GB"
        - name: Optional step that fails
          fail:
            msg: not needed
          ignore_errors: true
        - name: Finish
          debug:
            msg: "provision {{ provision_id }}"
""",
    "play_fail": """
- name: Failing provisioning
  hosts: localhost
  gather_facts: no
  tasks:
    - block:
        - name: Create OCS account
          debug:
            msg: created
        - name: Add balance
          fail:
            msg: "OCS refused AddBalance"
      rescue:
        - name: Remove OCS account
          debug:
            msg: rolled back
        - name: Report failure
          fail:
            msg: "Provisioning failed, rolled back"
""",
    "play_broken": '- name: Broken\n  hosts: localhost\n  tasks:\n    - name: x\n      debug: msg="unclosed\n   bad: [',
    "play_whoami": """
- name: Who am I
  hosts: localhost
  gather_facts: no
  tasks:
    - name: Read the token subject
      vars:
        payload: "{{ access_token.split('.')[1] | replace('-', '+') | replace('_', '/') }}"
      debug:
        msg: "subject {{ ((payload ~ '==') | b64decode | from_json)['sub'] }}"
    - name: Wait a moment
      pause:
        seconds: 1
    - name: Done
      debug:
        msg: done
""",
    "play_slow": """
- name: Slow
  hosts: localhost
  gather_facts: no
  tasks:
    - name: Wait
      pause:
        seconds: 20
""",
}


@pytest.fixture
def client(make_app, tmp_path):
    for name, text in PLAYS.items():
        (tmp_path / f"{name}.yaml").write_text(text)
    provisioning = {"playbooks_dir": str(tmp_path), "failure_list": ["ops@example.com"], "job_timeout_seconds": 6}
    app = make_app(provisioning=provisioning)
    client = app.test_client()
    client.application = app
    for name in ("SIM Card", "Mobile Number"):
        client.put("/crm/inventory/template/", json={"item": name, "wholesale_cost": 1, "retail_cost": 1}, headers=ADMIN_HEADERS)
    ready_user(client, "first-admin@example.com", role="Admin")  # machine-started jobs run as the first admin
    return client


def product(client, play: str = "play_ok", **extra) -> dict:
    body = {
        "product_name": f"Product {play}",
        "product_slug": f"product-{play}-{len(extra)}",
        "retail_cost": 15,
        "inventory_items_list": ["SIM Card"],
        "provisioning_play": play,
        "provisioning_json_vars": {"data_gb": 20, "days": 30},
        **extra,
    }
    response = client.put("/crm/product/", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def sim(client, iccid: str, **extra) -> int:
    template_id = client.get("/crm/inventory/template/?search=SIM", headers=ADMIN_HEADERS).get_json()["data"][0][
        "inventory_template_id"
    ]
    body = {"inventory_template_id": template_id, "itemtext1": iccid, **extra}
    return client.put("/crm/inventory/", json=body, headers=ADMIN_HEADERS).get_json()["inventory_id"]


def provision(client, **body):
    return client.put("/crm/provision/", json=body, headers=ADMIN_HEADERS)


def test_06_14_job_answers_at_once_and_records_events_in_order(client):
    """Also 06 check 15 (system vars win, request vars override product defaults) and §6/§7 statuses; 04 check 1
    (the answer, the stored vars with the selection and the redacted token), 04 check 3 (request vars override the
    product's, the real initiating_user wins) and 04 check 6 (an ignored failure is event status 3, the job 0, no
    failure e-mail)."""
    customer = create_customer(client)
    chosen = sim(client, "8944001")
    started = time.monotonic()
    created = provision(
        client,
        product_id=product(client)["product_id"],
        customer_id=customer["customer_id"],
        **{"SIM Card": chosen},
        data_gb=25,
        initiating_user=99,
        access_token="x",
    )
    assert created.status_code == 200 and time.monotonic() - started < 2
    body = created.get_json()
    assert body["provisioning_status"] == 1 and body["message"] == "Provisioning job created"
    job = wait(client, body["provision_id"])
    assert job["provisioning_status"] == 0 and job["task_count"] == 3 and job["playbook_description"] == "Demo provisioning"
    events = job["provisioning_result_json"]
    assert [(e["event_number"], e["event_name"], e["provisioning_status"]) for e in events] == [
        (1, "Say hello", 0),
        (2, "Optional step that fails", 3),
        (3, "Finish", 0),
    ]
    assert f"with SIM {chosen} and 25 GB" in events[0]["provisioning_result_json"]
    assert job["planned_tasks"] == ["Say hello", "Optional step that fails", "Finish"] and job["completed_count"] == 3
    stored = json.loads(job["provisioning_json_vars"])
    assert stored["SIM Card"] == chosen and stored["data_gb"] == 25 and stored["days"] == 30
    assert stored["initiating_user"] != 99 and "access_token" not in stored, "system values cannot be spoofed or stored"


def test_04_7_failed_job_keeps_its_events_sends_the_failure_email_and_can_be_retried(client):
    """A task failing without ignore_errors → status 2, error_summary = its msg, one e-mail per failure_list address.
    Also 04 check 34: a retry is a new job with retry_of_provision_id; retrying a successful job → 409."""
    customer = create_customer(client)
    chosen = sim(client, "8944002")
    created = provision(
        client, product_id=product(client, "play_fail")["product_id"], customer_id=customer["customer_id"], **{"SIM Card": chosen}
    ).get_json()
    job = wait(client, created["provision_id"])
    assert job["provisioning_status"] == 2 and job["error_summary"] == "OCS refused AddBalance"
    names = [(e["event_name"], e["provisioning_status"]) for e in job["provisioning_result_json"]]
    assert names == [("Create OCS account", 0), ("Add balance", 2), ("Remove OCS account", 0), ("Report failure", 2)]
    with client.application.app_context():
        [mail] = get_session().scalars(select(Communication).where(Communication.template_key == "provisioning_failure")).all()
        assert mail.recipient == "ops@example.com" and f"(#{created['provision_id']})" in mail.subject
    retried = client.post(f"/crm/provision/provision_id/{created['provision_id']}/retry", headers=ADMIN_HEADERS).get_json()
    assert retried["retry_of_provision_id"] == created["provision_id"] and retried["provision_id"] != created["provision_id"]
    assert wait(client, retried["provision_id"])["provisioning_status"] == 2
    succeeded = provision(
        client,
        product_id=product(client)["product_id"],
        customer_id=customer["customer_id"],
        **{"SIM Card": sim(client, "8944003")},
    )
    assert (
        client.post(
            f"/crm/provision/provision_id/{succeeded.get_json()['provision_id']}/retry", headers=ADMIN_HEADERS
        ).status_code
        == 409
    )


def test_04_10_yaml_error_becomes_a_fatal_error_event(client):
    """A play with a YAML error: the job is created, then fails with one `Fatal error` event (exit_code, stdout,
    stderr, common_causes, variables) and an e-mail. (The missing-play half of the check: test_06_11.)"""
    customer = create_customer(client)
    created = provision(
        client,
        product_id=product(client, "play_broken", inventory_items_list=[])["product_id"],
        customer_id=customer["customer_id"],
    ).get_json()
    job = wait(client, created["provision_id"])
    [fatal] = job["provisioning_result_json"]
    assert job["provisioning_status"] == 2 and fatal["event_name"] == "Fatal error" and fatal["provisioning_status"] == 2
    result = json.loads(fatal["provisioning_result_json"])
    assert result["exit_code"] != 0 and any("YAML" in cause for cause in result["common_causes"])


def test_timeout_fails_the_job(client):
    customer = create_customer(client)
    created = provision(
        client,
        product_id=product(client, "play_slow", inventory_items_list=[])["product_id"],
        customer_id=customer["customer_id"],
    ).get_json()
    job = wait(client, created["provision_id"])
    assert job["provisioning_status"] == 2 and job["provisioning_result_json"][-1]["event_name"] == "Fatal error"
    assert json.loads(job["provisioning_result_json"][-1]["provisioning_result_json"]) == {
        "reason": "timeout",
        "timeout_seconds": 6,
    }


def test_06_11_bad_requests_create_no_job(client):
    """Also 06 checks 7 and 12, and §2: unknown product or customer, missing or unavailable inventory; 04 check 2
    (missing selection → 400 naming it, no job), 04 check 10 (valid name, no file → 400, no job) and 04 check 11
    (`../etc/passwd` → 400)."""
    customer = create_customer(client)
    mobile = product(client)
    free = sim(client, "free-1")
    damaged = sim(client, "bad-1", item_state="Damaged")
    disabled = product(client, enabled=False)
    cases = [
        ({"product_id": 99999, "customer_id": customer["customer_id"]}, 404),
        ({"product_id": mobile["product_id"], "customer_id": 99999, "SIM Card": free}, 404),
        ({"product_id": mobile["product_id"], "customer_id": customer["customer_id"]}, 400),
        ({"product_id": mobile["product_id"], "customer_id": customer["customer_id"], "SIM Card": "x"}, 400),
        ({"product_id": mobile["product_id"], "customer_id": customer["customer_id"], "SIM Card": damaged}, 409),
        ({"product_id": mobile["product_id"], "customer_id": customer["customer_id"], "SIM Card": 99999}, 404),
        ({"product_id": disabled["product_id"], "customer_id": customer["customer_id"], "SIM Card": free}, 400),
        ({"customer_id": customer["customer_id"], "provisioning_play": "../etc/passwd"}, 400),
        ({"customer_id": customer["customer_id"], "provisioning_play": "no_such_play"}, 400),
    ]
    for body, status in cases:
        assert provision(client, **body).status_code == status, body
    missing = provision(client, product_id=mobile["product_id"], customer_id=customer["customer_id"]).get_json()
    assert missing["message"] == "Missing inventory selection for 'SIM Card'"
    assert client.get("/crm/provision/", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"] == 0


def test_06_16_a_running_job_holds_its_inventory(client):
    customer = create_customer(client)
    slow = product(client, "play_slow")
    chosen = sim(client, "hold-1")
    first = provision(client, product_id=slow["product_id"], customer_id=customer["customer_id"], **{"SIM Card": chosen})
    assert first.status_code == 200
    second = provision(client, product_id=slow["product_id"], customer_id=customer["customer_id"], **{"SIM Card": chosen})
    assert second.status_code == 409
    wait(client, first.get_json()["provision_id"])


def test_machine_job_without_any_admin_is_refused(make_app, tmp_path):
    (tmp_path / "play_ok.yaml").write_text(PLAYS["play_ok"])
    client = make_app(provisioning={"playbooks_dir": str(tmp_path)}).test_client()
    customer = create_customer(client)
    refused = client.put(
        "/crm/provision/", json={"customer_id": customer["customer_id"], "provisioning_play": "play_ok"}, headers=ADMIN_HEADERS
    )
    assert refused.status_code == 500 and refused.get_json()["message"] == "No admin user available to run provisioning"


def test_04_14_secrets_never_stored_in_clear(client):
    customer = create_customer(client)
    created = provision(
        client,
        product_id=product(client, inventory_items_list=[])["product_id"],
        customer_id=customer["customer_id"],
        ki="SECRETKI123",
        note="visible",
    ).get_json()
    job = wait(client, created["provision_id"])
    stored = json.loads(job["provisioning_json_vars"])
    assert job["provisioning_status"] == 0
    assert stored["ki"] == "***REDACTED***" and stored["note"] == "visible"
    with client.application.app_context():
        arguments = json.dumps([row.arguments for row in get_session().scalars(select(BackgroundJob))])
    assert "SECRETKI123" not in arguments, "the job's variables travel encrypted"


def test_04_13_list_filters_and_search(client):
    customer = create_customer(client, "Listed Ltd")
    ok = provision(
        client, product_id=product(client, inventory_items_list=[])["product_id"], customer_id=customer["customer_id"]
    ).get_json()
    failing = provision(
        client,
        product_id=product(client, "play_fail", inventory_items_list=[])["product_id"],
        customer_id=customer["customer_id"],
    ).get_json()
    wait(client, ok["provision_id"])
    wait(client, failing["provision_id"])
    failed = client.get('/crm/provision/?filters={"provisioning_status": [2]}', headers=ADMIN_HEADERS).get_json()["data"]
    assert [row["provision_id"] for row in failed] == [failing["provision_id"]]
    by_customer = client.get("/crm/provision/?search=listed", headers=ADMIN_HEADERS).get_json()["pagination"]["total_items"]
    assert by_customer == 2
    assert client.get("/crm/provision/?filters=[1]", headers=ADMIN_HEADERS).status_code == 400


def test_04_4_own_scope_provisions_only_for_its_customer(client):
    """An own-scope user of customer 7 (view_own_provision) provisioning for customer 8 → 403; for 7 → 200."""
    mine = create_customer(client, "Seven Ltd")
    other = create_customer(client, "Eight Ltd")
    contact = client.put(
        "/crm/contact/",
        json={"customer_id": mine["customer_id"], "contact_firstname": "Sam", "contact_email": "sam@seven.example"},
        headers=ADMIN_HEADERS,
    ).get_json()
    user = ready_user(client, "sam@seven.example", role="Customer")
    client.put(f"/auth/users/{user['id']}", json={"contact_id": contact["contact_id"]}, headers=ADMIN_HEADERS)
    token = {"Authorization": f"Bearer {login(client, 'sam@seven.example').get_json()['token']}"}
    plan = product(client, inventory_items_list=[], customer_can_purchase=True)["product_id"]
    refused = client.put("/crm/provision/", json={"product_id": plan, "customer_id": other["customer_id"]}, headers=token)
    assert refused.status_code == 403
    allowed = client.put("/crm/provision/", json={"product_id": plan, "customer_id": mine["customer_id"]}, headers=token)
    assert allowed.status_code == 200, allowed.get_json()
    wait(client, allowed.get_json()["provision_id"])


def test_04_5_api_key_jobs_run_as_the_first_admin(client):
    """A job started with an admin X-API-KEY records the lowest-id admin as initiating_user, and the token the play
    gets is a JWT whose subject is that id; an unknown key → 401 "Invalid API key". Also 04 check 12: while the job
    runs its current task shows status 1; afterwards no event is running and completed_count = the events."""
    customer = create_customer(client)
    plan = product(client, "play_whoami", inventory_items_list=[])["product_id"]
    created = provision(client, product_id=plan, customer_id=customer["customer_id"]).get_json()
    deadline = time.monotonic() + 20
    running = None
    while running is None and time.monotonic() < deadline:
        job = client.get(f"/crm/provision/provision_id/{created['provision_id']}", headers=ADMIN_HEADERS).get_json()
        running = next((e for e in job["provisioning_result_json"] if e["provisioning_status"] == 1), None)
        time.sleep(0.1)
    assert job["provisioning_status"] == 1 and running["event_name"] in ("Read the token subject", "Wait a moment")
    job = wait(client, created["provision_id"])
    assert job["provisioning_status"] == 0, job["provisioning_result_json"]
    assert all(e["provisioning_status"] != 1 for e in job["provisioning_result_json"])
    assert job["completed_count"] == len(job["provisioning_result_json"]) == 3
    admins = client.get("/auth/users?search=first-admin", headers=ADMIN_HEADERS).get_json()
    admin_id = (admins["data"] if isinstance(admins, dict) else admins)[0]["id"]
    assert job["initiating_user"] == admin_id
    assert f"subject {admin_id}" in job["provisioning_result_json"][0]["provisioning_result_json"]
    unknown = client.put("/crm/provision/", json={"product_id": plan}, headers={"X-API-KEY": "x" * 40})
    assert unknown.status_code == 401 and unknown.get_json() == {"message": "Invalid API key"}


def test_fields_labelled_as_secrets_are_redacted():
    """A SIM's Ki and OPc live in itemtext fields: the item's labels mark them secret wherever it is stored."""
    from omnicrm.redact import REDACTED, redact

    item = {
        "itemtext1": "8944",
        "itemtext4": "00112233",
        "itemtext5": "ffee",
        "itemtext_labels": {"itemtext1": "ICCID", "itemtext4": "Ki", "itemtext5": "OPc"},
    }
    assert redact({"json": item})["json"] == {**item, "itemtext4": REDACTED, "itemtext5": REDACTED}
