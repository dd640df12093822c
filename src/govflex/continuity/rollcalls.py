"""Roll call: an executive (any unit) or a supervisor (the units they lead) asks everyone of a
scope whether they are safe; each answers with one tap; silence is reported to the person's
supervisor after the set time (the head of agency must consider staff safety, Off-site
regulation 2565; DOMAIN.md §9)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed, field_error
from govflex.continuity.models import Emergency, RollCall, RollCallAnswer, RollCallEntry
from govflex.core.rollcall import Answer, escalation_due
from govflex.notifications.services import notify
from govflex.org.access import Access, access_for
from govflex.org.models import Agency, Person, Role, Unit
from govflex.org.supervision import supervisor_users

ANSWER_TH = {
    Answer.SAFE_WORKING: "ปลอดภัยและปฏิบัติงานได้",
    Answer.SAFE_UNABLE: "ปลอดภัยแต่ปฏิบัติงานไม่ได้",
    Answer.NEED_HELP: "ต้องการความช่วยเหลือ",
}
ANSWER_EN = {
    Answer.SAFE_WORKING: "safe and working",
    Answer.SAFE_UNABLE: "safe but unable to work",
    Answer.NEED_HELP: "needs help",
}


def may_start(access: Access, agency_id: int, unit: Unit | None) -> bool:
    """Executives for the agency or any unit; supervisors for the units they lead."""
    if access.has_role(agency_id, Role.EXECUTIVE):
        return True
    if unit is None:
        return False
    return any(unit.path.startswith(p) for p in access.supervised_paths.get(agency_id, ()))


def may_follow(access: Access, roll_call: RollCall) -> bool:
    """Who sees the whole board: the starter, executives, HR and auditors."""
    return roll_call.started_by_id == access.user_id or access.is_agency_reader(roll_call.agency_id)


def _in_scope(agency: Agency, unit: Unit | None, day: dt.date) -> Any:
    people = Person.objects.filter(agency=agency)
    if unit is not None:
        people = people.filter(unit__path__startswith=unit.path)
    return people.filter(Q(end_date__isnull=True) | Q(end_date__gte=day)).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=day)
    )


@transaction.atomic
def roll_call_start(
    *,
    actor: Any,
    agency: Agency,
    unit: Unit | None = None,
    message: str = "",
    escalate_after_minutes: int = 30,
    emergency: Emergency | None = None,
) -> RollCall:
    access = access_for(actor)
    if not (access.is_admin or agency.pk in access.agencies()):
        raise NotFound
    if unit is not None and unit.agency_id != agency.pk:
        raise NotFound
    if not may_start(access, agency.pk, unit):
        raise AccessDenied(_("You can start a roll call only for the units you lead."))
    if not 5 <= escalate_after_minutes <= 1440:
        raise field_error("escalate_after_minutes", _("Between 5 and 1440 minutes."))
    if emergency is not None and emergency.agency_id != agency.pk:
        raise NotFound
    people = list(
        _in_scope(agency, unit, timezone.localdate())
        .exclude(pk=access.person_id or 0)
        .select_related("user")
    )
    if not people:
        raise field_error("unit", _("Nobody to call in this unit."))
    roll_call = RollCall.objects.create(
        agency=agency,
        unit=unit,
        emergency=emergency,
        message=message.strip()[:300],
        escalate_after_minutes=escalate_after_minutes,
        started_by=actor,
    )
    RollCallEntry.objects.bulk_create(
        [RollCallEntry(roll_call=roll_call, person=p, unit_id=p.unit_id) for p in people],
        batch_size=1000,
    )
    audit_record(
        actor=actor,
        action="continuity.roll_call_started",
        target=roll_call,
        agency_id=agency.pk,
        after={"unit": unit.code if unit else None, "people": len(people)},
    )
    extra = f": {roll_call.message}" if roll_call.message else ""
    notify(
        users=[p.user for p in people],
        kind="continuity.roll_call",
        th=f"ขอให้รายงานสถานะความปลอดภัย กรุณากดตอบ{extra}",
        en=f"Please report whether you are safe{extra}",
        url=f"/continuity/roll-calls/{roll_call.pk}/answer/",
    )
    return roll_call


def _coordinate(raw: Any, low: int, high: int) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return None
    return value if low <= value <= high else None


@transaction.atomic
def roll_call_answer(
    *,
    actor: Any,
    roll_call_id: int,
    answer: str,
    note: str = "",
    latitude: Any = None,
    longitude: Any = None,
) -> RollCallEntry:
    """The person's answer; a later one replaces it on the board and both stay in history.

    A location is kept only when the person has agreed that GovFlex may read it (the same
    consent as check-in, PDPA) and both coordinates are valid.
    """
    access = access_for(actor)
    entry = (
        RollCallEntry.objects.select_for_update()
        .select_related("roll_call", "person")
        .filter(roll_call_id=roll_call_id, person_id=access.person_id or 0)
        .first()
    )
    if entry is None:
        raise NotFound
    if entry.roll_call.closed_at is not None:
        raise ValidationFailed(_("This roll call is closed."))
    if answer not in {a.value for a in Answer}:
        raise field_error("answer", _("Choose one of the answers."))
    lat, lon = _coordinate(latitude, -90, 90), _coordinate(longitude, -180, 180)
    if lat is None or lon is None or getattr(actor, "location_consent_at", None) is None:
        lat = lon = None
    now = timezone.now()
    previous = entry.answer
    entry.answer, entry.note, entry.latitude, entry.longitude = answer, note.strip()[:500], lat, lon
    entry.answered_at = now
    entry.save(update_fields=["answer", "note", "latitude", "longitude", "answered_at"])
    RollCallAnswer.objects.create(
        entry=entry, answer=answer, note=entry.note, latitude=lat, longitude=lon
    )
    if answer == Answer.NEED_HELP and previous != Answer.NEED_HELP:
        _tell_help(entry)
    return entry


def _tell_help(entry: RollCallEntry) -> None:
    """Someone asks for help: their supervisor and the starter hear at once."""
    person = entry.person
    bosses = supervisor_users([person]).get(person.pk, [])
    note = f": {entry.note}" if entry.note else ""
    notify(
        users=[entry.roll_call.started_by, *bosses],
        kind="continuity.roll_call_help",
        th=f"{person.full_name_th} ต้องการความช่วยเหลือ{note}",
        en=f"{person.full_name_en} needs help{note}",
        url=f"/continuity/roll-calls/{entry.roll_call_id}/",
    )


@transaction.atomic
def roll_call_close(*, actor: Any, roll_call_id: int) -> RollCall:
    roll_call = RollCall.objects.select_for_update().filter(pk=roll_call_id).first()
    access = access_for(actor)
    if roll_call is None or not (access.is_admin or roll_call.agency_id in access.agencies()):
        raise NotFound
    if not (
        roll_call.started_by_id == access.user_id
        or access.has_role(roll_call.agency_id, Role.EXECUTIVE)
    ):
        raise AccessDenied(_("Only the person who started it or an executive can close it."))
    if roll_call.closed_at is None:
        roll_call.closed_at = timezone.now()
        roll_call.save(update_fields=["closed_at"])
        audit_record(
            actor=actor,
            action="continuity.roll_call_closed",
            target=roll_call,
            agency_id=roll_call.agency_id,
        )
    return roll_call


def roll_calls_escalate(*, now: dt.datetime | None = None) -> int:
    """Report people who have not answered to their supervisor, once each (safe to rerun:
    an entry is marked in the same transaction as its notification)."""
    now = now or timezone.now()
    reported = 0
    for roll_call in RollCall.objects.filter(closed_at__isnull=True).select_related("started_by"):
        if not escalation_due(roll_call.started_at, roll_call.escalate_after_minutes, now):
            continue
        reported += _escalate_one(roll_call.pk, now)
    return reported


@transaction.atomic
def _escalate_one(roll_call_id: int, now: dt.datetime) -> int:
    roll_call = (
        RollCall.objects.select_for_update(of=("self",))
        .select_related("started_by")
        .get(pk=roll_call_id)
    )
    waiting = list(
        RollCallEntry.objects.filter(roll_call=roll_call, answer="", escalated_at__isnull=True)
        .select_related("person")
        .order_by("person__last_name_th")
    )
    if not waiting:
        return 0
    RollCallEntry.objects.filter(pk__in=[e.pk for e in waiting]).update(escalated_at=now)
    bosses = supervisor_users([e.person for e in waiting])
    per_boss: dict[int, tuple[Any, list[Person]]] = {}
    for entry in waiting:
        for boss in bosses.get(entry.person_id, []):
            per_boss.setdefault(boss.pk, (boss, []))[1].append(entry.person)
    url = f"/continuity/roll-calls/{roll_call.pk}/"
    for boss, people in per_boss.values():
        names = ", ".join(p.full_name_th for p in people[:10])
        notify(
            users=[boss],
            kind="continuity.roll_call_unanswered",
            th=f"ยังไม่รายงานสถานะความปลอดภัย {len(people)} คน: {names}",
            en=f"{len(people)} of your people have not answered the roll call: {names}",
            url=url,
        )
    notify(
        users=[roll_call.started_by],
        kind="continuity.roll_call_unanswered",
        th=f"ยังไม่รายงานสถานะความปลอดภัย {len(waiting)} คน (แจ้งผู้บังคับบัญชาแล้ว)",
        en=f"{len(waiting)} people have not answered the roll call (their supervisors are told)",
        url=url,
    )
    audit_record(
        actor=None,
        action="continuity.roll_call_escalated",
        target=roll_call,
        agency_id=roll_call.agency_id,
        after={"people": [e.person.staff_id for e in waiting]},
    )
    return len(waiting)
