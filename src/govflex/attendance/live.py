"""Live day results: person-days waiting to be judged again, judged many at a time.

Each stored punch adds its person-day to ``PendingEvaluation`` in the punch's own transaction
(one small row; repeats coalesce), so an acknowledged punch always has its re-evaluation queued.
The live evaluator (started by ``govflex worker``) takes up to a batch of rows, loads the inputs
of all of them in a handful of queries (policies, calendars, plans, leave, corrections,
punches), judges them with the rules core and upserts the results. A punch that commits while a
batch is being judged queues its day again, so nothing is missed.

Why: one task per punch spent most of its time in task bookkeeping and a dozen queries for one
judgement, so under load the results fell behind by tens of seconds (issue 4, benchmark (f)).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from govflex.attendance.models import Correction, DayResult, PendingEvaluation, Punch
from govflex.attendance.plans import DayInputs, merged_leave
from govflex.attendance.services import judged_values
from govflex.core.calendar import WorkCalendar, local_date
from govflex.core.enums import ReportState
from govflex.core.evaluation import Evaluator
from govflex.core.policy import Policy
from govflex.core.records import Arrangement
from govflex.org.models import Person
from govflex.policies.selectors import policy_for, unit_calendar

log = logging.getLogger(__name__)
BATCH = 1000
IDLE_SECONDS = 0.2
RESULT_FIELDS = (
    "agency_id",
    "unit_id_at",
    "status",
    "mode",
    "worked_minutes",
    "late_minutes",
    "early_minutes",
    "punch_count",
    "first_punch",
    "last_punch",
    "exceptions",
    "final",
    "computed_at",
)


def queue_evaluation(person_id: int, at: dt.datetime) -> None:
    """Queue the person-day of a punch (inside the caller's transaction).

    With ``GOVFLEX_EVALUATE_INLINE`` (tests, and a demo without a worker) the day is judged at
    once instead, in the same transaction.
    """
    day = local_date(at)
    if getattr(settings, "GOVFLEX_EVALUATE_INLINE", False):
        person = Person.objects.get(pk=person_id)
        judge_many([(person, day)])
        return
    PendingEvaluation.objects.bulk_create(
        [PendingEvaluation(person_id=person_id, day=day)], ignore_conflicts=True
    )


class _Cache:
    """Policies and calendars for one batch (the same few agencies and units)."""

    def __init__(self) -> None:
        self.policies: dict[tuple[int, int, dt.date], Policy] = {}
        self.calendars: dict[tuple[int, int], WorkCalendar] = {}

    def evaluator(self, person: Person, day: dt.date) -> Evaluator:
        key = (person.agency_id, person.unit_id, day)
        policy = self.policies.get(key)
        if policy is None:
            policy = self.policies[key] = policy_for(
                agency_id=person.agency_id, day=day, unit_id=person.unit_id
            )
        unit_key = (person.agency_id, person.unit_id)
        calendar = self.calendars.get(unit_key)
        if calendar is None:
            calendar = self.calendars[unit_key] = unit_calendar(
                agency_id=person.agency_id, unit_id=person.unit_id
            )
        return Evaluator(policy, calendar)


def _inputs(pairs: list[tuple[Person, dt.date]]) -> dict[tuple[int, dt.date], DayInputs]:
    """Arrangements, approved leave and approved corrections of many person-days at once."""
    from govflex.arrangements.book import plan_book  # noqa: PLC0415 - app registry order

    people = {person.pk: person for person, _day in pairs}
    days = {day for _person, day in pairs}
    book = plan_book(people.values(), min(days), max(days))
    kinds: dict[tuple[int, dt.date], set[str]] = defaultdict(set)
    for person_id, day, kind in Correction.objects.filter(
        person_id__in=people, day__in=days, status=Correction.Status.APPROVED
    ).values_list("person_id", "day", "kind"):
        kinds[(person_id, day)].add(kind)
    from govflex.work.reports import report_states  # noqa: PLC0415 - app registry order

    reports = report_states(set(people), days)
    found = {}
    for person, day in pairs:
        leave = merged_leave(
            {
                leave.part
                for leave in book.leaves.get(person.pk, ())
                if leave.start <= day <= leave.end
            }
        )
        corrections = kinds.get((person.pk, day), set())
        travel = Correction.Kind.OFFICIAL_TRAVEL in corrections
        if Correction.Kind.WORKED_OFF_SITE in corrections:
            found[(person.pk, day)] = DayInputs(
                Arrangement.off_site(), leave, travel, ReportState.ACCEPTED
            )
            continue
        plan = book.plan(person, day)
        found[(person.pk, day)] = DayInputs(
            plan.arrangement() if plan is not None else None,
            leave,
            travel,
            reports.get((person.pk, day), ReportState.NONE),
        )
    return found


def judge_many(pairs: Iterable[tuple[Person, dt.date]], now: dt.datetime | None = None) -> int:
    """Judge many person-days with their inputs loaded together; upsert the results."""
    now = now or timezone.now()
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return 0
    cache = _Cache()
    inputs = _inputs(pairs)
    windows = {}
    for person, day in pairs:
        evaluator = cache.evaluator(person, day)
        windows[(person.pk, day)] = (
            evaluator,
            *evaluator.working_window(day, inputs[(person.pk, day)].arrangement),
        )
    start = min(w[1] for w in windows.values())
    end = max(w[2] for w in windows.values())
    punches: dict[int, list[Punch]] = defaultdict(list)
    for punch in (
        Punch.objects.filter(person_id__in={p.pk for p, _d in pairs}, at__gte=start, at__lt=end)
        .only("person_id", "at", "source", "on_site", "location_checked")
        .order_by("at")
    ):
        punches[punch.person_id].append(punch)
    results = []
    for person, day in pairs:
        evaluator, window_start, window_end = windows[(person.pk, day)]
        rows = [p for p in punches.get(person.pk, ()) if window_start <= p.at < window_end]
        values = judged_values(person, day, now, evaluator, inputs[(person.pk, day)], rows)
        results.append(DayResult(person=person, day=day, **values))
    DayResult.objects.bulk_create(
        results,
        update_conflicts=True,
        unique_fields=["person", "day"],
        update_fields=list(RESULT_FIELDS),
    )
    return len(results)


def evaluate_pending(limit: int = BATCH) -> int:
    """Take up to ``limit`` waiting person-days, judge them, and remove them (one transaction)."""
    with transaction.atomic():
        claimed = PendingEvaluation.objects.order_by("queued_at")
        if connection.vendor == "postgresql":
            # Several evaluators never take the same rows; a punch queuing a day being judged
            # waits for this batch and queues it again afterwards.
            claimed = claimed.select_for_update(skip_locked=True)
        rows = list(claimed.values_list("pk", "person_id", "day")[:limit])
        if not rows:
            return 0
        people = Person.objects.in_bulk({person_id for _pk, person_id, _day in rows})
        pairs = [(people[pid], day) for _pk, pid, day in rows if pid in people]
        judge_many(pairs)
        PendingEvaluation.objects.filter(pk__in=[pk for pk, _pid, _day in rows]).delete()
    return len(rows)


def run_live_evaluator(stop: threading.Event, *, once: bool = False, batch: int = BATCH) -> None:
    """Judge waiting days as they come until ``stop`` is set (or, ``once``, until none wait)."""
    while not stop.is_set():
        try:
            done = evaluate_pending(batch)
        except Exception:  # keep judging after a bad batch; its rows stay queued
            log.exception("live evaluation batch failed")
            if once:
                raise
            stop.wait(5)
            continue
        if once and done == 0:
            break
        if done < batch:
            stop.wait(0 if once else IDLE_SECONDS)
    if not once:
        connection.close()  # the thread's own connection; a one-off run keeps the caller's


def pending_count() -> int:
    return PendingEvaluation.objects.count()
