"""The live evaluator: punches queue their person-day once; batches judge exactly as the
one-at-a-time path does."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from govflex.arrangements.models import DayException
from govflex.attendance.live import evaluate_pending, judge_many
from govflex.attendance.models import Correction, DayResult, Leave, PendingEvaluation
from govflex.attendance.services import PunchInput, day_result_values, punch_record
from tests.factories import PersonFactory, UserFactory

BKK = ZoneInfo("Asia/Bangkok")
MONDAY = dt.date(2026, 3, 2)
COMPARED = (
    "status",
    "mode",
    "worked_minutes",
    "late_minutes",
    "early_minutes",
    "punch_count",
    "first_punch",
    "last_punch",
    "exceptions",
    "final",
)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BKK)


@pytest.fixture
def queued(settings: Any) -> None:
    """The production path: punches queue, the live evaluator judges."""
    settings.GOVFLEX_EVALUATE_INLINE = False


@pytest.fixture
def people(org: dict[str, Any]) -> list[Any]:
    return [
        PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
        for _ in range(4)
    ]


def _punch(person: Any, when: dt.datetime, key: str) -> None:
    punch_record(
        actor=person.user,
        person=person,
        data=PunchInput(idempotency_key=key, device_time=when),
        now=when,
    )


def test_punches_queue_their_day_once_and_a_batch_judges_it(
    queued: None, people: list[Any]
) -> None:
    person = people[0]
    _punch(person, at(MONDAY, 8, 20), "live-0001")
    _punch(person, at(MONDAY, 16, 40), "live-0002")
    assert PendingEvaluation.objects.count() == 1  # two punches, one person-day
    assert not DayResult.objects.exists()  # nothing judged in the request
    assert evaluate_pending() == 1
    assert not PendingEvaluation.objects.exists()
    result = DayResult.objects.get(person=person, day=MONDAY)
    assert result.status == "present"
    assert result.punch_count == 2


def test_batch_judges_like_the_single_path(queued: None, people: list[Any]) -> None:
    days = [MONDAY + dt.timedelta(days=n) for n in range(5)]
    first, second, third, fourth = people
    for n, day in enumerate(days):
        _punch(first, at(day, 8, 20 + n * 9), f"a-{n:06d}")
        _punch(first, at(day, 16, 30), f"b-{n:06d}")
        _punch(second, at(day, 9, 5), f"c-{n:06d}")  # a single punch: incomplete
    Leave.objects.create(
        person=third, leave_type="sick", start=days[1], end=days[2], status="approved"
    )
    Leave.objects.create(
        person=third,
        leave_type="personal",
        start=days[3],
        end=days[3],
        part="morning",
        status="approved",
    )
    DayException.objects.create(person=fourth, day=days[0], mode="off_site", place="residence")
    DayException.objects.create(person=fourth, day=days[1], mode="staggered", slot="07:30-15:30")
    Correction.objects.create(
        person=fourth, day=days[2], kind="official_travel", reason="ไปราชการ", status="approved"
    )
    _punch(fourth, at(days[1], 7, 40), "d-000001")
    _punch(fourth, at(days[1], 15, 20), "d-000002")
    now = at(days[-1], 23, 0)
    pairs = [(p, d) for p in people for d in days]
    judge_many(pairs, now=now)
    for person, day in pairs:
        single = day_result_values(person=person, day=day, now=now)
        stored = DayResult.objects.get(person=person, day=day)
        assert {f: getattr(stored, f) for f in COMPARED} == {f: single[f] for f in COMPARED}, (
            person.pk,
            day,
        )


def test_worker_batch_drains_the_queue(
    queued: None, people: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govflex.common.management.commands import worker

    started: list[tuple[Any, ...]] = []
    # The task queue's own worker is django-tasks' (it manages its connections itself);
    # here only the live loop that `govflex worker` runs beside it is under test.
    monkeypatch.setattr(worker, "call_command", lambda *args: started.append(args))
    _punch(people[1], at(MONDAY, 8, 0), "w-000001")
    call_command("worker", "--batch", stdout=StringIO())
    assert not PendingEvaluation.objects.exists()
    assert DayResult.objects.filter(person=people[1], day=MONDAY).exists()
    (args,) = started
    assert args[:4] == ("db_worker", "--interval", "1.0", "--worker-id")
    assert args[5:] == ("--batch",)  # args[4]: the ID its heartbeat carries (common.workers)
