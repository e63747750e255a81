"""Mailjet simulator: the Send API v3.1 and the contact resources of REST v3, with what "Mailjet" received kept in
memory so tests can read it (`GET /sandbox/state` → `{"messages", "contacts", "contact_metadata",
"missing_templates"}`).

Every call needs HTTP Basic auth `api_key:api_secret`; without it (or with other credentials) the answer is 401
`{"ErrorIdentifier", "StatusCode": 401, "ErrorMessage": "API key authentication/authorization failure. ..."}` (REST
v3: `{"ErrorInfo": "", "ErrorMessage": ..., "StatusCode": 401}`).

`POST /v3.1/send` with `{"Messages": [...]}` checks each message as Mailjet does and answers them in order: HTTP
200 when all are sent, 400 when one is refused (the others are still sent, as Mailjet does). A sent message answers
`{"Status": "success", "CustomID", "To": [{"Email", "MessageUUID", "MessageID", "MessageHref"}], "Cc", "Bcc"}`, a
refused one `{"Status": "error", "Errors": [{"ErrorIdentifier", "ErrorCode", "StatusCode": 400, "ErrorMessage",
"ErrorRelatedTo"}]}`. Checked, with Mailjet's codes: `From` (mandatory without a template, which brings its own
sender) and each `To`/`Cc`/`Bcc` address (mj-0003 missing, mj-0004 wrong type, mj-0007 empty `To`, mj-0013 bad
address); `TemplateID` an integer (mj-0004); content given (send-0003); `HTMLPart`/`TextPart` together with
`TemplateID` (send-0004); a template listed in `missing_templates` (send-0010); `TemplateErrorReporting` or
`TemplateErrorDeliver` without `TemplateLanguage: true` (send-0016); attachments with `ContentType`, `Filename` and
base64 `Base64Content` (mj-0003, mj-0012, mj-0004), 15 MB at most in all (mj-0011). A body that is not JSON is a
global 400 (mj-0002); a missing or empty `Messages` is 400 `{"Errors": [...], "Messages": []}`. `Variables`
without `TemplateLanguage: true` are accepted, as Mailjet does, but it then sends the `{{var:...}}` tags as they
are: the kept message says so in `notes`.

REST v3 (`{"Count", "Data": [...], "Total"}`; errors `{"ErrorInfo", "ErrorMessage", "StatusCode"}`; property
names are case-insensitive, as Mailjet's):
- `POST /v3/REST/contact` `{"Email", "Name", "IsExcludedFromCampaigns"}` → 201; an e-mail already known → 400
  `MJ18 A Contact resource with value "..." for Email already exists.`;
- `POST /v3/REST/contactmetadata` `{"Name", "DataType": str|int|float|bool|datetime, "NameSpace": static|historic}`
  → 201; a name already defined → 400 (MJ18);
- `PUT /v3/REST/contactdata/<email or ID>` `{"Data": [{"Name", "Value"}]}` → 200; an unknown contact → 404
  `Object not found`;
- `POST /v3/REST/contactslist/<list_id>/managecontact` `{"Email", "Name", "Action": addforce|addnoforce|remove|unsub,
  "Properties": {...}}` → 201 (creates the contact if needed; any list id exists).
Properties must be defined through `contactmetadata` first and match its type, else 400 `Object properties invalid`
with the reasons in `ErrorInfo` (null unassigns a property).

`POST /sandbox/templates` `{"missing": [ids]}` (or `sim.missing_templates`) makes those template ids unknown, so a
send with them gets Mailjet's send-0010; `GET` reads them. Failure/delay rules match `method` (HTTP verb or `*`)
and `path` (a glob); a failure answers `status` (default 500) with `body` (default Mailjet's error shape).
"""

from __future__ import annotations

import base64
import binascii
import itertools
import re
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Flask, jsonify, request
from werkzeug.datastructures import Authorization

from omnicrm.sandbox.server import Controls, http_rule_matches, run_cli

DEFAULT_API_KEY = "sandbox-mailjet-key"
DEFAULT_API_SECRET = "sandbox-mailjet-secret"
MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024
AUTH_FAILURE = (
    "API key authentication/authorization failure. You may be unauthorized to access the API or your API key may "
    "be expired. Visit API keys management section to check your keys."
)
# Mailjet's message ids are above 2**53: a client reading them as floats (or 32-bit ints) loses them here too.
_FIRST_MESSAGE_ID = 2**60
_EMAIL = re.compile(r"^[^@\s\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_RECIPIENT_FIELDS = ("To", "Cc", "Bcc")
_ATTACHMENT_FIELDS = ("ContentType", "Filename", "Base64Content")
_LIST_ACTIONS = ("addforce", "addnoforce", "remove", "unsub")
_UNSUBSTITUTED = "Variables given without TemplateLanguage: true; Mailjet sends the {{var:...}} tags unsubstituted"

Answer = tuple[dict[str, Any], int]


def _error(code: str, message: str, *related: str) -> dict[str, Any]:
    return {
        "ErrorIdentifier": str(uuid.uuid4()),
        "ErrorCode": code,
        "StatusCode": 400,
        "ErrorMessage": message,
        "ErrorRelatedTo": list(related),
    }


def _missing(field: str) -> dict[str, Any]:
    return _error("mj-0003", "Missing mandatory property.", field)


def _mismatch(expected: str, field: str) -> dict[str, Any]:
    return _error("mj-0004", f'Type mismatch. Expected type "{expected}".', field)


def _is_email(value: Any) -> bool:
    return isinstance(value, str) and bool(_EMAIL.match(value))


def _address_errors(value: Any, field: str) -> list[dict[str, Any]]:
    """Errors of one `{"Email", "Name"}` object."""
    if not isinstance(value, dict):
        return [_mismatch("emailIn", field)]
    if value.get("Email") in (None, ""):
        return [_missing(f"{field}.Email")]
    if not _is_email(value["Email"]):
        return [_error("mj-0013", f'"{value["Email"]}" is an invalid email address.', f"{field}.Email")]
    return []


def _address_list_errors(message: dict[str, Any]) -> list[dict[str, Any]]:
    """`From` and every recipient."""
    errors: list[dict[str, Any]] = []
    if "From" in message:
        errors += _address_errors(message["From"], "From")
    elif message.get("TemplateID") is None:  # a template brings its own sender
        errors.append(_missing("From"))
    if "To" not in message:
        errors.append(_missing("To"))
    elif message["To"] == []:
        errors.append(_error("mj-0007", "Array cannot be empty.", "To"))
    for field in _RECIPIENT_FIELDS:
        recipients = message.get(field, [])
        if not isinstance(recipients, list):
            errors.append(_mismatch("array of emails", field))
            continue
        for index, recipient in enumerate(recipients):
            errors += _address_errors(recipient, f"{field}[{index}]")
    return errors


def _content_errors(message: dict[str, Any], missing_templates: set[int]) -> list[dict[str, Any]]:
    """The template or the parts that make the content."""
    template = message.get("TemplateID")
    parts = [part for part in ("HTMLPart", "TextPart") if message.get(part)]
    if template is None:
        if parts:
            return []
        return [_error("send-0003", 'At least "HTMLPart", "TextPart" or "TemplateID" must be provided.', "HTMLPart", "TextPart")]
    if not isinstance(template, int) or isinstance(template, bool):
        return [_mismatch("integer", "TemplateID")]
    if parts:
        duplicated = "The template already holds the content: it cannot be combined with"
        return [_error("send-0004", f"{duplicated} {' and '.join(parts)}.", *parts, "TemplateID")]
    if template in missing_templates:
        return [_error("send-0010", f'Template ID "{template}" doesn\'t exist for your account.', "TemplateID")]
    return []


def _template_language_errors(message: dict[str, Any]) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    language = message.get("TemplateLanguage", False)
    if not isinstance(language, bool):
        errors.append(_mismatch("boolean", "TemplateLanguage"))
    if "Variables" in message and not isinstance(message["Variables"], dict):
        errors.append(_mismatch("object", "Variables"))
    if "TemplateErrorReporting" in message:
        errors += _address_errors(message["TemplateErrorReporting"], "TemplateErrorReporting")
    if language is not True and ("TemplateErrorReporting" in message or "TemplateErrorDeliver" in message):
        reporting = '"TemplateLanguage" must be true to use "TemplateErrorReporting" or "TemplateErrorDeliver".'
        errors.append(_error("send-0016", reporting, "TemplateLanguage"))
    return errors


def _attachments(message: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What is kept of each attachment (name, type, decoded size), and the errors."""
    attachments = message.get("Attachments", [])
    if not isinstance(attachments, list):
        return [], [_mismatch("array of attachments", "Attachments")]
    kept: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for index, attachment in enumerate(attachments):
        field = f"Attachments[{index}]"
        if not isinstance(attachment, dict):
            errors.append(_mismatch("attachment", field))
            continue
        absent = [name for name in _ATTACHMENT_FIELDS if attachment.get(name) is None]
        empty = [name for name in _ATTACHMENT_FIELDS if attachment.get(name) == ""]
        errors += [_missing(f"{field}.{name}") for name in absent]
        errors += [_error("mj-0012", "Empty string value provided.", f"{field}.{name}") for name in empty]
        if absent or empty:
            continue
        try:
            size = len(base64.b64decode(attachment["Base64Content"], validate=True))
        except (binascii.Error, TypeError, ValueError):
            errors.append(_mismatch("base64", f"{field}.Base64Content"))
            continue
        kept.append({"Filename": attachment["Filename"], "ContentType": attachment["ContentType"], "size": size})
    if sum(attachment["size"] for attachment in kept) > MAX_ATTACHMENT_BYTES:
        errors.append(_error("mj-0011", "The total size of the attachments is over the limit (15 MB).", "Attachments"))
    return kept, errors


def _rest(data: list[dict[str, Any]], status: int = 200) -> Answer:
    return {"Count": len(data), "Data": data, "Total": len(data)}, status


def _rest_error(message: str, status: int = 400, info: Any = "") -> Answer:
    return {"ErrorInfo": info, "ErrorMessage": message, "StatusCode": status}, status


def _field(body: dict[str, Any], name: str, default: Any = None) -> Any:
    """`body[name]` ignoring case, as Mailjet's REST API reads property names (its own docs spell `DataType` and
    `Datatype`, `Value` and `value`)."""
    return next((value for key, value in body.items() if key.lower() == name.lower()), default)


def _is_int(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lstrip("-").isdigit()
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool)


def _is_datetime(value: Any) -> bool:
    """A Unix timestamp or an RFC 3339 text, the two forms Mailjet accepts."""
    if _is_int(value):
        return True
    try:
        datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


# Numbers, booleans and dates may come as text: what converts is accepted rather than refusing what Mailjet may take.
_DATATYPES: dict[str, Callable[[Any], bool]] = {
    "str": lambda value: isinstance(value, str),
    "int": _is_int,
    "float": _is_number,
    "bool": lambda value: isinstance(value, bool) or str(value).lower() in ("true", "false"),
    "datetime": _is_datetime,
}


def _loggable(body: Any) -> Any:
    """The request body for the call log, with attachment contents replaced by their length: an invoice PDF per
    call would otherwise fill a long-running demo's memory."""
    if not isinstance(body, dict) or not isinstance(body.get("Messages"), list):
        return body
    messages = []
    for message in body["Messages"]:
        if isinstance(message, dict) and isinstance(message.get("Attachments"), list):
            attachments = [
                {**item, "Base64Content": f"<{len(str(item.get('Base64Content')))} characters>"}
                if isinstance(item, dict)
                else item
                for item in message["Attachments"]
            ]
            message = {**message, "Attachments": attachments}
        messages.append(message)
    return {**body, "Messages": messages}


def _sent(recipient: dict[str, Any]) -> dict[str, Any]:
    """One recipient in a success answer."""
    return {
        "Email": recipient["Email"],
        "MessageUUID": recipient["MessageUUID"],
        "MessageID": recipient["MessageID"],
        "MessageHref": f"https://api.mailjet.com/v3/REST/message/{recipient['MessageID']}",
    }


class MailjetSimulator:
    def __init__(self, api_key: str = DEFAULT_API_KEY, api_secret: str = DEFAULT_API_SECRET) -> None:
        self.api_key = api_key
        self.api_secret = api_secret
        self.controls = Controls("mailjet", http_rule_matches)
        self.lock = threading.Lock()
        self.reset_state()

    def reset_state(self) -> None:
        with self.lock:
            self.messages: list[dict[str, Any]] = []
            self.contacts: dict[str, dict[str, Any]] = {}  # by lower-cased e-mail
            self.metadata: dict[str, dict[str, Any]] = {}  # by lower-cased property name
            self.missing_templates: set[int] = set()
            self._message_ids = itertools.count(_FIRST_MESSAGE_ID)
            self._ids = itertools.count(1)

    def dump_state(self) -> dict[str, Any]:
        with self.lock:
            return {
                "messages": [dict(message) for message in self.messages],
                "contacts": [self._dump_contact(contact) for contact in self.contacts.values()],
                "contact_metadata": [dict(item) for item in self.metadata.values()],
                "missing_templates": sorted(self.missing_templates),
            }

    def authorized(self, auth: Authorization | None) -> bool:
        return auth is not None and auth.type == "basic" and (auth.username, auth.password) == (self.api_key, self.api_secret)

    # --- Send API v3.1 ---

    def send(self, body: Any) -> Answer:
        if not isinstance(body, dict):
            malformed = "Malformed JSON, please review the syntax and properties types."
            return {
                "ErrorIdentifier": str(uuid.uuid4()),
                "ErrorCode": "mj-0002",
                "ErrorMessage": malformed,
                "StatusCode": 400,
            }, 400
        messages = body.get("Messages")
        if messages is None:
            return {"Errors": [_missing("Messages")], "Messages": []}, 400
        if not isinstance(messages, list):
            return {"Errors": [_mismatch("Messages", "Messages")], "Messages": []}, 400
        if not messages:
            return {"Errors": [_error("mj-0007", "Array cannot be empty.", "Messages")], "Messages": []}, 400
        answers = [self._send_one(message) for message in messages]
        refused = any(answer["Status"] == "error" for answer in answers)
        return {"Messages": answers}, 400 if refused else 200

    def _send_one(self, message: Any) -> dict[str, Any]:
        if not isinstance(message, dict):
            return {"Status": "error", "Errors": [_mismatch("message", "Messages")]}
        with self.lock:
            missing_templates = set(self.missing_templates)
        attachments, attachment_errors = _attachments(message)
        errors = (
            _address_list_errors(message)
            + _content_errors(message, missing_templates)
            + _template_language_errors(message)
            + attachment_errors
        )
        if errors:
            return {"Status": "error", "Errors": errors}
        return self._keep(message, attachments)

    def _keep(self, message: dict[str, Any], attachments: list[dict[str, Any]]) -> dict[str, Any]:
        """Keep a valid message; each recipient gets its own message id, as at Mailjet."""
        unsubstituted = bool(message.get("Variables")) and message.get("TemplateLanguage") is not True
        with self.lock:
            recipients = {field: [self._stamp(r) for r in message.get(field, [])] for field in _RECIPIENT_FIELDS}
            self.messages.append(
                {
                    "From": message.get("From"),
                    **recipients,
                    "TemplateID": message.get("TemplateID"),
                    "TemplateLanguage": message.get("TemplateLanguage", False),
                    "Subject": message.get("Subject"),
                    "TextPart": message.get("TextPart"),
                    "HTMLPart": message.get("HTMLPart"),
                    "Variables": message.get("Variables", {}),
                    "Attachments": attachments,
                    "CustomID": message.get("CustomID", ""),
                    "TemplateErrorReporting": message.get("TemplateErrorReporting"),
                    "notes": [_UNSUBSTITUTED] if unsubstituted else [],
                    "received_at": self.controls.clock.now().isoformat().replace("+00:00", "Z"),
                }
            )
        sent = {field: [_sent(r) for r in recipients[field]] for field in _RECIPIENT_FIELDS}
        return {"Status": "success", "CustomID": message.get("CustomID", ""), **sent}

    def _stamp(self, recipient: dict[str, Any]) -> dict[str, Any]:
        """The recipient with its message ids (under self.lock)."""
        return {
            "Email": recipient["Email"],
            "Name": recipient.get("Name", ""),
            "MessageID": next(self._message_ids),
            "MessageUUID": str(uuid.uuid4()),
        }

    # --- REST v3 contacts ---

    def create_contact(self, body: dict[str, Any]) -> Answer:
        email = _field(body, "Email")
        if not _is_email(email):
            return _rest_error(f'"{email}" is an invalid email address.' if email else "Missing mandatory property: Email")
        with self.lock:
            if email.lower() in self.contacts:
                return _rest_error(f'MJ18 A Contact resource with value "{email}" for Email already exists.')
            contact = self._new_contact(email, _field(body, "Name", ""))
            contact["IsExcludedFromCampaigns"] = bool(_field(body, "IsExcludedFromCampaigns", False))
            return _rest([self._public_contact(contact)], 201)

    def create_metadata(self, body: dict[str, Any]) -> Answer:
        name, datatype = _field(body, "Name"), _field(body, "DataType")
        namespace = _field(body, "NameSpace", "static")
        if not isinstance(name, str) or not name.strip():
            return _rest_error("Missing mandatory property: Name")
        if datatype not in _DATATYPES or namespace not in ("static", "historic"):
            return _rest_error(
                "Object properties invalid", info={"DataType": sorted(_DATATYPES), "NameSpace": ["static", "historic"]}
            )
        with self.lock:
            if name.lower() in self.metadata:
                return _rest_error(f'MJ18 A ContactMetaData resource with value "{name}" for Name already exists.')
            item = {"DataType": datatype, "ID": next(self._ids), "Name": name, "NameSpace": namespace}
            self.metadata[name.lower()] = item
            return _rest([dict(item)], 201)

    def update_contact_data(self, contact_ref: str, body: dict[str, Any]) -> Answer:
        data = _field(body, "Data")
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            return _rest_error("Object properties invalid", info={"Data": "a list of {Name, Value} is required"})
        properties = {str(_field(item, "Name")): _field(item, "Value") for item in data}
        with self.lock:
            contact = self._find_contact(contact_ref)
            if contact is None:
                return _rest_error("Object not found", 404)
            invalid = self._invalid_properties(properties)
            if invalid:
                return _rest_error("Object properties invalid", info={"Properties": invalid})
            self._set_properties(contact, properties)
            values = [{"Name": name, "Value": value} for name, value in contact["Properties"].items()]
            return _rest([{"ContactID": contact["ID"], "Data": values, "ID": contact["ID"]}])

    def manage_list_contact(self, list_id: int, body: dict[str, Any]) -> Answer:
        email, action = _field(body, "Email"), _field(body, "Action")
        properties = _field(body, "Properties") or {}
        if not _is_email(email):
            return _rest_error(f'"{email}" is an invalid email address.' if email else "Missing mandatory property: Email")
        if action not in _LIST_ACTIONS:
            return _rest_error("Object properties invalid", info={"Action": list(_LIST_ACTIONS)})
        if not isinstance(properties, dict):
            return _rest_error("Object properties invalid", info={"Properties": "an object is required"})
        with self.lock:
            invalid = self._invalid_properties(properties)
            if invalid:
                return _rest_error("Object properties invalid", info={"Properties": invalid})
            contact = self.contacts.get(email.lower()) or self._new_contact(email, "")
            contact["Name"] = _field(body, "Name") or contact["Name"]
            self._set_properties(contact, properties)
            self._apply_list_action(contact, list_id, action)
            answer = {"ContactID": contact["ID"], "Email": contact["Email"], "Action": action, "Name": contact["Name"]}
            return _rest([{**answer, "Properties": dict(properties)}], 201)

    # The helpers below run under self.lock.

    def _new_contact(self, email: str, name: str) -> dict[str, Any]:
        contact = {
            "ID": next(self._ids),
            "Email": email,
            "Name": name or "",
            "CreatedAt": self.controls.clock.now().isoformat().replace("+00:00", "Z"),
            "IsExcludedFromCampaigns": False,
            "Properties": {},
            "Lists": {},  # list id -> unsubscribed?
        }
        self.contacts[email.lower()] = contact
        return contact

    def _find_contact(self, contact_ref: str) -> dict[str, Any] | None:
        """Mailjet addresses a contact by its e-mail or its numeric ID."""
        if contact_ref.isdigit():
            return next((c for c in self.contacts.values() if c["ID"] == int(contact_ref)), None)
        return self.contacts.get(contact_ref.lower())

    def _invalid_properties(self, properties: dict[str, Any]) -> list[dict[str, str]]:
        invalid = []
        for name, value in properties.items():
            definition = self.metadata.get(name.lower())
            if definition is None:
                invalid.append({name: "Property not defined"})
            elif value is not None and not _DATATYPES[definition["DataType"]](value):
                invalid.append({name: "Property type does not match definition"})
        return invalid

    def _set_properties(self, contact: dict[str, Any], properties: dict[str, Any]) -> None:
        for name, value in properties.items():
            canonical = self.metadata[name.lower()]["Name"]
            if value is None:
                contact["Properties"].pop(canonical, None)
            else:
                contact["Properties"][canonical] = value

    @staticmethod
    def _apply_list_action(contact: dict[str, Any], list_id: int, action: str) -> None:
        lists = contact["Lists"]
        if action == "remove":
            lists.pop(list_id, None)
        elif action == "addforce":
            lists[list_id] = False
        elif action == "addnoforce":
            lists.setdefault(list_id, False)
        else:  # unsub
            lists[list_id] = True

    @staticmethod
    def _public_contact(contact: dict[str, Any]) -> dict[str, Any]:
        """A contact as REST v3 shows it."""
        return {
            "CreatedAt": contact["CreatedAt"],
            "DeliveredCount": 0,
            "Email": contact["Email"],
            "ExclusionFromCampaignsUpdatedAt": "",
            "ID": contact["ID"],
            "IsExcludedFromCampaigns": contact["IsExcludedFromCampaigns"],
            "IsOptInPending": False,
            "IsSpamComplaining": False,
            "LastActivityAt": "",
            "LastUpdateAt": "",
            "Name": contact["Name"],
            "UnsubscribedAt": "",
            "UnsubscribedBy": "",
        }

    @staticmethod
    def _dump_contact(contact: dict[str, Any]) -> dict[str, Any]:
        lists = [{"ListID": list_id, "IsUnsubscribed": unsubscribed} for list_id, unsubscribed in contact["Lists"].items()]
        return {**contact, "Properties": dict(contact["Properties"]), "Lists": lists}


def create_app(api_key: str = DEFAULT_API_KEY, api_secret: str = DEFAULT_API_SECRET) -> Flask:
    """A Mailjet simulator app; point `mailjet.api_url` at its root URL."""
    sim = MailjetSimulator(api_key=api_key, api_secret=api_secret)
    app = Flask("sandbox_mailjet")
    app.extensions["sandbox"] = sim
    sim.controls.register(app, sim.dump_state, sim.reset_state)

    def guarded(work: Callable[[Any], Answer], rest: bool) -> Any:
        """Log the call, apply injected delay/failure and the credentials check, then run `work(body)`."""
        body = request.get_json(silent=True, force=True)
        auth = request.authorization
        call = sim.controls.record(
            {
                "method": request.method,
                "path": request.path,
                "query": request.args.to_dict(),
                "body": _loggable(body),
                "api_key": auth.username if auth else None,
            }
        )
        sim.controls.sleep(sim.controls.take_delay(call))
        failure = sim.controls.take_failure(call)
        if failure is not None:
            status = int(failure.get("status", 500))
            default = {"ErrorIdentifier": str(uuid.uuid4()), "StatusCode": status, "ErrorMessage": "injected failure"}
            return jsonify(failure.get("body", default)), status
        if not sim.authorized(auth):
            refusal = {"ErrorInfo": ""} if rest else {"ErrorIdentifier": str(uuid.uuid4())}
            return jsonify({**refusal, "ErrorMessage": AUTH_FAILURE, "StatusCode": 401}), 401
        if rest and not isinstance(body, dict):
            answer, status = _rest_error("Malformed JSON: an object is required")
        else:
            answer, status = work(body)
        return jsonify(answer), status

    @app.post("/v3.1/send")
    def send() -> Any:
        return guarded(sim.send, rest=False)

    @app.post("/v3/REST/contact")
    def create_contact() -> Any:
        return guarded(sim.create_contact, rest=True)

    @app.post("/v3/REST/contactmetadata")
    def create_metadata() -> Any:
        return guarded(sim.create_metadata, rest=True)

    @app.put("/v3/REST/contactdata/<contact_ref>")
    def update_contact_data(contact_ref: str) -> Any:
        return guarded(lambda body: sim.update_contact_data(contact_ref, body), rest=True)

    @app.post("/v3/REST/contactslist/<int:list_id>/managecontact")
    def manage_list_contact(list_id: int) -> Any:
        return guarded(lambda body: sim.manage_list_contact(list_id, body), rest=True)

    @app.route("/sandbox/templates", methods=["GET", "POST"])
    def sandbox_templates() -> Any:
        if request.method == "POST":
            missing = (request.get_json(silent=True) or {}).get("missing")
            if not isinstance(missing, list) or not all(type(item) is int for item in missing):
                return jsonify({"message": "missing must be a list of template ids (integers)"}), 400
            with sim.lock:
                sim.missing_templates = set(missing)
        with sim.lock:
            return jsonify({"missing": sorted(sim.missing_templates)})

    @app.errorhandler(404)
    def not_found(error: Exception) -> Any:
        return jsonify({"ErrorInfo": "", "ErrorMessage": "Object not found", "StatusCode": 404}), 404

    return app


def main(argv: list[str] | None = None) -> None:
    """`python -m omnicrm.sandbox.mailjet --port 8095 [--api-key KEY] [--api-secret SECRET]`."""

    def add_arguments(parser: Any) -> None:
        parser.add_argument("--api-key", default=DEFAULT_API_KEY, help=f"accepted API key (default {DEFAULT_API_KEY})")
        parser.add_argument(
            "--api-secret", default=DEFAULT_API_SECRET, help=f"accepted API secret (default {DEFAULT_API_SECRET})"
        )

    run_cli(
        "Mailjet simulator",
        lambda args: create_app(api_key=args.api_key, api_secret=args.api_secret),
        8095,
        argv,
        add_arguments,
        path_hint="/",
    )


if __name__ == "__main__":
    main()
