"""Keeping the daily unit summaries up to date.

A unit-day summary is always *recomputed* from its sources (day results, off-site reports,
completed work items, contact checks) — never incremented — so running it twice, or for a
unit-day that did not change, is harmless. "Incremental" means choosing which unit-days to
recompute: the summariser reads each source's rows changed since its cursor, minus a safety
overlap for transactions that committed late, and recomputes only the unit-days they touch.
``rebuild`` recomputes a whole period (after an import, or to fill the table the first time).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from govflex.attendance.models import DayResult
from govflex.core.enums import DayStatus
from govflex.core.evidence import COMPLIANT, LATE, NOT_COMPLIANT
from govflex.insights.models import COUNT_FIELDS, SummaryCursor, UnitDaySummary, UnitSubtreeDay
from govflex.org.models import Person, Unit
from govflex.work.models import ContactAnswer, DayReport, WorkItem

log = logging.getLogger(__name__)

OVERLAP = dt.timedelta(minutes=5)  # rows committed late by long transactions are read again
BATCH_DAYS = 31
Key = tuple[int, str, str]  # unit, position type, staff category
Pair = tuple[int, dt.date]  # unit, day

_final = Q(final=True) | ~Q(status__in=[DayStatus.ABSENT, DayStatus.INCOMPLETE])
_working = Q(status__in=[s.value for s in COMPLIANT | NOT_COMPLIANT]) & _final


def _day_result_counts(units: list[int], day: dt.date) -> dict[Key, dict[str, int]]:
    rows = (
        DayResult.objects.filter(unit_id_at__in=units, day=day)
        .values("unit_id_at", "person__position__position_type", "person__staff_category")
        .annotate(
            people=Count("pk"),
            working=Count("pk", filter=_working),
            compliant=Count("pk", filter=_working & Q(status__in=[s.value for s in COMPLIANT])),
            late=Count("pk", filter=_working & Q(status__in=[s.value for s in LATE])),
            absent=Count("pk", filter=_working & Q(status=DayStatus.ABSENT)),
            leave=Count("pk", filter=Q(status=DayStatus.ON_LEAVE)),
            not_yet=Count("pk", filter=Q(status=DayStatus.ABSENT, final=False)),
            with_exceptions=Count("pk", filter=~Q(exceptions=[])),
            mode_standard=Count("pk", filter=_working & Q(mode="")),
            mode_staggered=Count("pk", filter=_working & Q(mode="staggered")),
            mode_counted_hours=Count("pk", filter=_working & Q(mode="counted_hours")),
            mode_off_site=Count("pk", filter=_working & Q(mode="off_site")),
        )
    )
    out: dict[Key, dict[str, int]] = {}
    for row in rows:
        key = (
            row.pop("unit_id_at"),
            row.pop("person__position__position_type") or "",
            row.pop("person__staff_category") or "",
        )
        out[key] = row
    return out


def _people_keys(person_ids: Iterable[int]) -> dict[int, Key]:
    return {
        pk: (unit_id, position_type or "", category or "")
        for pk, unit_id, position_type, category in Person.objects.filter(
            pk__in=set(person_ids)
        ).values_list("pk", "unit_id", "position__position_type", "staff_category")
    }


def _event_counts(units: list[int], day: dt.date) -> dict[Key, dict[str, int]]:
    """Reports, completed work and contact checks of the day, by the person's current unit."""
    out: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    reports = list(
        DayReport.objects.filter(
            person__unit_id__in=units,
            day=day,
            status__in=[
                DayReport.Status.REPORTED,
                DayReport.Status.ACCEPTED,
                DayReport.Status.MORE_REQUESTED,
            ],
        ).values_list("person_id", flat=True)
    )
    done = WorkItem.assignees.through.objects.filter(
        person__unit_id__in=units,
        workitem__status=WorkItem.Status.DONE,
        workitem__completed_at__date=day,
    ).values_list("person_id", "workitem__due_date")
    done_list = list(done)
    checks = ContactAnswer.objects.filter(
        person__unit_id__in=units, contact_check__sent_at__date=day
    ).values_list("person_id", "contact_check__sent_at", "answered_at")
    check_list = list(checks)
    keys = _people_keys([*reports, *(p for p, _d in done_list), *(p for p, _s, _a in check_list)])
    for person_id in reports:
        out[keys[person_id]]["reports_filed"] += 1
    for person_id, due in done_list:
        counts = out[keys[person_id]]
        counts["items_completed"] += 1
        counts["items_on_time"] += day <= due
    for person_id, sent_at, answered_at in check_list:
        counts = out[keys[person_id]]
        counts["contact_checks"] += 1
        if answered_at is not None:
            counts["contact_answered"] += 1
            counts["response_seconds"] += max(0, int((answered_at - sent_at).total_seconds()))
    return out


def recompute(pairs: Iterable[Pair]) -> int:
    """Rewrite the summaries of these unit-days from their sources; returns rows written."""
    by_day: dict[dt.date, set[int]] = defaultdict(set)
    for unit_id, day in pairs:
        by_day[day].add(unit_id)
    written = 0
    for day, unit_ids in sorted(by_day.items()):
        units = {
            u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).only("pk", "agency_id", "path")
        }
        ids = list(units)
        merged: dict[Key, dict[str, int]] = defaultdict(dict)
        for key, values in _day_result_counts(ids, day).items():
            merged[key].update(values)
        for key, values in _event_counts(ids, day).items():
            if key[0] in units:
                merged[key].update(values)
        rows = [
            UnitDaySummary(
                agency_id=units[unit_id].agency_id,
                unit_id=unit_id,
                unit_path=units[unit_id].path,
                day=day,
                position_type=position_type,
                staff_category=category,
                **{f: values.get(f, 0) for f in COUNT_FIELDS},
            )
            for (unit_id, position_type, category), values in merged.items()
        ]
        with transaction.atomic():
            UnitDaySummary.objects.filter(unit_id__in=ids, day=day).delete()
            UnitDaySummary.objects.bulk_create(rows, batch_size=2000)
            for agency_id in {u.agency_id for u in units.values()}:
                roll_up(agency_id, day)
        written += len(rows)
    return written


def _ancestors(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def roll_up(agency_id: int, day: dt.date) -> int:
    """Rewrite the agency's subtree totals of ``day`` from its unit summaries: one grouped read
    of the day, added up to every ancestor in Python; the agency and its top-level units also
    get their totals per position type and per staff category."""
    sums = {name: Sum(name) for name in COUNT_FIELDS}
    per_group = UnitDaySummary.objects.filter(agency_id=agency_id, day=day).values(
        "unit_path", "position_type", "staff_category"
    )
    totals: dict[tuple[int | None, str, str], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(COUNT_FIELDS, 0)
    )
    for row in per_group.annotate(**sums):
        ancestors = _ancestors(row.pop("unit_path"))
        position_type, category = row.pop("position_type"), row.pop("staff_category")
        keys: list[tuple[int | None, str, str]] = [(None, "", "")]
        keys += [(unit_id, "", "") for unit_id in ancestors]
        for top in [None, *ancestors[:1]]:
            keys += [(top, position_type, ""), (top, "", category)]
        for key in keys:
            target = totals[key]
            for name in COUNT_FIELDS:
                target[name] += row[name] or 0
    rows = [
        UnitSubtreeDay(
            agency_id=agency_id,
            unit_id=unit_id,
            day=day,
            position_type=position_type,
            staff_category=category,
            **values,
        )
        for (unit_id, position_type, category), values in totals.items()
    ]
    with transaction.atomic():
        UnitSubtreeDay.objects.filter(agency_id=agency_id, day=day).delete()
        UnitSubtreeDay.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def roll_up_period(*, start: dt.date, end: dt.date, agency_id: int | None = None) -> int:
    """The subtree totals of every day of the period (after a bulk rebuild)."""
    agencies = (
        [agency_id]
        if agency_id is not None
        else list(Unit.objects.values_list("agency_id", flat=True).distinct())
    )
    written, day = 0, start
    while day <= end:
        for agency in agencies:
            written += roll_up(agency, day)
        day += dt.timedelta(days=1)
    return written


def _changed_since(since: dt.datetime, until: dt.datetime) -> set[Pair]:
    pairs: set[Pair] = set(
        DayResult.objects.filter(computed_at__gt=since, computed_at__lte=until).values_list(
            "unit_id_at", "day"
        )
    )
    pairs |= set(
        DayReport.objects.filter(
            Q(reported_at__gt=since, reported_at__lte=until)
            | Q(reviewed_at__gt=since, reviewed_at__lte=until)
        ).values_list("person__unit_id", "day")
    )
    for unit_id, completed_at in WorkItem.assignees.through.objects.filter(
        workitem__completed_at__gt=since, workitem__completed_at__lte=until
    ).values_list("person__unit_id", "workitem__completed_at"):
        pairs.add((unit_id, timezone.localdate(completed_at)))
    for unit_id, sent_at in ContactAnswer.objects.filter(
        Q(contact_check__sent_at__gt=since, contact_check__sent_at__lte=until)
        | Q(answered_at__gt=since, answered_at__lte=until)
    ).values_list("person__unit_id", "contact_check__sent_at"):
        pairs.add((unit_id, timezone.localdate(sent_at)))
    return pairs


def refresh(*, now: dt.datetime | None = None) -> int:
    """Summarise what changed since the last run (the cursor moves only after success)."""
    now = now or timezone.now()
    cursor = SummaryCursor.objects.filter(source="all").first()
    if cursor is None:
        # The first run: nothing has been summarised yet; start from today's changes and let
        # ``govflex insights rebuild`` fill the past.
        cursor = SummaryCursor.objects.create(source="all", through=now - dt.timedelta(days=1))
    pairs = _changed_since(cursor.through - OVERLAP, now)
    written = recompute(pairs)
    SummaryCursor.objects.filter(pk=cursor.pk).update(through=now)
    return written


def rebuild(*, start: dt.date, end: dt.date, agency_id: int | None = None) -> int:
    """Recompute every unit-day of the period (all units of the agency, or of all agencies)."""
    units = Unit.objects.all() if agency_id is None else Unit.objects.filter(agency_id=agency_id)
    unit_ids = list(units.values_list("pk", flat=True))
    written, day = 0, start
    while day <= end:
        written += recompute((u, day) for u in unit_ids)
        day += dt.timedelta(days=1)
    return written


def run_summariser(stop: threading.Event, *, once: bool = False, interval: float = 15.0) -> None:
    """The worker's loop: refresh the summaries every ``interval`` seconds until ``stop``; once
    an hour, make last month's executive reports that are due."""
    from govflex.insights.monthly import monthly_reports_due  # noqa: PLC0415 - heavy imports

    last_monthly = 0.0
    while not stop.is_set():
        try:
            written = refresh()
            if written:
                log.info("insights summaries refreshed", extra={"rows": written})
            if time.monotonic() - last_monthly > 3600:
                last_monthly = time.monotonic()
                monthly_reports_due()
        except Exception:  # survive one bad run; the cursor did not move, the next one retries
            log.exception("insights summariser failed")
        if once:
            return
        stop.wait(interval)
