"""docker-compose.yml (no Docker engine runs here): its services, images, ports and environment agree with
.env.example and with the product's configuration."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from omnicrm.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name] = value
    return pairs


def test_services_images_and_ports():
    services = COMPOSE["services"]
    assert set(services) == {"mariadb", "redis", "api", "worker"}
    assert services["mariadb"]["image"].startswith("mariadb:")
    assert services["redis"]["image"].startswith("redis:")
    assert services["api"]["image"] == services["worker"]["image"] and services["api"]["build"] == "."
    assert services["api"]["ports"] == ["${API_PORT:-5000}:5000"]
    assert "gunicorn" in " ".join(services["api"]["command"]) and "wsgi:app" in " ".join(services["api"]["command"])
    assert services["worker"]["command"] == ["omnicrm", "worker"]
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no health check"
        assert service.get("env_file", ".env") == ".env"
    for name in ("api", "worker"):
        assert services[name]["depends_on"]["mariadb"]["condition"] == "service_healthy"
    assert "/crm/health" in " ".join(services["api"]["healthcheck"]["test"])


def test_volumes_are_declared_and_persistent():
    declared = set(COMPOSE["volumes"])
    used = set()
    for service in COMPOSE["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith("."):
                used.add(source)
    assert used == declared and {"mariadb-data", "redis-data"} <= declared


def test_every_compose_variable_is_in_env_example():
    referenced = set(re.findall(r"\$\{([A-Z0-9_]+)(?::-[^}]*)?\}", COMPOSE_TEXT))
    missing = referenced - set(env_example())
    assert not missing, f".env.example lacks {sorted(missing)}"
    for name in ("MYSQL_ROOT_PASSWORD", "MYSQL_USER", "MYSQL_PASSWORD", "MYSQL_DATABASE", "DB_SERVER"):
        assert name in env_example()


def test_api_environment_configures_the_product_for_compose(tmp_path):
    """The CRM__* variables given to the API, with .env.example's values, make a valid production config."""
    values = env_example()
    environment = COMPOSE["services"]["api"]["environment"]
    env = {
        name: re.sub(r"\$\{([A-Z0-9_]+)\}", lambda m: values[m.group(1)], str(value))
        for name, value in environment.items()
        if name.startswith("CRM__")
    }
    config = tmp_path / "crm_config.yaml"
    config.write_text(yaml.safe_dump({"jwt_secret": "f" * 64, "crm": {"base_url": "https://api.example.com"}}))
    settings, _ = load_settings(config, env=env)
    assert isinstance(settings, Settings)
    assert settings.database_url == "mysql+pymysql://omnitouch:change-me-too-Mixed-2%21@mariadb:3306/omnicrm?charset=utf8mb4"
    assert settings.redis.url == "redis://redis:6379/0" and settings.redis.required
    assert settings.jobs.backend == "rq"
    assert environment["CRM_CONFIG_PATH"] == "/etc/omnicrm/crm_config.yaml"
    assert values["DB_SERVER"] == "mariadb", "DB_SERVER must name the compose service"
