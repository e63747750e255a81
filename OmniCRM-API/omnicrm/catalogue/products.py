"""Products (spec 06 §1, §B2, §B3): validation of every field, derived fields, and what a buyer may see."""

from __future__ import annotations

import ast
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from omnicrm import clock
from omnicrm.activity import log
from omnicrm.catalogue.models import AUTO_RENEW, CATEGORIES, Product
from omnicrm.errors import bad_request, conflict, not_found
from omnicrm.fields import Reader, iso
from omnicrm.inventory import templates
from omnicrm.inventory.templates import money
from omnicrm.provisioning import playbooks
from omnicrm.services.models import Service, ServiceAddon

SLUG_FORBIDDEN = re.compile(r"[\s/?#%]")
COSTS = ("retail_cost", "wholesale_cost", "retail_setup_cost", "wholesale_setup_cost")
CUSTOMER_HIDDEN = ("comment", "wholesale_cost", "wholesale_setup_cost", "provisioning_play", "provisioning_json_vars")
MARGINS = ("monthly_margin", "markup_percent", "margin_percent", "setup_margin")
CENT = Decimal("0.01")


# ------------------------------------------------------------------ list-literal fields


def parse_list(value: object, field: str) -> list[str]:
    """A JSON array, a Python-list string in either quote style, or ""/null for none."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        items = value
    elif isinstance(value, str) and value.strip().startswith("["):
        try:
            items = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            raise bad_request("Invalid list", {field: "not a valid list of strings"}) from None
    else:
        raise bad_request("Invalid list", {field: "a list of names, e.g. ['SIM Card', 'Mobile Number']"})
    if not isinstance(items, list) or not all(isinstance(item, str | int) and not isinstance(item, bool) for item in items):
        raise bad_request("Invalid list", {field: "not a valid list of strings"})
    return [str(item) for item in items]


def _relies_on(value: object) -> list[str]:
    """Product ids and/or service types, as a list or comma-separated ("mobile, 42")."""
    if isinstance(value, str) and not value.strip().startswith("["):
        return [part.strip() for part in value.split(",") if part.strip()]
    return parse_list(value, "relies_on_list")


def list_literal(items: list[str]) -> str:
    return "[" + ", ".join(repr(item) for item in items) + "]"


def features(value: str) -> list[str]:
    """Bullets from either format of features_list (06 §1b)."""
    if value.strip().startswith("["):
        return parse_list(value, "features_list")
    parts = [part.strip() for part in value.split(". ")]
    if parts:
        parts[-1] = parts[-1].removesuffix(".")
    return [part for part in parts if part]


def _features_list(value: object) -> str:
    if isinstance(value, list):
        return list_literal(parse_list(value, "features_list"))
    if not isinstance(value, str):
        raise bad_request("Invalid product", {"features_list": "text or a list of strings"})
    features(value)  # refuses a broken list string
    return value


def _inventory_items(session: Session, value: object) -> str:
    names = parse_list(value, "inventory_items_list")
    if len(set(names)) != len(names):
        raise bad_request("Invalid product", {"inventory_items_list": "a template is listed twice"})
    for name in names:
        if templates.by_name(session, name) is None:
            raise bad_request(
                f"Unknown inventory template '{name}'", {"inventory_items_list": f"Unknown inventory template '{name}'"}
            )
    return list_literal(names)


def _json_vars(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dict):
        return json.dumps(value)
    try:
        parsed = json.loads(value) if isinstance(value, str) else None
    except json.JSONDecodeError:
        parsed = None
    if not isinstance(parsed, dict):
        raise bad_request("Invalid product", {"provisioning_json_vars": "a JSON object"})
    return value


def _playbook(value: object) -> str | None:
    if value is None or value == "":
        return None
    playbooks.play_file(value)  # 400 for a bad name or a missing file
    return str(value)


def _auto_renew(value: object) -> str:
    text = {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else value
    if text not in AUTO_RENEW:
        raise bad_request("Invalid product", {"auto_renew": "prompt, true or false"})
    return text


# ------------------------------------------------------------------ validation


def read(session: Session, body: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    reader = Reader(body, partial)
    reader.text("product_name", required=True, max_length=255)
    reader.text("product_slug", required=True, max_length=255)
    reader.choice("category", CATEGORIES)
    reader.text("service_type", max_length=64)
    for flag in ("enabled", "residential", "business", "customer_can_purchase", "allow_auto_renew"):
        reader.boolean(flag)
    reader.text("icon", max_length=128)
    reader.text("comment", max_length=65_000)
    reader.text("terms", max_length=65_000)
    reader.integer("contract_days")
    reader.moment("available_from")
    reader.moment("available_until")
    for field in COSTS:
        value = money(body, field, reader.errors, required=False)
        if isinstance(value, Decimal):
            reader.values[field] = value
    if "tax_percentage" in body:
        tax = money(body, "tax_percentage", reader.errors, required=False)
        if isinstance(tax, Decimal) and tax > 100:
            reader.errors["tax_percentage"] = "between 0 and 100"
        elif isinstance(tax, Decimal):
            reader.values["tax_percentage"] = tax
    slug = reader.values.get("product_slug")
    if slug and SLUG_FORBIDDEN.search(slug):
        reader.errors["product_slug"] = "no spaces or / ? # %"
    values = reader.check("Invalid product")
    for field, parse in (
        ("auto_renew", _auto_renew),
        ("features_list", _features_list),
        ("provisioning_json_vars", _json_vars),
        ("provisioning_play", _playbook),
        ("relies_on_list", lambda v: list_literal(_relies_on(v))),
        ("inventory_items_list", lambda v: _inventory_items(session, v)),
    ):
        if field in body:
            values[field] = parse(body[field])
    return values


def _check_window(product: Product) -> None:
    if product.available_from and product.available_until and product.available_until <= product.available_from:
        raise bad_request("Invalid product", {"available_until": "must be after available_from"})
    if product.contract_days is not None and product.contract_days < 0:
        raise bad_request("Invalid product", {"contract_days": "at least 0"})


def _ensure_slug_free(session: Session, slug: str, product_id: int | None = None) -> None:
    query = select(Product.product_id).where(func.lower(Product.product_slug) == slug.lower())
    if product_id is not None:
        query = query.where(Product.product_id != product_id)
    if session.scalar(query) is not None:
        raise conflict(f"The product slug {slug!r} is already used")


# ------------------------------------------------------------------ reads and writes


def availability(product: Product) -> str:
    now = clock.now()
    if not product.enabled:
        return "disabled"
    if product.available_from and now < product.available_from:
        return "scheduled"
    if product.available_until and now >= product.available_until:
        return "expired"
    return "available"


def _ratio(part: Decimal, whole: Decimal) -> float | None:
    return None if whole == 0 else float((part / whole * 100).quantize(CENT, ROUND_HALF_UP))


def as_dict(product: Product, for_customer: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "product_id": product.product_id,
        **{column.name: getattr(product, column.name) for column in Product.__table__.columns if column.name != "product_id"},
    }
    for field in (*COSTS, "tax_percentage"):
        body[field] = float(getattr(product, field))
    for field in ("available_from", "available_until", "created", "last_modified"):
        body[field] = iso(getattr(product, field))
    body["features"] = features(product.features_list or "")
    body["inventory_items"] = parse_list(product.inventory_items_list, "inventory_items_list")
    body["availability_status"] = availability(product)
    margin = product.retail_cost - product.wholesale_cost
    body["monthly_margin"] = float(margin.quantize(CENT, ROUND_HALF_UP))
    body["markup_percent"] = _ratio(margin, product.wholesale_cost)
    body["margin_percent"] = _ratio(margin, product.retail_cost)
    body["setup_margin"] = float((product.retail_setup_cost - product.wholesale_setup_cost).quantize(CENT, ROUND_HALF_UP))
    if for_customer:
        for field in (*CUSTOMER_HIDDEN, *MARGINS):
            body.pop(field)
    return body


def get(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise not_found("Product")
    return product


def by_slug(session: Session, slug: str) -> Product:
    product = session.scalar(select(Product).where(func.lower(Product.product_slug) == slug.lower()))
    if product is None:
        raise not_found("Product")
    return product


def create(session: Session, body: dict[str, Any]) -> Product:
    values = read(session, body)
    _ensure_slug_free(session, values["product_slug"])
    product = Product(**values)
    _check_window(product)
    session.add(product)
    session.flush()
    log.record(session, "product", "product_created", f"Product {product.product_name} created", object_id=product.product_id)
    session.commit()
    return product


def update(session: Session, product: Product, body: dict[str, Any]) -> Product:
    values = read(session, body, partial=True)
    if values.get("product_slug"):
        _ensure_slug_free(session, values["product_slug"], product.product_id)
    before = as_dict(product)
    for field, value in values.items():
        setattr(product, field, value)
    _check_window(product)
    product.last_modified = clock.now()
    session.flush()
    changes = log.changes(before, as_dict(product))
    log.record(
        session,
        "product",
        "product_updated",
        f"Product {product.product_name} updated",
        object_id=product.product_id,
        changes_json=changes,
    )
    session.commit()
    return product


def delete(session: Session, product: Product) -> None:
    """A product that a service or an add-on still references stays (06): retire it instead."""
    in_use = session.scalar(select(Service.service_id).where(Service.product_id == product.product_id).limit(1))
    in_use = in_use or session.scalar(
        select(ServiceAddon.service_addon_id).where(ServiceAddon.product_id == product.product_id).limit(1)
    )
    if in_use is not None:
        raise conflict(
            f"Product {product.product_name} is used by services: set enabled=false or available_until to retire it instead"
        )
    log.record(session, "product", "product_deleted", f"Product {product.product_name} deleted", object_id=product.product_id)
    session.delete(product)
    session.commit()


def purchasable(
    session: Session, category: str | None, service_type: str | None, account_type: str | None, self_care: bool
) -> list[Product]:
    """What a buyer may order now (06 §B3): enabled, inside the window, matching the customer type."""
    query = select(Product).where(Product.enabled.is_(True))
    if category:
        query = query.where(Product.category == category)
    if service_type:
        query = query.where(Product.service_type == service_type)
    if self_care:
        query = query.where(Product.customer_can_purchase.is_(True))
    if account_type == "Business":
        query = query.where(Product.business.is_(True))
    elif account_type == "Individual":  # decision 61: residential, or at least not business-only
        query = query.where(or_(Product.residential.is_(True), Product.business.is_(False)))
    return [product for product in session.scalars(query.order_by(Product.product_id)) if availability(product) == "available"]
