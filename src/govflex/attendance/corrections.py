"""Corrections: staff explain a day, a supervisor decides; approval adds records and the day is
judged again. Original punches are never edited or deleted."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.attendance.models import Correction, DayResult, Punch
from govflex.attendance.services import day_result_refresh, settings_for
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, Conflict, ValidationFailed
from govflex.core.calendar import local_instant
from govflex.core.enums import DayStatus, PunchSource
from govflex.org.access import Access, access_for
from govflex.org.models import Person, Role
from govflex.org.supervision import decidable, may_decide_for

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
# Evidence is checked by content, not by its name: PDF, JPEG, PNG.
EVIDENCE_SIGNATURES = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}
TIMED_KINDS = frozenset({Correction.Kind.FORGOT_PUNCH, Correction.Kind.SYSTEM_OUTAGE})
MAX_TIMES = 4
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
PROBLEM_STATUSES = (
    DayStatus.LATE,
    DayStatus.LEFT_EARLY,
    DayStatus.LATE_AND_LEFT_EARLY,
    DayStatus.INCOMPLETE,
    DayStatus.ABSENT,
    DayStatus.OFF_SITE_REPORT_MISSING,
)


def _errors(**fields: str) -> ValidationFailed:
    return ValidationFailed(details={"fields": {k: [v] for k, v in fields.items()}})


def _parse_times(kind: str, times: list[str]) -> list[dt.time]:
    if kind not in TIMED_KINDS:
        return []
    parsed = []
    for raw in times:
        match = _CLOCK.match(raw.strip())
        if match is None:
            raise _errors(times=_("“%(value)s” is not a time; use 08:30.") % {"value": raw})
        parsed.append(dt.time(int(match.group(1)), int(match.group(2))))
    if not 1 <= len(parsed) <= MAX_TIMES:
        raise _errors(times=_("Give one to four times, e.g. 08:25 and 16:40."))
    return sorted(set(parsed))


def _check_evidence(evidence: UploadedFile | None) -> None:
    if evidence is None:
        return
    if evidence.size is not None and evidence.size > MAX_EVIDENCE_BYTES:
        raise _errors(evidence=_("The file is larger than 5 MB."))
    head = evidence.read(16)
    evidence.seek(0)
    if not any(head.startswith(signature) for signature in EVIDENCE_SIGNATURES):
        raise _errors(evidence=_("Attach a PDF, JPEG or PNG file."))


def _may_file_for(access: Access, person: Person) -> bool:
    return access.person_id == person.pk or access.has_role(person.agency_id, Role.HR)


def may_decide(access: Access, correction: Correction) -> bool:
    return may_decide_for(access, correction.person)


@transaction.atomic
def correction_file(
    *,
    actor: Any,
    person: Person,
    day: dt.date,
    kind: str,
    reason: str,
    times: list[str] | None = None,
    evidence: UploadedFile | None = None,
    now: dt.datetime | None = None,
) -> Correction:
    now = now or timezone.now()
    access = access_for(actor)
    access.require(_may_file_for(access, person))
    if kind not in Correction.Kind.values:
        raise _errors(kind=_("Choose what to correct."))
    today = timezone.localdate(now)
    window = settings_for(person.agency_id).correction_window_days
    if day > today:
        raise _errors(day=_("A correction cannot be for a future day."))
    if day < today - dt.timedelta(days=window):
        raise _errors(
            day=_("Corrections are accepted for the last %(n)s days only.") % {"n": window}
        )
    if not reason.strip():
        raise _errors(reason=_("Explain what happened."))
    parsed = _parse_times(kind, times or [])
    _check_evidence(evidence)
    if Correction.objects.filter(
        person=person, day=day, kind=kind, status=Correction.Status.PENDING
    ).exists():
        raise Conflict(_("A correction of this kind for this day is already waiting for approval."))
    correction = Correction.objects.create(
        person=person,
        day=day,
        kind=kind,
        times=[t.strftime("%H:%M") for t in parsed],
        reason=reason.strip(),
        evidence=evidence or "",
    )
    audit_record(
        actor=actor,
        action="correction.file",
        target=correction,
        agency_id=person.agency_id,
        after={"day": day, "kind": kind, "times": correction.times, "reason": correction.reason},
    )
    return correction


@transaction.atomic
def correction_decide(
    *, actor: Any, correction: Correction, approve: bool, note: str = ""
) -> Correction:
    correction = (
        Correction.objects.select_for_update().select_related("person__unit").get(pk=correction.pk)
    )
    access = access_for(actor)
    if not may_decide(access, correction):
        raise AccessDenied(_("Only the person's supervisor or HR can decide this correction."))
    if correction.status != Correction.Status.PENDING:
        raise Conflict(_("This correction was already decided or withdrawn."))
    if not approve and not note.strip():
        raise _errors(note=_("Give the reason for rejecting."))
    correction.status = Correction.Status.APPROVED if approve else Correction.Status.REJECTED
    correction.decided_by = actor
    correction.decided_at = timezone.now()
    correction.decision_note = note.strip()
    correction.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve:
        _add_punches(actor, correction)
    audit_record(
        actor=actor,
        action="correction.approve" if approve else "correction.reject",
        target=correction,
        agency_id=correction.person.agency_id,
        after={"status": correction.status, "note": correction.decision_note},
    )
    person, day = correction.person, correction.day
    transaction.on_commit(lambda: day_result_refresh(person=person, day=day))
    return correction


def _add_punches(actor: Any, correction: Correction) -> None:
    on_site = correction.kind != Correction.Kind.WORKED_OFF_SITE
    for n, clock in enumerate(correction.times):
        hour, minute = (int(part) for part in clock.split(":"))
        Punch.objects.get_or_create(
            person=correction.person,
            idempotency_key=f"correction-{correction.pk}-{n}",
            defaults={
                "at": local_instant(correction.day, dt.time(hour, minute)),
                "source": PunchSource.CORRECTION,
                "on_site": on_site,
                "received_at": timezone.now(),
                "recorded_by": actor,
            },
        )


@transaction.atomic
def correction_withdraw(*, actor: Any, correction: Correction) -> Correction:
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    access = access_for(actor)
    access.require(access.person_id == correction.person_id)
    if correction.status != Correction.Status.PENDING:
        raise Conflict(_("Only a correction that is still waiting can be withdrawn."))
    correction.status = Correction.Status.WITHDRAWN
    correction.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="correction.withdraw",
        target=correction,
        agency_id=correction.person.agency_id,
    )
    return correction


# ---------------------------------------------------------------- reads


def corrections_to_decide(*, access: Access) -> QuerySet[Correction]:
    """Pending corrections the user may decide (their reports, their units, or all for HR)."""
    return (
        Correction.objects.filter(status=Correction.Status.PENDING)
        .filter(decidable(access))
        .select_related("person__unit")
        .order_by("created_at")
    )


def my_exceptions(*, person: Person, since: dt.date) -> QuerySet[DayResult]:
    return DayResult.objects.filter(
        person=person, day__gte=since, final=True, status__in=PROBLEM_STATUSES
    ).order_by("-day")
