"""The PyHSS simulator, driven through the product's HSS client (and raw HTTP for PyHSS's answers)."""

from __future__ import annotations

import time

import pytest
import requests
from sandbox_helpers import Control, closed_port_url, run_alone

from omnicrm.integrations.hss import HssClient, HssError, HssNotFound, HssUnavailable, new_operation_id
from omnicrm.sandbox import hss as hss_sandbox
from omnicrm.sandbox.server import start

IMSI = "001010000000001"
KI, OPC = "465B5CE8B199B49FAA5F0A2EE238A6BC", "E8ED289DEBA952E4283B54E88E6183CA"


@pytest.fixture(scope="module")
def sim():
    running = start(hss_sandbox.create_app())
    yield running
    running.stop()


@pytest.fixture
def control(sim) -> Control:
    control = Control(sim.url)
    control.reset()
    return control


@pytest.fixture
def hss(sim, control):
    client = HssClient([sim.url], timeout=2)
    yield client
    client.close()


def provision(hss: HssClient, imsi: str = IMSI, msisdn: str = "+61400000001", operation_id: str | None = None) -> dict:
    apn = hss.create_apn({"apn": "internet", "apn_ambr_dl": 0, "apn_ambr_ul": 0}, operation_id)
    auc = hss.create_auc({"ki": KI, "opc": OPC, "amf": "8000", "sqn": 1, "imsi": imsi, "iccid": "89" + imsi}, operation_id)
    subscriber = hss.create_subscriber(
        {
            "imsi": imsi,
            "auc_id": auc["auc_id"],
            "default_apn": apn["apn_id"],
            "apn_list": str(apn["apn_id"]),
            "msisdn": msisdn,
            "ue_ambr_dl": 0,
            "ue_ambr_ul": 0,
        },
        operation_id,
    )
    return {"apn": apn, "auc": auc, "subscriber": subscriber}


def test_create_auc_and_subscriber_then_look_them_up(hss, control):
    made = provision(hss)
    assert made["auc"]["auc_id"] == 1 and made["auc"]["ki"] == KI, "the create reply carries the whole row"
    subscriber = made["subscriber"]
    assert (subscriber["subscriber_id"], subscriber["msisdn"], subscriber["enabled"]) == (1, "61400000001", True)
    assert (subscriber["nam"], subscriber["roaming_enabled"], subscriber["serving_mme"]) == (0, True, None)

    by_imsi = hss.get_subscriber_by_imsi(IMSI)
    assert by_imsi["subscriber_id"] == 1 and by_imsi["attributes"] == []
    assert hss.get_subscriber_by_msisdn("+61400000001")["imsi"] == IMSI
    auc = hss.get_auc_by_imsi(IMSI)
    assert auc["iccid"] == "89" + IMSI and "ki" not in auc and "opc" not in auc, "PyHSS strips SIM keys from reads"
    assert hss.get_auc(1)["imsi"] == IMSI and hss.get_auc_by_iccid("89" + IMSI)["auc_id"] == 1
    assert [row["imsi"] for row in hss.list_rows("subscriber")] == [IMSI]

    updated = hss.update_subscriber(1, {"ue_ambr_dl": 512000, "unknown_field": 1})
    assert updated["ue_ambr_dl"] == 512000 and "unknown_field" not in updated, "PATCH ignores unknown fields"
    assert [(c["method"], c["path"]) for c in control.calls()][:3] == [
        ("PUT", "/apn/"),
        ("PUT", "/auc/"),
        ("PUT", "/subscriber/"),
    ]


def test_missing_records_are_pyhss_nulls(sim, hss):
    for path in ("/subscriber/42", "/subscriber/imsi/999", "/auc/imsi/999", "/apn/7"):
        response = requests.get(sim.url + path, timeout=5)
        assert (response.status_code, response.text) == (200, "null\n"), path
    ims = requests.get(sim.url + "/ims_subscriber/ims_subscriber_imsi/999", timeout=5)
    assert (ims.status_code, ims.json()) == (400, None)
    with pytest.raises(HssNotFound) as raised:
        hss.get_subscriber_by_imsi("999")
    assert raised.value.status == 200
    with pytest.raises(HssNotFound):
        hss.delete_subscriber(42)
    with pytest.raises(HssNotFound) as ims_missing:
        hss.get_ims_subscriber_by_msisdn("999")
    assert ims_missing.value.status == 400
    unknown = requests.get(sim.url + "/no/such/path", timeout=5)
    assert (unknown.status_code, unknown.json()) == (404, {"Result": "Not Found"})
    put_by_imsi = requests.put(sim.url + f"/subscriber/{IMSI}", json={"imsi": IMSI}, timeout=5)
    assert put_by_imsi.status_code == 405, "PyHSS creates with PUT /subscriber/, not PUT /subscriber/<imsi>"


def test_duplicate_imsi_and_missing_keys_are_integrity_errors(sim, hss):
    provision(hss)
    with pytest.raises(HssError) as duplicate:
        hss.create_auc({"ki": KI, "opc": OPC, "amf": "8000", "imsi": IMSI})
    assert duplicate.value.status == 400
    assert duplicate.value.message.startswith(
        "A database integrity error occurred: (sqlite3.IntegrityError) UNIQUE constraint failed: auc.imsi"
    )
    with pytest.raises(HssError, match="UNIQUE constraint failed: subscriber.imsi"):
        hss.create_subscriber({"imsi": IMSI, "auc_id": 1, "default_apn": 1, "apn_list": "1"})
    with pytest.raises(HssError, match="NOT NULL constraint failed: auc.opc"):
        hss.create_auc({"ki": KI, "amf": "8000", "imsi": "001010000000002"})
    raw = requests.put(sim.url + "/auc/", json={"ki": KI, "opc": OPC, "amf": "8000", "colour": "red"}, timeout=5)
    assert raw.status_code == 500
    assert raw.json() == {
        "result": "Failed",
        "reason": "An internal server error occurred: 'colour' is an invalid keyword argument for AUC",
    }
    in_body = requests.put(
        sim.url + "/apn/", json={"apn": "x", "apn_ambr_dl": 1, "apn_ambr_ul": 1, "operation_id": "J"}, timeout=5
    )
    assert in_body.status_code == 500, "operation_id belongs in the query string; in the body it is an unknown field"
    wrong_type = requests.put(sim.url + "/apn/", json={"apn": "y", "apn_ambr_dl": 1, "apn_ambr_ul": 1, "nbiot": "no"}, timeout=5)
    assert (wrong_type.status_code, wrong_type.json()) == (200, None), "PyHSS answers null and writes nothing"
    assert [row["apn"] for row in hss.list_rows("apn")] == ["internet"]


def test_failover_to_the_second_peer_on_connection_errors_only(sim, control):
    client = HssClient([closed_port_url(), sim.url], timeout=2)
    made = provision(client)
    assert client.get_subscriber(made["subscriber"]["subscriber_id"])["imsi"] == IMSI
    assert len(control.calls()) == 4, "every call reached the second peer"

    second = start(hss_sandbox.create_app())
    try:
        Control(sim.url).fail(method="GET", path="/oam/ping", status=503, times=1)
        answered = HssClient([sim.url, second.url], timeout=2)
        with pytest.raises(HssError) as raised:
            answered.ping()
        assert raised.value.status == 503, "an answer, even an error, is not failed over"
        assert Control(second.url).calls() == []
    finally:
        second.stop()
    with pytest.raises(HssUnavailable) as down:
        HssClient([closed_port_url(), closed_port_url()], timeout=1).ping()
    assert down.value.status is None and isinstance(down.value, HssError)


def test_rollback_of_an_operation_id(hss, control):
    job = new_operation_id()
    apn = hss.create_apn({"apn": "internet", "apn_ambr_dl": 0, "apn_ambr_ul": 0})
    auc = hss.create_auc({"ki": KI, "opc": OPC, "amf": "8000", "imsi": IMSI}, operation_id=job)
    assert control.calls()[-1]["query"] == {"operation_id": job}
    message = hss.rollback(job)
    assert message.startswith("Rolled back operation with operation_id: ") and message.endswith("\n")
    with pytest.raises(HssNotFound):
        hss.get_auc(auc["auc_id"])
    assert hss.get_apn(apn["apn_id"])["apn"] == "internet", "changes of other operations stay"
    assert hss.rollback("never-used") == "No operation to roll back."


def test_rollback_undoes_only_the_newest_change_of_an_operation(hss):
    """What PyHSS's rollback_change_by_operation_id does: one change per call, and always the same one."""
    job = new_operation_id()
    made = provision(hss, operation_id=job)
    hss.rollback(job)
    with pytest.raises(HssNotFound):
        hss.get_subscriber(made["subscriber"]["subscriber_id"])
    hss.rollback(job)
    assert hss.get_auc(made["auc"]["auc_id"])["imsi"] == IMSI, "the AuC of the same operation is still there"
    hss.delete_auc(made["auc"]["auc_id"])  # a multi-step job cleans up by deleting, newest first
    hss.delete_apn(made["apn"]["apn_id"])
    assert hss.list_rows("auc") == [] and hss.list_rows("apn") == []


def test_rollback_of_an_update_restores_pyhss_damaged_values(hss):
    """PyHSS reads each old value without its last character: '[bool] True' -> 'Tru' -> False, 999999 -> 99999."""
    auc = hss.create_auc({"ki": KI, "opc": OPC, "amf": "8000", "imsi": IMSI})
    subscriber = hss.create_subscriber({"imsi": IMSI, "auc_id": auc["auc_id"], "default_apn": 1, "apn_list": "1"})
    job = new_operation_id()
    hss.update_subscriber(subscriber["subscriber_id"], {"enabled": False, "ue_ambr_dl": 123}, operation_id=job)
    hss.rollback(job)
    restored = hss.get_subscriber(subscriber["subscriber_id"])
    assert (restored["enabled"], restored["ue_ambr_dl"]) == (False, 99999)

    one_digit = new_operation_id()
    hss.update_subscriber(subscriber["subscriber_id"], {"nam": 2}, operation_id=one_digit)  # old value 0: '' is no int
    with pytest.raises(HssError) as failed:
        hss.rollback(one_digit)
    assert failed.value.status == 200 and not isinstance(failed.value, HssNotFound)
    assert hss.get_subscriber(subscriber["subscriber_id"])["nam"] == 2, "nothing was rolled back"


def test_suspend_sends_a_clr_when_attached_and_resume_updates_gsup(hss, control):
    made = provision(hss)
    subscriber_id = made["subscriber"]["subscriber_id"]
    hss.update_subscriber(subscriber_id, {"serving_mme": "mme01.epc.example", "serving_mme_realm": "epc.example"})
    assert hss.update_subscriber(subscriber_id, {"enabled": False})["enabled"] is False
    hss.update_subscriber(subscriber_id, {"enabled": True})
    events = [(e["event"], e.get("destination_host")) for e in control.state()["events"]]
    assert ("diameter_clr", "mme01.epc.example") in events and events[-1] == ("gsup_subscriber_update", None)


def test_ims_subscriber_create_and_lookups(hss):
    ims = hss.create_ims_subscriber({"msisdn": "+61400000001", "msisdn_list": "+61400000001,+61400000002", "imsi": IMSI})
    assert (ims["msisdn"], ims["msisdn_list"]) == ("61400000001", "61400000001,61400000002")
    assert hss.get_ims_subscriber_by_imsi(IMSI)["ims_subscriber_id"] == ims["ims_subscriber_id"]
    assert hss.get_ims_subscriber_by_msisdn("61400000001")["imsi"] == IMSI
    with pytest.raises(HssError, match="UNIQUE constraint failed: ims_subscriber.msisdn"):
        hss.create_ims_subscriber({"msisdn": "61400000001", "imsi": "001010000000009"})
    hss.delete_ims_subscriber(ims["ims_subscriber_id"])
    with pytest.raises(HssNotFound):
        hss.get_ims_subscriber(ims["ims_subscriber_id"])


def test_provisioning_key_when_provisioning_is_locked():
    locked = start(hss_sandbox.create_app(provisioning_key="s3cret"))
    try:
        with pytest.raises(HssError) as refused:
            HssClient([locked.url]).create_apn({"apn": "internet", "apn_ambr_dl": 0, "apn_ambr_ul": 0})
        assert (refused.value.status, refused.value.message) == (401, "Unauthorized - Provisioning-Key Invalid")
        keyed = HssClient([locked.url], provisioning_key="s3cret")
        assert keyed.create_apn({"apn": "internet", "apn_ambr_dl": 0, "apn_ambr_ul": 0})["apn_id"] == 1
        assert HssClient([locked.url]).get_apn(1)["apn"] == "internet", "reads need no key"
    finally:
        locked.stop()


def test_injected_delay_times_out_without_failover(sim, control):
    second = start(hss_sandbox.create_app())
    try:
        control.delay(method="GET", path="/oam/ping", seconds=3, times=1)
        started = time.monotonic()
        with pytest.raises(HssUnavailable, match="within"):
            HssClient([sim.url, second.url], timeout=0.2).ping()
        assert time.monotonic() - started < 2 and Control(second.url).calls() == []
    finally:
        control.clear_delays()
        second.stop()


def test_runs_alone():
    run_alone("omnicrm.sandbox.hss")
