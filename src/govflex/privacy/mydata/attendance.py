"""The person's work arrangements and requests, and their attendance: day results, punches,
leave and corrections. Who recorded, decided or partnered is left out."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govflex.arrangements.models import (
    ArrangementRequest,
    DayException,
    Recall,
    RosterPreference,
    WeeklyPattern,
)
from govflex.attendance.models import Correction, DayResult, Leave, LeaveOpening, Punch
from govflex.privacy.models import FileRemoval
from govflex.privacy.mydata import Sections, Subject, exporter

REMOVED = _("file removed under retention")


@exporter("arrangements")
def arrangements(subject: Subject) -> Sections:
    person = subject.person
    if person is None:
        return
    yield (
        "weekly_patterns",
        _("Weekly work patterns"),
        (
            {"effective_from": p.effective_from, "days": p.days, "note": p.note}
            for p in WeeklyPattern.objects.filter(person=person).order_by("effective_from")
        ),
    )
    yield (
        "day_exceptions",
        _("Dated arrangements"),
        (
            {
                "day": d.day,
                "mode": d.mode,
                "slot": d.slot,
                "place": d.place,
                "note": d.note,
                "source": d.get_source_display(),
                "replaced": d.replaced,
            }
            for d in DayException.objects.filter(person=person).order_by("day")
        ),
    )
    preference = RosterPreference.objects.filter(person=person).first()
    yield (
        "roster_preferences",
        _("Roster preferences"),
        []
        if preference is None
        else [
            {
                "slot_ranks": preference.slot_ranks,
                "off_site_weekdays": preference.off_site_weekdays,
                "wants_counted_hours": preference.wants_counted_hours,
            }
        ],
    )
    yield (
        "recalls",
        _("Recalls to the office addressed to you"),
        (
            {"start": r.start, "end": r.end, "reason": r.reason, "issued_at": r.issued_at}
            for r in Recall.objects.filter(person=person).order_by("start")
        ),
    )
    filed = ArrangementRequest.objects.filter(person=person).order_by("created_at")
    yield (
        "arrangement_requests",
        _("Arrangement requests"),
        (
            {
                "kind": r.get_kind_display(),
                "effective_from": r.effective_from,
                "first_day": r.first_day,
                "last_day": r.last_day,
                "days": r.days,
                "reason": r.reason,
                "status": r.get_status_display(),
                "off_site": r.off_site,
                "filed_at": r.created_at,
                "decided_at": r.decided_at,
                "decision_note": r.decision_note,
            }
            for r in filed
        ),
    )
    # Swaps a colleague offered: only the person's own side of the exchange.
    asked = ArrangementRequest.objects.filter(partner=person).order_by("created_at")
    yield (
        "swap_requests_as_partner",
        _("Swaps offered to you"),
        (
            {
                "first_day": r.first_day,
                "your_days": r.partner_days,
                "answered_at": r.partner_answered_at,
                "status": r.get_status_display(),
            }
            for r in asked
        ),
    )


@exporter("attendance")
def attendance(subject: Subject) -> Sections:
    person = subject.person
    if person is None:
        return
    yield (
        "day_results",
        _("Day results"),
        (
            {
                "day": d.day,
                "status": d.get_status_display(),
                "mode": d.mode,
                "worked_minutes": d.worked_minutes,
                "late_minutes": d.late_minutes,
                "early_minutes": d.early_minutes,
                "punches": d.punch_count,
                "first_punch": d.first_punch,
                "last_punch": d.last_punch,
                "exceptions": d.exceptions,
                "final": d.final,
            }
            for d in DayResult.objects.filter(person=person).order_by("day").iterator(2000)
        ),
    )
    punches = Punch.objects.filter(person=person).select_related("site").order_by("at")
    yield (
        "punches",
        _("Punches"),
        (
            {
                "at": p.at,
                "source": p.get_source_display(),
                "on_site": p.on_site,
                "site": p.site.name if p.site else "",
                "location_checked": p.location_checked,
                "distance_m": p.distance_m,
                "latitude": p.latitude,
                "longitude": p.longitude,
                "device_time": p.device_time,
                "clock_difference_seconds": p.clock_drift_seconds,
                "clock_flagged": p.clock_flagged,
                "received_at": p.received_at,
                "terminal_user_id": p.terminal_user_id,
            }
            for p in punches.iterator(chunk_size=2000)
        ),
    )
    yield (
        "leave",
        _("Leave"),
        (
            {
                "leave_type": leave.get_leave_type_display(),
                "start": leave.start,
                "end": leave.end,
                "part": leave.get_part_display(),
                "child_birth": leave.child_birth,
                "reason": leave.reason,
                "days": leave.days,
                "status": leave.get_status_display(),
                "filed_at": leave.created_at,
                "decided_at": leave.decided_at,
                "decision_note": leave.decision_note,
            }
            for leave in Leave.objects.filter(person=person).order_by("start")
        ),
    )
    yield (
        "leave_openings",
        _("Vacation days carried in"),
        (
            {"fiscal_year": o.fiscal_year, "vacation_carried_in": o.vacation_carried_in}
            for o in LeaveOpening.objects.filter(person=person).order_by("fiscal_year")
        ),
    )
    corrections = list(Correction.objects.filter(person=person).order_by("created_at"))
    removed = set(
        FileRemoval.objects.filter(
            Q(target_type="attendance.correction"),
            target_id__in=[str(c.pk) for c in corrections],
        ).values_list("target_id", flat=True)
    )
    yield (
        "corrections",
        _("Corrections"),
        (
            {
                "day": c.day,
                "kind": c.get_kind_display(),
                "times": c.times,
                "reason": c.reason,
                "evidence": c.evidence.name or (str(REMOVED) if str(c.pk) in removed else ""),
                "status": c.get_status_display(),
                "filed_at": c.created_at,
                "decided_at": c.decided_at,
                "decision_note": c.decision_note,
            }
            for c in corrections
        ),
    )
