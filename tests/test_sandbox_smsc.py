"""The SMSC simulator, driven through the product's SMSC client."""

from __future__ import annotations

import json

import pytest
import requests
from sandbox_helpers import Control, closed_port_url, run_alone

from omnicrm.integrations.hss import HssClient
from omnicrm.integrations.ocs import OcsClient
from omnicrm.integrations.smsc import SmscClient, SmscError, SmscUnavailable
from omnicrm.sandbox import smsc as smsc_sandbox
from omnicrm.sandbox.launch import start_network
from omnicrm.sandbox.server import start

API_KEY = "smsc-test-key"


@pytest.fixture(scope="module")
def sim():
    running = start(smsc_sandbox.create_app(api_key=API_KEY))
    yield running
    running.stop()


@pytest.fixture
def control(sim) -> Control:
    control = Control(sim.url)
    control.reset()
    return control


@pytest.fixture
def smsc(sim, control):
    client = SmscClient(f"{sim.url}/SMSc/", API_KEY, "YourCompany", timeout=2)
    yield client
    client.close()


def test_send_and_list(sim, smsc, control):
    sent = []
    smsc.session.hooks["response"].append(lambda response, *args, **kwargs: sent.append(response.request))
    message_id = smsc.send("+61400000001", "Your data balance is below 20%. Top up: https://example.com/topup")
    assert message_id

    [request] = sent
    assert request.url == f"{sim.url}/SMSc/api/sms" and request.headers["X-API-KEY"] == API_KEY
    assert json.loads(request.body) == {
        "source_msisdn": "YourCompany",
        "destination_msisdn": "+61400000001",
        "message": "Your data balance is below 20%. Top up: https://example.com/topup",
    }
    smsc.send("61400000002", "x" * 161)
    listed = smsc.sent()
    assert [(m["message_id"], m["destination_msisdn"], m["parts"]) for m in listed] == [
        (message_id, "+61400000001", 1),
        (listed[1]["message_id"], "61400000002", 2),
    ]
    assert [m["destination_msisdn"] for m in smsc.sent("61400000002")] == ["61400000002"]
    assert len(control.state()["messages"]) == 2


def test_the_playbooks_plaintext_form(sim, control):
    client = SmscClient(f"{sim.url}/SMSc", API_KEY, "YourCompany", style="plaintext")
    client.send("61400000003", "Welcome")
    [call] = control.calls()
    assert call["path"] == f"/SMSc/SMS/plaintext/{API_KEY}"
    assert call["body"] == {"source_msisdn": "YourCompany", "destination_msisdn": "61400000003", "message_body": "Welcome"}
    assert control.state()["messages"][0]["via"] == "plaintext"


def test_refusals(sim, smsc):
    with pytest.raises(SmscError) as bad_key:
        SmscClient(f"{sim.url}/SMSc/", "wrong", "YourCompany").send("61400000001", "hi")
    assert (bad_key.value.status, bad_key.value.message) == (401, "Invalid API key")
    with pytest.raises(SmscError) as bad_number:
        smsc.send("not-a-number", "hi")
    assert bad_number.value.status == 400 and bad_number.value.body["errors"] == {"destination_msisdn": "not a phone number"}
    raw = requests.post(f"{sim.url}/SMSc/api/sms", json={"source_msisdn": "X"}, headers={"X-API-KEY": API_KEY}, timeout=5)
    assert raw.status_code == 400 and set(raw.json()["errors"]) == {"destination_msisdn", "message"}
    assert smsc.sent() == []


def test_failures_delays_and_an_unreachable_smsc(sim, smsc, control):
    control.fail(method="POST", path="/SMSc/api/sms", status=503, body={"message": "throttled"}, times=1)
    with pytest.raises(SmscError) as failed:
        smsc.send("61400000001", "hi")
    assert (failed.value.status, failed.value.message) == (503, "throttled")
    assert smsc.sent() == [], "nothing was sent"
    control.delay(method="POST", seconds=3, times=1)
    with pytest.raises(SmscUnavailable, match="did not answer"):
        SmscClient(f"{sim.url}/SMSc/", API_KEY, "YourCompany", timeout=0.2).send("61400000001", "hi")
    control.clear_delays()
    with pytest.raises(SmscUnavailable, match="unreachable"):
        SmscClient(closed_port_url() + "/SMSc/", API_KEY, "YourCompany").send("61400000001", "hi")


def test_the_three_simulators_start_together_for_the_demo():
    network = start_network(tenant="demo.tenant")
    try:
        config = network.config(source_msisdn="Demo")
        assert OcsClient(config["ocs"]["cgrates"], config["ocs"]["ocsTenant"]).ping()
        assert HssClient(config["hss"]["hss_peers"]).ping()
        sms = SmscClient(config["smsc"]["smsc_url"], config["smsc"]["api_key"], config["smsc"]["source_msisdn"])
        assert sms.send("61400000009", "demo") and sms.sent()[0]["source_msisdn"] == "Demo"
    finally:
        network.stop()


def test_runs_alone():
    run_alone("omnicrm.sandbox.smsc")
