"""Roll call (issue 9): started within the starter's scope, answered with one tap (the last
answer wins, all are kept), silence escalated once to the supervisor, a live board, exports."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.continuity.board import board, roll_call_get
from govflex.continuity.models import RollCall, RollCallAnswer, RollCallEntry
from govflex.continuity.rollcalls import (
    roll_call_answer,
    roll_call_close,
    roll_call_start,
    roll_calls_escalate,
)
from govflex.notifications.models import Notification
from tests.factories import UnitFactory


def _start(team: dict[str, Any], **kwargs: Any) -> RollCall:
    values: dict[str, Any] = {
        "actor": team["boss"],
        "agency": team["agency"],
        "unit": team["counter"],
        "message": "น้ำท่วม กรุณารายงานตัว",
    }
    values.update(kwargs)
    return roll_call_start(**values)


def test_start_notifies_everyone_in_scope_but_the_starter(team: dict[str, Any]) -> None:
    roll_call = _start(team)
    people = set(roll_call.entries.values_list("person_id", flat=True))
    assert people == {p.pk for p in team["staff"]}  # the boss is not asked
    assert Notification.objects.filter(
        kind="continuity.roll_call", url=f"/continuity/roll-calls/{roll_call.pk}/answer/"
    ).count() == len(team["staff"])
    assert AuditEntry.objects.filter(action="continuity.roll_call_started").exists()


def test_scope_outside_the_starters_reach_is_refused(team: dict[str, Any]) -> None:
    with pytest.raises(AccessDenied):  # a supervisor cannot call the whole agency
        _start(team, unit=None)
    with pytest.raises(AccessDenied):  # nor a unit above the one they lead
        _start(team, unit=team["counter"].parent)
    with pytest.raises(AccessDenied):  # staff cannot start one
        _start(team, actor=team["staff"][0].user)
    with pytest.raises(NotFound):  # another agency's unit
        _start(team, unit=UnitFactory())
    with pytest.raises(ValidationFailed):
        _start(team, escalate_after_minutes=1)
    assert not RollCall.objects.exists()  # nothing half-saved
    agency_wide = _start(team, actor=team["executive"], unit=None)
    assert agency_wide.entries.count() >= len(team["staff"]) + 2  # boss and head too


def test_answered_twice_the_last_answer_wins_and_history_is_kept(team: dict[str, Any]) -> None:
    roll_call = _start(team)
    worker = team["staff"][0]
    roll_call_answer(actor=worker.user, roll_call_id=roll_call.pk, answer="need_help", note="ติดน้ำ")
    assert Notification.objects.filter(
        user=team["boss"], kind="continuity.roll_call_help"
    ).exists()  # help is reported at once
    roll_call_answer(actor=worker.user, roll_call_id=roll_call.pk, answer="safe_working")
    entry = RollCallEntry.objects.get(roll_call=roll_call, person=worker)
    assert entry.answer == "safe_working"
    assert list(
        RollCallAnswer.objects.filter(entry=entry)
        .order_by("at", "pk")
        .values_list("answer", flat=True)
    ) == ["need_help", "safe_working"]


def test_bad_answers_are_refused(team: dict[str, Any]) -> None:
    roll_call = _start(team)
    worker = team["staff"][0]
    with pytest.raises(ValidationFailed):
        roll_call_answer(actor=worker.user, roll_call_id=roll_call.pk, answer="fine")
    with pytest.raises(NotFound):  # not in this roll call
        roll_call_answer(actor=team["head"], roll_call_id=roll_call.pk, answer="safe_working")
    roll_call_close(actor=team["boss"], roll_call_id=roll_call.pk)
    with pytest.raises(ValidationFailed):
        roll_call_answer(actor=worker.user, roll_call_id=roll_call.pk, answer="safe_working")
    assert not RollCallAnswer.objects.exists()


def test_location_is_kept_only_with_consent(team: dict[str, Any]) -> None:
    roll_call = _start(team)
    worker = team["staff"][0]
    entry = roll_call_answer(
        actor=worker.user,
        roll_call_id=roll_call.pk,
        answer="need_help",
        latitude="13.75",
        longitude="100.5",
    )
    assert entry.latitude is None  # no consent given
    worker.user.location_consent_at = timezone.now()
    worker.user.save()
    entry = roll_call_answer(
        actor=worker.user,
        roll_call_id=roll_call.pk,
        answer="need_help",
        latitude="13.75",
        longitude="100.5",
    )
    assert float(entry.latitude) == pytest.approx(13.75)


def test_non_responders_escalate_once_to_their_supervisor(team: dict[str, Any]) -> None:
    roll_call = _start(team, escalate_after_minutes=15)
    roll_call_answer(actor=team["staff"][0].user, roll_call_id=roll_call.pk, answer="safe_working")
    assert roll_calls_escalate(now=timezone.now()) == 0  # not yet due
    later = timezone.now() + dt.timedelta(minutes=16)
    assert roll_calls_escalate(now=later) == 2
    told = Notification.objects.filter(user=team["boss"], kind="continuity.roll_call_unanswered")
    assert told.exists()
    assert roll_calls_escalate(now=later) == 0  # idempotent
    assert told.count() == 2  # as supervisor of the two, and as the starter
    assert (
        RollCallEntry.objects.filter(roll_call=roll_call, escalated_at__isnull=False).count() == 2
    )


def test_escalation_goes_to_the_unit_head_without_a_direct_supervisor(
    team: dict[str, Any],
) -> None:
    roll_call = _start(team, actor=team["executive"], unit=team["counter"].parent)
    later = timezone.now() + dt.timedelta(minutes=31)
    call_command("continuity", "escalate")  # not due: nothing happens
    assert roll_calls_escalate(now=later) >= 1
    # The counter's boss has no direct supervisor: the division head leads the unit above.
    assert Notification.objects.filter(
        user=team["head"], kind="continuity.roll_call_unanswered"
    ).exists()
    assert roll_call.entries.filter(escalated_at__isnull=True).count() == 0


def test_board_counts_per_unit_and_lists_help_and_silence_first(team: dict[str, Any]) -> None:
    roll_call = _start(team)
    staff = team["staff"]
    roll_call_answer(actor=staff[0].user, roll_call_id=roll_call.pk, answer="safe_working")
    roll_call_answer(actor=staff[1].user, roll_call_id=roll_call.pk, answer="need_help")
    found = board(actor=team["boss"], roll_call=roll_call)
    assert found.overall.total == 3
    assert found.overall.no_answer == 1
    assert [line.tally.counts["need_help"] for line in found.units] == [1]
    assert [e.person_id for e in found.attention] == [staff[1].pk, staff[2].pk]
    with pytest.raises(NotFound):  # staff do not see the board
        roll_call_get(actor=staff[0].user, roll_call_id=roll_call.pk)


def test_pages_board_and_exports(team: dict[str, Any]) -> None:
    roll_call = _start(team)
    worker = Client(HTTP_ACCEPT_LANGUAGE="th")
    worker.force_login(team["staff"][0].user)
    page = worker.get(f"/continuity/roll-calls/{roll_call.pk}/answer/")
    assert page.status_code == 200
    assert "<script>" not in page.content.decode()
    worker.post(f"/continuity/roll-calls/{roll_call.pk}/answer/", {"answer": "need_help"})
    boss = Client(HTTP_ACCEPT_LANGUAGE="th")
    boss.force_login(team["boss"])
    main = boss.get(f"/continuity/roll-calls/{roll_call.pk}/").content.decode()
    assert 'hx-trigger="every 5s"' in main
    fragment = boss.get(f"/continuity/roll-calls/{roll_call.pk}/board/").content.decode()
    assert team["staff"][0].full_name_th in fragment
    xlsx = boss.get(f"/continuity/roll-calls/{roll_call.pk}/results.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.max_row == 1 + len(team["staff"])
    pdf = boss.get(f"/continuity/roll-calls/{roll_call.pk}/results.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert worker.get(f"/continuity/roll-calls/{roll_call.pk}/").status_code == 404


def test_api_start_answer_board_results(team: dict[str, Any]) -> None:
    boss = Client(HTTP_ACCEPT_LANGUAGE="en")
    boss.force_login(team["boss"])
    started = boss.post(
        "/api/v1/roll-calls",
        {"unit_id": team["counter"].pk, "escalate_after_minutes": 10},
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    roll_call_id = started.json()["id"]
    outside = boss.post("/api/v1/roll-calls", {}, content_type="application/json")
    assert outside.status_code == 403  # the whole agency is beyond a supervisor
    worker = Client(HTTP_ACCEPT_LANGUAGE="en")
    worker.force_login(team["staff"][0].user)
    mine = worker.get("/api/v1/me/roll-calls").json()
    assert [e["roll_call_id"] for e in mine] == [roll_call_id]
    for answer in ("safe_unable", "need_help"):
        answered = worker.post(
            f"/api/v1/roll-calls/{roll_call_id}/answer",
            {"answer": answer, "note": "roof leaking"},
            content_type="application/json",
        )
        assert answered.status_code == 200
    assert answered.json()["answer"] == "need_help"
    bad = worker.post(
        f"/api/v1/roll-calls/{roll_call_id}/answer",
        {"answer": "maybe"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    figures = boss.get(f"/api/v1/roll-calls/{roll_call_id}/board").json()
    assert figures["overall"]["counts"]["need_help"] == 1
    assert figures["attention"][0]["person_id"] == team["staff"][0].pk
    results = boss.get(f"/api/v1/roll-calls/{roll_call_id}/results").json()
    assert len(results) == len(team["staff"])
    assert worker.get(f"/api/v1/roll-calls/{roll_call_id}/board").status_code == 404
