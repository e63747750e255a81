"""The Mailjet simulator, driven through Mailjet's official SDK (`mailjet_rest`), as the product drives Mailjet."""

from __future__ import annotations

import base64
import json
import time

import pytest
import requests
from mailjet_rest import Client
from mailjet_rest.errors import (
    ApiError,
    ApiRateLimitError,
    DoesNotExistError,
    MailjetApiError,
    MailjetAuthError,
    TimeoutError,
    ValidationError,
)
from sandbox_helpers import Control, run_alone

from omnicrm.sandbox import mailjet as mailjet_sandbox
from omnicrm.sandbox.launch import start_network
from omnicrm.sandbox.server import start

KEY, SECRET = "mj-test-key", "mj-test-secret"


@pytest.fixture(scope="module")
def sim():
    running = start(mailjet_sandbox.create_app(api_key=KEY, api_secret=SECRET))
    yield running
    running.stop()


@pytest.fixture
def control(sim) -> Control:
    control = Control(sim.url)
    control.reset()
    return control


def client(sim, version: str = "v3.1", auth: tuple[str, str] = (KEY, SECRET), **options) -> Client:
    return Client(auth=auth, version=version, api_url=f"{sim.url}/", **options)


def message(**fields) -> dict:
    """A template message as the product sends one; `fields` override or add properties (None removes one)."""
    base = {
        "From": {"Email": "billing@example.com", "Name": "Billing"},
        "To": [{"Email": "alice@example.org", "Name": "Alice"}],
        "TemplateID": 4242,
        "TemplateLanguage": True,
        "Subject": "Your invoice",
        "Variables": {"first_name": "Alice", "amount": "12.50"},
        "CustomID": "comm-7",
    }
    return {key: value for key, value in {**base, **fields}.items() if value is not None}


def refusal(error: MailjetApiError) -> dict:
    return json.loads(error.response_body)


def test_a_sent_message_is_answered_and_kept(sim, control):
    requests.post(f"{sim.url}/sandbox/clock", json={"now": "2030-01-02T03:04:05Z"}, timeout=5).raise_for_status()
    pdf = b"%PDF-1.4 invoice"
    attachment = {"ContentType": "application/pdf", "Filename": "INV-7.pdf", "Base64Content": base64.b64encode(pdf).decode()}
    plain = message(TemplateLanguage=None, CustomID=None, To=[{"Email": "bob@example.org"}, {"Email": "carol@example.org"}])
    response = client(sim).send.create(data={"Messages": [message(Attachments=[attachment]), plain]})

    assert response.status_code == 200
    first, second = response.json()["Messages"]
    [to] = first["To"]
    assert (first["Status"], first["CustomID"], first["Cc"], first["Bcc"]) == ("success", "comm-7", [], [])
    assert to["Email"] == "alice@example.org" and isinstance(to["MessageID"], int) and to["MessageID"] > 2**53
    assert to["MessageHref"].endswith(f"/v3/REST/message/{to['MessageID']}") and len(to["MessageUUID"]) == 36
    assert second["CustomID"] == "" and [r["Email"] for r in second["To"]] == ["bob@example.org", "carol@example.org"]
    assert len({r["MessageID"] for r in [to, *second["To"]]}) == 3, "one message id per recipient"

    kept, kept_plain = control.state()["messages"]
    assert kept["From"] == {"Email": "billing@example.com", "Name": "Billing"}
    assert kept["To"] == [{"Email": "alice@example.org", "Name": "Alice", **{k: to[k] for k in ("MessageID", "MessageUUID")}}]
    assert (kept["TemplateID"], kept["Subject"], kept["CustomID"]) == (4242, "Your invoice", "comm-7")
    assert kept["Variables"] == {"first_name": "Alice", "amount": "12.50"}
    assert kept["Attachments"] == [{"Filename": "INV-7.pdf", "ContentType": "application/pdf", "size": len(pdf)}]
    assert kept["received_at"].startswith("2030-01-02T03:04") and kept["notes"] == []
    assert kept_plain["notes"] == [mailjet_sandbox._UNSUBSTITUTED], "variables without TemplateLanguage are not substituted"

    [call] = control.calls()
    assert call["api_key"] == KEY and call["path"] == "/v3.1/send"
    assert call["body"]["Messages"][0]["Attachments"][0]["Base64Content"] == f"<{len(attachment['Base64Content'])} characters>"


def test_bad_credentials_are_refused(sim, control):
    with pytest.raises(MailjetAuthError) as refused:
        client(sim, auth=(KEY, "wrong")).send.create(data={"Messages": [message()]})
    assert refused.value.status_code == 401
    body = refusal(refused.value)
    assert body["StatusCode"] == 401 and body["ErrorMessage"] == mailjet_sandbox.AUTH_FAILURE and body["ErrorIdentifier"]

    anonymous = requests.post(f"{sim.url}/v3.1/send", json={"Messages": [message()]}, timeout=5)
    assert anonymous.status_code == 401
    with pytest.raises(MailjetAuthError) as rest:
        client(sim, "v3", auth=("other", SECRET)).contact.create(data={"Email": "alice@example.org"})
    assert refusal(rest.value) == {"ErrorInfo": "", "ErrorMessage": mailjet_sandbox.AUTH_FAILURE, "StatusCode": 401}
    assert control.state()["messages"] == [] and control.state()["contacts"] == []


def test_an_unknown_template_gets_mailjets_error(sim, control):
    assert requests.post(f"{sim.url}/sandbox/templates", json={"missing": [4242]}, timeout=5).json() == {"missing": [4242]}
    with pytest.raises(ValidationError) as refused:
        client(sim).send.create(data={"Messages": [message()]})
    assert refused.value.status_code == 400 and 'Template ID "4242" doesn\'t exist' in str(refused.value)
    [answer] = refusal(refused.value)["Messages"]
    [error] = answer["Errors"]
    assert answer["Status"] == "error" and "To" not in answer
    assert (error["ErrorCode"], error["StatusCode"], error["ErrorRelatedTo"]) == ("send-0010", 400, ["TemplateID"])
    assert control.state()["messages"] == []

    assert client(sim).send.create(data={"Messages": [message(TemplateID=4343)]}).status_code == 200
    control.reset()
    assert client(sim).send.create(data={"Messages": [message()]}).status_code == 200, "a reset forgets missing templates"


def test_template_ids_must_be_integers_for_the_templates_endpoint(sim, control):
    answer = requests.post(f"{sim.url}/sandbox/templates", json={"missing": ["4242"]}, timeout=5)
    assert answer.status_code == 400
    assert requests.get(f"{sim.url}/sandbox/templates", timeout=5).json() == {"missing": []}


@pytest.mark.parametrize(
    ("fields", "code", "related"),
    [
        ({"From": None, "TemplateID": None, "TextPart": "hi"}, "mj-0003", ["From"]),
        ({"To": None}, "mj-0003", ["To"]),
        ({"To": []}, "mj-0007", ["To"]),
        ({"To": [{"Email": "alice@example"}]}, "mj-0013", ["To[0].Email"]),
        ({"From": {"Email": "not an address"}}, "mj-0013", ["From.Email"]),
        ({"TemplateID": "4242"}, "mj-0004", ["TemplateID"]),
        ({"HTMLPart": "<p>hi</p>"}, "send-0004", ["HTMLPart", "TemplateID"]),
        ({"TemplateID": None}, "send-0003", ["HTMLPart", "TextPart"]),
        ({"TemplateLanguage": None, "TemplateErrorReporting": {"Email": "ops@example.com"}}, "send-0016", ["TemplateLanguage"]),
        (
            {"Attachments": [{"ContentType": "text/plain", "Filename": "a.txt", "Base64Content": "not base64!"}]},
            "mj-0004",
            ["Attachments[0].Base64Content"],
        ),
        ({"Attachments": [{"ContentType": "text/plain", "Filename": "a.txt"}]}, "mj-0003", ["Attachments[0].Base64Content"]),
        (
            {"Attachments": [{"ContentType": "", "Filename": "a.txt", "Base64Content": "aGk="}]},
            "mj-0012",
            ["Attachments[0].ContentType"],
        ),
    ],
)
def test_invalid_messages_are_refused_with_mailjets_codes(sim, control, fields, code, related):
    with pytest.raises(ValidationError) as refused:
        client(sim).send.create(data={"Messages": [message(**fields)]})
    [answer] = refusal(refused.value)["Messages"]
    assert answer["Status"] == "error"
    assert [(e["ErrorCode"], e["ErrorRelatedTo"]) for e in answer["Errors"]] == [(code, related)]
    assert control.state()["messages"] == []


def test_a_template_brings_its_own_sender(sim, control):
    assert client(sim).send.create(data={"Messages": [message(From=None)]}).status_code == 200
    assert control.state()["messages"][0]["From"] is None


def test_one_refused_message_does_not_stop_the_others(sim, control):
    with pytest.raises(ValidationError) as refused:
        client(sim).send.create(data={"Messages": [message(To=[{"Email": "bad"}]), message(CustomID="comm-8")]})
    refused_one, sent = refusal(refused.value)["Messages"]
    assert (refused_one["Status"], sent["Status"], sent["CustomID"]) == ("error", "success", "comm-8")
    assert [m["CustomID"] for m in control.state()["messages"]] == ["comm-8"]


def test_attachments_over_15_mb_are_refused(sim, control):
    chunk = base64.b64encode(b"\0" * (8 * 1024 * 1024)).decode()
    attachments = [{"ContentType": "application/pdf", "Filename": f"{n}.pdf", "Base64Content": chunk} for n in (1, 2)]
    with pytest.raises(ValidationError) as refused:
        client(sim).send.create(data={"Messages": [message(Attachments=attachments)]})
    [error] = refusal(refused.value)["Messages"][0]["Errors"]
    assert (error["ErrorCode"], error["ErrorRelatedTo"]) == ("mj-0011", ["Attachments"])
    assert client(sim).send.create(data={"Messages": [message(Attachments=attachments[:1])]}).status_code == 200


def test_payload_errors(sim, control):
    with pytest.raises(ValidationError) as malformed:
        client(sim).send.create(data="{not json")
    assert refusal(malformed.value)["ErrorCode"] == "mj-0002"
    with pytest.raises(ValidationError) as empty:
        client(sim).send.create(data={"Messages": []})
    assert refusal(empty.value)["Messages"] == [] and refusal(empty.value)["Errors"][0]["ErrorCode"] == "mj-0007"


def test_injected_failures_and_delays(sim, control):
    control.fail(method="POST", path="/v3.1/send", status=429, body={"ErrorMessage": "Too many requests"}, times=1)
    with pytest.raises(ApiRateLimitError, match="Too many requests"):
        client(sim).send.create(data={"Messages": [message()]})
    control.fail(method="POST", path="/v3.1/*", status=500, times=1)
    with pytest.raises(ApiError) as server_error:
        client(sim).send.create(data={"Messages": [message()]})
    assert not isinstance(server_error.value, MailjetApiError), "the SDK names no 5xx error"
    control.fail(method="*", path="/v3.1/send", status=401, times=1)
    with pytest.raises(MailjetAuthError):
        client(sim).send.create(data={"Messages": [message()]})
    control.fail(method="POST", path="/v3/REST/contact*", status=500)
    with pytest.raises(ApiError):
        client(sim, "v3").contact.create(data={"Email": "alice@example.org"})
    assert control.state()["messages"] == [] and control.state()["contacts"] == []

    assert client(sim).send.create(data={"Messages": [message()]}).status_code == 200, "the rules were used up"
    control.delay(method="POST", path="/v3.1/send", seconds=3, times=1)
    with pytest.raises(TimeoutError):
        client(sim, timeout=0.3).send.create(data={"Messages": [message()]})
    control.clear_delays()
    deadline = time.monotonic() + 5
    while len(control.state()["messages"]) < 2:  # a send the client gave up on still reaches Mailjet
        assert time.monotonic() < deadline, "the delayed send was not kept"
        time.sleep(0.02)


def test_contacts_properties_and_list_membership(sim, control):
    rest = client(sim, "v3")
    defined = rest.contactmetadata.create(data={"Name": "first_name", "DataType": "str", "NameSpace": "static"})
    assert defined.status_code == 201 and defined.json()["Data"][0]["DataType"] == "str"
    rest.contactmetadata.create(data={"Name": "plan_id", "Datatype": "int", "NameSpace": "static"})
    with pytest.raises(ValidationError, match="MJ18"):
        rest.contactmetadata.create(data={"Name": "first_name", "DataType": "str"})

    created = rest.contact.create(data={"Email": "alice@example.org", "Name": "Alice"})
    assert created.status_code == 201
    [contact] = created.json()["Data"]
    assert created.json()["Count"] == created.json()["Total"] == 1 and contact["Email"] == "alice@example.org"
    with pytest.raises(ValidationError) as duplicate:
        rest.contact.create(data={"Email": "alice@example.org"})
    expected = 'MJ18 A Contact resource with value "alice@example.org" for Email already exists.'
    assert refusal(duplicate.value) == {"ErrorInfo": "", "ErrorMessage": expected, "StatusCode": 400}

    data = rest.contactdata.update(id="alice@example.org", data={"Data": [{"Name": "first_name", "Value": "Alice"}]})
    assert data.json()["Data"] == [
        {"ContactID": contact["ID"], "Data": [{"Name": "first_name", "Value": "Alice"}], "ID": contact["ID"]}
    ]
    with pytest.raises(ValidationError) as undefined:
        rest.contactdata.update(
            id=contact["ID"], data={"Data": [{"Name": "shoe_size", "Value": "42"}, {"Name": "plan_id", "Value": "x"}]}
        )
    assert refusal(undefined.value)["ErrorInfo"] == {
        "Properties": [{"shoe_size": "Property not defined"}, {"plan_id": "Property type does not match definition"}]
    }
    with pytest.raises(DoesNotExistError):
        rest.contactdata.update(id="nobody@example.org", data={"Data": []})

    managed = rest.contactslist_managecontact.create(
        id=17, data={"Email": "alice@example.org", "Name": "Alice A.", "Action": "addforce", "Properties": {"plan_id": 3}}
    )
    assert managed.status_code == 201
    assert managed.json()["Data"][0] == {
        "ContactID": contact["ID"],
        "Email": "alice@example.org",
        "Action": "addforce",
        "Name": "Alice A.",
        "Properties": {"plan_id": 3},
    }
    rest.contactslist_managecontact.create(id=18, data={"Email": "bob@example.org", "Action": "unsub"})
    with pytest.raises(ValidationError):
        rest.contactslist_managecontact.create(id=17, data={"Email": "bob@example.org", "Action": "subscribe"})

    alice, bob = control.state()["contacts"]
    assert (alice["Name"], alice["Properties"]) == ("Alice A.", {"first_name": "Alice", "plan_id": 3})
    assert alice["Lists"] == [{"ListID": 17, "IsUnsubscribed": False}]
    assert bob["Lists"] == [{"ListID": 18, "IsUnsubscribed": True}]
    rest.contactslist_managecontact.create(id=17, data={"Email": "alice@example.org", "Action": "remove"})
    assert control.state()["contacts"][0]["Lists"] == []


def test_the_network_points_the_product_at_mailjet():
    network = start_network()
    try:
        config = network.config()["mailjet"]
        assert config["api_url"] == f"{network.mailjet.url}/"
        mailjet = Client(auth=(config["api_key"], config["api_secret"]), version="v3.1", api_url=config["api_url"])
        assert mailjet.send.create(data={"Messages": [message()]}).status_code == 200
        assert len(network.mailjet.app.extensions["sandbox"].dump_state()["messages"]) == 1
    finally:
        network.stop()


def test_runs_alone():
    run_alone("omnicrm.sandbox.mailjet")
