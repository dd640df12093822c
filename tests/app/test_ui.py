"""Thai-first UI: Thai by default, English per user, Buddhist-Era dates, Thai digits, a11y."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from govflex.common.context import DisplayPreferences, display_var

TEMPLATE_DIRS = list(Path(__file__).resolve().parents[2].glob("src/govflex/**/templates"))


def render(source: str, **context: Any) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("template", "lang", "digits", "expected"),
    [
        ("{{ d|bedate }}", "th", False, "5 มี.ค. 2569"),
        ("{{ d|bedate_long }}", "th", False, "5 มีนาคม 2569"),
        ("{{ d|bedate_long }}", "th", True, "๕ มีนาคม ๒๕๖๙"),
        ("{{ d|bedate }}", "en", False, "5 Mar B.E. 2569"),
        ("{{ n|thnum }}", "th", True, "๑,๒๓๔"),
    ],
)
def test_date_and_number_filters(template: str, lang: str, digits: bool, expected: str) -> None:
    token = display_var.set(DisplayPreferences(thai_digits=digits))
    try:
        with translation.override(lang):
            assert render(template, d=dt.date(2026, 3, 5), n=1234) == expected
    finally:
        display_var.reset(token)


def test_aware_datetimes_show_in_bangkok_time() -> None:
    instant = dt.datetime(2026, 3, 5, 1, 30, tzinfo=dt.UTC)  # 08:30 in Bangkok
    with translation.override("th"):
        assert render("{{ t|bedatetime }}", t=instant) == "5 มี.ค. 2569 08:30 น."


def test_home_page_is_thai_by_default_with_lang_attribute(hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    page = client.get("/").content.decode()
    assert '<html lang="th">' in page
    assert "หน้าหลัก" in page


def test_switching_to_english_is_saved_for_the_user_and_back(hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    client.post("/accounts/language/", {"language": "en", "next": "/"})
    hr.refresh_from_db()
    assert hr.language == "en"
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Home" in page
    other_device = Client()
    other_device.force_login(hr)
    assert '<html lang="en">' in other_device.get("/").content.decode()
    client.post("/accounts/language/", {"language": "th", "next": "/"})
    assert '<html lang="th">' in client.get("/").content.decode()


def test_language_switch_refuses_open_redirects(hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    response = client.post(
        "/accounts/language/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_thai_digits_preference_applies_to_pages(hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    client.post("/accounts/preferences/", {"language": "th", "thai_digits": "on"})
    person = org["person_a"]
    person.start_date = dt.date(2026, 3, 5)
    person.save()
    page = client.get(f"/org/people/{person.pk}/").content.decode()
    assert "๕ มีนาคม ๒๕๖๙" in page


def test_login_page_has_labels_and_no_external_assets() -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page
    assert "skip-link" in page
    assert not re.search(r"(src|href)=\"https?://", page)


def test_templates_load_nothing_from_other_sites() -> None:
    offenders = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            if re.search(r"(src|href)=\"(https?:)?//", path.read_text(encoding="utf-8")):
                offenders.append(str(path))
    assert offenders == []


def test_vendored_font_and_licence_are_served() -> None:
    client = Client()
    font = client.get("/static/vendor/sarabun/sarabun-thai-400-normal.woff2")
    assert font.status_code == 200
    licence = b"".join(client.get("/static/vendor/sarabun/OFL.txt").streaming_content)  # type: ignore[attr-defined]
    assert b"SIL Open Font License" in licence


def test_health_check_reports_database(db: Any) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_date_field_accepts_buddhist_and_gregorian_years() -> None:
    from govflex.common.forms import BEDateField

    field = BEDateField()
    assert field.clean("05/03/2569") == dt.date(2026, 3, 5)
    assert field.clean("2026-03-05") == dt.date(2026, 3, 5)
    assert field.widget.format_value(dt.date(2026, 3, 5)) == "05/03/2569"


def test_every_page_of_the_hr_officer_renders(hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    person, unit = org["person_a"], org["unit_a"]
    for url in (
        "/",
        "/org/units/",
        f"/org/units/{unit.pk}/",
        "/org/people/",
        f"/org/people/{person.pk}/",
        "/org/positions/",
        "/org/work-sites/",
        "/org/import/",
        "/org/units/new/",
        "/org/positions/new/",
        "/org/work-sites/new/",
        "/org/people/new/",
        "/accounts/preferences/",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        ("/org/units/", "A1", "A1"),
        ("/org/positions/", "P1", "P1"),
        ("/org/work-sites/", "HQ", "HQ"),
    ],
)
def test_hr_screens_search(
    hr: Any, org: dict[str, Any], url: str, query: str, expected: str
) -> None:
    from tests.factories import WorkSiteFactory

    WorkSiteFactory(agency=org["agency"], code="HQ", name="สำนักงานใหญ่")
    WorkSiteFactory(agency=org["agency"], code="R9", name="เขต")
    client = Client()
    client.force_login(hr)
    page = client.get(url, {"q": query})
    rows = page.context.get("units") or page.context["page_obj"]
    codes = {row.code for row in rows}
    assert codes == {expected}
