"""Declaring, extending and ending an emergency; the essential staff of units.

The head of agency orders off-site work (Off-site regulation 2565), so only an executive
declares, extends or ends an emergency; HR may prepare a draft. Nothing here touches anyone's
arrangements: the emergency is laid over them (:mod:`govflex.continuity.overlay`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.dates import day_text
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed, field_error
from govflex.continuity.models import KINDS, Emergency, UnitEssentials
from govflex.continuity.overlay import emergency_book, order_number, period_of
from govflex.core.emergency import conflicts
from govflex.core.thaidate import format_date
from govflex.notifications.services import notify
from govflex.org.access import access_for
from govflex.org.models import Agency, Person, Position, Role, Unit
from govflex.policies.models import OfficialDocument

KIND_NAMES_TH = {
    "epidemic": "โรคระบาด",
    "flood": "อุทกภัย",
    "fire": "อัคคีภัย",
    "energy": "การประหยัดพลังงานหรือข้อสั่งการของรัฐบาล",
    "other": "เหตุฉุกเฉินอื่น",
}
KIND_NAMES_EN = {
    "epidemic": "epidemic",
    "flood": "flood",
    "fire": "fire",
    "energy": "energy saving or government directive",
    "other": "other emergency",
}
ISSUED = (OfficialDocument.Status.SIGNED, OfficialDocument.Status.PUBLISHED)


def may_declare(actor: Any, agency_id: int) -> bool:
    return access_for(actor).has_role(agency_id, Role.EXECUTIVE)


def may_prepare(actor: Any, agency_id: int) -> bool:
    return access_for(actor).has_role(agency_id, Role.EXECUTIVE, Role.HR)


def orders_to_link(*, agency_id: int) -> QuerySet[OfficialDocument]:
    """The agency's signed or published orders an emergency may cite."""
    return OfficialDocument.objects.filter(
        agency_id=agency_id, kind=OfficialDocument.Kind.ORDER, status__in=ISSUED
    ).order_by("-year_be", "-number")


def emergency_get(*, actor: Any, emergency_id: int) -> Emergency:
    """Visible to everyone of the agency (they are the people it concerns)."""
    found = (
        Emergency.objects.select_related("order", "agency")
        .prefetch_related("units")
        .filter(pk=emergency_id)
        .first()
    )
    access = access_for(actor)
    if found is None or not (access.is_admin or found.agency_id in access.agencies()):
        raise NotFound
    if found.status == Emergency.Status.DRAFT and not may_prepare(actor, found.agency_id):
        raise NotFound
    return found


def _check(
    *,
    agency: Agency,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    end_date: dt.date | None,
    units: list[Unit],
    order: OfficialDocument | None,
) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in dict(KINDS):
        errors["kind"] = [_("Choose the kind of emergency.")]
    if not title.strip():
        errors["title"] = [_("Give the emergency a title.")]
    if timezone.is_naive(starts_at):
        errors["starts_at"] = [_("Give the start with its time zone.")]
    elif end_date is not None and end_date < timezone.localdate(starts_at):
        errors["end_date"] = [_("The last day is before the start.")]
    if any(u.agency_id != agency.pk for u in units):
        errors["units"] = [_("Choose units of the agency.")]
    if order is not None and not (
        order.agency_id == agency.pk
        and order.kind == OfficialDocument.Kind.ORDER
        and order.status in ISSUED
    ):
        errors["order"] = [_("Choose a signed or published order of the agency.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})


def _refuse_overlap(emergency: Emergency) -> None:
    """A second emergency over the same units and days is refused: extend the first."""
    others = list(
        Emergency.objects.filter(agency_id=emergency.agency_id, status=Emergency.Status.DECLARED)
        .exclude(pk=emergency.pk)
        .select_related("order")
        .prefetch_related("units")
    )
    clash = conflicts(period_of(emergency), [period_of(e) for e in others])
    if not clash:
        return
    existing = next(e for e in others if e.pk == clash[0].emergency_id)
    number = order_number(existing)
    raise ValidationFailed(
        _(
            "It overlaps the emergency “%(title)s” (%(kind)s, from %(start)s%(order)s) for the "
            "same units: extend that one instead."
        )
        % {
            "title": existing.title,
            "kind": existing.get_kind_display(),
            "start": day_text(timezone.localdate(existing.starts_at)),
            "order": _(", order %(number)s") % {"number": number} if number else "",
        },
        details={"conflict_id": existing.pk},
    )


def _snapshot(emergency: Emergency) -> dict[str, Any]:
    return {
        "kind": emergency.kind,
        "title": emergency.title,
        "starts_at": emergency.starts_at,
        "end_date": emergency.end_date,
        "units": sorted(u.code for u in emergency.units.all()),
        "order": emergency.order_id,
        "status": emergency.status,
    }


@transaction.atomic
def emergency_create(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    end_date: dt.date | None = None,
    units: list[Unit] | None = None,
    order: OfficialDocument | None = None,
    description: str = "",
    declare: bool = False,
) -> Emergency:
    """A draft (HR or an executive), declared at once when an executive asks for it."""
    if not may_prepare(actor, agency.pk):
        raise AccessDenied(_("Only an executive or HR may prepare an emergency."))
    if declare and not may_declare(actor, agency.pk):
        raise AccessDenied(_("Only an executive may declare an emergency."))
    units = units or []
    _check(
        agency=agency,
        kind=kind,
        title=title,
        starts_at=starts_at,
        end_date=end_date,
        units=units,
        order=order,
    )
    emergency = Emergency.objects.create(
        agency=agency,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        starts_at=starts_at,
        end_date=end_date,
        order=order,
        created_by=actor,
    )
    emergency.units.set(units)
    audit_record(
        actor=actor,
        action="continuity.emergency_drafted",
        target=emergency,
        agency_id=agency.pk,
        after=_snapshot(emergency),
    )
    if declare:
        return emergency_declare(actor=actor, emergency_id=emergency.pk)
    return emergency


def _locked(actor: Any, emergency_id: int, refusal: str) -> Emergency:
    """The emergency, for an executive, locked with its agency: one change at a time per
    agency, so two executives cannot declare or extend into an overlap together."""
    emergency = emergency_get(actor=actor, emergency_id=emergency_id)
    if not may_declare(actor, emergency.agency_id):
        raise AccessDenied(refusal)
    Agency.objects.select_for_update().filter(pk=emergency.agency_id).first()
    return Emergency.objects.select_for_update().get(pk=emergency.pk)


@transaction.atomic
def emergency_declare(*, actor: Any, emergency_id: int) -> Emergency:
    """An executive declares a draft: from its start, everyone in scope but the essential
    staff works off site; all of them are told at once."""
    emergency = _locked(actor, emergency_id, _("Only an executive may declare an emergency."))
    if emergency.status != Emergency.Status.DRAFT:
        raise ValidationFailed(_("Only a draft can be declared."))
    emergency.status = Emergency.Status.DECLARED
    emergency.declared_by = actor
    emergency.declared_at = timezone.now()
    _refuse_overlap(emergency)
    emergency.save(update_fields=["status", "declared_by", "declared_at"])
    audit_record(
        actor=actor,
        action="continuity.emergency_declared",
        target=emergency,
        agency_id=emergency.agency_id,
        after=_snapshot(emergency),
    )
    _notify_declared(emergency)
    return emergency


@transaction.atomic
def emergency_set_end(
    *, actor: Any, emergency_id: int, end_date: dt.date | None, today: dt.date | None = None
) -> Emergency:
    """Extend or end in one action: the new last day (None: until ended).

    Past days keep what was in force then, so the last day cannot move before yesterday.
    """
    emergency = _locked(actor, emergency_id, _("Only an executive may extend or end an emergency."))
    if emergency.status != Emergency.Status.DECLARED:
        raise ValidationFailed(_("Only a declared emergency can be extended or ended."))
    today = today or timezone.localdate()
    start_day = timezone.localdate(emergency.starts_at)
    if end_date is not None and end_date < start_day:
        raise field_error("end_date", _("The last day is before the start."))
    if end_date is not None and end_date < today - dt.timedelta(days=1):
        raise field_error(
            "end_date",
            _(
                "Days already past keep what was in force: the last day is yesterday at the "
                "earliest."
            ),
        )
    if emergency.end_date is not None and emergency.end_date < today - dt.timedelta(days=1):
        raise ValidationFailed(_("This emergency has already ended."))
    before = {"end_date": emergency.end_date}
    emergency.end_date = end_date
    emergency.changed_at = timezone.now()
    _refuse_overlap(emergency)
    emergency.save(update_fields=["end_date", "changed_at"])
    shortened = end_date is not None and (
        before["end_date"] is None or end_date < before["end_date"]
    )
    audit_record(
        actor=actor,
        action="continuity.emergency_ended" if shortened else "continuity.emergency_extended",
        target=emergency,
        agency_id=emergency.agency_id,
        before=before,
        after={"end_date": end_date},
    )
    _notify_end(emergency, today)
    return emergency


@transaction.atomic
def emergency_cancel(*, actor: Any, emergency_id: int) -> Emergency:
    """A draft is discarded (HR or an executive); a declared emergency is ended instead."""
    emergency = emergency_get(actor=actor, emergency_id=emergency_id)
    if not may_prepare(actor, emergency.agency_id):
        raise AccessDenied
    if emergency.status != Emergency.Status.DRAFT:
        raise ValidationFailed(_("Only a draft can be cancelled; end a declared emergency."))
    emergency.status = Emergency.Status.CANCELLED
    emergency.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="continuity.emergency_cancelled",
        target=emergency,
        agency_id=emergency.agency_id,
    )
    return emergency


def people_in_scope(emergency: Emergency, day: dt.date) -> QuerySet[Person]:
    """Everyone of the emergency's units (or agency) employed on ``day``."""
    condition = Q()
    for unit in emergency.units.all():
        condition |= Q(unit__path__startswith=unit.path)
    return (
        Person.objects.filter(condition, agency_id=emergency.agency_id)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
    )


def _names(emergency: Emergency) -> dict[str, str]:
    number = order_number(emergency)
    return {
        "title": emergency.title,
        "kind_th": KIND_NAMES_TH[emergency.kind],
        "kind_en": KIND_NAMES_EN[emergency.kind],
        "start_th": format_date(timezone.localdate(emergency.starts_at)),
        "start_en": format_date(timezone.localdate(emergency.starts_at), lang="en"),
        "order_th": f" ตามคำสั่งที่ {number}" if number else "",
        "order_en": f" (order {number})" if number else "",
    }


def _notify_declared(emergency: Emergency) -> None:
    """Two bulk writes whatever the head-count: those switched off site, and the essential."""
    day = max(timezone.localdate(emergency.starts_at), timezone.localdate())
    people = list(people_in_scope(emergency, day).select_related("user"))
    book = emergency_book(people, day, day)
    switched: list[Any] = []
    essential: list[Any] = []
    for person in people:
        found = book.day(person, day)
        if found is None:
            continue
        (switched if found.off_site else essential).append(person.user)
    n = _names(emergency)
    url = f"/continuity/emergencies/{emergency.pk}/"
    notify(
        users=switched,
        kind="continuity.emergency_off_site",
        th=f"ประกาศภาวะฉุกเฉิน ({n['kind_th']}) {n['title']}{n['order_th']}: "
        f"ปฏิบัติงานนอกที่ตั้งตั้งแต่ {n['start_th']} จนกว่าจะแจ้งเปลี่ยนแปลง",
        en=f"Emergency declared ({n['kind_en']}) {n['title']}{n['order_en']}: "
        f"you work off site from {n['start_en']} until further notice",
        url=url,
    )
    notify(
        users=essential,
        kind="continuity.emergency_essential",
        th=f"ประกาศภาวะฉุกเฉิน ({n['kind_th']}) {n['title']}{n['order_th']}: "
        "ตำแหน่งของท่านเป็นตำแหน่งที่จำเป็น ให้ปฏิบัติงานตามรูปแบบเดิม",
        en=f"Emergency declared ({n['kind_en']}) {n['title']}{n['order_en']}: "
        "your position is essential; keep your usual arrangement",
        url=url,
    )


def _notify_end(emergency: Emergency, today: dt.date) -> None:
    people = people_in_scope(emergency, today).select_related("user")
    n = _names(emergency)
    if emergency.end_date is None:
        th, en = "ขยายเวลาจนกว่าจะแจ้งเปลี่ยนแปลง", "extended until further notice"
    else:
        th = f"สิ้นสุดวันที่ {format_date(emergency.end_date)} แล้วกลับสู่รูปแบบการปฏิบัติงานปกติ"
        en = f"ends on {format_date(emergency.end_date, lang='en')}; normal arrangements follow"
    notify(
        users=[p.user for p in people],
        kind="continuity.emergency_changed",
        th=f"ภาวะฉุกเฉิน {n['title']}: {th}",
        en=f"Emergency {n['title']}: {en}",
        url=f"/continuity/emergencies/{emergency.pk}/",
    )


@transaction.atomic
def essentials_set(
    *,
    actor: Any,
    unit: Unit,
    positions: list[Position],
    people: list[Person],
    counter_default: bool = True,
    emergency_minimum: int = 1,
) -> UnitEssentials:
    """Who stays on the normal arrangement in ``unit`` during an emergency (HR or executive)."""
    if not may_prepare(actor, unit.agency_id):
        raise AccessDenied(_("Only an executive or HR may set the essential staff."))
    errors: dict[str, list[str]] = {}
    if any(p.agency_id != unit.agency_id for p in positions):
        errors["positions"] = [_("Choose positions of the agency.")]
    if any(p.agency_id != unit.agency_id for p in people):
        errors["people"] = [_("Choose people of the agency.")]
    if not 0 <= emergency_minimum <= 999:
        errors["emergency_minimum"] = [_("Between 0 and 999 people.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    row, _created = UnitEssentials.objects.get_or_create(unit=unit)
    before = {
        "positions": sorted(p.code for p in row.positions.all()),
        "people": sorted(p.staff_id for p in row.people.all()),
        "counter_default": row.counter_default,
        "emergency_minimum": row.emergency_minimum,
    }
    row.counter_default = counter_default
    row.emergency_minimum = emergency_minimum
    row.updated_by = actor
    row.save()
    row.positions.set(positions)
    row.people.set(people)
    audit_record(
        actor=actor,
        action="continuity.essentials_set",
        target=row,
        target_label=unit.name_th,
        agency_id=unit.agency_id,
        before=before,
        after={
            "positions": sorted(p.code for p in positions),
            "people": sorted(p.staff_id for p in people),
            "counter_default": counter_default,
            "emergency_minimum": emergency_minimum,
        },
    )
    return row
