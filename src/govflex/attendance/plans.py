"""What each person was planned or approved to do on a date, as the rules core needs it.

A person's arrangement comes from their weekly pattern or a dated exception (the arrangements
app). Without one, the standard day of the policy in force applies, on site (Working-time
notice: 08:30–16:30 by default), which is what the core's evaluator does when given none.
Approved leave is passed on, and approved corrections change a day: official travel, or work
off site (the approved request, with its reason and evidence, stands as the day's accepted
report).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govflex.core.enums import LeavePart, ReportState
from govflex.core.records import Arrangement
from govflex.org.models import Person


@dataclass(frozen=True)
class DayInputs:
    arrangement: Arrangement | None = None
    leave: LeavePart | None = None
    official_travel: bool = False
    report: ReportState = ReportState.NONE


def arrangement_for(*, person: Person, day: dt.date) -> Arrangement | None:
    """The person's arrangement on ``day``; None means the standard day on site."""
    return day_inputs(person=person, day=day).arrangement


def _planned(person: Person, day: dt.date) -> Arrangement | None:
    from govflex.arrangements.selectors import arrangement_on  # noqa: PLC0415 - app registry

    return arrangement_on(person=person, day=day)


def _leave_on(person: Person, day: dt.date) -> LeavePart | None:
    """Approved leave on the day: a whole day, or the half day of a one-day request."""
    from govflex.attendance.models import Leave  # noqa: PLC0415 - models import plans

    return merged_leave(
        set(
            Leave.objects.filter(
                person=person, start__lte=day, end__gte=day, status=Leave.Status.APPROVED
            ).values_list("part", flat=True)
        )
    )


def merged_leave(parts: set[str]) -> LeavePart | None:
    """The day's leave from the parts of its approved requests (morning + afternoon = all day)."""
    if not parts:
        return None
    if LeavePart.FULL_DAY in parts or {LeavePart.MORNING, LeavePart.AFTERNOON} <= parts:
        return LeavePart.FULL_DAY
    return LeavePart(parts.pop())


def day_inputs(*, person: Person, day: dt.date) -> DayInputs:
    from govflex.attendance.models import Correction  # noqa: PLC0415 - models import plans

    kinds = set(
        Correction.objects.filter(
            person=person, day=day, status=Correction.Status.APPROVED
        ).values_list("kind", flat=True)
    )
    leave = _leave_on(person, day)
    travel = Correction.Kind.OFFICIAL_TRAVEL in kinds
    if Correction.Kind.WORKED_OFF_SITE in kinds:
        return DayInputs(
            arrangement=Arrangement.off_site(),
            leave=leave,
            official_travel=travel,
            report=ReportState.ACCEPTED,
        )
    from govflex.work.reports import report_state  # noqa: PLC0415 - app registry order

    return DayInputs(
        arrangement=_planned(person, day),
        leave=leave,
        official_travel=travel,
        report=report_state(person.pk, day),
    )
