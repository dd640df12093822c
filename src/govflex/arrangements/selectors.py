"""A person's arrangement on a date: a dated exception, else the pattern in force, else none;
a declared emergency laid over it (:mod:`govflex.continuity.overlay`, as in the plan book)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from govflex.arrangements.convert import BadValue, day_plan
from govflex.arrangements.models import DayException, Source, WeeklyPattern
from govflex.continuity.overlay import emergency_book, overlaid
from govflex.core.emergency import EmergencyDay
from govflex.core.records import Arrangement
from govflex.org.models import Person


def _stored_entry(person: Person, day: dt.date, exception: DayException | None) -> Any:
    if exception is not None:
        if not exception.mode:
            return {}  # the standard day, set over the pattern (a swap or a recall)
        return {"mode": exception.mode, "slot": exception.slot, "place": exception.place}
    pattern = pattern_in_force(person=person, day=day)
    if pattern is None:
        return None
    return pattern.days.get(str(day.weekday())) or None


def emergency_on(
    *, person: Person, day: dt.date, exception: DayException | None = None
) -> EmergencyDay | None:
    """The emergency covering the person on ``day`` (a recall made after it wins over it)."""
    if exception is None:
        exception = DayException.objects.filter(person=person, day=day).first()
    recalled = exception.created_at if exception and exception.source == Source.RECALL else None
    return emergency_book([person], day, day).day(person, day, recalled_at=recalled)


def arrangement_on(*, person: Person, day: dt.date) -> Arrangement | None:
    """None means the standard day on site (Working-time notice)."""
    exception = DayException.objects.filter(person=person, day=day).first()
    entry: Mapping[str, Any] | None = overlaid(
        _stored_entry(person, day, exception),
        emergency_on(person=person, day=day, exception=exception),
    )
    if not entry:
        return None
    try:
        return day_plan(dict(entry)).arrangement()
    except BadValue:
        return None  # a pattern the policy no longer accepts falls back to the standard day


def pattern_in_force(*, person: Person, day: dt.date) -> WeeklyPattern | None:
    return (
        WeeklyPattern.objects.filter(person=person, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )
