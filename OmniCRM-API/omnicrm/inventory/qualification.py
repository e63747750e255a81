"""Service qualification, "homes passed" (spec 02 §4.1.6): is this address inside the network footprint?

Footprint items are inventory items of the templates named in `service_qualification.templates`: itemtext1 is
the service offered there (e.g. "GPON 1000/50"), itemtext2 its status ("Served" / "Not Served"). Matching goes
by place id, then normalised address and zip code, then distance. The answer is advisory.
"""

from __future__ import annotations

import math
import re
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from omnicrm.config import Settings
from omnicrm.customers.sites import EARTH_RADIUS_KM, distance_km
from omnicrm.inventory.models import Inventory


def normalise(address: str | None) -> str:
    """Lower-case, punctuation removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", (address or "").lower())).strip()


def _match(item: Inventory, kind: str, distance_m: float | None) -> dict[str, Any]:
    return {
        "inventory_id": item.inventory_id,
        "item": item.item,
        "service": item.itemtext1,
        "status": item.itemtext2,
        "address_line_1": item.address_line_1,
        "match_type": kind,
        "distance_m": None if distance_m is None else round(distance_m, 1),
    }


def qualify(
    session: Session,
    settings: Settings,
    place_id: str | None,
    address: str | None,
    zip_code: str | None,
    latitude: float | None,
    longitude: float | None,
    radius_m: float | None,
) -> dict[str, Any]:
    rules = settings.service_qualification
    footprint = select(Inventory).where(Inventory.item.in_(rules.templates))
    matches: list[dict[str, Any]] = []
    if place_id:
        matches = [
            _match(item, "place_id", None)
            for item in session.scalars(footprint.where(Inventory.google_maps_place_id == place_id))
        ]
    if not matches and address and zip_code:
        wanted = normalise(address)
        candidates = session.scalars(footprint.where(Inventory.zip_code == zip_code))
        matches = [_match(item, "address", None) for item in candidates if normalise(item.address_line_1) == wanted]
    if not matches and latitude is not None and longitude is not None:
        radius = radius_m or rules.radius_m
        lat_span = math.degrees(radius / 1000 / EARTH_RADIUS_KM)
        lng_span = lat_span / max(math.cos(math.radians(latitude)), 1e-6)
        box = and_(
            Inventory.latitude.between(latitude - lat_span, latitude + lat_span),
            Inventory.longitude.between(longitude - lng_span, longitude + lng_span),
        )
        near = (
            (item, distance_km(latitude, longitude, item.latitude, item.longitude) * 1000)
            for item in session.scalars(footprint.where(box))
        )
        matches = [
            _match(item, "proximity", metres) for item, metres in sorted(near, key=lambda pair: pair[1]) if metres <= radius
        ]
    served = set(rules.served_values)
    return {"qualified": any(match["status"] in served for match in matches), "matches": matches}
