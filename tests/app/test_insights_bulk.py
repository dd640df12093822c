"""The bulk rebuild (insights.bulk) writes exactly the rows summaries.recompute writes.

On PostgreSQL the bulk path is set-based SQL and these tests compare it with the day-by-day
rebuild on data that exercises every count: statuses and modes, provisional absences,
exceptions, a person judged in another unit than their current one, people of another agency,
day reports of each status, work items completed around local midnight, contact checks
answered, unanswered and answered "before" they were sent. On SQLite the bulk path is
summaries.rebuild itself (the comparison then holds trivially).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from govflex.attendance.models import DayResult
from govflex.insights import bulk, summaries
from govflex.insights.models import COUNT_FIELDS, UnitDaySummary
from govflex.org.models import PositionType, StaffCategory
from govflex.work.models import ContactAnswer, ContactCheck, DayReport, WorkItem
from tests.factories import PersonFactory, PositionFactory

D1, D2, D3 = dt.date(2026, 11, 18), dt.date(2026, 11, 19), dt.date(2026, 11, 20)
STATUSES = (
    ("present", ""),
    ("late", "staggered"),
    ("late_and_left_early", ""),
    ("left_early", "counted_hours"),
    ("incomplete", "counted_hours"),
    ("absent", ""),
    ("on_leave", ""),
    ("official_travel", ""),
    ("off_site_reported", "off_site"),
    ("off_site_report_missing", "off_site"),
    ("holiday", ""),
)


def _at(day: dt.date, hour: int, minute: int = 0, second: float = 0) -> dt.datetime:
    whole = int(second)
    micro = round((second - whole) * 1_000_000)
    local = dt.datetime.combine(day, dt.time(hour, minute, whole, micro))
    return timezone.make_aware(local, timezone.get_default_timezone())


def _result(person: Any, day: dt.date, status: str, mode: str, **extra: Any) -> None:
    DayResult.objects.create(
        person=person,
        agency_id=person.agency_id,
        unit_id_at=extra.pop("unit_id_at", person.unit_id),
        day=day,
        status=status,
        mode=mode,
        final=extra.pop("final", True),
        exceptions=extra.pop("exceptions", []),
        computed_at=timezone.now(),
    )


@pytest.fixture
def varied(org: dict[str, Any]) -> dict[str, Any]:
    agency = org["agency"]
    contact = PositionFactory(agency=agency, position_type=PositionType.PUBLIC_CONTACT)
    people = [
        PersonFactory(unit=unit, position=position, staff_category=category)
        for unit in (org["unit_a"], org["unit_a1"], org["unit_b"])
        for position in (org["position"], contact)
        for category in (StaffCategory.CIVIL_SERVANT, StaffCategory.GOVERNMENT_EMPLOYEE)
    ]
    everyone = [*people, org["person_a"], org["person_b"], org["foreign"]]
    for n, person in enumerate(everyone):
        for d, day in enumerate((D1, D2, D3)):
            status, mode = STATUSES[(n + 3 * d) % len(STATUSES)]
            _result(
                person,
                day,
                status,
                mode,
                final=day != D3,
                exceptions=[{"code": status}] if (n + d) % 3 == 0 else [],
            )
    moved = people[0]  # judged in unit B on D1, now in unit A
    DayResult.objects.filter(person=moved, day=D1).update(unit_id_at=org["unit_b"].pk)
    for n, person in enumerate(everyone):
        status = ("planned", "reported", "accepted", "more_requested")[n % 4]
        DayReport.objects.create(person=person, day=(D1, D2, D3)[n % 3], plan="แผน", status=status)
    # A report on a day without any day result: a summary row of events only.
    DayReport.objects.create(
        person=people[1], day=D3 + dt.timedelta(days=1), plan="แผน", status="accepted"
    )
    for n, (completed, due) in enumerate(
        (
            (_at(D1, 23, 30), D1),  # late evening: still D1 in Bangkok
            (_at(D2, 0, 30), D1),  # just after midnight: D2, after the due date
            (_at(D2, 10), D3),
            (_at(D3, 16), D2),
        )
    ):
        item = WorkItem.objects.create(
            agency=agency,
            unit=org["unit_a"],
            title=f"งาน {n}",
            due_date=due,
            status=WorkItem.Status.DONE,
            completed_at=completed,
        )
        item.assignees.add(people[n], people[n + 4], org["foreign"])
    open_item = WorkItem.objects.create(
        agency=agency, unit=org["unit_b"], title="ยังไม่เสร็จ", due_date=D2, completed_at=_at(D2, 9)
    )
    open_item.assignees.add(people[5])
    for n, sent in enumerate((_at(D1, 23, 50), _at(D2, 10, 0, 0.25), _at(D3, 14))):
        check = ContactCheck.objects.create(agency=agency, unit=org["unit_a"])
        ContactCheck.objects.filter(pk=check.pk).update(sent_at=sent)
        answers = (
            (people[n], sent + dt.timedelta(seconds=95.75)),
            (people[n + 3], None),
            (people[n + 6], sent - dt.timedelta(seconds=30)),  # clock skew: counts as 0
            (org["foreign"], sent + dt.timedelta(minutes=20)),
        )
        for person, answered in answers:
            ContactAnswer.objects.create(contact_check=check, person=person, answered_at=answered)
    return org


FIELDS = ("agency_id", "unit_id", "unit_path", "day", "position_type", "staff_category")


def _rows() -> list[tuple[Any, ...]]:
    return sorted(UnitDaySummary.objects.values_list(*FIELDS, *COUNT_FIELDS))


def _stale(org: dict[str, Any]) -> None:
    """Summary rows from before: inside the period (rewritten) and outside it (kept)."""
    UnitDaySummary.objects.all().delete()
    for day in (D2, D3 + dt.timedelta(days=5)):
        UnitDaySummary.objects.create(
            agency=org["agency"],
            unit=org["unit_a"],
            unit_path=org["unit_a"].path,
            day=day,
            position_type="old",
            people=99,
        )


@pytest.mark.parametrize("whole_deployment", [False, True])
def test_bulk_rebuild_writes_what_recompute_writes(
    varied: dict[str, Any], whole_deployment: bool
) -> None:
    agency_id = None if whole_deployment else varied["agency"].pk
    start, end = D1 - dt.timedelta(days=1), D3 + dt.timedelta(days=1)
    _stale(varied)
    expected_count = summaries.rebuild(start=start, end=end, agency_id=agency_id)
    expected = _rows()
    _stale(varied)
    written = bulk.rebuild(start=start, end=end, agency_id=agency_id)
    assert _rows() == expected
    assert written == expected_count
    counts = UnitDaySummary.objects.exclude(position_type="old")
    totals = {f: sum(getattr(r, f) for r in counts) for f in COUNT_FIELDS}
    assert all(totals.values()), totals  # every count is exercised by the data
    foreign = UnitDaySummary.objects.filter(agency=varied["other"]).exists()
    assert foreign == whole_deployment


def test_bulk_rebuild_in_batches_and_again(
    varied: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    start, end = D1, D3 + dt.timedelta(days=1)
    summaries.rebuild(start=start, end=end, agency_id=varied["agency"].pk)
    expected = _rows()
    monkeypatch.setattr(bulk, "BATCH_DAYS", 2)  # batches end between the days
    if connection.vendor == "postgresql":
        # The set-based path: no day-by-day recompute.
        monkeypatch.setattr(summaries, "recompute", _refuse)
    bulk.rebuild(start=start, end=end, agency_id=varied["agency"].pk)
    bulk.rebuild(start=start, end=end, agency_id=varied["agency"].pk)  # idempotent
    assert _rows() == expected


def _refuse(*_args: Any, **_kwargs: Any) -> int:
    raise AssertionError("the bulk rebuild recomputed day by day")


def test_rebuild_command_uses_the_bulk_path(
    varied: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    summaries.rebuild(start=D1, end=D3, agency_id=varied["agency"].pk)
    expected = _rows()
    UnitDaySummary.objects.all().delete()
    calls: list[dict[str, Any]] = []
    real = bulk.rebuild

    def spy(**kwargs: Any) -> int:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr("govflex.insights.management.commands.insights.rebuild", spy)
    out = io.StringIO()
    call_command(
        "insights", "rebuild", "--from", str(D1), "--to", str(D3), "--agency", "a", stdout=out
    )
    assert calls == [{"start": D1, "end": D3, "agency_id": varied["agency"].pk}]
    assert _rows() == expected
    assert f"wrote {len(expected)} row(s)" in out.getvalue()
