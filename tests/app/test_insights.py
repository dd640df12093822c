"""Dashboards: summaries kept by the summariser equal the raw records, scoped per role, pages,
exports and API; policy evaluation; the national view; the monthly executive report."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from govflex.attendance.models import DayResult
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.insights.evaluation import Change, evaluate
from govflex.insights.models import ExecutiveReport, UnitDaySummary
from govflex.insights.monthly import monthly_report
from govflex.insights.national import national, report_agency_day
from govflex.insights.selectors import Filters, check_scope, children, raw_totals, totals
from govflex.insights.summaries import rebuild, refresh
from govflex.org.models import Role
from govflex.work.items import item_create, item_update
from tests.factories import PersonFactory, UserFactory, grant

TODAY = dt.date(2026, 11, 20)


def _result(person: Any, day: dt.date, status: str, mode: str = "", **extra: Any) -> DayResult:
    return DayResult.objects.create(
        person=person,
        agency_id=person.agency_id,
        unit_id_at=person.unit_id,
        day=day,
        status=status,
        mode=mode,
        final=extra.pop("final", True),
        computed_at=timezone.now(),
        **extra,
    )


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    a = [PersonFactory(unit=org["unit_a"], position=org["position"]) for _ in range(3)]
    a1 = [PersonFactory(unit=org["unit_a1"], position=org["position"]) for _ in range(2)]
    b = [PersonFactory(unit=org["unit_b"], position=org["position"]) for _ in range(2)]
    for day in (TODAY - dt.timedelta(days=1), TODAY):
        _result(a[0], day, "present")
        _result(a[1], day, "late", "staggered")
        _result(a[2], day, "off_site_reported", "off_site")
        _result(a1[0], day, "off_site_report_missing", "off_site")
        _result(a1[1], day, "on_leave")
        _result(b[0], day, "present", "counted_hours")
        _result(b[1], day, "absent", exceptions=[{"code": "absent"}])
    executive = UserFactory()
    grant(executive, org["agency"], Role.EXECUTIVE)
    boss = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    grant(boss.user, org["agency"], Role.SUPERVISOR, org["unit_a"])
    return {**org, "a": a, "a1": a1, "b": b, "executive": executive, "boss": boss}


def _filters(world: dict[str, Any], unit: Any = None, **more: Any) -> Filters:
    start = TODAY - dt.timedelta(days=1)
    return Filters(world["agency"].pk, start, TODAY, unit, **more)


def test_summaries_match_the_raw_records(world: dict[str, Any]) -> None:
    rebuild(start=TODAY - dt.timedelta(days=1), end=TODAY, agency_id=world["agency"].pk)
    counts = totals(_filters(world))
    raw = raw_totals(_filters(world))
    assert (counts.people, counts.working, counts.compliant) == (14, 12, 6)
    assert (raw["people"], raw["working"], raw["compliant"]) == (14, 12, 6)
    assert counts.mode_off_site == raw["mode_off_site"] == 4
    assert (counts.late, counts.absent, counts.leave, counts.with_exceptions) == (2, 2, 2, 2)
    sub = totals(_filters(world, world["unit_a"]))
    assert sub.people == 10  # unit A with A1
    assert totals(_filters(world, position_type="operational")).people == 0
    kids = {u.code: c.people for u, c in children(_filters(world))}
    assert kids == {"A": 10, "B": 4}
    rebuild(start=TODAY, end=TODAY, agency_id=world["agency"].pk)  # idempotent
    assert totals(_filters(world)).people == 14


def test_refresh_summarises_only_what_changed(world: dict[str, Any]) -> None:
    refresh()
    assert totals(_filters(world)).people == 14
    written = refresh()  # nothing changed beyond the overlap
    DayResult.objects.filter(person=world["b"][1], day=TODAY).update(
        status="present", computed_at=timezone.now()
    )
    refresh()
    assert totals(_filters(world)).compliant == 7
    assert written >= 0
    boss = world["boss"]
    item = item_create(
        actor=boss.user,
        unit=world["unit_a"],
        title="สรุป",
        due_date=timezone.localdate(),
        assignees=[world["a"][0]],
    )
    world["a"][0].user = UserFactory()
    world["a"][0].save()
    item_update(actor=boss.user, item_id=item.pk, status="done", progress=100)
    refresh()
    today = Filters(world["agency"].pk, timezone.localdate(), timezone.localdate())
    assert totals(today).items_completed == 1
    assert totals(today).items_on_time == 1


def test_scope_per_role(world: dict[str, Any]) -> None:
    base = _filters(world)
    assert check_scope(world["executive"], base).unit is None
    narrowed = check_scope(world["boss"].user, base)
    assert narrowed.unit == world["unit_a"]
    with pytest.raises(NotFound):
        check_scope(world["boss"].user, _filters(world, world["unit_b"]))
    with pytest.raises(NotFound):
        check_scope(UserFactory(), base)


def test_pages_exports_and_api(world: dict[str, Any]) -> None:
    rebuild(start=TODAY - dt.timedelta(days=1), end=TODAY, agency_id=world["agency"].pk)
    client = Client()
    client.force_login(world["executive"])
    query = f"?start={TODAY - dt.timedelta(days=1)}&end={TODAY}"
    page = client.get("/insights/" + query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "ตารางข้อมูล" in html  # every chart has its data table
    assert world["unit_a"].name_th in html
    drill = client.get(f"/insights/{query}&unit={world['unit_a1'].pk}").content.decode()
    assert world["a1"][0].full_name_th in drill  # agency → unit → person
    xlsx = load_workbook(io.BytesIO(client.get("/insights/" + query + "&format=xlsx").content))
    assert xlsx.sheetnames == ["indicators", "trend", "units"]
    assert client.get("/insights/" + query + "&format=pdf").content.startswith(b"%PDF")
    api = client.get(f"/api/v1/agencies/{world['agency'].pk}/dashboard{query}").json()
    assert api["counts"]["people"] == 14
    assert api["indicators"]["compliance"] == 0.5
    trend = client.get(f"/api/v1/agencies/{world['agency'].pk}/dashboard/trend{query}").json()
    assert [t["counts"]["people"] for t in trend] == [7, 7]
    units = client.get(f"/api/v1/agencies/{world['agency'].pk}/dashboard/units{query}").json()
    assert {u["name"]: u["counts"]["people"] for u in units} == {
        world["unit_a"].name_th: 10,
        world["unit_b"].name_th: 4,
    }
    people = client.get(
        f"/api/v1/agencies/{world['agency'].pk}/dashboard/people{query}&unit_id={world['unit_b'].pk}"
    ).json()
    assert {p["staff_id"] for p in people} == {p.staff_id for p in [*world["b"], world["person_b"]]}
    today = client.get(f"/api/v1/agencies/{world['agency'].pk}/dashboard/today").json()
    assert "service_points" in today
    boss = Client()
    boss.force_login(world["boss"].user)
    mine = boss.get(f"/api/v1/agencies/{world['agency'].pk}/dashboard{query}").json()
    assert mine["counts"]["people"] == 10  # a supervisor sees their subtree
    outside = boss.get(
        f"/api/v1/agencies/{world['agency'].pk}/dashboard{query}&unit_id={world['unit_b'].pk}"
    )
    assert outside.status_code == 404
    assert boss.get(f"/api/v1/agencies/{world['other'].pk}/dashboard").status_code == 404


def test_policy_evaluation(world: dict[str, Any]) -> None:
    change_day = TODAY
    for offset in range(1, 8):
        day = change_day - dt.timedelta(days=offset + 1)
        for person in world["a"] + world["a1"] + world["b"]:
            _result(person, day, "late")
    rebuild(start=change_day - dt.timedelta(days=8), end=TODAY, agency_id=world["agency"].pk)
    change = Change("order", 1, "คำสั่งทดลอง", change_day, (world["unit_a"].path,))
    result = evaluate(
        actor=world["executive"],
        agency_id=world["agency"].pk,
        change=change,
        today=TODAY,
        window=7,
    )
    compliance = next(e for e in result.estimates if e.indicator == "compliance")
    # Before: all late but yesterday (1 of 17 and 1 of 14 compliant); after: half compliant.
    assert compliance.treated_before == pytest.approx(1 / 17)
    assert compliance.effect == pytest.approx((0.5 - 1 / 17) - (0.5 - 1 / 14))
    assert (compliance.treated_units, compliance.control_units) == (2, 1)
    assert compliance.low is None  # one comparison unit: no interval, and the text says so
    assert not compliance.conclusive
    assert result.statements["compliance"]
    with pytest.raises(NotFound):
        evaluate(actor=world["boss"].user, agency_id=world["agency"].pk, change=change, today=TODAY)


def test_national_view_and_agencies_sending_figures(world: dict[str, Any]) -> None:
    rebuild(start=TODAY, end=TODAY, agency_id=world["agency"].pk)
    with pytest.raises(AccessDenied):
        national(actor=world["executive"], day=TODAY)
    central = UserFactory()
    central.user_permissions.add(
        Permission.objects.get(codename="view_reportedagencyday"),
        Permission.objects.get(codename="add_reportedagencyday"),
    )
    with pytest.raises(ValidationFailed):
        report_agency_day(
            actor=central, code="x", name="", day=TODAY, figures={"staff": 1, "mode_off_site": 5}
        )
    report_agency_day(
        actor=central,
        code="moi",
        name="กระทรวงตัวอย่าง",
        day=TODAY,
        figures={
            "staff": 10,
            "mode_off_site": 6,
            "mode_standard": 4,
            "working": 10,
            "compliant": 9,
        },
    )
    view = national(actor=central, day=TODAY)
    assert view.figures.agencies_reporting == 2
    assert view.figures.agencies_half_off_site == 1
    client = Client()
    client.force_login(central)
    body = client.get(f"/api/v1/national?day={TODAY}").json()
    assert body["agencies_reporting"] == 2
    assert client.get(f"/insights/national/?day={TODAY}&format=xlsx").status_code == 200
    sent = client.put(
        "/api/v1/national/agency-days",
        {"code": "moi", "day": TODAY.isoformat(), "staff": 12, "mode_off_site": 2},
        content_type="application/json",
    )
    assert sent.status_code == 200
    assert national(actor=central, day=TODAY).agencies[-1][2].staff == 12  # replaced, not added


def test_monthly_report_made_once_and_mailed(
    world: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world["executive"].email = "boss@example.go.th"
    world["executive"].save()
    rebuild(start=TODAY - dt.timedelta(days=1), end=TODAY, agency_id=world["agency"].pk)
    report = monthly_report(agency=world["agency"], today=dt.date(2026, 12, 3))
    assert report is not None
    assert report.month == dt.date(2026, 11, 1)
    assert mail.outbox[-1].to == ["boss@example.go.th"]
    assert len(mail.outbox[-1].attachments) == 2
    assert monthly_report(agency=world["agency"], today=dt.date(2026, 12, 4)) is None
    assert ExecutiveReport.objects.count() == 1
    assert UnitDaySummary.objects.exists()


def test_an_emergency_in_force_shows_on_the_dashboard(world: dict[str, Any]) -> None:
    from govflex.continuity.emergencies import emergency_create

    emergency_create(
        actor=world["executive"],
        agency=world["agency"],
        kind="flood",
        title="น้ำท่วมอาคาร ๒",
        starts_at=timezone.now() - dt.timedelta(hours=1),
        units=[world["unit_a"]],
        declare=True,
    )
    client = Client()
    client.force_login(world["executive"])
    assert "น้ำท่วมอาคาร ๒" in client.get("/insights/").content.decode()
    today = client.get(f"/api/v1/agencies/{world['agency'].pk}/dashboard/today").json()
    assert [e["title"] for e in today["emergencies"]] == ["น้ำท่วมอาคาร ๒"]
    assert today["emergencies"][0]["off_site"] >= 1


def test_subtree_totals_equal_the_unit_summaries(world: dict[str, Any]) -> None:
    """The roll-up the dashboards read adds up to the same counts as the unit summaries."""
    from django.db.models import Sum

    from govflex.core.insights import Counts
    from govflex.insights.models import COUNT_FIELDS
    from govflex.insights.selectors import subtree_rows, summaries

    world["b"][0].staff_category = "government_employee"
    world["b"][0].save()
    refresh()
    sums = {name: Sum(name) for name in COUNT_FIELDS}
    for unit in (None, world["unit_a"], world["unit_a1"], world["unit_b"]):
        filters = _filters(world, unit)
        rolled = Counts.of(subtree_rows(filters).aggregate(**sums))
        assert rolled == Counts.of(summaries(filters).aggregate(**sums))
        assert rolled.people > 0
    for unit in (None, world["unit_a"], world["unit_b"]):  # the agency and top-level units
        for group in ({"position_type": "support"}, {"staff_category": "government_employee"}):
            filters = _filters(world, unit, **group)
            rolled = Counts.of(subtree_rows(filters).aggregate(**sums))
            assert rolled == Counts.of(summaries(filters).aggregate(**sums))
    by_group = _filters(world, staff_category="government_employee")
    assert totals(by_group).people == 2  # b[0] on two days, from the roll-up
    assert {u.code: c.people for u, c in children(by_group)} == {"A": 0, "B": 2}
    assert totals(_filters(world, world["unit_a"])).compliant == 4
    DayResult.objects.filter(person=world["a1"][0], day=TODAY).update(
        status="present", mode="", computed_at=timezone.now()
    )
    refresh()
    assert totals(_filters(world, world["unit_a"])).compliant == 5  # the roll-up followed
