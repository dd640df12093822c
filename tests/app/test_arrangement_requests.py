"""Arrangement requests: filing, the approval chain, coverage and quotas, swaps, recalls,
delegation, reminders and escalation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from govflex.arrangements.approvals.decisions import (
    request_approve,
    request_impact,
    request_reject,
    requests_bulk_approve,
)
from govflex.arrangements.approvals.filing import (
    request_file,
    request_withdraw,
    swap_answer,
    swap_file,
)
from govflex.arrangements.approvals.recall import recall_issue
from govflex.arrangements.approvals.selectors import requests_to_decide
from govflex.arrangements.approvals.upkeep import (
    approval_settings_set,
    delegation_add,
    requests_remind,
)
from govflex.arrangements.models import ArrangementRequest, DayException, Source
from govflex.arrangements.selectors import arrangement_on
from govflex.common.errors import AccessDenied, Blocked, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.core.enums import WorkMode
from govflex.notifications.models import Notification

TODAY = dt.date(2027, 3, 1)  # a Monday
MON, TUE, WED, THU = (dt.date(2027, 3, 8) + dt.timedelta(days=n) for n in range(4))
OFF = {"mode": "off_site", "place": "residence"}
EARLY = {"mode": "staggered", "slot": "07:30-15:30"}


def _file(person: Any, days: dict[str, Any], **kwargs: Any) -> ArrangementRequest:
    return request_file(
        actor=person.user,
        person=person,
        kind="dates",
        days={day.isoformat(): value for day, value in days.items()},
        reason="ดูแลบุตร",
        today=TODAY,
        **kwargs,
    )


def test_off_site_request_goes_through_supervisor_then_unit_head(team: dict[str, Any]) -> None:
    person = team["staff"][0]
    request = _file(person, {TUE: OFF})
    assert request.chain == ["supervisor", "unit_head"]
    assert Notification.objects.filter(user=team["boss"], kind="arrangement.request_waiting")
    assert requests_to_decide(actor=team["boss"], today=TODAY) == [request]
    assert requests_to_decide(actor=team["staff"][1].user, today=TODAY) == []
    request_approve(actor=team["boss"], request_id=request.pk, today=TODAY)
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.PENDING
    assert request.step == 1
    # One person decides one step only: the supervisor cannot also act as unit head.
    with pytest.raises(AccessDenied):
        request_approve(actor=team["boss"], request_id=request.pk, today=TODAY)
    request_approve(actor=team["head"], request_id=request.pk, today=TODAY)
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.APPROVED
    plan = arrangement_on(person=person, day=TUE)
    assert plan is not None
    assert plan.mode is WorkMode.OFF_SITE
    assert DayException.objects.get(person=person, day=TUE).source == Source.REQUEST
    assert Notification.objects.filter(user=person.user, kind="arrangement.request_decided")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"arrangement.request_filed", "arrangement.request_approved"} <= actions


def test_on_site_request_needs_only_the_supervisor(team: dict[str, Any]) -> None:
    request = _file(team["staff"][0], {TUE: EARLY})
    assert request.chain == ["supervisor"]
    request_approve(actor=team["boss"], request_id=request.pk, today=TODAY)
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.APPROVED


def test_bad_requests_are_refused_and_nothing_is_written(team: dict[str, Any]) -> None:
    person = team["staff"][0]
    cases: list[dict[str, Any]] = [
        {TODAY - dt.timedelta(days=1): OFF},  # a closed period
        {dt.date(2027, 3, 13): OFF},  # a Saturday
        {TUE: {"mode": "staggered", "slot": "06:00-14:00"}},  # a slot not in the policy
        {TUE: {"mode": "flying"}},  # not a mode
    ]
    for days in cases:
        with pytest.raises(ValidationFailed):
            _file(person, days)
    with pytest.raises(ValidationFailed):
        request_file(
            actor=person.user,
            person=person,
            kind="dates",
            days={TUE.isoformat(): OFF},
            reason="  ",
            today=TODAY,
        )
    with pytest.raises(AccessDenied):
        request_file(
            actor=team["staff"][1].user,
            person=person,
            kind="dates",
            days={TUE.isoformat(): OFF},
            reason="x",
            today=TODAY,
        )
    assert not ArrangementRequest.objects.exists()
    _file(person, {TUE: OFF})
    with pytest.raises(ValidationFailed) as caught:
        _file(person, {TUE: EARLY, WED: EARLY})  # overlaps the open request
    assert "days" in caught.value.details["fields"]
    assert ArrangementRequest.objects.count() == 1


def test_rejection_needs_a_reason_and_an_approver_in_the_chain(team: dict[str, Any]) -> None:
    request = _file(team["staff"][0], {TUE: OFF})
    with pytest.raises(ValidationFailed):
        request_reject(actor=team["boss"], request_id=request.pk, note=" ", today=TODAY)
    with pytest.raises(AccessDenied):  # a colleague is not in the chain
        request_approve(actor=team["staff"][1].user, request_id=request.pk, today=TODAY)
    with pytest.raises(AccessDenied):  # nor is the requester
        request_approve(actor=team["staff"][0].user, request_id=request.pk, today=TODAY)
    request_reject(actor=team["boss"], request_id=request.pk, note="ช่วงนั้นคนไม่พอ", today=TODAY)
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.REJECTED
    assert request.decision_note == "ช่วงนั้นคนไม่พอ"
    assert not DayException.objects.exists()


def test_withdrawal_by_the_requester_only(team: dict[str, Any]) -> None:
    request = _file(team["staff"][0], {TUE: OFF})
    with pytest.raises(AccessDenied):
        request_withdraw(actor=team["boss"], request_id=request.pk)
    request_withdraw(actor=team["staff"][0].user, request_id=request.pk)
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.WITHDRAWN
    with pytest.raises(ValidationFailed):
        request_approve(actor=team["boss"], request_id=request.pk, today=TODAY)


def test_coverage_blocks_approval_with_the_exact_window(team: dict[str, Any]) -> None:
    staff = team["staff"]
    # Two of the three already work off site on Tuesday (set directly by HR over the cap).
    for person in staff[:2]:
        DayException.objects.create(person=person, day=TUE, mode="off_site", place="residence")
    DayException.objects.create(
        person=team["boss_person"], day=TUE, mode="off_site", place="residence"
    )
    request = _file(staff[2], {TUE: OFF})
    impact = request_impact(request)
    assert not impact.allowed
    texts = [m.th for m in impact.blocking]
    assert any("CTR" in t or team["counter"].name_th in t for t in texts)
    assert any("08:30–16:30" in t and "ขาด 1 คน" in t for t in texts)
    request_approve(actor=team["boss"], request_id=request.pk, today=TODAY)  # step 1
    with pytest.raises(Blocked) as caught:
        request_approve(actor=team["head"], request_id=request.pk, today=TODAY)
    assert any("08:30–16:30" in reason for reason in caught.value.details["reasons"])
    assert arrangement_on(person=staff[2], day=TUE) is None
    # A unit head is not an executive: no override.
    with pytest.raises(AccessDenied):
        request_approve(
            actor=team["head"], request_id=request.pk, override_reason="จำเป็น", today=TODAY
        )


def test_executive_override_is_recorded(team: dict[str, Any]) -> None:
    staff = team["staff"]
    DayException.objects.create(person=staff[0], day=TUE, mode="off_site", place="residence")
    request = _file(staff[1], {TUE: OFF})  # 2 of the 4 off site: the unit cap (50%) holds
    request_approve(actor=team["boss"], request_id=request.pk, today=TODAY)
    request_approve(actor=team["executive"], request_id=request.pk, today=TODAY)
    second = _file(staff[2], {TUE: OFF})  # 3 of 4 off site: above the unit cap (2)
    request_approve(actor=team["boss"], request_id=second.pk, today=TODAY)
    with pytest.raises(Blocked) as caught:
        request_approve(actor=team["executive"], request_id=second.pk, today=TODAY)
    assert any("2" in r for r in caught.value.details["reasons"])
    request_approve(
        actor=team["executive"],
        request_id=second.pk,
        override_reason="ภารกิจเร่งด่วนนอกสถานที่",
        today=TODAY,
    )
    second.refresh_from_db()
    assert second.status == ArrangementRequest.Status.APPROVED
    assert second.override_reason == "ภารกิจเร่งด่วนนอกสถานที่"
    assert second.decisions.last().outcome == "overridden"  # type: ignore[union-attr]


def test_weekly_quota_blocks(team: dict[str, Any]) -> None:
    person = team["staff"][0]
    request = _file(person, {MON: OFF, WED: OFF, THU: OFF})
    impact = request_impact(request)
    assert any(m.code == "week_off_site_quota_exceeded" for m in impact.blocking)


def test_swap_needs_consent_then_supervisor(team: dict[str, Any]) -> None:
    alice, bob = team["staff"][:2]
    DayException.objects.create(person=alice, day=TUE, mode="off_site", place="residence")
    DayException.objects.create(person=bob, day=THU, mode="off_site", place="residence")
    with pytest.raises(ValidationFailed):
        swap_file(
            actor=alice.user, person=alice, partner=alice, dates=[TUE], reason="x", today=TODAY
        )
    swap = swap_file(
        actor=alice.user,
        person=alice,
        partner=bob,
        dates=[TUE, THU],
        reason="นัดแพทย์",
        today=TODAY,
    )
    assert swap.status == ArrangementRequest.Status.AWAITING_PARTNER
    assert Notification.objects.filter(user=bob.user, kind="arrangement.swap_offered")
    with pytest.raises(ValidationFailed):
        request_approve(actor=team["boss"], request_id=swap.pk, today=TODAY)
    with pytest.raises(AccessDenied):
        swap_answer(actor=alice.user, request_id=swap.pk, consent=True)
    swap_answer(actor=bob.user, request_id=swap.pk, consent=True)
    request_approve(actor=team["boss"], request_id=swap.pk, today=TODAY)
    swap.refresh_from_db()
    assert swap.status == ArrangementRequest.Status.APPROVED
    assert arrangement_on(person=alice, day=THU).mode is WorkMode.OFF_SITE  # type: ignore[union-attr]
    assert arrangement_on(person=bob, day=TUE).mode is WorkMode.OFF_SITE  # type: ignore[union-attr]
    assert arrangement_on(person=alice, day=TUE) is None  # standard day on site
    assert DayException.objects.get(person=bob, day=TUE).source == Source.SWAP


def test_recall_overrides_and_notifies_everyone(team: dict[str, Any]) -> None:
    staff = team["staff"]
    DayException.objects.create(person=staff[0], day=TUE, mode="off_site", place="residence")
    pending = _file(staff[1], {TUE: OFF})
    with pytest.raises(AccessDenied):
        recall_issue(
            actor=staff[2].user, unit=team["counter"], start=TUE, end=TUE, reason="x", today=TODAY
        )
    with pytest.raises(ValidationFailed):
        recall_issue(
            actor=team["boss"], unit=team["counter"], start=TUE, end=MON, reason="x", today=TODAY
        )
    recall = recall_issue(
        actor=team["boss"],
        unit=team["counter"],
        start=MON,
        end=THU,
        reason="ตรวจราชการ",
        today=TODAY,
    )
    assert recall.people_affected == 1
    assert recall.days_changed == 1
    plan = arrangement_on(person=staff[0], day=TUE)
    assert plan is not None
    assert plan.on_site
    exception = DayException.objects.get(person=staff[0], day=TUE)
    assert exception.source == Source.RECALL
    assert exception.replaced["mode"] == "off_site"
    pending.refresh_from_db()
    assert pending.status == ArrangementRequest.Status.REJECTED
    assert Notification.objects.filter(kind="arrangement.recall").count() == 4  # boss + 3
    with pytest.raises(ValidationFailed):  # recalled days cannot be requested
        _file(staff[0], {TUE: OFF})


def test_delegate_decides_in_place_of_the_supervisor(team: dict[str, Any]) -> None:
    request = _file(team["staff"][0], {TUE: EARLY})
    deputy = team["staff"][2].user
    delegation_add(actor=team["boss"], delegate=deputy, start=TODAY, end=TUE)
    assert requests_to_decide(actor=deputy, today=TODAY) == [request]
    request_approve(actor=deputy, request_id=request.pk, today=TODAY)
    decision = request.decisions.get()
    assert decision.on_behalf_of == team["boss"]
    # After the delegation ends, the deputy decides nothing.
    later = _file(team["staff"][1], {WED: EARLY})
    with pytest.raises(AccessDenied):
        request_approve(actor=deputy, request_id=later.pk, today=WED)


def test_reminder_then_escalation(team: dict[str, Any]) -> None:
    request = _file(team["staff"][0], {THU: EARLY})
    start = dt.datetime(2027, 3, 1, 9, tzinfo=timezone.get_current_timezone())
    ArrangementRequest.objects.filter(pk=request.pk).update(step_since=start)
    with pytest.raises(AccessDenied):  # an executive is not in a supervisor-only chain
        request_approve(actor=team["executive"], request_id=request.pk, today=TODAY)
    assert requests_remind(now=start + dt.timedelta(days=1)) == {"reminded": 0, "escalated": 0}
    assert requests_remind(now=start + dt.timedelta(days=2)) == {"reminded": 1, "escalated": 0}
    assert requests_remind(now=start + dt.timedelta(days=2)) == {"reminded": 0, "escalated": 0}
    assert requests_remind(now=start + dt.timedelta(days=3)) == {"reminded": 0, "escalated": 1}
    request.refresh_from_db()
    assert request.escalated_at is not None
    assert Notification.objects.filter(kind="arrangement.request_reminder").exists()
    # Escalated one level up (supervisor → unit head, which executives hold): now they may.
    request_approve(actor=team["executive"], request_id=request.pk, today=TODAY)
    request.refresh_from_db()
    assert request.status == ArrangementRequest.Status.APPROVED


def test_bulk_approval_reports_each(team: dict[str, Any]) -> None:
    first = _file(team["staff"][0], {TUE: EARLY})
    second = _file(team["staff"][1], {TUE: EARLY})
    results = requests_bulk_approve(actor=team["boss"], request_ids=[first.pk, second.pk, 999999])
    assert [r.approved for r in results] == [True, True, False]


def test_approval_chain_is_configurable(team: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed):
        approval_settings_set(
            actor=team["hr"],
            agency_id=team["agency"].pk,
            on_site_chain=["boss"],
            off_site_chain=["supervisor"],
            remind_after_days=2,
            escalate_after_days=3,
        )
    with pytest.raises(AccessDenied):
        approval_settings_set(
            actor=team["boss"],
            agency_id=team["agency"].pk,
            on_site_chain=["supervisor"],
            off_site_chain=["supervisor"],
            remind_after_days=2,
            escalate_after_days=3,
        )
    approval_settings_set(
        actor=team["hr"],
        agency_id=team["agency"].pk,
        on_site_chain=["supervisor"],
        off_site_chain=["supervisor", "executive"],
        remind_after_days=1,
        escalate_after_days=2,
    )
    request = _file(team["staff"][0], {TUE: OFF})
    assert request.chain == ["supervisor", "executive"]


def test_remind_command_runs(team: dict[str, Any]) -> None:
    from io import StringIO

    from django.core.management import call_command

    _file(team["staff"][0], {THU: EARLY})
    out = StringIO()
    call_command("arrangements", "remind", stdout=out)
    assert "reminded 0, escalated 0" in out.getvalue()  # filed just now: nothing is due
