"""The API shell: health, Swagger, one error shape, trailing slashes, request ids, the SPA, authentication."""

from __future__ import annotations

import logging
import re

import pytest
from conftest import ADMIN_HEADERS, TEST_DB

from omnicrm import spa
from omnicrm.auth.principal import PUBLIC_ATTRIBUTE
from omnicrm.errors import ApiError

DOC_ENDPOINTS = {"api.doc", "api.specs", "restx_doc.static"}


def test_health_reports_database_and_redis(client, redis_url):
    response = client.get("/crm/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok", "backend": "mysql" if TEST_DB == "mariadb" else "sqlite"}
    assert body["redis"] == {"status": "ok", "backend": "redis" if redis_url else "in-process"}
    assert body["jobs"]["backend"] == "thread"


def test_health_says_503_when_the_database_is_down(make_app):
    app = make_app(database={"url": "mysql+pymysql://nobody@127.0.0.1:1/none"})
    response = app.test_client().get("/crm/health")
    assert response.status_code == 503
    body = response.get_json()
    assert body["database"]["status"] == "unavailable" and body["message"] == "Database unavailable"


def test_swagger_ui_and_one_openapi_document(client):
    for path in ("/crm/docs", "/crm/docs/"):
        page = client.get(path)
        assert page.status_code == 200 and b"swagger-ui" in page.data
    spec = client.get("/crm/swagger.json").get_json()
    assert spec["basePath"] == "/"
    assert "/crm/health" in spec["paths"] and "/crm/jobs" in spec["paths"]
    assert {"Bearer", "ApiKey"} <= set(spec["securityDefinitions"])


def test_every_api_route_is_in_the_openapi_document(app, client):
    """Every route the app serves (other than the docs and the SPA) is described, with its methods."""
    documented = client.get("/crm/swagger.json").get_json()["paths"]
    for rule in app.url_map.iter_rules():
        if rule.endpoint in DOC_ENDPOINTS or rule.endpoint.startswith("spa."):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        assert path in documented, f"{rule.rule} is not in /crm/swagger.json"
        methods = {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}
        assert methods <= set(documented[path]), f"{rule.rule}: {methods} not all documented"


@pytest.mark.parametrize("path", ["/crm/nothing-here", "/crm/nothing-here/", "/auth/nope", "/utilities/x", "/oam/y"])
def test_unknown_api_path_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.is_json and set(response.get_json()) == {"message"}


def test_wrong_method_is_a_json_405(client):
    response = client.delete("/crm/health")
    assert response.status_code == 405
    assert response.get_json() == {"message": "The method is not allowed for the requested URL."}
    assert "GET" in response.headers["Allow"]


def test_unhandled_error_is_a_json_500_without_stack_trace(make_app, caplog):
    app = make_app()

    @app.route("/crm/boom")
    def boom():
        raise RuntimeError("secret internals")

    @app.route("/crm/refused")
    def refused():
        raise ApiError(409, "Already done", {"field": "reason"})

    client = app.test_client()
    with caplog.at_level(logging.ERROR):
        response = client.get("/crm/boom")
    assert response.status_code == 500
    body = response.get_json()
    assert body["message"] == "Internal server error" and re.fullmatch(r"[0-9a-f]{32}", body["request_id"])
    assert b"secret internals" not in response.data and b"Traceback" not in response.data
    assert "secret internals" in caplog.text, "the operator still sees the cause in the log"
    assert client.get("/crm/refused").get_json() == {"message": "Already done", "errors": {"field": "reason"}}


def test_paths_work_with_and_without_trailing_slash_and_no_redirect(client):
    plain = client.get("/crm/jobs", headers=ADMIN_HEADERS)
    slashed = client.get("/crm/jobs/", headers=ADMIN_HEADERS)
    assert plain.status_code == slashed.status_code == 200
    assert plain.get_json() == slashed.get_json()
    assert client.get("/crm/health/").status_code == 200


def test_request_id_is_in_every_log_line_and_in_the_response(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/crm/health", headers={"X-Request-ID": "trace-42"})
    assert response.headers["X-Request-ID"] == "trace-42"
    lines = [record for record in caplog.records if record.name == "omnicrm.request"]
    assert lines and all(record.request_id == "trace-42" for record in lines)
    generated = client.get("/crm/health", headers={"X-Request-ID": "bad id with spaces"}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)


def test_spa_is_served_at_root_with_client_side_routing_fallback(make_app, tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<div id=root>OmniCRM app</div>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    monkeypatch.setattr(spa, "UI_DIST", tmp_path)
    client = make_app().test_client()
    for path in ("/", "/login", "/customers/12", "/self-care/invoices", "/topup"):
        response = client.get(path)
        assert response.status_code == 200 and b"OmniCRM app" in response.data, path
    assert client.get("/assets/app.js").data == b"console.log(1)"
    assert client.get("/crm/customers-unknown").is_json


def test_spa_not_built_is_a_clear_json_503(make_app, tmp_path, monkeypatch):
    monkeypatch.setattr(spa, "UI_DIST", tmp_path / "missing")
    response = make_app().test_client().get("/")
    assert response.status_code == 503 and "npm run build" in response.get_json()["message"]


SIMPLE = ("simple_provision_addon", "simple_provision_addon_recharge")


def _sample_url(rule) -> str:
    return re.sub(r"<(?:([a-z]+):)?[a-z_]+>", lambda m: "1" if m.group(1) == "int" else "x", rule.rule)


def _is_public(app, rule, method: str) -> bool:
    view = app.view_functions[rule.endpoint]
    handler = getattr(getattr(view, "view_class", None), method.lower(), view)
    return getattr(handler, PUBLIC_ATTRIBUTE, False)


def test_every_endpoint_needs_credentials_unless_reviewed_public(app, client):
    """Walks Flask's URL map: without credentials every endpoint answers 401, except the reviewed public list and
    the machine-only simple-provisioning triggers, which answer 403 "Access denied" (spec 04 API/Provisioning)."""
    machine_only = {f"/crm/provision/{name}/service_id/<int:service_id>/product_id/<int:product_id>" for name in SIMPLE}
    public = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in DOC_ENDPOINTS:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if _is_public(app, rule, method):
                public.add(f"{method} {rule.rule}")
                continue
            response = client.open(_sample_url(rule), method=method)
            expected = 403 if rule.rule in machine_only else 401
            assert response.status_code == expected, f"{method} {rule.rule} answered {response.status_code} without credentials"
    reviewed = {"GET /crm/health", "GET /", "GET /<path:path>"}
    for path in ("login", "forgot_password", "reset_password", "verify_email", "refresh"):  # refresh carries its own token
        reviewed |= {f"POST /auth/{path}", f"POST /crm/auth/{path}"}
    reviewed |= {"POST /2fa/verify/user/<int:user_id>", "POST /crm/2fa/verify/user/<int:user_id>"}  # carries the 2FA challenge
    reviewed |= {f"{method} /crm/activity/activity_id/<int:activity_id>" for method in ("PATCH", "DELETE")}  # 405 for everyone
    assert public == reviewed


def test_02_26_first_presented_credential_decides(make_app):
    """An invalid Bearer from a whitelisted IP is 401 (no fall-through); the same request without the header
    is authorised with the whitelist roles; a valid X-API-KEY is authorised with its roles."""
    client = make_app(ip_whitelist={"10.1.2.3": {"roles": ["admin"]}}).test_client()
    whitelisted = {"REMOTE_ADDR": "10.1.2.3"}
    assert client.get("/crm/jobs", headers={"Authorization": "Bearer xyz"}, environ_base=whitelisted).status_code == 401
    assert client.get("/crm/jobs", environ_base=whitelisted).status_code == 200
    assert client.get("/crm/jobs", headers=ADMIN_HEADERS, environ_base={"REMOTE_ADDR": "192.0.2.9"}).status_code == 200
    wrong_key = {"X-API-KEY": "x" * 40}
    assert client.get("/crm/jobs", headers=wrong_key, environ_base=whitelisted).status_code == 401


def test_01_27_ip_whitelist_grants_its_roles_to_that_address_only(make_app):
    """ip_whitelist {"10.1.2.3": admin}: a credential-less request from 10.1.2.3 is admin, from 10.1.2.4 it is 401.
    Also edge case 12: a loopback entry is ignored, so a credential-less request from localhost is 401."""
    client = make_app(ip_whitelist={"10.1.2.3": {"roles": ["admin"]}, "127.0.0.1": {"roles": ["admin"]}}).test_client()
    assert client.get("/crm/jobs", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200
    refused = client.get("/crm/jobs", environ_base={"REMOTE_ADDR": "10.1.2.4"})
    assert refused.status_code == 401 and refused.get_json() == {"message": "Authentication required"}
    assert client.get("/crm/jobs", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 401


def test_config_api_key_source_ips_roles_and_bearer_refusal(make_app):
    key = "ops-key-" + "b" * 40
    client = make_app(
        api_keys={key: {"roles": ["admin"], "ips": ["10.0.1.0/24"]}, "viewer-key-" + "c" * 40: {"roles": ["viewer"]}},
    ).test_client()
    assert client.get("/crm/jobs", headers={"X-API-KEY": key}, environ_base={"REMOTE_ADDR": "10.0.1.7"}).status_code == 200
    outside = client.get("/crm/jobs", headers={"X-API-KEY": key}, environ_base={"REMOTE_ADDR": "10.0.2.7"})
    assert outside.status_code == 401 and outside.get_json()["message"] == "API key not permitted from this IP"
    assert client.get("/crm/jobs", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    viewer = client.get("/crm/jobs", headers={"X-API-KEY": "viewer-key-" + "c" * 40})
    assert viewer.status_code == 403 and viewer.get_json() == {"message": "Permission denied: requires admin"}


def test_trusted_proxy_forwarded_address_is_used_only_from_trusted_peers(make_app):
    client = make_app(ip_whitelist={"10.1.2.3": {"roles": ["admin"]}}, trusted_proxies=["192.0.2.1"]).test_client()
    forwarded = {"X-Forwarded-For": "10.1.2.3, 192.0.2.1"}
    assert client.get("/crm/jobs", headers=forwarded, environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 200
    assert client.get("/crm/jobs", headers=forwarded, environ_base={"REMOTE_ADDR": "192.0.2.99"}).status_code == 401
