"""Recall: a supervisor or executive orders a person or a unit back on site for given dates.

Off-site regulation 2565: the head of agency may order people working off site to return; the
order overrides arrangements and approved requests for those dates, and everyone affected is
told. Each recalled person works on site their usual slot if they have one on that weekday, else
the standard day (mode 1) or, where the policy does not allow mode 1 for the position, counted
hours on site (mode 2).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.arrangements.approvals.decisions import lock_units
from govflex.arrangements.book import Entry, PlanBook, days_between, plan_book
from govflex.arrangements.models import ArrangementRequest, DayException, Recall, Source
from govflex.arrangements.services import reevaluate_later
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.core.enums import PositionType, WorkMode
from govflex.core.thaidate import format_date
from govflex.notifications.services import notify
from govflex.notifications.webhooks import emit
from govflex.org.access import access_for
from govflex.org.models import Person, Role, Unit
from govflex.policies.selectors import policy_for

MAX_RECALL_DAYS = 62


def may_recall_unit(actor: Any, unit: Unit) -> bool:
    access = access_for(actor)
    if access.has_role(unit.agency_id, Role.EXECUTIVE):
        return True
    paths = access.supervised_paths.get(unit.agency_id, ())
    return any(unit.path.startswith(path) for path in paths)


def may_recall_person(actor: Any, person: Person) -> bool:
    access = access_for(actor)
    if access.person_id == person.pk:
        return False
    if person.supervisor_id is not None and person.supervisor_id == access.person_id:
        return True
    return may_recall_unit(actor, person.unit)


def _on_site_entry(person: Person, day: dt.date, book: PlanBook) -> Entry:
    plan = book.plan(person, day)
    if plan is not None and plan.mode is not WorkMode.OFF_SITE:
        return {
            "mode": plan.mode.value,
            "slot": plan.slot.label() if plan.slot else "",
            "place": "",
        }
    policy = policy_for(agency_id=person.agency_id, day=day, unit_id=person.unit_id)
    allowed = policy.modes_for(PositionType(person.position.position_type)).allowed
    if WorkMode.STAGGERED in allowed or not allowed:
        slot = policy.standard_day.hours
        slot_text = slot.label() if slot in policy.staggered.slots else ""
        return {"mode": WorkMode.STAGGERED.value, "slot": slot_text, "place": ""}
    return {"mode": WorkMode.COUNTED_HOURS.value, "slot": "", "place": ""}


def _check_recall(
    start: dt.date,
    end: dt.date,
    reason: str,
    unit: Unit | None,
    person: Person | None,
    today: dt.date,
) -> None:
    errors: dict[str, list[str]] = {}
    if (unit is None) == (person is None):
        errors["target"] = [_("Recall either a unit or one person.")]
    if end < start:
        errors["end"] = [_("The last day is before the first.")]
    elif start < today:
        errors["start"] = [_("A recall starts today or later.")]
    elif (end - start).days >= MAX_RECALL_DAYS:
        errors["end"] = [_("A recall covers at most 62 days; issue another for longer.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the recall.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})


def _recalled_people(
    actor: Any, unit: Unit | None, person: Person | None, include_subunits: bool, start: dt.date
) -> tuple[list[Person], int]:
    if person is not None:
        if not may_recall_person(actor, person):
            raise AccessDenied(_("Only the person's supervisor or an executive can recall them."))
        return [person], person.agency_id
    if unit is None or not may_recall_unit(actor, unit):
        raise AccessDenied(_("Only the unit's supervisor or an executive can recall it."))
    within = Q(unit__path__startswith=unit.path) if include_subunits else Q(unit=unit)
    people = list(
        Person.objects.filter(within, agency_id=unit.agency_id)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .select_related("unit", "position", "user")
    )
    return people, unit.agency_id


@transaction.atomic
def recall_issue(
    *,
    actor: Any,
    start: dt.date,
    end: dt.date,
    reason: str,
    unit: Unit | None = None,
    person: Person | None = None,
    include_subunits: bool = True,
    today: dt.date | None = None,
) -> Recall:
    _check_recall(start, end, reason, unit, person, today or timezone.localdate())
    people, agency_id = _recalled_people(actor, unit, person, include_subunits, start)
    lock_units(people)
    recall = Recall.objects.create(
        agency_id=agency_id,
        unit=unit,
        person=person,
        include_subunits=include_subunits,
        start=start,
        end=end,
        reason=reason.strip(),
        issued_by=actor,
    )
    book = plan_book(people, start, end)
    changed, affected = 0, []
    for member in people:
        touched = False
        for day in days_between(start, end):
            if not book.working(member, day) or not book.off_site(member, day):
                continue
            DayException.objects.update_or_create(
                person=member,
                day=day,
                defaults={
                    **_on_site_entry(member, day, book),
                    "note": recall.reason,
                    "source": Source.RECALL,
                    "recall": recall,
                    "request": None,
                    "replaced": book.entry(member, day) or {},
                    "created_by": actor,
                },
            )
            changed += 1
            touched = True
        if touched:
            affected.append(member)
            reevaluate_later(member, start, end)
    recall.people_affected, recall.days_changed = len(affected), changed
    recall.save(update_fields=["people_affected", "days_changed"])
    _withdraw_open_requests(people, start, end, recall)
    audit_record(
        actor=actor,
        action="arrangement.recall_issued",
        target=recall,
        agency_id=agency_id,
        after={
            "unit": unit.pk if unit else None,
            "person": person.pk if person else None,
            "start": start,
            "end": end,
            "people_affected": len(affected),
            "days_changed": changed,
        },
        note=recall.reason,
    )
    emit(
        agency_id=agency_id,
        event="arrangement.recall",
        payload={
            "id": recall.pk,
            "unit": unit.code if unit else None,
            "person": person.staff_id if person else None,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "reason": recall.reason,
            "people_affected": recall.people_affected,
        },
    )
    # Everyone in the recalled scope is told, not only those whose plan changed: an order back
    # to the office concerns the whole unit.
    notify(
        users=[p.user for p in people],
        kind="arrangement.recall",
        th=f"คำสั่งเรียกกลับมาปฏิบัติงานในที่ตั้ง {format_date(start)} ถึง {format_date(end)}: {recall.reason}",
        en=f"Recalled to work on site {format_date(start, lang='en')} to"
        f" {format_date(end, lang='en')}: {recall.reason}",
        url="/arrangements/recalls/",
    )
    return recall


def _withdraw_open_requests(
    people: list[Person], start: dt.date, end: dt.date, recall: Recall
) -> None:
    """Open date requests now inside the recall cannot be granted; they are closed, with why."""
    ids = [p.pk for p in people]
    waiting = (ArrangementRequest.Status.PENDING, ArrangementRequest.Status.AWAITING_PARTNER)
    for request in ArrangementRequest.objects.filter(
        Q(person_id__in=ids) | Q(partner_id__in=ids), status__in=waiting
    ).exclude(kind=ArrangementRequest.Kind.PATTERN):
        days = [dt.date.fromisoformat(key) for key in request.days]
        if any(start <= day <= end for day in days):
            request.status = ArrangementRequest.Status.REJECTED
            request.decided_at = timezone.now()
            request.decision_note = _("Closed by a recall to the office: %(reason)s") % {
                "reason": recall.reason
            }
            request.save(update_fields=["status", "decided_at", "decision_note"])
