"""The roster optimiser through the shell: problem from the database, background solve, review,
edit, publish; explanations when no roster can meet the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from govflex.arrangements.models import DayException, RosterProposal, Source
from govflex.arrangements.optimiser import (
    problem_for,
    proposal_edit,
    proposal_publish,
    proposal_solve,
    proposal_start,
)
from govflex.arrangements.preferences import preference_set
from govflex.attendance.models import Leave
from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.notifications.models import Notification
from govflex.org.models import PositionType, Role
from govflex.policies.selectors import unit_calendar
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    PositionFactory,
    UnitFactory,
    UserFactory,
    grant,
)


def _next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


@pytest.fixture
def counter(db: Any) -> dict[str, Any]:
    agency = AgencyFactory(code="opt")
    unit = UnitFactory(agency=agency, code="CTR1", is_service_point=True)
    position = PositionFactory(agency=agency, position_type=PositionType.SUPPORT)
    boss = UserFactory(username="opt-boss")
    grant(boss, agency, Role.SUPERVISOR, unit)
    people = [PersonFactory(unit=unit, position=position, user=UserFactory()) for _ in range(4)]
    return {"agency": agency, "unit": unit, "boss": boss, "people": people}


def _solve(counter: dict[str, Any], capture: Any, **kwargs: Any) -> RosterProposal:
    with capture(execute=True):
        proposal = proposal_start(
            actor=counter["boss"],
            unit=counter["unit"],
            start=_next_monday(),
            weeks=1,
            time_limit_s=5,
            **kwargs,
        )
    proposal.refresh_from_db()
    return proposal


def test_proposal_covers_the_counter_and_honours_wishes(
    counter: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    first = counter["people"][0]
    preference_set(
        actor=first.user,
        person=first,
        slot_ranks=["07:30-15:30"],
        off_site_weekdays=[1],
        wants_counted_hours=False,
    )
    proposal = _solve(counter, django_capture_on_commit_callbacks)
    assert proposal.status == RosterProposal.Status.PROPOSED
    assert proposal.problems == []
    monday = _next_monday()
    plans = proposal.plans
    assert set(plans) == {str(p.pk) for p in counter["people"]}
    calendar = unit_calendar(agency_id=counter["agency"].pk, unit_id=counter["unit"].pk)
    working = [monday + dt.timedelta(days=n) for n in range(7)]
    for day in [d.isoformat() for d in working if calendar.is_working_day(d)]:
        on_site = [
            pid for pid, days in plans.items() if days.get(day, {}).get("mode") != "off_site"
        ]
        assert on_site, f"nobody on site on {day}"
        off_site = len(plans) - len(on_site)
        assert off_site <= 2  # the unit cap: half of four
    tuesday = monday + dt.timedelta(days=1)
    if calendar.is_working_day(tuesday):  # a public holiday gets no plan
        assert plans[str(first.pk)][tuesday.isoformat()]["mode"] == "off_site"
    assert proposal.first_feasible_s is not None


def test_a_solve_whose_worker_died_is_solved_again_and_a_finished_one_is_not(
    counter: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):  # queued; no worker yet
        proposal = proposal_start(
            actor=counter["boss"], unit=counter["unit"], start=_next_monday(), weeks=1
        )
    # The worker marked it running, then died; the task is queued again (common.workers).
    RosterProposal.objects.filter(pk=proposal.pk).update(status=RosterProposal.Status.RUNNING)
    assert proposal_solve(proposal.pk).status == RosterProposal.Status.PROPOSED
    RosterProposal.objects.filter(pk=proposal.pk).update(plans={})
    assert proposal_solve(proposal.pk).plans == {}  # finished: a retry leaves it alone


def test_edit_then_publish_writes_days_and_notifies(
    counter: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    person = counter["people"][1]
    calendar = unit_calendar(agency_id=counter["agency"].pk, unit_id=counter["unit"].pk)
    week = [_next_monday() + dt.timedelta(days=n) for n in range(7)]
    monday, *_middle, wednesday = [d for d in week if calendar.is_working_day(d)]
    DayException.objects.create(
        person=person, day=monday, mode="off_site", place="residence", source=Source.REQUEST
    )
    proposal = _solve(counter, django_capture_on_commit_callbacks)
    assert f"{person.pk}:{monday.isoformat()}" in proposal.fixed
    with pytest.raises(ValidationFailed):  # fixed days stay
        proposal_edit(
            actor=counter["boss"],
            proposal_id=proposal.pk,
            person_id=person.pk,
            day=monday,
            value={"mode": "counted_hours"},
        )
    with pytest.raises(ValidationFailed):  # a slot the policy does not have
        proposal_edit(
            actor=counter["boss"],
            proposal_id=proposal.pk,
            person_id=person.pk,
            day=wednesday,
            value={"mode": "staggered", "slot": "05:00-13:00"},
        )
    proposal_edit(
        actor=counter["boss"],
        proposal_id=proposal.pk,
        person_id=person.pk,
        day=wednesday,
        value={"mode": "staggered", "slot": "09:30-17:30"},
    )
    with pytest.raises(AccessDenied):
        proposal_publish(actor=counter["people"][0].user, proposal_id=proposal.pk)
    changed = proposal_publish(actor=counter["boss"], proposal_id=proposal.pk)
    assert changed > 0
    edited = DayException.objects.get(person=person, day=wednesday)
    assert (edited.source, edited.slot) == (Source.ROSTER, "09:30-17:30")
    assert DayException.objects.get(person=person, day=monday).source == Source.REQUEST
    assert Notification.objects.filter(kind="roster.published").exists()
    proposal.refresh_from_db()
    assert proposal.status == RosterProposal.Status.PUBLISHED


def test_no_roster_possible_is_explained(
    counter: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    monday = _next_monday()
    for person in counter["people"]:
        Leave.objects.create(
            person=person,
            leave_type="vacation",
            start=monday,
            end=monday,
            status=Leave.Status.APPROVED,
        )
    proposal = _solve(counter, django_capture_on_commit_callbacks)
    assert proposal.status == RosterProposal.Status.INFEASIBLE
    assert any("ต้องมีผู้ปฏิบัติงานในที่ตั้ง" in p["th"] for p in proposal.problems)
    assert any(
        counter["unit"].code in p["th"] or counter["unit"].name_th in p["th"]
        for p in proposal.problems
    )


def test_start_checks_input_and_permission(counter: dict[str, Any]) -> None:
    with pytest.raises(AccessDenied):
        proposal_start(
            actor=counter["people"][0].user, unit=counter["unit"], start=_next_monday(), weeks=1
        )
    with pytest.raises(ValidationFailed):
        proposal_start(actor=counter["boss"], unit=counter["unit"], start=_next_monday(), weeks=9)
    with pytest.raises(ValidationFailed):
        proposal_start(
            actor=counter["boss"],
            unit=counter["unit"],
            start=timezone.localdate() - dt.timedelta(days=1),
            weeks=1,
        )
    assert not RosterProposal.objects.exists()


def test_problem_reads_leave_fixed_days_and_the_counter(counter: dict[str, Any]) -> None:
    monday = _next_monday()
    person = counter["people"][0]
    Leave.objects.create(
        person=person, leave_type="sick", start=monday, end=monday, status=Leave.Status.APPROVED
    )
    problem, people = problem_for(counter["unit"], monday, monday + dt.timedelta(days=6))
    assert len(people) == 4
    assert [rule.service_point_id for rule in problem.policy.coverage] == ["CTR1"]
    mine = next(p for p in problem.people if p.person_id == str(person.pk))
    assert monday in mine.unavailable
    assert mine.service_point_id == "CTR1"
    calendar = unit_calendar(agency_id=counter["agency"].pk, unit_id=counter["unit"].pk)
    week = [monday + dt.timedelta(days=n) for n in range(7)]
    assert problem.working_days == {d for d in week if calendar.is_working_day(d)}


def test_contradictory_fixed_days_are_explained(
    counter: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    person = counter["people"][0]
    calendar = unit_calendar(agency_id=counter["agency"].pk, unit_id=counter["unit"].pk)
    week = [_next_monday() + dt.timedelta(days=n) for n in range(7)]
    working = [d for d in week if calendar.is_working_day(d)]
    for day in working[:3]:  # three approved off-site days: over the weekly quota of two
        DayException.objects.create(
            person=person, day=day, mode="off_site", place="residence", source=Source.SET
        )
    proposal = _solve(counter, django_capture_on_commit_callbacks)
    assert proposal.status == RosterProposal.Status.INFEASIBLE
    assert [p["code"] for p in proposal.problems] == ["roster_fixed_quota_exceeded"]
    assert person.full_name_th in proposal.problems[0]["th"]


def test_api_proposal_preferences_and_notifications(
    counter: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    import json

    from django.test import Client

    boss = Client(HTTP_ACCEPT_LANGUAGE="th")
    boss.force_login(counter["boss"])
    staff = Client()
    staff.force_login(counter["people"][0].user)
    prefs = staff.put(
        "/api/v1/me/roster-preferences",
        json.dumps({"slot_ranks": ["06:00-14:00"], "off_site_weekdays": [1]}),
        content_type="application/json",
    )
    assert prefs.status_code == 422
    prefs = staff.put(
        "/api/v1/me/roster-preferences",
        json.dumps({"slot_ranks": ["08:00-16:00"], "off_site_weekdays": [1]}),
        content_type="application/json",
    )
    assert prefs.json()["slot_ranks"] == ["08:00-16:00"]
    with django_capture_on_commit_callbacks(execute=True):
        started = boss.post(
            "/api/v1/roster-proposals",
            json.dumps(
                {
                    "unit_id": counter["unit"].pk,
                    "start": _next_monday().isoformat(),
                    "weeks": 1,
                    "time_limit_s": 5,
                }
            ),
            content_type="application/json",
        )
    assert started.status_code == 202, started.content
    proposal_id = started.json()["id"]
    assert staff.get(f"/api/v1/roster-proposals/{proposal_id}").status_code == 404
    got = boss.get(f"/api/v1/roster-proposals/{proposal_id}").json()
    assert got["status"] == "proposed"
    published = boss.post(f"/api/v1/roster-proposals/{proposal_id}/publish")
    assert published.status_code == 200
    written = DayException.objects.filter(source=Source.ROSTER)
    assert written.count() == published.json()["days_changed"]
    told = set(Notification.objects.filter(kind="roster.published").values_list("user", flat=True))
    assert told == set(written.values_list("person__user", flat=True))
    me = counter["people"][0]
    inbox = staff.get("/api/v1/me/notifications?unread=true").json()
    assert bool(inbox) == written.filter(person=me).exists()
