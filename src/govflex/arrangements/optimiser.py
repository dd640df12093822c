"""The roster optimiser in the shell: build the core's problem from the database, run it as a
background task with progress, let the supervisor edit the proposal, publish it.

Publishing writes each changed day as a dated arrangement (source "roster"), audited, and tells
every person whose plan changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.arrangements.approvals.decisions import lock_units
from govflex.arrangements.approvals.impact import coverage_rule
from govflex.arrangements.book import PlanBook, days_between, plan_book
from govflex.arrangements.convert import BadValue, day_plan, slot_of, stored
from govflex.arrangements.models import (
    DayException,
    RosterPreference,
    RosterProposal,
    Source,
    WeeklyPattern,
)
from govflex.arrangements.services import reevaluate_later
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.core.arrangements import DayPlan, check_day_plan
from govflex.core.enums import LeavePart, PositionType, WorkMode
from govflex.core.policy import TimeWindow
from govflex.core.roster import ProgressEvent, RosterPerson, RosterProblem, propose
from govflex.core.thaidate import format_date
from govflex.notifications.services import notify
from govflex.org.access import access_for
from govflex.org.models import Person, Role, Unit
from govflex.policies.selectors import policy_for, unit_calendar

MAX_WEEKS = 6
PROGRESS_EVERY_S = 0.5
# Days decided before the optimiser runs and kept as they are.
FIXED_SOURCES = (Source.SET, Source.REQUEST, Source.SWAP, Source.RECALL)


def may_propose(actor: Any, unit: Unit) -> bool:
    access = access_for(actor)
    if access.has_role(unit.agency_id, Role.HR, Role.EXECUTIVE):
        return True
    return any(unit.path.startswith(p) for p in access.supervised_paths.get(unit.agency_id, ()))


def _slots(raw: list[Any]) -> tuple[TimeWindow, ...]:
    found = []
    for text in raw:
        try:
            slot = slot_of(str(text))
        except BadValue:
            continue
        if slot is not None:
            found.append(slot)
    return tuple(found)


def _previous(patterns: list[WeeklyPattern], start: dt.date) -> dict[int, DayPlan]:
    in_force = [p for p in patterns if p.effective_from <= start]
    if not in_force:
        return {}
    plans = {}
    for key, entry in in_force[-1].days.items():
        try:
            plans[int(key)] = day_plan(entry)
        except (BadValue, ValueError):
            continue
    return plans


def _service_point(person: Person, points: dict[str, Unit]) -> str:
    """The nearest service point at or above the person's unit (else their own unit's code,
    which no coverage rule names, so they count for no counter)."""
    best: Unit | None = None
    for unit in points.values():
        if person.unit.path.startswith(unit.path) and (best is None or unit.depth > best.depth):
            best = unit
    return best.code if best is not None else f"unit:{person.unit.code}"


def _person(
    person: Person,
    days: list[dt.date],
    book: PlanBook,
    points: dict[str, Unit],
    preference: RosterPreference | None,
    standard: TimeWindow,
) -> RosterPerson:
    unavailable = frozenset(d for d in days if book.leave_part(person, d) is not None)
    fixed: dict[dt.date, DayPlan] = {}
    for day in days:
        exception = book.exception(person, day)
        if exception is None or exception.source not in FIXED_SOURCES or day in unavailable:
            continue
        plan = book.plan(person, day)
        # A blank dated day is the standard day on site (mode 1, the standard hours).
        fixed[day] = plan if plan is not None else DayPlan(WorkMode.STAGGERED, standard)
    return RosterPerson(
        person_id=str(person.pk),
        name=person.full_name_th,
        position_type=PositionType(person.position.position_type),
        service_point_id=_service_point(person, points),
        unavailable=unavailable,
        fixed=fixed,
        slot_ranks=_slots(preference.slot_ranks) if preference else (),
        preferred_off_site_weekdays=frozenset(
            int(n) for n in (preference.off_site_weekdays if preference else []) if 0 <= int(n) <= 6
        ),
        wants_counted_hours=bool(preference and preference.wants_counted_hours),
        previous=_previous(book.patterns.get(person.pk, []), days[0]),
    )


def problem_for(unit: Unit, start: dt.date, end: dt.date) -> tuple[RosterProblem, list[Person]]:
    """The unit subtree's people, policy, calendar, leave, fixed days and preferences."""
    days = days_between(start, end)
    people = list(
        Person.objects.filter(agency_id=unit.agency_id, unit__path__startswith=unit.path)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=end))
        .select_related("unit", "position")
        .order_by("unit__path", "staff_id")
    )
    policy = policy_for(agency_id=unit.agency_id, day=start, unit_id=unit.pk)
    # Service points inside the subtree: a counter above the unit is also staffed by people
    # outside it, so the unit alone cannot be asked to cover it (the approvals check that).
    candidates = Unit.objects.filter(path__startswith=unit.path, agency_id=unit.agency_id)
    points = {u.code: u for u in candidates if coverage_rule(u, policy) is not None}
    rules = tuple(rule for u in points.values() if (rule := coverage_rule(u, policy)))
    calendar = unit_calendar(agency_id=unit.agency_id, unit_id=unit.pk)
    book = plan_book(people, start, end)
    preferences = {p.person_id: p for p in RosterPreference.objects.filter(person__in=people)}
    problem = RosterProblem(
        policy=dataclasses.replace(policy, coverage=rules),
        days=tuple(days),
        working_days=frozenset(d for d in days if calendar.is_working_day(d)),
        people=tuple(
            _person(p, days, book, points, preferences.get(p.pk), policy.standard_day.hours)
            for p in people
        ),
    )
    return problem, people


@transaction.atomic
def proposal_start(
    *, actor: Any, unit: Unit, start: dt.date, weeks: int, time_limit_s: int = 10
) -> RosterProposal:
    if not may_propose(actor, unit):
        raise AccessDenied(_("Only the unit's supervisor, HR or an executive can propose rosters."))
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationFailed(details={"fields": {"weeks": [_("One to six weeks.")]}})
    if start < timezone.localdate():
        raise ValidationFailed(
            details={"fields": {"start": [_("A roster is proposed for today or later.")]}}
        )
    if not 2 <= time_limit_s <= 120:
        raise ValidationFailed(
            details={"fields": {"time_limit_s": [_("Between 2 and 120 seconds.")]}}
        )
    proposal = RosterProposal.objects.create(
        agency_id=unit.agency_id,
        unit=unit,
        start=start,
        end=start + dt.timedelta(days=7 * weeks - 1),
        time_limit_s=time_limit_s,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action="roster.proposal_started",
        target=proposal,
        agency_id=unit.agency_id,
        after={"unit": unit.pk, "start": start, "weeks": weeks},
    )
    from govflex.arrangements.tasks import solve_roster  # noqa: PLC0415 - tasks import us

    transaction.on_commit(lambda: solve_roster.enqueue(proposal.pk))
    return proposal


def proposal_solve(proposal_id: int) -> RosterProposal:
    """Run the optimiser (the background task); progress is saved as it improves."""
    proposal = RosterProposal.objects.select_related("unit").get(pk=proposal_id)
    # A finished proposal is not solved twice; one left RUNNING by a worker that died is solved
    # again (the task is re-queued only when its worker's heartbeat stopped: common.workers).
    if proposal.status not in {RosterProposal.Status.QUEUED, RosterProposal.Status.RUNNING}:
        return proposal
    RosterProposal.objects.filter(pk=proposal.pk).update(status=RosterProposal.Status.RUNNING)
    problem, _people = problem_for(proposal.unit, proposal.start, proposal.end)
    last = [0.0]

    def progress(event: ProgressEvent) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY_S:
            return
        last[0] = now
        RosterProposal.objects.filter(pk=proposal.pk).update(
            progress={
                "elapsed_s": round(event.elapsed_s, 2),
                "objective": event.objective,
                "bound": event.best_bound,
                "gap": event.gap,
                "solutions": event.solutions,
                "limit_s": proposal.time_limit_s,
            }
        )

    try:
        answer = propose(problem, time_limit_s=proposal.time_limit_s, on_progress=progress)
    except Exception as exc:  # the task records the failure for the supervisor to see
        RosterProposal.objects.filter(pk=proposal.pk).update(
            status=RosterProposal.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    plans: dict[str, dict[str, dict[str, str]]] = {}
    for (person_id, day), plan in answer.plans.items():
        plans.setdefault(person_id, {})[day.isoformat()] = stored(plan)
    fixed = [f"{p.person_id}:{day.isoformat()}" for p in problem.people for day in p.fixed]
    fairness = answer.fairness
    proposal.status = (
        RosterProposal.Status.PROPOSED if answer.found else RosterProposal.Status.INFEASIBLE
    )
    proposal.plans, proposal.fixed = plans, fixed
    proposal.objective, proposal.gap = answer.objective, answer.gap
    proposal.fairness = (
        {
            "off_site_min": fairness.off_site_min,
            "off_site_max": fairness.off_site_max,
            "off_site_spread": fairness.off_site_spread,
            "early_spread": fairness.early_spread,
            "late_spread": fairness.late_spread,
        }
        if fairness
        else {}
    )
    proposal.problems = [{"th": m.th, "en": m.en, "code": m.code} for m in answer.problems]
    proposal.first_feasible_s, proposal.solve_s = (
        answer.first_feasible_seconds,
        answer.solve_seconds,
    )
    proposal.progress = {**proposal.progress, "elapsed_s": round(answer.solve_seconds, 2)}
    proposal.finished_at = timezone.now()
    proposal.save()
    return proposal


def _editable(actor: Any, proposal_id: int) -> RosterProposal:
    proposal = (
        RosterProposal.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or not access_for(actor).can_view_structure(proposal.agency_id):
        raise NotFound
    if not may_propose(actor, proposal.unit):
        raise AccessDenied
    if proposal.status != RosterProposal.Status.PROPOSED:
        raise ValidationFailed(
            details={"fields": {"status": [_("Only a proposed roster can be changed.")]}}
        )
    return proposal


@transaction.atomic
def proposal_edit(
    *, actor: Any, proposal_id: int, person_id: int, day: dt.date, value: dict[str, str]
) -> RosterProposal:
    """Change one person-day of the proposal (checked against the policy; fixed days stay)."""
    proposal = _editable(actor, proposal_id)
    key = f"{person_id}:{day.isoformat()}"
    days = proposal.plans.get(str(person_id))
    if days is None or day.isoformat() not in days:
        raise ValidationFailed(details={"fields": {"day": [_("No such day in this proposal.")]}})
    if key in proposal.fixed:
        raise ValidationFailed(
            details={"fields": {"day": [_("This day was decided already; it cannot be changed.")]}}
        )
    person = Person.objects.select_related("position").get(pk=person_id)
    if value:
        try:
            plan = day_plan(value)
        except BadValue as exc:
            raise ValidationFailed(
                details={"fields": {"plan": [_("Not a mode, slot or place we know.")]}}
            ) from exc
        problems = check_day_plan(
            plan,
            policy=policy_for(agency_id=proposal.agency_id, day=day, unit_id=person.unit_id),
            position_type=PositionType(person.position.position_type),
        )
        if problems:
            raise ValidationFailed(details={"fields": {"plan": [m.th for m in problems]}})
        value = stored(plan)
    days[day.isoformat()] = value
    if key not in proposal.edited:
        proposal.edited.append(key)
    proposal.save(update_fields=["plans", "edited"])
    audit_record(
        actor=actor,
        action="roster.proposal_edited",
        target=proposal,
        agency_id=proposal.agency_id,
        after={"person": person_id, "day": day, "plan": value},
    )
    return proposal


@transaction.atomic
def proposal_publish(*, actor: Any, proposal_id: int) -> int:
    """Put the proposal in place: each day that differs becomes a dated arrangement."""
    proposal = _editable(actor, proposal_id)
    people = {
        str(p.pk): p
        for p in Person.objects.filter(pk__in=[int(k) for k in proposal.plans]).select_related(
            "unit", "user"
        )
    }
    lock_units(list(people.values()))
    book = plan_book(list(people.values()), proposal.start, proposal.end)
    changed: dict[str, int] = {}
    for person_id, days in proposal.plans.items():
        person = people.get(person_id)
        if person is None:
            continue
        for key, value in days.items():
            day = dt.date.fromisoformat(key)
            if f"{person_id}:{key}" in proposal.fixed:
                continue
            current = book.entry(person, day) or {}
            if (current or {}) == (value or {}) or (
                book.leave_part(person, day) is LeavePart.FULL_DAY
            ):
                continue
            DayException.objects.update_or_create(
                person=person,
                day=day,
                defaults={
                    "mode": value.get("mode", ""),
                    "slot": value.get("slot", ""),
                    "place": value.get("place", ""),
                    "note": _("Published roster"),
                    "source": Source.ROSTER,
                    "request": None,
                    "recall": None,
                    "replaced": current,
                    "created_by": actor,
                },
            )
            changed[person_id] = changed.get(person_id, 0) + 1
        if person_id in changed:
            reevaluate_later(person, proposal.start, proposal.end)
    proposal.status = RosterProposal.Status.PUBLISHED
    proposal.published_at, proposal.published_by = timezone.now(), actor
    proposal.save(update_fields=["status", "published_at", "published_by"])
    audit_record(
        actor=actor,
        action="roster.proposal_published",
        target=proposal,
        agency_id=proposal.agency_id,
        after={"people": len(changed), "days": sum(changed.values())},
    )
    notify(
        users=[people[pid].user for pid in changed],
        kind="roster.published",
        th=f"มีตารางการปฏิบัติงานใหม่ {format_date(proposal.start)} ถึง {format_date(proposal.end)}",
        en=f"A new work roster from {format_date(proposal.start, lang='en')}"
        f" to {format_date(proposal.end, lang='en')}",
        url="/arrangements/me/",
    )
    return sum(changed.values())


@transaction.atomic
def proposal_discard(*, actor: Any, proposal_id: int) -> RosterProposal:
    proposal = _editable(actor, proposal_id)
    proposal.status = RosterProposal.Status.DISCARDED
    proposal.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="roster.proposal_discarded",
        target=proposal,
        agency_id=proposal.agency_id,
    )
    return proposal
