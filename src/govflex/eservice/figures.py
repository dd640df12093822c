"""Volume and SLA figures of the e-service, for dashboards (read only, no scoping: the caller
passes the agency and unit paths it has already checked the reader may see)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from govflex.core.calendar import local_day_bounds
from govflex.core.eservice.flow import CLOCK_RUNS, CLOSED, Status
from govflex.eservice.models import ServiceRequest


@dataclass(frozen=True)
class EserviceFigures:
    """Between ``start`` and ``end`` (local dates, both included):

    - ``received``: requests filed in the period;
    - ``completed`` / ``rejected``: requests closed that way in the period;
    - ``sla_met`` of ``closed`` (completed + rejected in the period) closed by their due time,
      and ``sla_met_share`` (None when nothing closed);
    - ``open``: requests filed by the end of the period and still open at ``as_of``;
    - ``overdue``: of those, the ones whose clock runs and whose due time passed by the end of
      the period (or ``as_of`` if earlier).
    """

    received: int
    completed: int
    rejected: int
    closed: int
    sla_met: int
    sla_met_share: float | None
    open: int
    overdue: int


def _unit_filter(unit_paths: Iterable[str] | None) -> Q:
    paths = [p for p in (unit_paths or ()) if p]
    if not paths:
        return Q()
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit__path__startswith=path)
    return condition


def eservice_figures(
    agency_id: int,
    unit_paths: Iterable[str] | None,
    start: dt.date,
    end: dt.date,
    *,
    as_of: dt.datetime | None = None,
) -> EserviceFigures:
    """Figures for the agency, or for the unit subtrees named by their paths."""
    since = local_day_bounds(start)[0]
    until = local_day_bounds(end)[1]
    as_of = as_of or timezone.now()
    rows = ServiceRequest.objects.filter(_unit_filter(unit_paths), agency_id=agency_id)
    in_period = Q(closed_at__gte=since, closed_at__lt=until)
    closed_statuses = [s.value for s in CLOSED]
    counts = rows.aggregate(
        received=Count("pk", filter=Q(submitted_at__gte=since, submitted_at__lt=until)),
        completed=Count("pk", filter=in_period & Q(status=Status.COMPLETED.value)),
        rejected=Count("pk", filter=in_period & Q(status=Status.REJECTED.value)),
        sla_met=Count("pk", filter=in_period & Q(status__in=closed_statuses, sla_met=True)),
        open=Count("pk", filter=Q(submitted_at__lt=until) & ~Q(status__in=closed_statuses)),
        overdue=Count(
            "pk",
            filter=Q(
                submitted_at__lt=until,
                status__in=[s.value for s in CLOCK_RUNS],
                due_at__lt=min(until, as_of),
            ),
        ),
    )
    closed = counts["completed"] + counts["rejected"]
    return EserviceFigures(
        received=counts["received"],
        completed=counts["completed"],
        rejected=counts["rejected"],
        closed=closed,
        sla_met=counts["sla_met"],
        sla_met_share=counts["sla_met"] / closed if closed else None,
        open=counts["open"],
        overdue=counts["overdue"],
    )
