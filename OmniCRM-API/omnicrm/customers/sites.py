"""Customer sites (spec 02 §2.3, §4.4): address, coordinates and an Open Location Code computed locally."""

from __future__ import annotations

import math
from typing import Any

from openlocationcode import openlocationcode as olc
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from omnicrm.activity import log
from omnicrm.customers.models import Customer, Site
from omnicrm.errors import bad_request, not_found
from omnicrm.fields import Reader, iso

EARTH_RADIUS_KM = 6371.0088
PLUS_CODE_LENGTH = 11  # 12 characters with the "+": about 3 m x 3 m
FIELDS = (
    "site_name",
    "address_line_1",
    "address_line_2",
    "city",
    "state",
    "zip_code",
    "country",
    "latitude",
    "longitude",
    "google_maps_place_id",
    "plus_code",
    "address_note",
)


def read(body: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    reader = Reader(body, partial)
    reader.text("site_name", max_length=255)
    reader.text("address_line_1", required=True, max_length=255)
    for field, length in (("address_line_2", 255), ("city", 100), ("state", 100), ("zip_code", 20), ("country", 100)):
        reader.text(field, max_length=length)
    reader.number("latitude", required=True, low=-90, high=90)
    reader.number("longitude", required=True, low=-180, high=180)
    reader.text("google_maps_place_id", max_length=255)
    reader.text("plus_code", max_length=20)
    reader.text("address_note", max_length=4000)
    values = reader.check("Invalid site")
    code = values.get("plus_code")
    if code and not (olc.isFull(code.upper()) and len(code) in (11, 12)):
        raise bad_request("Invalid site", {"plus_code": "not a full Open Location Code of 10 or 11 digits"})
    if code:
        values["plus_code"] = code.upper()
    return values


def complete(values: dict[str, Any], default_country: str | None) -> dict[str, Any]:
    """Fill what the API derives: name from the address, country from config, plus code from coordinates."""
    values = dict(values)
    values["site_name"] = values.get("site_name") or values["address_line_1"]
    values["country"] = values.get("country") or default_country
    if not values["country"]:
        raise bad_request("Invalid site", {"country": "required (no default_country is configured)"})
    if not values.get("plus_code"):
        values["plus_code"] = olc.encode(values["latitude"], values["longitude"], PLUS_CODE_LENGTH)
    return values


def as_dict(site: Site) -> dict[str, Any]:
    return {
        "site_id": site.site_id,
        "customer_id": site.customer_id,
        **{field: getattr(site, field) for field in FIELDS},
        "created": iso(site.created),
        "last_modified": iso(site.last_modified),
    }


def add(session: Session, customer_id: int, values: dict[str, Any], default_country: str | None) -> Site:
    site = Site(customer_id=customer_id, **complete(values, default_country))
    session.add(site)
    session.flush()
    log.record(session, "site", "site_created", f"Site {site.site_name} added", object_id=site.site_id, customer_id=customer_id)
    return site


def get(session: Session, site_id: int) -> Site:
    site = session.get(Site, site_id)
    if site is None:
        raise not_found("Site")
    return site


def update(session: Session, site: Site, body: dict[str, Any], default_country: str | None) -> Site:
    if "customer_id" in body and body["customer_id"] != site.customer_id:
        raise bad_request("A site cannot move to another customer", {"customer_id": "cannot be changed"})
    current = {field: getattr(site, field) for field in FIELDS}
    moved = ("latitude" in body or "longitude" in body) and "plus_code" not in body
    merged = {**current, **{k: v for k, v in body.items() if k in FIELDS}}
    if moved:
        merged["plus_code"] = None  # recomputed for the new coordinates
    values = complete(read(merged), default_country)
    before = as_dict(site)
    for field, value in values.items():
        setattr(site, field, value)
    session.flush()
    changes = log.changes(before, as_dict(site))
    log.record(
        session,
        "site",
        "site_updated",
        f"Site {site.site_id} updated",
        object_id=site.site_id,
        customer_id=site.customer_id,
        changes_json=changes,
    )
    return site


def delete(session: Session, site: Site) -> None:
    log.record(
        session, "site", "site_deleted", f"Site {site.site_name} deleted", object_id=site.site_id, customer_id=site.customer_id
    )
    session.delete(site)


def of_customer(session: Session, customer_id: int) -> list[Site]:
    return list(session.scalars(select(Site).where(Site.customer_id == customer_id).order_by(Site.site_id)))


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def within(
    session: Session, latitude: float, longitude: float, radius_km: float, own_customer: int | None = None
) -> list[tuple[Site, float]]:
    """Sites within `radius_km` of a point, nearest first; a bounding box narrows the rows read first."""
    lat_span = math.degrees(radius_km / EARTH_RADIUS_KM)
    lng_span = lat_span / max(math.cos(math.radians(latitude)), 1e-6)
    box = and_(
        Site.latitude.between(latitude - lat_span, latitude + lat_span),
        Site.longitude.between(longitude - lng_span, longitude + lng_span),
    )
    query = select(Site).join(Customer).where(box, Customer.customer_status != "Archived")
    if own_customer is not None:
        query = query.where(Site.customer_id == own_customer)
    hits = ((site, distance_km(latitude, longitude, site.latitude, site.longitude)) for site in session.scalars(query))
    return sorted(((site, d) for site, d in hits if d <= radius_km), key=lambda hit: hit[1])
