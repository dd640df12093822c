"""Kiosk mode: a rotating signed code bound to the site; expired and replayed codes refused."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from govflex.attendance.kiosk import kiosk_create, kiosk_punch, kiosk_token
from govflex.attendance.models import Punch
from govflex.common.errors import AccessDenied, ValidationFailed
from tests.factories import PersonFactory, UserFactory, WorkSiteFactory


@pytest.fixture
def setup(org: dict[str, Any], hr: Any) -> dict[str, Any]:
    site = WorkSiteFactory(agency=org["agency"], code="HQ", name="สำนักงานใหญ่")
    kiosk, secret = kiosk_create(actor=hr, site=site, name="ประตูหน้า")
    person = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    return {"site": site, "kiosk": kiosk, "secret": secret, "person": person}


def test_scanning_the_current_code_punches_on_site_at_the_kiosk_site(setup: dict[str, Any]) -> None:
    now = timezone.now()
    token = kiosk_token(kiosk=setup["kiosk"], now=now)
    person = setup["person"]
    punch = kiosk_punch(
        actor=person.user, person=person, token=token, now=now + dt.timedelta(seconds=10)
    )
    assert (punch.source, punch.on_site, punch.site_id) == ("kiosk", True, setup["site"].pk)


def test_the_code_changes_every_30_seconds(setup: dict[str, Any]) -> None:
    start = dt.datetime(2026, 3, 5, 1, 30, 0, tzinfo=dt.UTC)
    same = kiosk_token(kiosk=setup["kiosk"], now=start + dt.timedelta(seconds=29))
    assert kiosk_token(kiosk=setup["kiosk"], now=start) == same
    assert kiosk_token(kiosk=setup["kiosk"], now=start + dt.timedelta(seconds=30)) != same


def test_an_expired_code_is_refused(setup: dict[str, Any]) -> None:
    now = timezone.now()
    token = kiosk_token(kiosk=setup["kiosk"], now=now - dt.timedelta(minutes=5))
    with pytest.raises(ValidationFailed, match=r"expired|หมดอายุ"):
        kiosk_punch(actor=setup["person"].user, person=setup["person"], token=token, now=now)


def test_a_replayed_code_is_refused_and_adds_nothing(setup: dict[str, Any]) -> None:
    now = timezone.now()
    token = kiosk_token(kiosk=setup["kiosk"], now=now)
    person = setup["person"]
    kiosk_punch(actor=person.user, person=person, token=token, now=now)
    with pytest.raises(ValidationFailed):
        kiosk_punch(
            actor=person.user, person=person, token=token, now=now + dt.timedelta(seconds=5)
        )
    assert Punch.objects.filter(person=person).count() == 1


def test_a_forged_code_is_refused(setup: dict[str, Any]) -> None:
    token = kiosk_token(kiosk=setup["kiosk"], now=timezone.now())
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    with pytest.raises(ValidationFailed):
        kiosk_punch(actor=setup["person"].user, person=setup["person"], token=forged)


def test_only_hr_registers_kiosks(org: dict[str, Any], setup: dict[str, Any]) -> None:
    with pytest.raises(AccessDenied):
        kiosk_create(actor=setup["person"].user, site=setup["site"], name="x")


def test_tablet_screen_needs_its_secret_and_shows_a_qr(setup: dict[str, Any]) -> None:
    client = Client()
    url = f"/attendance/kiosk/{setup['kiosk'].pk}/"
    assert client.get(url, {"key": "wrong"}).status_code == 404
    page = client.get(url, {"key": setup["secret"]})
    assert page.status_code == 200
    assert b"<svg" in page.content
    assert "/attendance/scan/" in page.context["url"]


def test_phone_scan_then_tap_punches(setup: dict[str, Any]) -> None:
    tablet = Client().get(f"/attendance/kiosk/{setup['kiosk'].pk}/", {"key": setup["secret"]})
    scan_path = re.sub(r"^https?://[^/]+", "", tablet.context["url"])
    phone = Client()
    phone.force_login(setup["person"].user)
    preview = phone.get(scan_path)
    assert preview.status_code == 200
    assert not Punch.objects.filter(person=setup["person"]).exists()  # a GET never punches
    done = phone.post(scan_path)
    assert done.status_code == 200
    assert Punch.objects.filter(person=setup["person"], source="kiosk").count() == 1
    again = phone.post(scan_path)
    assert again.status_code == 400


def test_hr_kiosk_page_creates_and_shows_the_address_once(
    org: dict[str, Any], hr: Any, setup: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(hr)
    response = client.post("/attendance/kiosks/", {"site": setup["site"].pk, "name": "ชั้น 2"})
    assert response.status_code == 200
    assert "?key=" in response.context["created_url"]
