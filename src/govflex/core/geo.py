"""Where a punch was made: inside a work site's radius (on site) or not (off site).

Only the classification and the site are kept by default (Thailand's PDPA: collect the
minimum); raw coordinates are the shell's concern and are purged on a schedule.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)


@dataclass(frozen=True, slots=True)
class Site:
    site_id: int
    latitude: float
    longitude: float
    radius_m: float


@dataclass(frozen=True, slots=True)
class Placement:
    """The nearest site and whether the point lies within its radius (plus the GPS accuracy)."""

    site_id: int | None
    distance_m: float | None
    on_site: bool


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def place(
    latitude: float, longitude: float, sites: Iterable[Site], *, accuracy_m: float = 0.0
) -> Placement:
    """Classify a position against the work sites.

    A reading counts as on site when the site's radius contains it, allowing for the reported
    accuracy up to the radius itself (a 2 km-accurate fix cannot prove presence in a 200 m site).
    """
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError("latitude must be within ±90 and longitude within ±180")
    best: tuple[float, Site] | None = None
    for site in sites:
        meters = distance_m(latitude, longitude, site.latitude, site.longitude)
        if best is None or meters < best[0]:
            best = (meters, site)
    if best is None:
        return Placement(None, None, on_site=False)
    meters, site = best
    slack = min(max(accuracy_m, 0.0), site.radius_m)
    inside = meters <= site.radius_m + slack
    return Placement(site.site_id, round(meters, 1), on_site=inside)
