"""crm_config.yaml plus environment overrides, read once at start-up into one typed Settings object.

No other module reads the YAML file or the environment: they receive `Settings`.
Environment overrides use `CRM__<SECTION>__<KEY>=value` (values are parsed as YAML scalars), e.g.
`CRM__DATABASE__URL=mysql+pymysql://root@127.0.0.1/omnicrm` or `CRM__JOBS__BACKEND=rq`.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from cryptography.fernet import Fernet
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import URL

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # the checkout (the package is installed editable)
DEFAULT_CONFIG_PATH = PROJECT_ROOT / "crm_config.yaml"
VAR_DIR = PROJECT_ROOT / "var"
SAMPLE_JWT_SECRET = "<64 hex chars from: openssl rand -hex 32>"
ENV_PREFIX = "CRM__"

log = logging.getLogger(__name__)


class ConfigError(Exception):
    """The configuration cannot be used; the message names the offending key."""


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(Section):
    username: str | None = None
    password: str | None = None
    server: str = "localhost"
    port: int = 3306
    name: str = "omnicrm"
    url: str | None = None

    @model_validator(mode="after")
    def _credentials_or_url(self) -> DatabaseSettings:
        if self.url is None and self.username is None:
            raise ValueError("username is required when database.url is not given")
        return self

    @property
    def sqlalchemy_url(self) -> str:
        if self.url:
            return self.url
        url = URL.create(
            "mysql+pymysql", self.username, self.password, self.server, self.port, self.name, query={"charset": "utf8mb4"}
        )
        return url.render_as_string(hide_password=False)  # quotes @ / : in passwords


class RedisSettings(Section):
    url: str | None = None
    required: bool = False  # true in CI and production: no in-process fallback


class JobsSettings(Section):
    backend: Literal["thread", "rq"] = "thread"
    workers: int = Field(default=4, ge=1, le=64)
    queue: str = "omnicrm"


class HssSettings(Section):
    hss_peers: list[str] = []
    apn_list: str = ""


class MailjetTemplate(Section):
    from_email: str
    from_name: str = ""
    template_id: int
    subject: str = ""

    @field_validator("from_email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValueError("not a valid e-mail address")
        return value


class MailjetSettings(Section):
    api_key: str | None = None
    api_secret: str | None = None
    api_url: str = "https://api.mailjet.com/"
    timeout_seconds: float = Field(default=10, gt=0)
    retry_delays_seconds: list[float] = [1, 4, 16]
    support_url: str = ""
    template_error_reporting_email: str | None = None
    contact_list_id: int | None = None
    api_crmCommunicationCustomerWelcome: MailjetTemplate | None = None
    api_crmCommunicationCustomerInvoice: MailjetTemplate | None = None
    api_crmCommunicationCustomerInvoiceReminder: MailjetTemplate | None = None
    api_crmCommunicationUserWelcome: MailjetTemplate | None = None
    api_crmCommunicationUserPasswordReset: MailjetTemplate | None = None
    api_crmCommunicationUserPasswordResetSuccess: MailjetTemplate | None = None
    api_crmCommunicationUserPasswordChange: MailjetTemplate | None = None
    api_crmCommunicationEmailVerification: MailjetTemplate | None = None
    api_crmCommunicationsBalanceExpired: MailjetTemplate | None = None
    api_crmCommunicationsBalanceLow: MailjetTemplate | None = None


class ProvisioningSettings(Section):
    failure_list: list[str] = []
    playbooks_dir: str = str(PROJECT_ROOT / "Provisioners" / "plays")
    job_timeout_seconds: int = Field(default=600, ge=1)
    service_token_ttl_seconds: int = Field(default=7200, ge=60)
    max_concurrent_jobs: int = Field(default=4, ge=1)
    simple_recharge_wait_seconds: int = Field(default=120, ge=1)
    inventory_reservation_ttl_seconds: int = Field(default=900, ge=1)

    @field_validator("failure_list", mode="before")
    @classmethod
    def _single_string(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class InvoiceSettings(Section):
    template_filename: str | None = None


class CrmSettings(Section):
    base_url: str
    ui_url: str | None = None
    public_url: str | None = None

    @field_validator("base_url", "ui_url", "public_url")
    @classmethod
    def _absolute_http(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.match(r"^https?://[^/]+", value):
            raise ValueError("must be an absolute http(s) URL")
        return value.rstrip("/")


class OcsSettings(Section):
    ocsApi: str | None = None
    ocsTenant: str | None = None
    cgrates: str | None = None
    OCS: str | None = None  # accepted alias of `cgrates`; when both are set, playbooks see this one
    timeout_seconds: float = Field(default=5, gt=0)

    @property
    def jsonrpc_address(self) -> str | None:
        """The CGRateS `host:port` the product calls (spec 04 configuration: `cgrates`, alias `OCS`)."""
        return self.cgrates or self.OCS


class ServicesSettings(Section):
    expiring_soon_days: int = Field(default=7, ge=0)
    prorata_credit_on_addon_removal: bool = False
    cancellation_grace_days: int = Field(default=0, ge=0, le=30)
    return_due_days: int = Field(default=14, ge=1)

    @field_validator("cancellation_grace_days")
    @classmethod
    def _grace(cls, value: int) -> int:
        if 0 < value < 7:
            raise ValueError("0 (no grace period) or 7-30 days")
        return value


class BillingSettings(Section):
    charge_suspended_services: bool = False


class SelfCareSettings(Section):
    allow_service_cancellation: bool = False


class SmscSettings(Section):
    source_msisdn: str | None = None
    smsc_url: str | None = None
    api_key: str | None = None


class StripeSettings(Section):
    secret_key: str | None = None
    publishable_key: str | None = None
    currency: str | None = None
    statement_descriptor_suffix: str | None = Field(default=None, max_length=22)
    webhook_secret: str | None = None

    @field_validator("secret_key")
    @classmethod
    def _secret_prefix(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("sk_"):
            raise ValueError("must start with sk_")
        return value

    @field_validator("publishable_key")
    @classmethod
    def _publishable_prefix(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("pk_"):
            raise ValueError("must start with pk_")
        return value

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z]{3}", value):
            raise ValueError("must be a 3-letter ISO 4217 code")
        return value.lower() if value else value


def _check_networks(addresses: list[str]) -> list[str]:
    for address in addresses:
        try:
            ipaddress.ip_network(address, strict=False)
        except ValueError:
            raise ValueError(f"invalid IP address or CIDR {address!r}") from None
    return addresses


class ConfigApiKey(Section):
    roles: list[str] = Field(min_length=1)
    ips: list[str] | None = None
    description: str | None = None

    @field_validator("ips")
    @classmethod
    def _networks(cls, value: list[str] | None) -> list[str] | None:
        return value if value is None else _check_networks(value)


class WhitelistEntry(Section):
    roles: list[str] = Field(min_length=1)


def _fernet_key(value: str | None) -> str | None:
    if value is not None:
        try:
            Fernet(value)
        except ValueError:
            raise ValueError("must be a Fernet key (32 url-safe base64-encoded bytes)") from None
    return value


class TwoFactorSettings(Section):
    issuer_name: str = "OmniCRM"
    required_roles: list[str] = []
    required_for_all_staff: bool = False
    encryption_key: str | None = None

    @field_validator("encryption_key")
    @classmethod
    def _valid_key(cls, value: str | None) -> str | None:
        return _fernet_key(value)


class PasswordPolicy(Section):
    min_length: int = Field(default=8, ge=1)
    require_upper: bool = True
    require_lower: bool = True
    require_digit: bool = True
    require_special: bool = True


class SecondFactor(Section):
    issuer: str = "OmniCRM"
    backup_code_count: int = Field(default=10, ge=1)
    max_attempts: int = Field(default=5, ge=1)
    challenge_minutes: int = Field(default=5, ge=1)


class SecuritySettings(Section):
    encryption_key: str | None = None
    bcrypt_rounds: int = Field(default=12, ge=4, le=16)
    access_token_expires_minutes: int = Field(default=15, ge=1)
    refresh_token_expires_hours: int = Field(default=12, ge=1)
    remember_me_days: int = Field(default=30, ge=1)
    session_idle_timeout_minutes: int = Field(default=60, ge=1)
    password_reset_token_minutes: int = Field(default=60, ge=1)
    welcome_link_hours: int = Field(default=72, ge=1)
    reveal_unknown_email_on_reset: bool = True
    max_failed_logins: int = Field(default=5, ge=0)
    lockout_minutes: int = Field(default=30, ge=0)
    password_policy: PasswordPolicy = PasswordPolicy()
    require_email_verification: bool = False
    two_fa: SecondFactor = SecondFactor()

    @field_validator("encryption_key")
    @classmethod
    def _valid_key(cls, value: str | None) -> str | None:
        return _fernet_key(value)


class RateLimits(Section):
    login: str = "10/minute"
    default: str = "600/minute"

    @field_validator("login", "default")
    @classmethod
    def _limit(cls, value: str) -> str:
        if not re.fullmatch(r"\s*\d+\s*(?:/|per)\s*(second|minute|hour|day)s?\s*", value):
            raise ValueError("must look like '10/minute' (per second, minute, hour or day)")
        return value


class InventorySettings(Section):
    enforce_state_transitions: bool = True
    unique_itemtext1: bool = True
    bulk_max_items: int = Field(default=5000, ge=1)


class ServiceQualification(Section):
    templates: list[str] = []
    radius_m: int = Field(default=50, ge=1)
    served_values: list[str] = ["Served"]


class TagSettings(Section):
    purge_expired_after_days: int = Field(default=0, ge=0)


class ServerSettings(Section):
    host: str = "127.0.0.1"
    port: int = Field(default=5000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


DEFAULT_SERVICE_TYPES = ["omnicharge", "mobile", "internet", "iptv", "voip"]


class Settings(Section):
    """Everything the product is configured with. See crm_config.yaml.example for each key."""

    demo: bool = False
    database: DatabaseSettings | None = None
    redis: RedisSettings = RedisSettings()
    jobs: JobsSettings = JobsSettings()
    server: ServerSettings = ServerSettings()
    service_types: list[str] = Field(default_factory=lambda: list(DEFAULT_SERVICE_TYPES), min_length=1)
    hss: HssSettings = HssSettings()
    mailjet: MailjetSettings = MailjetSettings()
    provisioning: ProvisioningSettings = ProvisioningSettings()
    invoice: InvoiceSettings = InvoiceSettings()
    crm: CrmSettings
    ocs: OcsSettings = OcsSettings()
    smsc: SmscSettings = SmscSettings()
    cbc_url: str | None = None
    jwt_secret: str = Field(min_length=32)
    stripe: StripeSettings = StripeSettings()
    api_keys: dict[str, ConfigApiKey] = {}
    ip_whitelist: dict[str, WhitelistEntry] = {}
    two_factor: TwoFactorSettings = TwoFactorSettings()
    trusted_proxies: list[str] = []
    security: SecuritySettings = SecuritySettings()
    rate_limits: RateLimits = RateLimits()
    default_country: str | None = None
    inventory: InventorySettings = InventorySettings()
    service_qualification: ServiceQualification = ServiceQualification()
    tags: TagSettings = TagSettings()
    services: ServicesSettings = ServicesSettings()
    billing: BillingSettings = BillingSettings()
    self_care: SelfCareSettings = SelfCareSettings()

    @field_validator("service_types")
    @classmethod
    def _unique_types(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("duplicate service type")
        return value

    @field_validator("api_keys")
    @classmethod
    def _key_length(cls, value: dict[str, ConfigApiKey]) -> dict[str, ConfigApiKey]:
        for key in value:
            if len(key) < 32:
                raise ValueError(f"key '{key[:4]}...' is shorter than the 32-character minimum")
        return value

    @field_validator("ip_whitelist")
    @classmethod
    def _whitelist_addresses(cls, value: dict[str, WhitelistEntry]) -> dict[str, WhitelistEntry]:
        _check_networks(list(value))
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: list[str]) -> list[str]:
        return _check_networks(value)

    @property
    def database_url(self) -> str:
        if self.database is None:
            return f"sqlite:///{VAR_DIR / 'omnicrm.db'}"
        return self.database.sqlalchemy_url


# ---------------------------------------------------------------- loading


def load_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> tuple[Settings, list[str]]:
    """Read the config file and the environment; return the settings and the start-up warnings.

    Raises ConfigError naming the key (or the YAML line and column) when the configuration is unusable.
    """
    env = os.environ if env is None else env
    explicit = path or env.get("CRM_CONFIG_PATH")
    config_path = Path(explicit) if explicit else DEFAULT_CONFIG_PATH
    warnings: list[str] = []
    if config_path.exists():
        raw = _read_yaml(config_path)
    elif explicit:
        raise ConfigError(f"{config_path}: configuration file not found (CRM_CONFIG_PATH)")
    else:
        raw = _demo_defaults(env)
        warnings.append("no crm_config.yaml: starting in demo mode on SQLite")
    _apply_env_overrides(raw, env)
    _normalise_legacy_keys(raw, warnings)
    settings = _validate(raw, config_path.name)
    warnings.extend(_soft_checks(raw, settings))
    return settings, warnings


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise ConfigError(f"{path.name}: YAML syntax error at {where}: {exc.problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path.name}: the top level must be a mapping of keys")
    return data


def _demo_defaults(env: Mapping[str, str]) -> dict[str, Any]:
    host = env.get("HOST", "127.0.0.1")
    port = env.get("PORT", "5000")
    return {
        "demo": True,
        "jwt_secret": _persistent_demo_secret("demo_jwt_secret"),
        "crm": {"base_url": f"http://{host}:{port}"},
        "api_keys": {_persistent_demo_secret("demo_api_key"): {"roles": ["admin"], "description": "Demo admin key"}},
    }


def _persistent_demo_secret(name: str) -> str:
    """A random secret kept in var/, so demo sessions and keys survive a restart."""
    secret_file = VAR_DIR / name
    if not secret_file.exists():
        VAR_DIR.mkdir(exist_ok=True)
        secret_file.write_text(secrets.token_hex(32))
    return secret_file.read_text().strip()


def _apply_env_overrides(raw: dict[str, Any], env: Mapping[str, str]) -> None:
    for name, value in env.items():
        if not name.startswith(ENV_PREFIX):
            continue
        keys = [part.lower() if part.isupper() else part for part in name[len(ENV_PREFIX) :].split("__")]
        node = raw
        for key in keys[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        node[keys[-1]] = yaml.safe_load(value) if value != "" else None
    if "HOST" in env:
        raw.setdefault("server", {})["host"] = env["HOST"]
    if "PORT" in env:
        raw.setdefault("server", {})["port"] = env["PORT"]


def _normalise_legacy_keys(raw: dict[str, Any], warnings: list[str]) -> None:
    legacy = raw.pop("smc", None)
    if isinstance(legacy, dict):
        smsc = raw.setdefault("smsc", {})
        smsc.setdefault("source_msisdn", legacy.get("source_msidn", legacy.get("source_msisdn")))
        smsc.setdefault("smsc_url", legacy.get("smc_url", legacy.get("smsc_url")))
        if "api_key" in legacy:
            smsc.setdefault("api_key", legacy["api_key"])
        warnings.append("smc: legacy section name, read as smsc")
    base_url = (raw.get("crm") or {}).get("base_url")
    if isinstance(base_url, str) and base_url.endswith("/"):
        warnings.append("crm.base_url: trailing slash removed")
    unknown = sorted(set(raw) - set(Settings.model_fields))
    for key in unknown:
        warnings.append(f"{key}: unknown top-level key, ignored")
        raw.pop(key)


def _validate(raw: dict[str, Any], source: str) -> Settings:
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{source}: " + "; ".join(_describe(error) for error in exc.errors())) from None


def _describe(error: Mapping[str, Any]) -> str:
    parts = [str(part) for part in error["loc"]]
    if len(parts) > 1 and parts[0] == "api_keys":
        parts[1] = f"'{parts[1][:4]}...'"  # never echo a secret key
    key = ".".join(parts) or "(top level)"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "missing":
        return f"{key}: required key is missing"
    if error["type"] == "extra_forbidden":
        return f"{key}: unknown key"
    shown = error.get("input")
    if isinstance(shown, str | int | float | bool) and "api_keys" not in key and "secret" not in key:
        return f"{key}: {message} (got {shown!r})"
    return f"{key}: {message}"


def _soft_checks(raw: dict[str, Any], settings: Settings) -> list[str]:
    warnings = []
    if len(settings.jwt_secret) < 64:
        warnings.append("jwt_secret: shorter than 64 characters")
    if settings.jwt_secret == SAMPLE_JWT_SECRET:
        warnings.append("jwt_secret: default jwt_secret in use")
    for address in list(settings.ip_whitelist):
        if ipaddress.ip_network(address, strict=False).is_loopback:
            warnings.append(f"ip_whitelist.{address}: loopback entry ignored")
    stripe = settings.stripe
    if stripe.secret_key and stripe.publishable_key:
        if ("_live_" in stripe.secret_key) != ("_live_" in stripe.publishable_key):
            warnings.append("stripe: secret_key and publishable_key are not in the same mode (test/live)")
    if settings.two_factor.encryption_key is None and settings.security.encryption_key is None:
        warnings.append("two_factor.encryption_key: not set, derived from jwt_secret")
    return warnings


def whitelist_networks(settings: Settings) -> list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, WhitelistEntry]]:
    """The IP whitelist without its ignored loopback entries."""
    networks = []
    for address, entry in settings.ip_whitelist.items():
        network = ipaddress.ip_network(address, strict=False)
        if not network.is_loopback:
            networks.append((network, entry))
    return networks
