"""Demo data for `make run` in demo mode. Idempotent: running it again changes nothing.

Each feature adds its part as it arrives: users, customers with contacts and sites, inventory, products.
Demo passwords are deliberately weak and are refused at login whenever the product is not in demo mode.
Runs in an application context, through the features' own functions, so every rule applies to it too.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from omnicrm.auth.credentials import hash_password
from omnicrm.auth.models import Role, User
from omnicrm.catalogue import products
from omnicrm.catalogue.models import Product
from omnicrm.customers import customers
from omnicrm.customers.models import Customer
from omnicrm.inventory import items, templates

DEMO_USERS = (
    # e-mail, password, first name, last name, role
    ("admin@example.com", "admin", "Ada", "Admin", "Admin"),
    ("customer@example.com", "customer", "Carl", "Customer", "Customer"),
)
DEMO_PASSWORDS = frozenset(password for _, password, *_ in DEMO_USERS)
DEMO_CUSTOMERS = (
    {
        "customer_name": "Carl Customer",
        "contact": {
            "contact_firstname": "Carl",
            "contact_lastname": "Customer",
            "contact_email": "customer@example.com",
            "contact_types": "Primary,Billing",
        },
        "site": {
            "address_line_1": "221B Baker Street",
            "city": "London",
            "zip_code": "NW1 6XE",
            "country": "United Kingdom",
            "latitude": 51.5238,
            "longitude": -0.1586,
        },
    },
    {
        "customer_name": "Acme Telecom Ltd",
        "customer_account_type": "Business",
        "contact": {
            "contact_firstname": "Ann",
            "contact_lastname": "Acme",
            "contact_email": "ann@acme.example",
            "contact_types": "Primary,Technical",
        },
        "site": {
            "address_line_1": "1 Canada Square",
            "city": "London",
            "zip_code": "E14 5AB",
            "country": "United Kingdom",
            "latitude": 51.5049,
            "longitude": -0.0195,
        },
    },
)
DEMO_TEMPLATES = (
    {
        "item": "SIM Card",
        "wholesale_cost": 2.5,
        "retail_cost": 10,
        "itemtext1_label": "ICCID",
        "itemtext2_label": "IMSI",
        "itemtext3_label": "PUK Code",
        "itemtext4_label": "Ki",
        "itemtext5_label": "OPc",
    },
    {
        "item": "Mobile Number",
        "wholesale_cost": 1,
        "retail_cost": 0,
        "itemtext1_label": "MSISDN",
        "itemtext2_label": "Region",
    },
)
STOCK = 10  # of each template
DEMO_PRODUCTS = (
    {
        "product_name": "Mobile Prepaid 20GB",
        "product_slug": "mobile-prepaid-20gb",
        "service_type": "mobile",
        "retail_cost": 15,
        "wholesale_cost": 5,
        "wholesale_setup_cost": 1,
        "contract_days": 30,
        "auto_renew": "prompt",
        "customer_can_purchase": True,
        "inventory_items_list": ["SIM Card", "Mobile Number"],
        "features_list": "20GB high-speed data. Unlimited calls and texts. EU roaming included",
        "provisioning_play": "play_psim_only",
        "provisioning_json_vars": {"data_gb": 20, "voice_minutes": "unlimited", "sms_count": "unlimited", "days": 30},
    },
    {
        "product_name": "5GB Extra Data",
        "product_slug": "data-boost-5gb",
        "category": "addon",
        "service_type": "mobile",
        "retail_cost": 5,
        "wholesale_cost": 1.5,
        "auto_renew": "false",
        "allow_auto_renew": False,
        "customer_can_purchase": True,
        "features_list": "5GB extra data for 7 days. Used before your monthly allowance",
        "provisioning_play": "play_topup_charge_then_action",
        "provisioning_json_vars": {"data_gb": 5, "days": 7},
    },
    {
        "product_name": "Top-up 10",
        "product_slug": "topup-10",
        "category": "addon",
        "service_type": "mobile",
        "retail_cost": 10,
        "auto_renew": "false",
        "customer_can_purchase": True,
        "features_list": "10.00 of credit, valid 180 days",
        "provisioning_play": "play_topup_monetary",
    },
)


def _users(session: Session, bcrypt_rounds: int) -> None:
    for email, password, first_name, last_name, role_name in DEMO_USERS:
        if session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
            continue
        role = session.scalar(select(Role).where(Role.name_key == role_name.lower()))
        hashed = hash_password(password, bcrypt_rounds)
        session.add(
            User(
                username=email,
                email=email,
                email_verified=True,
                password_hash=hashed,
                first_name=first_name,
                last_name=last_name,
                roles=[role],
            )
        )
    session.commit()


def _customers(session: Session, default_country: str | None) -> None:
    for body in DEMO_CUSTOMERS:
        if session.scalar(select(Customer.customer_id).where(Customer.customer_name == body["customer_name"])) is None:
            customers.create(session, body, default_country)
    portal_user = session.scalar(select(User).where(User.email == "customer@example.com"))
    carl = session.scalar(select(Customer).where(Customer.customer_name == "Carl Customer"))
    if portal_user.contact_id is None:
        portal_user.contact_id = carl.contacts[0].contact_id
        session.commit()


def _inventory(session: Session) -> None:
    for body in DEMO_TEMPLATES:
        if templates.by_name(session, body["item"]) is None:
            template = templates.create(session, body)
            for n in range(1, STOCK + 1):
                texts = _sim(n) if body["item"] == "SIM Card" else [f"+44770090{n:04d}", "London"]
                fields = {f"itemtext{i}": text for i, text in enumerate(texts, 1)}
                items.create(
                    session, {"inventory_template_id": template.inventory_template_id, "item_state": "In Stock", **fields}
                )


def _sim(n: int) -> list[str]:
    """ICCID, IMSI, PUK, Ki and OPc of a demo SIM (test network MCC/MNC 001/01)."""
    return [f"8944100000000000{n:03d}", f"00101{n:010d}", f"{n:08d}", f"{n:032x}", f"{n + 7:032x}"]


def _products(session: Session) -> None:
    for body in DEMO_PRODUCTS:
        if session.scalar(select(Product.product_id).where(Product.product_slug == body["product_slug"])) is None:
            products.create(session, body)


def load(session: Session, bcrypt_rounds: int, default_country: str | None = "United Kingdom") -> list[tuple[str, str]]:
    """Create what is missing of the demo data; return the demo logins (e-mail, password)."""
    _users(session, bcrypt_rounds)
    _customers(session, default_country)
    _inventory(session)
    _products(session)
    return [(email, password) for email, password, *_ in DEMO_USERS]
