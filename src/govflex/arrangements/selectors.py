"""A person's arrangement on a date: a dated exception, else the pattern in force, else none."""

from __future__ import annotations

import datetime as dt

from govflex.arrangements.convert import BadValue, day_plan
from govflex.arrangements.models import DayException, WeeklyPattern
from govflex.core.records import Arrangement
from govflex.org.models import Person


def arrangement_on(*, person: Person, day: dt.date) -> Arrangement | None:
    """None means the standard day on site (Working-time notice)."""
    exception = DayException.objects.filter(person=person, day=day).first()
    if exception is not None:
        if not exception.mode:
            return None  # the standard day, set over the pattern (a swap or a recall)
        value = {"mode": exception.mode, "slot": exception.slot, "place": exception.place}
        return day_plan(value).arrangement()
    pattern = (
        WeeklyPattern.objects.filter(person=person, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )
    if pattern is None:
        return None
    entry = pattern.days.get(str(day.weekday()))
    if not entry:
        return None
    try:
        return day_plan(entry).arrangement()
    except BadValue:
        return None  # a pattern the policy no longer accepts falls back to the standard day


def pattern_in_force(*, person: Person, day: dt.date) -> WeeklyPattern | None:
    return (
        WeeklyPattern.objects.filter(person=person, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )
