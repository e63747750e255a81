"""crm_config.yaml: typed settings, environment overrides, demo mode and start-up validation (spec 01 §7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from omnicrm import config
from omnicrm.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
GOOD = {
    "jwt_secret": "0123456789abcdef" * 4,
    "crm": {"base_url": "https://api.example.com"},
}


def write_config(tmp_path: Path, data: dict | str) -> Path:
    path = tmp_path / "crm_config.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data))
    return path


def load(tmp_path: Path, data: dict | str, env: dict | None = None) -> tuple[Settings, list[str]]:
    return load_settings(write_config(tmp_path, data), env=env or {})


def test_minimal_config_gives_typed_settings_with_defaults(tmp_path):
    settings, _ = load(tmp_path, GOOD)
    assert settings.demo is False
    assert settings.database is None and settings.database_url.startswith("sqlite:///")
    assert settings.service_types == ["omnicharge", "mobile", "internet", "iptv", "voip"]
    assert settings.security.max_failed_logins == 5 and settings.security.two_fa.backup_code_count == 10
    assert settings.jobs.backend == "thread"


def test_no_config_file_starts_demo_mode_on_sqlite(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "DEFAULT_CONFIG_PATH", tmp_path / "absent.yaml")
    monkeypatch.setattr(config, "VAR_DIR", tmp_path / "var")
    settings, warnings = load_settings(env={"PORT": "5099"})
    assert settings.demo is True
    assert settings.database_url == f"sqlite:///{config.VAR_DIR / 'omnicrm.db'}"
    assert settings.crm.base_url == "http://127.0.0.1:5099" and settings.server.port == 5099
    assert len(settings.jwt_secret) == 64
    assert any("demo mode" in warning for warning in warnings)
    again, _ = load_settings(env={})
    assert again.jwt_secret == settings.jwt_secret, "the demo secret survives a restart"
    assert list(again.api_keys) == list(settings.api_keys) and len(next(iter(settings.api_keys))) >= 32


def test_explicit_config_path_that_does_not_exist_fails(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(env={"CRM_CONFIG_PATH": str(tmp_path / "missing.yaml")})


def test_bad_database_port_names_the_key(tmp_path):
    with pytest.raises(ConfigError) as failure:
        load(tmp_path, {**GOOD, "database": {"username": "crm", "port": "x"}})
    assert "database.port" in str(failure.value)


def test_yaml_syntax_error_reports_line_and_column(tmp_path):
    with pytest.raises(ConfigError, match=r"YAML syntax error at line \d+, column \d+"):
        load(tmp_path, "jwt_secret: abc\ncrm:\n  base_url: [unclosed\n")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"jwt_secret": None}, "jwt_secret"),
        ({"jwt_secret": "short"}, "jwt_secret"),
        ({"crm": {}}, "crm.base_url"),
        ({"crm": {"base_url": "ftp://x"}}, "crm.base_url"),
        ({"stripe": {"statement_descriptor_suffix": "X" * 23}}, "stripe.statement_descriptor_suffix"),
        ({"stripe": {"secret_key": "pk_live_oops"}}, "stripe.secret_key"),
        ({"stripe": {"currency": "dollars"}}, "stripe.currency"),
        ({"mailjet": {"api_crmCommunicationUserWelcome": {"from_email": "a@b.co", "template_id": "abc"}}}, "template_id"),
        ({"mailjet": {"api_crmCommunicationUserWelcome": {"from_email": "nope", "template_id": 1}}}, "from_email"),
        ({"ip_whitelist": {"10.0.0.300": {"roles": ["admin"]}}}, "ip_whitelist"),
        ({"ip_whitelist": {"10.0.0.3": {"roles": []}}}, "ip_whitelist.10.0.0.3.roles"),
        ({"service_types": []}, "service_types"),
        ({"service_types": ["mobile", "mobile"]}, "service_types"),
        ({"jobs": {"backend": "celery"}}, "jobs.backend"),
    ],
)
def test_invalid_values_stop_startup_naming_the_key(tmp_path, change, key):
    """Spec 01 §10 edge case 11 and §7.1.3: the API refuses to start and the message names the key."""
    data = {**GOOD, **change}
    if change.get("jwt_secret", "") is None:
        del data["jwt_secret"]
    with pytest.raises(ConfigError) as failure:
        load(tmp_path, data)
    assert key in str(failure.value)


def test_01_26_config_api_key_shorter_than_32_chars_stops_startup(tmp_path):
    """A config-file API key under 32 characters: start-up fails naming api_keys and the minimum,
    and the message shows only the first 4 characters of the key."""
    with pytest.raises(ConfigError) as failure:
        load(tmp_path, {**GOOD, "api_keys": {"short-key": {"roles": ["admin"]}}})
    message = str(failure.value)
    assert "api_keys" in message and "32" in message
    assert "short-key" not in message and "shor" in message


def test_config_api_key_needs_roles_and_valid_ips(tmp_path):
    key = "k" * 40
    with pytest.raises(ConfigError, match="roles"):
        load(tmp_path, {**GOOD, "api_keys": {key: {"roles": []}}})
    with pytest.raises(ConfigError, match="ips"):
        load(tmp_path, {**GOOD, "api_keys": {key: {"roles": ["admin"], "ips": ["10.1.0.0/33"]}}})
    with pytest.raises(ConfigError) as failure:
        load(tmp_path, {**GOOD, "api_keys": {key: {"roles": ["admin"], "ips": ["nope"]}}})
    assert key not in str(failure.value), "a key never appears in an error message"


def test_base_url_trailing_slash_is_stripped_with_a_warning(tmp_path):
    settings, warnings = load(tmp_path, {**GOOD, "crm": {"base_url": "https://api.example.com/"}})
    assert settings.crm.base_url == "https://api.example.com"
    assert "crm.base_url: trailing slash removed" in warnings


def test_soft_problems_are_warnings_not_failures(tmp_path):
    settings, warnings = load(
        tmp_path,
        {
            **GOOD,
            "jwt_secret": config.SAMPLE_JWT_SECRET,
            "ip_whitelist": {"127.0.0.1": {"roles": ["admin"]}, "10.1.2.3": {"roles": ["admin"]}},
            "stripe": {"secret_key": "sk_live_x", "publishable_key": "pk_test_y"},
            "surprise": 1,
        },
    )
    assert "jwt_secret: default jwt_secret in use" in warnings
    assert "ip_whitelist.127.0.0.1: loopback entry ignored" in warnings
    assert "surprise: unknown top-level key, ignored" in warnings
    assert any(w.startswith("stripe:") for w in warnings)
    assert [str(network) for network, _ in config.whitelist_networks(settings)] == ["10.1.2.3/32"]


def test_legacy_smc_section_is_read_as_smsc(tmp_path):
    settings, _ = load(tmp_path, {**GOOD, "smc": {"source_msidn": "ShellFone", "smc_url": "http://smsc.local/"}})
    assert settings.smsc.source_msisdn == "ShellFone" and settings.smsc.smsc_url == "http://smsc.local/"


def test_environment_overrides_any_key(tmp_path):
    env = {
        "CRM__DATABASE__URL": "mysql+pymysql://crm:pw@db:3306/omnicrm",
        "CRM__JOBS__BACKEND": "rq",
        "CRM__JOBS__WORKERS": "7",
        "CRM__REDIS__URL": "redis://redis:6379/0",
        "CRM__PROVISIONING__FAILURE_LIST": "ops@example.com",
        "PORT": "8080",
    }
    settings, _ = load(tmp_path, GOOD, env)
    assert settings.database_url == "mysql+pymysql://crm:pw@db:3306/omnicrm"
    assert settings.jobs.backend == "rq" and settings.jobs.workers == 7
    assert settings.redis.url == "redis://redis:6379/0"
    assert settings.provisioning.failure_list == ["ops@example.com"]
    assert settings.server.port == 8080


def test_database_section_builds_a_mariadb_url(tmp_path):
    settings, _ = load(tmp_path, {**GOOD, "database": {"username": "omnitouch", "password": "p@ss/w:d", "server": "db"}})
    assert settings.database_url == "mysql+pymysql://omnitouch:p%40ss%2Fw%3Ad@db:3306/omnicrm?charset=utf8mb4"
    with pytest.raises(ConfigError, match="database"):
        load(tmp_path, {**GOOD, "database": {"server": "db"}})


def _field_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    paths = set()
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.add(path)
        annotation = field.annotation
        candidates = getattr(annotation, "__args__", (annotation,))
        for candidate in candidates:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel) and candidate is not config.MailjetTemplate:
                paths |= _field_paths(candidate, f"{path}.")
    return paths


def _yaml_paths(data: dict, prefix: str = "") -> set[str]:
    paths = set()
    for key, value in data.items():
        path = f"{prefix}{key}"
        paths.add(path)
        if key in ("api_keys", "ip_whitelist"):  # keyed by secret or address: document the entries' fields
            paths |= {f"{path}.{field}" for entry in value.values() for field in entry}
        elif isinstance(value, dict):
            paths |= _yaml_paths(value, f"{path}.")
    return paths


def test_example_config_is_valid_and_documents_every_key(tmp_path):
    example = ROOT / "crm_config.yaml.example"
    settings, _ = load_settings(example, env={})
    assert settings.mailjet.api_crmCommunicationsBalanceLow is not None
    documented = _yaml_paths(yaml.safe_load(example.read_text()))
    undocumented = _field_paths(Settings) - documented
    assert not undocumented, f"keys missing from crm_config.yaml.example: {sorted(undocumented)}"


def run_cli(*args: str, config_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM")}
    env["CRM_CONFIG_PATH"] = str(config_path)
    command = [sys.executable, "-m", "omnicrm", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def test_bad_config_stops_the_server_naming_the_key(tmp_path):
    bad = write_config(tmp_path, {**GOOD, "database": {"username": "crm", "port": "x"}})
    result = run_cli("serve", "--port", "1", config_path=bad)
    assert result.returncode == 2
    assert "database.port" in result.stderr
    check = run_cli("check-config", config_path=bad)
    assert check.returncode == 2 and "database.port" in check.stderr
    good = run_cli("check-config", config_path=write_config(tmp_path, GOOD))
    assert good.returncode == 0, good.stderr
