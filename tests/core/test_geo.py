"""Geofencing a punch against work sites."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.geo import Site, distance_m, place

HQ = Site(1, 13.7649, 100.5383, 300)
CHIANG_MAI = Site(2, 18.7883, 98.9853, 200)


def test_distance_bangkok_to_chiang_mai_is_about_585_km() -> None:
    assert (
        575_000
        < distance_m(HQ.latitude, HQ.longitude, CHIANG_MAI.latitude, CHIANG_MAI.longitude)
        < 595_000
    )


@pytest.mark.parametrize(
    ("lat", "lon", "accuracy", "site", "on_site"),
    [
        (13.7649, 100.5383, 0, 1, True),  # at the door
        (13.7670, 100.5383, 0, 1, True),  # ~230 m away, radius 300
        (13.7700, 100.5383, 0, 1, False),  # ~570 m away
        (13.7700, 100.5383, 400, 1, True),  # accuracy allows up to the radius again
        (18.7884, 98.9853, 0, 2, True),
    ],
)
def test_place(lat: float, lon: float, accuracy: float, site: int, on_site: bool) -> None:
    result = place(lat, lon, [HQ, CHIANG_MAI], accuracy_m=accuracy)
    assert (result.site_id, result.on_site) == (site, on_site)


def test_no_sites_means_off_site() -> None:
    assert place(13.0, 100.0, []).on_site is False


def test_impossible_coordinates_are_refused() -> None:
    with pytest.raises(ValueError, match="latitude"):
        place(91.0, 0.0, [HQ])


@given(st.floats(-89, 89), st.floats(-179, 179), st.floats(-89, 89), st.floats(-179, 179))
def test_distance_is_symmetric_and_never_negative(a: float, b: float, c: float, d: float) -> None:
    there = distance_m(a, b, c, d)
    assert there >= 0
    assert there == pytest.approx(distance_m(c, d, a, b))
