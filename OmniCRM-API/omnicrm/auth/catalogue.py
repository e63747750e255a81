"""The permission catalogue (spec 07 "Permissions"), its modules for the UI, and the names it replaced."""

from __future__ import annotations

ADMIN = "admin"
ADMIN_ROLE = "Admin"
CUSTOMER_ROLE = "Customer"
PROTECTED_ROLES = frozenset({ADMIN_ROLE.lower(), CUSTOMER_ROLE.lower()})

CRUD = ("view", "create", "update", "delete")

# module -> (resources, whether each resource has a view_own_ permission)
MODULES: dict[str, tuple[tuple[str, bool], ...]] = {
    "Customers": (
        ("customer", True),
        ("customer_site", True),
        ("customer_contact", True),
        ("customer_attribute", True),
        ("customer_tag", True),
        ("customer_service", True),
        ("customer_activity", True),
    ),
    "Billing": (("customer_stripe_card", True), ("customer_transaction", True), ("customer_invoice", True)),
    "Communications": (("communication", True),),
    "Inventory": (("inventory", True), ("inventory_template", True)),
    "Products": (("product", False),),
    "Cell broadcast": (("cbc_message", False),),
    "Provisioning": (("provision", True), ("provision_event", False)),
}

# Older names still accepted on input (API-key permission lists, config roles), normalised to the catalogue.
ALIASES = {
    "manage_api_keys": ADMIN,
    "reset_user_2fa": ADMIN,
    "cgrates_api_access": ADMIN,
    "view_invoice": "view_customer_invoice",
    "view_service": "view_customer_service",
    "create_service": "create_customer_service",
    "view_provisioning": "view_provision",
    "create_provisioning": "create_provision",
    "approve_cbc_message": "update_cbc_message",
    "view_hotspot_topup": "view_customer_transaction",
}


def module_permissions() -> dict[str, list[str]]:
    """Every catalogue permission, grouped by module (the UI's permission matrix and checklists)."""
    grouped = {"Global": [ADMIN, "can_impersonate"]}
    for module, resources in MODULES.items():
        names = []
        for resource, has_own in resources:
            names += [f"{action}_{resource}" for action in CRUD]
            if has_own:
                names.append(f"view_own_{resource}")
        grouped[module] = names
    return grouped


def all_permissions() -> list[str]:
    return [name for names in module_permissions().values() for name in names]


def normalise(name: str) -> str:
    """Lower-case and map a replaced name to its catalogue name."""
    lowered = name.strip().lower()
    return ALIASES.get(lowered, lowered)
