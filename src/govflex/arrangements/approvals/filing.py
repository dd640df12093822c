"""Filing arrangement requests and swaps: everything is checked before anything is written.

Refused with a clear reason: dates in a closed period (before today, or a non-working day),
a plan the policy does not allow, dates overlapping another open request, dates under a recall,
a swap with oneself or with someone outside the unit, a swap that changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.arrangements.approvals.chain import approvers, chain_for
from govflex.arrangements.book import plan_book
from govflex.arrangements.convert import BadValue, day_plan, stored
from govflex.arrangements.models import ArrangementRequest, DayException, Source, Step
from govflex.common.audit import audit_record
from govflex.common.dates import day_text
from govflex.common.errors import AccessDenied, field_error, refusal
from govflex.core.arrangements import DayPlan, check_day_plan, check_week
from govflex.core.enums import PositionType, WorkMode
from govflex.core.messages import Message
from govflex.notifications.services import notify
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.policies.selectors import policy_for, unit_calendar

MAX_DATES = 31
OPEN = (ArrangementRequest.Status.PENDING, ArrangementRequest.Status.AWAITING_PARTNER)


def _plan(value: dict[str, Any], field: str) -> DayPlan:
    try:
        return day_plan(value)
    except BadValue as exc:
        raise field_error(field, _("Not a mode, slot or place we know.")) from exc


def _position(person: Person) -> PositionType:
    return PositionType(person.position.position_type)


def _check_dates(person: Person, dates: list[dt.date], today: dt.date) -> None:
    if not dates:
        raise field_error("days", _("Choose at least one date."))
    if len(dates) > MAX_DATES:
        raise field_error("days", _("At most 31 dates in one request."))
    calendar = unit_calendar(agency_id=person.agency_id, unit_id=person.unit_id)
    for day in dates:
        if day < today:
            raise field_error(
                "days", _("%(day)s is in a closed period (before today).") % {"day": day_text(day)}
            )
        if not calendar.is_working_day(day):
            raise field_error("days", _("%(day)s is not a working day.") % {"day": day_text(day)})
    recalled = DayException.objects.filter(
        person=person, day__in=dates, source=Source.RECALL
    ).values_list("day", flat=True)
    if recalled:
        raise field_error(
            "days",
            _("%(day)s is under a recall to the office; it cannot be changed.")
            % {"day": day_text(min(recalled))},
        )


def _check_overlap(person: Person, dates: list[dt.date] | None) -> None:
    """One open request per person-date (a pattern request: one open pattern request)."""
    open_requests = ArrangementRequest.objects.filter(
        Q(person=person) | Q(partner=person), status__in=OPEN
    )
    if dates is None:
        if open_requests.filter(person=person, kind=ArrangementRequest.Kind.PATTERN).exists():
            raise field_error("days", _("A pattern change you asked for is still waiting."))
        return
    wanted = {day.isoformat() for day in dates}
    for other in open_requests.exclude(kind=ArrangementRequest.Kind.PATTERN):
        clash = wanted & set(other.days)
        if clash:
            raise field_error(
                "days",
                _("%(day)s is already in an open request (no. %(id)s).")
                % {"day": day_text(dt.date.fromisoformat(min(clash))), "id": other.pk},
            )


def _notify_approvers(request: ArrangementRequest) -> None:
    notify(
        users=approvers(request),
        kind="arrangement.request_waiting",
        th=f"คำขอจัดรูปแบบการทำงานของ {request.person.full_name_th} รอการพิจารณา",
        en=f"An arrangement request from {request.person.full_name_en} is waiting for you",
        url=f"/arrangements/requests/{request.pk}/",
    )


def _open(request: ArrangementRequest, actor: Any) -> ArrangementRequest:
    request.save()
    audit_record(
        actor=actor,
        action="arrangement.request_filed",
        target=request,
        agency_id=request.agency_id,
        after={
            "kind": request.kind,
            "days": request.days,
            "partner": request.partner_id,
            "chain": request.chain,
            "reason": request.reason,
        },
    )
    return request


def _dated_plans(
    person: Person, days: dict[str, dict[str, Any]], today: dt.date
) -> dict[str, DayPlan]:
    plans: dict[str, DayPlan] = {}
    for key, value in days.items():
        try:
            day = dt.date.fromisoformat(key)
        except ValueError as exc:
            raise field_error("days", _("“%(value)s” is not a date.") % {"value": key}) from exc
        plans[day.isoformat()] = _plan(value, f"days.{key}")
    dates = sorted(dt.date.fromisoformat(k) for k in plans)
    _check_dates(person, dates, today)
    problems: list[Message] = []
    for key, plan in plans.items():
        policy = policy_for(
            agency_id=person.agency_id, day=dt.date.fromisoformat(key), unit_id=person.unit_id
        )
        problems += check_day_plan(
            plan, policy=policy, position_type=_position(person), path=f"{key}."
        )
    if problems:
        raise refusal(problems)
    _check_overlap(person, dates)
    return plans


def _pattern_plans(
    person: Person, days: dict[str, dict[str, Any]], effective_from: dt.date
) -> dict[str, DayPlan]:
    plans: dict[str, DayPlan] = {}
    for key, value in days.items():
        if not value or not value.get("mode"):
            continue
        if key not in {str(n) for n in range(7)}:
            raise field_error("days", _("Weekdays are 0 (Monday) to 6."))
        plans[key] = _plan(value, f"days.{key}")
    policy = policy_for(agency_id=person.agency_id, day=effective_from, unit_id=person.unit_id)
    problems = check_week(
        {int(k): v for k, v in plans.items()}, policy=policy, position_type=_position(person)
    )
    if problems:
        raise refusal(problems)
    _check_overlap(person, None)
    return plans


@transaction.atomic
def request_file(
    *,
    actor: Any,
    person: Person,
    kind: str,
    days: dict[str, dict[str, Any]],
    reason: str,
    effective_from: dt.date | None = None,
    today: dt.date | None = None,
) -> ArrangementRequest:
    """A person asks for specific dates (ISO date → plan) or a new pattern (weekday → plan)."""
    today = today or timezone.localdate()
    if access_for(actor).person_id != person.pk:
        raise AccessDenied(_("You can only file requests for yourself."))
    if not reason.strip():
        raise field_error("reason", _("Give a reason."))
    if kind == ArrangementRequest.Kind.DATES:
        plans = _dated_plans(person, days, today)
        first = dt.date.fromisoformat(min(plans))
        last: dt.date | None = dt.date.fromisoformat(max(plans))
    elif kind == ArrangementRequest.Kind.PATTERN:
        if effective_from is None or effective_from < today:
            raise field_error("effective_from", _("The new pattern must start today or later."))
        plans = _pattern_plans(person, days, effective_from)
        first, last = effective_from, None
    else:
        raise field_error("kind", _("Choose specific dates or a weekly pattern."))
    off_site = any(plan.mode is WorkMode.OFF_SITE for plan in plans.values())
    request = _open(
        ArrangementRequest(
            agency_id=person.agency_id,
            person=person,
            kind=kind,
            effective_from=effective_from if kind == ArrangementRequest.Kind.PATTERN else None,
            first_day=first,
            last_day=last,
            days={k: stored(v) for k, v in sorted(plans.items())},
            reason=reason.strip(),
            chain=chain_for(person.agency_id, off_site=off_site),
            off_site=off_site,
            step_since=timezone.now(),
        ),
        actor,
    )
    _notify_approvers(request)
    return request


@transaction.atomic
def swap_file(
    *,
    actor: Any,
    person: Person,
    partner: Person,
    dates: list[dt.date],
    reason: str,
    today: dt.date | None = None,
) -> ArrangementRequest:
    """Two colleagues exchange their plans on the given dates (the partner consents first)."""
    today = today or timezone.localdate()
    if access_for(actor).person_id != person.pk:
        raise AccessDenied(_("You can only file requests for yourself."))
    if partner.pk == person.pk:
        raise field_error("partner", _("You cannot swap with yourself."))
    if partner.agency_id != person.agency_id or partner.unit_id != person.unit_id:
        raise field_error("partner", _("Swaps are between colleagues of the same unit."))
    if not reason.strip():
        raise field_error("reason", _("Give a reason."))
    dates = sorted(set(dates))
    _check_dates(person, dates, today)
    _check_dates(partner, dates, today)
    _check_overlap(person, dates)
    _check_overlap(partner, dates)
    book = plan_book([person, partner], dates[0], dates[-1])
    mine: dict[str, dict[str, str]] = {}
    theirs: dict[str, dict[str, str]] = {}
    problems: list[Message] = []
    for day in dates:
        own, other = book.entry(person, day) or {}, book.entry(partner, day) or {}
        if own == other:
            continue
        policy = policy_for(agency_id=person.agency_id, day=day, unit_id=person.unit_id)
        key = day.isoformat()
        for who, entry in ((person, other), (partner, own)):
            if entry:
                problems += check_day_plan(
                    _plan(entry, key), policy=policy, position_type=_position(who), path=f"{key}."
                )
        mine[key], theirs[key] = dict(other), dict(own)
    if problems:
        raise refusal(problems)
    if not mine:
        raise field_error("days", _("You and your colleague have the same plan on these dates."))
    off_site = any(e.get("mode") == WorkMode.OFF_SITE for e in [*mine.values(), *theirs.values()])
    request = _open(
        ArrangementRequest(
            agency_id=person.agency_id,
            person=person,
            kind=ArrangementRequest.Kind.SWAP,
            first_day=dates[0],
            last_day=dates[-1],
            days=mine,
            partner=partner,
            partner_days=theirs,
            reason=reason.strip(),
            status=ArrangementRequest.Status.AWAITING_PARTNER,
            # A swap keeps everyone's number of off-site days: the supervisor approves it.
            chain=[Step.SUPERVISOR.value],
            off_site=off_site,
        ),
        actor,
    )
    notify(
        users=[partner.user],
        kind="arrangement.swap_offered",
        th=f"{person.full_name_th} ขอสลับวันปฏิบัติงานกับคุณ",
        en=f"{person.full_name_en} asks to swap working days with you",
        url=f"/arrangements/requests/{request.pk}/",
    )
    return request


@transaction.atomic
def swap_answer(
    *, actor: Any, request_id: int, consent: bool, note: str = ""
) -> ArrangementRequest:
    request = (
        ArrangementRequest.objects.select_for_update(of=("self",))
        .select_related("person", "partner")
        .filter(pk=request_id)
        .first()
    )
    if request is None or access_for(actor).person_id != request.partner_id:
        raise AccessDenied(_("Only the colleague asked can answer a swap."))
    if request.status != ArrangementRequest.Status.AWAITING_PARTNER:
        raise field_error("status", _("This swap is no longer waiting for your answer."))
    request.partner_answered_at = timezone.now()
    if consent:
        request.status = ArrangementRequest.Status.PENDING
        request.step_since = timezone.now()
    else:
        request.status = ArrangementRequest.Status.DECLINED
        request.decision_note = note
    request.save()
    audit_record(
        actor=actor,
        action="arrangement.swap_consented" if consent else "arrangement.swap_declined",
        target=request,
        agency_id=request.agency_id,
        note=note,
    )
    if consent:
        _notify_approvers(request)
    elif request.partner is not None:
        notify(
            users=[request.person.user],
            kind="arrangement.swap_declined",
            th=f"{request.partner.full_name_th} ไม่ยินยอมสลับวันปฏิบัติงาน",
            en=f"{request.partner.full_name_en} declined your swap",
            url=f"/arrangements/requests/{request.pk}/",
        )
    return request


@transaction.atomic
def request_withdraw(*, actor: Any, request_id: int) -> ArrangementRequest:
    request = (
        ArrangementRequest.objects.select_for_update(of=("self",))
        .select_related("person", "partner")
        .filter(pk=request_id)
        .first()
    )
    if request is None or access_for(actor).person_id != request.person_id:
        raise AccessDenied(_("Only the person who filed a request can withdraw it."))
    if request.status not in OPEN:
        raise field_error("status", _("Only a request still waiting can be withdrawn."))
    request.status = ArrangementRequest.Status.WITHDRAWN
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    audit_record(
        actor=actor,
        action="arrangement.request_withdrawn",
        target=request,
        agency_id=request.agency_id,
    )
    if request.partner is not None:
        notify(
            users=[request.partner.user],
            kind="arrangement.swap_withdrawn",
            th=f"{request.person.full_name_th} ถอนคำขอสลับวันปฏิบัติงาน",
            en=f"{request.person.full_name_en} withdrew the swap request",
            url=f"/arrangements/requests/{request.pk}/",
        )
    return request
