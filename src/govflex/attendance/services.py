"""Recording punches (exactly once per idempotency key) and keeping day results live."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.attendance.models import AttendanceSettings, ConfirmationCursor, DayResult, Punch
from govflex.attendance.plans import DayInputs, day_inputs
from govflex.common.context import request_id_var
from govflex.common.errors import Conflict, ValidationFailed
from govflex.core import geo
from govflex.core.enums import PunchSource, WorkMode
from govflex.core.evaluation import Evaluator
from govflex.core.records import Punch as CorePunch
from govflex.org.access import access_for
from govflex.org.models import Person, Role, WorkSite
from govflex.policies.selectors import policy_for, unit_calendar

logger = logging.getLogger(__name__)

SELF_SOURCES = frozenset({PunchSource.WEB, PunchSource.KIOSK})
ON_SITE_SOURCES = frozenset({PunchSource.KIOSK, PunchSource.TERMINAL})
SAME_PUNCH = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class PunchInput:
    """What a client sends. ``at`` is for terminals and imports; phones send their clock."""

    idempotency_key: str
    source: PunchSource = PunchSource.WEB
    at: dt.datetime | None = None
    device_time: dt.datetime | None = None
    device_now: dt.datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    accuracy_m: float | None = None
    on_site: bool | None = None
    site_id: int | None = None
    terminal_user_id: str = ""


def settings_for(agency_id: int) -> AttendanceSettings:
    found = AttendanceSettings.objects.filter(agency_id=agency_id).first()
    return found or AttendanceSettings(agency_id=agency_id)


def _require_may_punch(actor: Any, person: Person, source: PunchSource) -> None:
    access = access_for(actor)
    if source in SELF_SOURCES and access.person_id == person.pk:
        return
    # Terminal logs, imports and integrations record for others: HR officers of the agency.
    access.require(source not in SELF_SOURCES and access.has_role(person.agency_id, Role.HR))


def _field(name: str, message: str) -> ValidationFailed:
    return ValidationFailed(details={"fields": {name: [message]}})


def _instant(
    data: PunchInput, now: dt.datetime, tolerance: dt.timedelta
) -> tuple[dt.datetime, int | None]:
    """When the punch happened, and the device clock's difference from ours (seconds)."""
    for name in ("at", "device_time", "device_now"):
        value = getattr(data, name)
        if value is not None and timezone.is_naive(value):
            raise _field(
                name, _("Give the time with its time zone, e.g. 2026-03-05T08:30:00+07:00.")
            )
    if data.device_time is None:
        return (data.at or now), None
    drift = (data.device_now - now) if data.device_now is not None else None
    drift_seconds = round(drift.total_seconds()) if drift is not None else None
    if drift is not None and abs(drift) > tolerance:
        # A wrong device clock: trust our clock, shifted by the interval the device measured.
        return data.device_time - drift, drift_seconds
    return data.device_time, drift_seconds


def _check_time(at: dt.datetime, now: dt.datetime, settings: AttendanceSettings) -> None:
    if at > now + dt.timedelta(seconds=settings.clock_tolerance_seconds):
        raise _field("at", _("The punch time is in the future."))
    if at < now - dt.timedelta(days=settings.backdate_days):
        raise _field(
            "at",
            _("The punch is older than %(days)s days; file a correction instead.")
            % {"days": settings.backdate_days},
        )


def _locate(person: Person, data: PunchInput, settings: AttendanceSettings) -> dict[str, Any]:
    """Where the punch was made, when known.

    ``location_checked`` says the on/off-site flag is known: from the device's position, from a
    kiosk or terminal (they stand at the office), or stated by the client. Otherwise the day is
    judged as planned (see ``day_result_values``), so nothing is looked up while the person
    waits for the acknowledgement.
    """
    if data.latitude is None or data.longitude is None:
        known = data.on_site is not None or data.source in ON_SITE_SOURCES
        on_site = data.on_site if data.on_site is not None else True
        return {"on_site": on_site, "site_id": data.site_id, "location_checked": known}
    sites = [
        geo.Site(s.pk, float(s.latitude), float(s.longitude), float(s.radius_m))
        for s in WorkSite.objects.filter(agency_id=person.agency_id)
    ]
    try:
        placement = geo.place(data.latitude, data.longitude, sites, accuracy_m=data.accuracy_m or 0)
    except ValueError as exc:
        raise _field("latitude", _("The location is not a valid position.")) from exc
    keep = settings.keep_coordinates_days > 0
    return {
        "on_site": placement.on_site,
        "site_id": placement.site_id if placement.on_site else None,
        "location_checked": True,
        "distance_m": placement.distance_m,
        "latitude": data.latitude if keep else None,
        "longitude": data.longitude if keep else None,
    }


def punch_record(
    *, actor: Any, person: Person, data: PunchInput, now: dt.datetime | None = None
) -> tuple[Punch, bool]:
    """Store a punch once per (person, idempotency key); return it and whether it is new.

    A retry with the same key returns the stored punch; the same key with a different time is
    a conflict. The person's day is re-evaluated right after the commit.
    """
    now = now or timezone.now()
    _require_may_punch(actor, person, data.source)
    key = data.idempotency_key.strip()
    if not 8 <= len(key) <= 100:
        raise _field("idempotency_key", _("Send a unique key of 8 to 100 characters."))
    settings = settings_for(person.agency_id)
    at, drift = _instant(data, now, dt.timedelta(seconds=settings.clock_tolerance_seconds))
    stated = data.at is not None or data.device_time is not None
    existing = Punch.objects.filter(person=person, idempotency_key=key).first()
    if existing is not None:
        return _same(existing, at, stated=stated), False
    _check_time(at, now, settings)
    fields = _locate(person, data, settings)
    try:
        with transaction.atomic():
            punch = Punch.objects.create(
                person=person,
                at=at,
                source=data.source,
                device_time=data.device_time,
                clock_drift_seconds=drift,
                clock_flagged=drift is not None and abs(drift) > settings.clock_tolerance_seconds,
                idempotency_key=key,
                received_at=now,
                recorded_by=actor if getattr(actor, "pk", None) else None,
                request_id=request_id_var.get()[:64],
                terminal_user_id=data.terminal_user_id[:40],
                **fields,
            )
            # Queued in the punch's own transaction: one commit, and no acknowledged punch
            # without its re-evaluation queued.
            _schedule(person.pk, at)
    except IntegrityError:
        # Two deliveries of the same key raced; the other one won.
        existing = Punch.objects.get(person=person, idempotency_key=key)
        return _same(existing, at, stated=stated), False
    return punch, True


def _planned_end(evaluator: Evaluator, policy: Any, day: dt.date, plan: Any) -> dt.datetime:
    """When the planned hours end: after it, a missing punch is an absence, not "not yet"."""
    if plan is not None and plan.mode is WorkMode.COUNTED_HOURS:
        hours = policy.counted_hours.bandwidth
    else:
        hours = (
            plan.slot if plan is not None and plan.slot is not None else policy.standard_day.hours
        )
    return evaluator.origin(day) + dt.timedelta(minutes=hours.end_minute)


def _same(existing: Punch, at: dt.datetime, *, stated: bool) -> Punch:
    """A retry returns the stored punch; a key reused for another stated time is a conflict.

    A retry that states no time (the server stamps it on arrival) is the same punch however late
    it comes.
    """
    if stated and abs(existing.at - at) > SAME_PUNCH:
        raise Conflict(_("This key was already used for a different punch."))
    return existing


def _schedule(person_id: int, at: dt.datetime) -> None:
    from govflex.attendance.live import queue_evaluation  # noqa: PLC0415 - import cycle

    queue_evaluation(person_id, at)


def day_result_refresh(
    *, person: Person, day: dt.date, now: dt.datetime | None = None
) -> DayResult:
    """Evaluate one person-day with the policy in force on that day and store the result."""
    values = day_result_values(person=person, day=day, now=now)
    stored, _created = DayResult.objects.update_or_create(person=person, day=day, defaults=values)
    return stored


def day_result_values(
    *, person: Person, day: dt.date, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The fields of a person-day's result, computed now from its inputs (nothing stored)."""
    now = now or timezone.now()
    policy = policy_for(agency_id=person.agency_id, day=day, unit_id=person.unit_id)
    calendar = unit_calendar(agency_id=person.agency_id, unit_id=person.unit_id)
    evaluator = Evaluator(policy, calendar)
    inputs = day_inputs(person=person, day=day)
    start, end = evaluator.working_window(day, inputs.arrangement)
    rows = Punch.objects.filter(person=person, at__gte=start, at__lt=end).only(
        "at", "source", "on_site", "location_checked"
    )
    return judged_values(person, day, now, evaluator, inputs, list(rows))


def judged_values(
    person: Person,
    day: dt.date,
    now: dt.datetime,
    evaluator: Evaluator,
    inputs: DayInputs,
    rows: list[Punch],
) -> dict[str, Any]:
    """Judge one person-day from loaded inputs (shared by the single and the batch paths)."""
    plan = inputs.arrangement
    planned_on_site = plan.on_site if plan is not None else True
    punches = [
        CorePunch(p.at, PunchSource(p.source), p.on_site if p.location_checked else planned_on_site)
        for p in rows
    ]
    result = evaluator.evaluate(
        day,
        punches,
        arrangement=plan,
        leave=inputs.leave,
        official_travel=inputs.official_travel,
        report=inputs.report,
    )
    return {
        "agency_id": person.agency_id,
        "unit_id_at": person.unit_id,
        "status": result.status.value,
        "mode": result.mode.value if result.mode else "",
        "worked_minutes": result.worked_minutes,
        "late_minutes": result.late_minutes,
        "early_minutes": result.early_minutes,
        "punch_count": result.punch_count,
        "first_punch": result.first_punch,
        "last_punch": result.last_punch,
        "exceptions": [{"code": m.code, "th": m.th, "en": m.en} for m in result.exceptions],
        "final": now >= _planned_end(evaluator, evaluator.policy, day, plan),
        "computed_at": now,
    }


def days_recompute(
    *, people: Any, start: dt.date, end: dt.date, now: dt.datetime | None = None
) -> int:
    """Re-evaluate every person-day in a range (after a policy or calendar correction)."""
    now = now or timezone.now()
    count = 0
    for person in people.iterator(chunk_size=500):
        day = start
        while day <= end:
            day_result_refresh(person=person, day=day, now=now)
            count += 1
            day += dt.timedelta(days=1)
    return count


def days_confirm(*, people: Any, now: dt.datetime | None = None, horizon_days: int = 7) -> int:
    """Finalise the days whose planned hours are over, from each person's watermark on.

    Run it on a schedule (cron: ``govflex attendance confirm``). Days before a person's
    ``ConfirmationCursor`` are never rescanned; a day without a punch becomes an absence here,
    not before its planned hours end.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    confirmed = 0
    cursors = {c.person_id: c for c in ConfirmationCursor.objects.filter(person__in=people)}
    for person in people.iterator(chunk_size=500):
        cursor = cursors.get(person.pk)
        day = (
            (cursor.through + dt.timedelta(days=1))
            if cursor
            else today - dt.timedelta(days=horizon_days)
        )
        if person.start_date and day < person.start_date:
            day = person.start_date
        through = cursor.through if cursor else None
        while day <= today:
            result = day_result_refresh(person=person, day=day, now=now)
            if not result.final:
                break
            through = day
            confirmed += 1
            day += dt.timedelta(days=1)
        if through is not None and (cursor is None or through > cursor.through):
            ConfirmationCursor.objects.update_or_create(
                person=person, defaults={"through": through}
            )
    return confirmed


def coordinates_purge(
    *, now: dt.datetime | None = None, agency_id: int | None = None, dry_run: bool = False
) -> int:
    """Erase raw coordinates older than each agency keeps them (PDPA: keep the minimum).

    Agencies that keep none lose any they still hold; the on/off-site classification stays.
    ``agency_id`` limits it to one agency; ``dry_run`` only counts (govflex privacy purge).
    """
    now = now or timezone.now()
    kept = dict(AttendanceSettings.objects.values_list("agency_id", "keep_coordinates_days"))
    stored = Punch.objects.filter(latitude__isnull=False)
    if agency_id is not None:
        stored = stored.filter(person__agency_id=agency_id)
    purged = 0
    for agency in set(stored.values_list("person__agency_id", flat=True)):
        cutoff = now - dt.timedelta(days=kept.get(agency, 0))
        old = stored.filter(person__agency_id=agency, received_at__lt=cutoff)
        purged += old.count() if dry_run else old.update(latitude=None, longitude=None)
    return purged
