"""The ten Mailjet e-mail types (spec 06 B11): the variables each template is given, and which of them are
secrets that the communication log keeps only as "***"."""

from __future__ import annotations

from typing import Any

from omnicrm.config import MailjetTemplate, Settings

VARIABLES: dict[str, tuple[str, ...]] = {
    "api_crmCommunicationCustomerWelcome": ("customer_name", "email", "company_name", "login_url", "support_url"),
    "api_crmCommunicationCustomerInvoice": (
        "customer_name",
        "invoice_number",
        "invoice_date",
        "due_date",
        "total_amount",
        "invoice_url",
        "pay_url",
    ),
    "api_crmCommunicationCustomerInvoiceReminder": (
        "customer_name",
        "invoice_number",
        "due_date",
        "days_overdue",
        "total_amount",
        "pay_url",
    ),
    "api_crmCommunicationUserWelcome": ("user_name", "email", "role", "login_url", "temp_password", "support_email"),
    "api_crmCommunicationUserPasswordReset": ("user_name", "reset_url", "expiry_time"),
    "api_crmCommunicationUserPasswordResetSuccess": ("user_name", "change_date", "ip_address", "support_email"),
    "api_crmCommunicationUserPasswordChange": ("user_name", "change_date", "changed_by", "support_email"),
    "api_crmCommunicationEmailVerification": ("user_name", "verification_url", "verification_code"),
    "api_crmCommunicationsBalanceExpired": ("customer_name", "service_name", "expiry_date", "balance_type", "renewal_url"),
    "api_crmCommunicationsBalanceLow": (
        "customer_name",
        "service_name",
        "current_balance",
        "threshold",
        "balance_type",
        "topup_url",
    ),
}
# The spec's four, and the set-password link of our staff welcome e-mail (it signs in as the user).
SECRETS = frozenset({"reset_url", "temp_password", "verification_url", "verification_code", "set_password_url"})
SAMPLE_PREFIX = "sample "


def template(settings: Settings, key: str) -> MailjetTemplate | None:
    """The configured block of an e-mail type, or None (not one of the ten, or not configured)."""
    return getattr(settings.mailjet, key, None) if key in VARIABLES else None


def complete(key: str, variables: dict[str, Any]) -> dict[str, str]:
    """Every documented variable of the type, as text ("" when missing), so a template never shows a raw
    placeholder; the caller's extra variables go along too."""
    names = VARIABLES.get(key, ())
    values = {name: variables.get(name) for name in names} | {k: v for k, v in variables.items() if k not in names}
    return {name: "" if value is None else str(value) for name, value in values.items()}


def redacted(variables: dict[str, Any]) -> dict[str, Any]:
    return {name: "***" if name in SECRETS and value else value for name, value in variables.items()}


def samples(key: str, given: dict[str, Any]) -> dict[str, Any]:
    """For a test e-mail: the caller's values, and a sample for each documented variable left out."""
    return {name: f"{SAMPLE_PREFIX}{name}" for name in VARIABLES[key]} | given


def listing(settings: Settings) -> list[dict[str, Any]]:
    """The ten keys, configured or not, never with the API credentials."""
    rows = []
    for key in VARIABLES:
        block = template(settings, key)
        rows.append(
            {
                "key": key,
                "configured": block is not None,
                "from_email": block.from_email if block else None,
                "from_name": block.from_name if block else None,
                "template_id": block.template_id if block else None,
                "subject": block.subject if block else None,
                "variables": list(VARIABLES[key]),
            }
        )
    return rows
