"""Evidence summaries for the half-yearly evaluation, per person and per unit.

The figures come from :mod:`govflex.core.evidence` (counts only — no grade is ever computed);
this module loads the facts for many people at once and checks who may see them: the person
themselves, their supervisors (unit subtree) and the agency's HR, executives and auditors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from govflex.attendance.models import DayResult
from govflex.common.errors import NotFound
from govflex.core import evidence as core
from govflex.core.calendar import EvaluationHalf, evaluation_half_of
from govflex.core.enums import DayStatus
from govflex.org.access import access_for
from govflex.org.models import Person, Unit
from govflex.work.models import ContactAnswer, DayReport, WorkItem, WorkOutput

MAX_PEOPLE = 5_000


@dataclass(frozen=True)
class Period:
    half: EvaluationHalf
    start: dt.date
    end: dt.date  # the half's last day, or today while the half runs

    @property
    def key(self) -> str:
        return f"{self.half.fiscal_year}-{self.half.half}"


def period_of(key: str | None, *, today: dt.date | None = None) -> Period:
    """``"2570-1"`` (fiscal year B.E. 2570, half 1; ``"2027-1"`` is read as the same, a
    Gregorian year); blank: the current half. Anything else raises ValueError."""
    today = today or timezone.localdate()
    if key:
        year_text, _sep, half_text = key.partition("-")
        year, half = int(year_text), int(half_text)
        if year < 2400:  # a Gregorian year: fiscal years are named in B.E.
            year += 543
        if half not in (1, 2) or not 2543 <= year <= 2743:
            raise ValueError(key)
        chosen = EvaluationHalf(year, half)
    else:
        chosen = evaluation_half_of(today)
    span = chosen.range
    return Period(chosen, span.start, min(span.end, today))


def recent_periods(today: dt.date, count: int = 4) -> list[Period]:
    """The current half and the ones before it, newest first (for the period picker)."""
    periods = []
    day = today
    for _n in range(count):
        period = period_of(None, today=day)
        periods.append(Period(period.half, period.half.range.start, period.half.range.end))
        day = period.half.range.start - dt.timedelta(days=1)
    periods[0] = period_of(None, today=today)
    return periods


def person_evidence(*, actor: Any, person: Person, period: Period) -> core.Evidence:
    if not access_for(actor).can_view_person(person):
        raise NotFound
    return load([person], period)[person.pk]


def unit_people(*, actor: Any, unit: Unit, period: Period) -> list[Person]:
    """Everyone in the unit's subtree during the period, if the user may see its evidence."""
    access = access_for(actor)
    supervised = access.supervised_paths.get(unit.agency_id, ())
    if not (
        access.is_agency_reader(unit.agency_id)
        or any(unit.path.startswith(path) for path in supervised)
    ):
        raise NotFound
    people = Person.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=period.start),
        agency_id=unit.agency_id,
        unit__path__startswith=unit.path,
    )
    return list(people.select_related("unit").order_by("unit__path", "staff_id")[:MAX_PEOPLE])


def load(people: Iterable[Person], period: Period) -> dict[int, core.Evidence]:
    """Each person's evidence, in six queries whatever the number of people."""
    people = list(people)
    ids = [p.pk for p in people]
    start, end = period.start, period.end
    days: dict[int, list[core.DayFact]] = defaultdict(list)
    for person_id, day, mode, status in DayResult.objects.filter(
        person_id__in=ids, day__gte=start, day__lte=end
    ).values_list("person_id", "day", "mode", "status"):
        days[person_id].append(core.DayFact(day, mode, DayStatus(status)))
    items: dict[int, list[core.ItemFact]] = defaultdict(list)
    links = WorkItem.assignees.through.objects.filter(person_id__in=ids).exclude(
        workitem__status=WorkItem.Status.CANCELLED
    )
    columns = (
        "workitem_id",
        "person_id",
        "workitem__due_date",
        "workitem__completed_at",
        "workitem__status",
    )
    due_in = links.filter(workitem__due_date__gte=start, workitem__due_date__lte=end)
    done_in = links.filter(workitem__completed_at__date__gte=start)
    for _item, person_id, due, completed_at, status in due_in.values_list(*columns).union(
        done_in.values_list(*columns)
    ):
        done = timezone.localdate(completed_at) if completed_at else None
        open_ = status in (WorkItem.Status.TODO, WorkItem.Status.DOING)
        items[person_id].append(core.ItemFact(due, done, open_))
    by_user = {p.user_id: p.pk for p in people if p.user_id}
    outputs: dict[int, list[dt.date]] = defaultdict(list)
    for user_id, at in WorkOutput.objects.filter(
        uploaded_by_id__in=list(by_user), uploaded_at__date__gte=start
    ).values_list("uploaded_by_id", "uploaded_at"):
        outputs[by_user[user_id]].append(timezone.localdate(at))
    reports: dict[int, list[core.ReportFact]] = defaultdict(list)
    for person_id, day, status in DayReport.objects.filter(
        person_id__in=ids, day__gte=start, day__lte=end
    ).values_list("person_id", "day", "status"):
        reports[person_id].append(core.ReportFact(day, status))
    contacts: dict[int, list[core.ContactFact]] = defaultdict(list)
    for person_id, sent_at, answered_at in ContactAnswer.objects.filter(
        person_id__in=ids, contact_check__sent_at__date__gte=start
    ).values_list("person_id", "contact_check__sent_at", "answered_at"):
        seconds = int((answered_at - sent_at).total_seconds()) if answered_at else None
        contacts[person_id].append(core.ContactFact(timezone.localdate(sent_at), seconds))
    return {
        pk: core.collect(
            start=start,
            end=end,
            days=days[pk],
            items=items[pk],
            outputs=outputs[pk],
            reports=reports[pk],
            contacts=contacts[pk],
        )
        for pk in ids
    }
