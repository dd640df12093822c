"""Reachability: a supervisor sends a contact check to one person or a unit; each answers with
one tap; response times are recorded; unanswered checks escalate to the sender's own supervisor
after the set time (Off-site regulation 2565: people working off site stay reachable)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, field_error
from govflex.notifications.services import notify
from govflex.org.access import access_for
from govflex.org.models import Person, Unit
from govflex.org.supervision import may_decide_for, supervisor_users
from govflex.work.models import ContactAnswer, ContactCheck

MAX_PEOPLE = 500


@transaction.atomic
def check_send(
    *,
    actor: Any,
    person: Person | None = None,
    unit: Unit | None = None,
    message: str = "",
    escalate_after_minutes: int = 30,
) -> ContactCheck:
    """Ask one person, or everyone of a unit subtree whom the sender supervises, to answer."""
    access = access_for(actor)
    if (person is None) == (unit is None):
        raise field_error("target", _("Check one person or one unit."))
    if not 5 <= escalate_after_minutes <= 480:
        raise field_error("escalate_after_minutes", _("Between 5 and 480 minutes."))
    if person is not None:
        people = [person]
    else:
        assert unit is not None  # noqa: S101 - one of the two, checked above
        people = list(
            Person.objects.filter(agency_id=unit.agency_id, unit__path__startswith=unit.path)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
            .select_related("unit", "user")[: MAX_PEOPLE + 1]
        )
    people = [p for p in people if p.pk != access.person_id]
    if not people:
        raise field_error("target", _("Nobody to check."))
    if len(people) > MAX_PEOPLE:
        raise field_error("target", _("At most 500 people in one check."))
    outside = [p for p in people if not may_decide_for(access, p)]
    if outside:
        raise AccessDenied(_("You can only check people you supervise."))
    check = ContactCheck.objects.create(
        agency_id=people[0].agency_id,
        sent_by=actor,
        unit=unit,
        message=message.strip()[:300],
        escalate_after_minutes=escalate_after_minutes,
    )
    answers = ContactAnswer.objects.bulk_create(
        [ContactAnswer(contact_check=check, person=p) for p in people]
    )
    audit_record(
        actor=actor,
        action="work.contact_check_sent",
        target=check,
        agency_id=check.agency_id,
        after={"people": len(answers)},
    )
    by_person = {a.person_id: a for a in answers}
    for target in people:
        notify(
            users=[target.user],
            kind="work.contact_check",
            th="ผู้บังคับบัญชาขอให้ยืนยันว่าติดต่อได้ กรุณากดตอบ"
            + (f": {check.message}" if check.message else ""),
            en="Your supervisor asks you to confirm you can be reached: please answer"
            + (f": {check.message}" if check.message else ""),
            url=f"/work/contact/answer/{by_person[target.pk].pk}/",
        )
    return check


@transaction.atomic
def check_answer(*, actor: Any, answer_id: int) -> ContactAnswer:
    """One tap: the person confirms they can be reached (a repeat changes nothing)."""
    answer = ContactAnswer.objects.select_for_update().filter(pk=answer_id).first()
    if answer is None or access_for(actor).person_id != answer.person_id:
        raise NotFound
    if answer.answered_at is None:
        answer.answered_at = timezone.now()
        answer.save(update_fields=["answered_at"])
    return answer


def checks_escalate(*, now: dt.datetime | None = None) -> int:
    """Tell the sender's own supervisor about checks still unanswered after the set time."""
    now = now or timezone.now()
    count = 0
    for check in ContactCheck.objects.filter(escalated_at__isnull=True).select_related("sent_by"):
        if now < check.sent_at + dt.timedelta(minutes=check.escalate_after_minutes):
            continue
        waiting = list(check.answers.filter(answered_at__isnull=True).select_related("person"))
        check.escalated_at = now
        check.save(update_fields=["escalated_at"])
        if not waiting:
            continue
        sender = Person.objects.filter(user=check.sent_by).first()
        bosses = supervisor_users([sender]).get(sender.pk, []) if sender is not None else []
        names = ", ".join(a.person.full_name_th for a in waiting[:10])
        recipients = [check.sent_by, *bosses]
        notify(
            users=recipients,
            kind="work.contact_unanswered",
            th=f"ยังติดต่อไม่ได้ {len(waiting)} คน: {names}",
            en=f"{len(waiting)} people have not answered the contact check: {names}",
            url=f"/work/contact/{check.pk}/",
        )
        count += 1
    return count


def check_rows(check: ContactCheck) -> list[ContactAnswer]:
    return list(check.answers.select_related("person", "contact_check").order_by("answered_at"))
