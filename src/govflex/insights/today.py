"""Today's figures: people by mode and place (from the summaries the live evaluator keeps
current), service points' coverage, open exceptions and pending approvals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Q

from govflex.arrangements.approvals.impact import coverage_rule
from govflex.arrangements.book import plan_book
from govflex.arrangements.models import ArrangementRequest
from govflex.attendance.models import Correction, Leave
from govflex.core.coverage import PlannedWork, check_coverage, planned_spans
from govflex.core.insights import Counts
from govflex.insights.selectors import Filters, totals
from govflex.org.models import Person, Unit
from govflex.policies.selectors import policy_for

COVERAGE_CACHE_SECONDS = 60  # plans change by approvals, not by the second
MAX_POINTS = 200


@dataclass(frozen=True)
class PointStatus:
    unit: Unit
    required: int
    planned: int
    covered: bool
    shortfalls: tuple[str, ...]


@dataclass(frozen=True)
class Today:
    day: dt.date
    counts: Counts
    pending_approvals: int
    points: list[PointStatus]
    emergencies: list[Any] = field(default_factory=list)  # continuity.ActiveEmergency

    @property
    def points_short(self) -> int:
        return sum(1 for p in self.points if not p.covered)


def _scope(filters: Filters, prefix: str) -> Q:
    condition = Q(**{f"{prefix}agency_id": filters.agency_id})
    if filters.unit is not None:
        condition &= Q(**{f"{prefix}unit__path__startswith": filters.unit.path})
    return condition


def pending_approvals(filters: Filters) -> int:
    """Requests of people in scope still waiting for a decision."""
    return (
        ArrangementRequest.objects.filter(
            _scope(filters, "person__"), status=ArrangementRequest.Status.PENDING
        ).count()
        + Correction.objects.filter(_scope(filters, "person__"), status="pending").count()
        + Leave.objects.filter(_scope(filters, "person__"), status="pending").count()
    )


def coverage(filters: Filters, day: dt.date) -> list[PointStatus]:
    """Each citizen-service point in scope: planned on-site people against its minimum."""
    key = f"insights:coverage:{filters.agency_id}:{filters.unit.pk if filters.unit else 0}:{day}"
    found = cache.get(key)
    if found is not None:
        return list(found)
    policy = policy_for(agency_id=filters.agency_id, day=day)
    units = Unit.objects.filter(agency_id=filters.agency_id)
    if filters.unit is not None:
        units = units.filter(path__startswith=filters.unit.path)
    points = [u for u in units.order_by("path") if coverage_rule(u, policy) is not None]
    points = points[:MAX_POINTS]
    condition = Q(pk__in=[])
    for point in points:
        condition |= Q(unit__path__startswith=point.path)
    everyone = list(
        Person.objects.filter(condition, agency_id=filters.agency_id)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("unit")
    )
    book = plan_book(everyone, day, day)
    out = []
    for point in points:
        rule = coverage_rule(point, policy)
        assert rule is not None  # noqa: S101 - filtered above
        members = [p for p in everyone if p.unit.path.startswith(point.path)]
        plans = [
            PlannedWork(str(p.pk), plan.arrangement() if plan else None, book.leave_part(p, day))
            for p in members
            if book.working(p, day)
            for plan in [book.plan(p, day)]
        ]
        spans = planned_spans(day, plans, policy=policy)
        verdict = check_coverage(
            [rule], day, spans, working_day=book.working(members[0], day) if members else True
        )
        required = max((w.minimum_on_site for w in rule.windows), default=0)
        on_site = len({s.person_id for s in spans})
        out.append(
            PointStatus(
                point,
                required,
                on_site,
                verdict.covered,
                tuple(f"{s.start:%H:%M}–{s.end:%H:%M}" for s in verdict.uncovered),
            )
        )
    cache.set(key, out, COVERAGE_CACHE_SECONDS)
    return out


def today_figures(filters: Filters, day: dt.date, actor: Any = None) -> Today:
    live = Filters(**{**filters.__dict__, "start": day, "end": day})
    emergencies = []
    if actor is not None:
        from govflex.continuity.selectors import emergencies_active  # noqa: PLC0415

        emergencies = [
            e
            for e in emergencies_active(actor=actor, day=day)
            if e.emergency.agency_id == filters.agency_id
        ]
    return Today(day, totals(live), pending_approvals(filters), coverage(filters, day), emergencies)
