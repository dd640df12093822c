"""The SLA clock of requests in the shell: the responsible unit's working calendar (the
agency's holidays, the unit's "stays open" days) and the agency's standard day from its policy,
handed to the rules in :mod:`govflex.core.sla`."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from govflex.core.calendar import WorkCalendar
from govflex.core.eservice.flow import CLOSED, Status
from govflex.core.sla import (
    ClockState,
    OfficeHours,
    SlaClock,
    SlaUnit,
    default_soon_minutes,
    sla_clock,
    sla_due,
    split_minutes,
)
from govflex.eservice.models import Service, ServiceRequest
from govflex.policies.selectors import policy_for, unit_calendar


@dataclass(frozen=True)
class ClockContext:
    calendar: WorkCalendar
    office: OfficeHours


def clock_context(*, agency_id: int, unit_id: int, day: dt.date) -> ClockContext:
    standard = policy_for(agency_id=agency_id, day=day, unit_id=unit_id).standard_day
    office = OfficeHours.from_day(
        standard.hours.start, standard.hours.end, (standard.lunch.start, standard.lunch.end)
    )
    return ClockContext(unit_calendar(agency_id=agency_id, unit_id=unit_id), office)


# The intake path (anonymous, possibly in bursts) reuses a unit's context for a minute: the
# policy and the holidays change rarely, and a holiday declared now reaches new requests' due
# times within that minute. Only derived values are kept, never anything another server needs.
INTAKE_CONTEXT_SECONDS = 60.0
_intake_contexts: dict[tuple[int, int, dt.date], tuple[float, ClockContext]] = {}


def intake_clock_context(*, agency_id: int, unit_id: int, day: dt.date) -> ClockContext:
    key = (agency_id, unit_id, day)
    now = time.monotonic()
    kept = _intake_contexts.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]
    if len(_intake_contexts) > 1000:
        _intake_contexts.clear()
    context = clock_context(agency_id=agency_id, unit_id=unit_id, day=day)
    _intake_contexts[key] = (now + INTAKE_CONTEXT_SECONDS, context)
    return context


def forget_intake_contexts() -> None:
    _intake_contexts.clear()


@dataclass
class Contexts:
    """Clock contexts per unit, built once per page or API call."""

    day: dt.date
    _by_unit: dict[tuple[int, int], ClockContext] = field(default_factory=dict)

    def of(self, agency_id: int, unit_id: int) -> ClockContext:
        key = (agency_id, unit_id)
        if key not in self._by_unit:
            self._by_unit[key] = clock_context(agency_id=agency_id, unit_id=unit_id, day=self.day)
        return self._by_unit[key]


def due_for(service: Service, received: dt.datetime, context: ClockContext) -> dt.datetime:
    return sla_due(
        received, service.sla_amount, SlaUnit(service.sla_unit), context.calendar, context.office
    )


def clock_of(request: ServiceRequest, *, now: dt.datetime, context: ClockContext) -> SlaClock:
    status = Status(request.status)
    return sla_clock(
        due_at=request.due_at,
        now=now,
        calendar=context.calendar,
        office=context.office,
        soon_minutes=default_soon_minutes(SlaUnit(request.service.sla_unit), context.office),
        paused_at=request.paused_at if status is Status.INFO_REQUESTED else None,
        closed_at=request.closed_at if status in CLOSED else None,
    )


def duration_text(minutes: int, office: OfficeHours) -> str:
    """Working time in words: "2 working days 3 h", "45 min"."""
    days, hours, mins = split_minutes(minutes, office)
    parts = []
    if days:
        parts.append(ngettext("%(n)d working day", "%(n)d working days", days) % {"n": days})
    if hours:
        parts.append(_("%(n)d h") % {"n": hours})
    if mins and not days:
        parts.append(_("%(n)d min") % {"n": mins})
    return " ".join(parts) or _("%(n)d min") % {"n": 0}


def clock_text(clock: SlaClock, office: OfficeHours) -> str:
    left = duration_text(clock.remaining_minutes, office)
    if clock.state is ClockState.OVERDUE:
        return _("Overdue by %(time)s of working time") % {"time": left}
    if clock.state is ClockState.PAUSED:
        return _("Clock stopped while waiting for the citizen (%(time)s left)") % {"time": left}
    if clock.state is ClockState.MET:
        return _("Closed in time")
    if clock.state is ClockState.MISSED:
        return _("Closed late by %(time)s of working time") % {"time": left}
    return _("%(time)s of working time left") % {"time": left}


@dataclass(frozen=True)
class ClockView:
    """What pages and the API show of a request's clock."""

    state: str
    due_at: dt.datetime
    remaining_minutes: int
    text: str


def clock_view(
    request: ServiceRequest, *, contexts: Contexts, now: dt.datetime | None = None
) -> ClockView:
    context = contexts.of(request.agency_id, request.unit_id)
    clock = clock_of(request, now=now or timezone.now(), context=context)
    return ClockView(
        clock.state.value, clock.due_at, clock.remaining_minutes, clock_text(clock, context.office)
    )
