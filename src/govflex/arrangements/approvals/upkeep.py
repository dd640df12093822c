"""Delegation, the agency's approval settings, and reminders and escalation of waiting
requests (run by ``govflex arrangements remind``, e.g. hourly from cron)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.arrangements.approvals.chain import ESCALATES_TO, approval_settings, approvers
from govflex.arrangements.models import ApprovalSettings, ArrangementRequest, Delegation, Step
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.notifications.services import notify
from govflex.org.access import access_for
from govflex.org.models import Role
from govflex.policies.selectors import agency_calendar

STEPS = {step.value for step in Step}


def _may_approve_anything(actor: Any, agency_id: int) -> bool:
    access = access_for(actor)
    return bool(access.supervised_paths.get(agency_id)) or access.has_role(
        agency_id, Role.EXECUTIVE, Role.HR
    )


@transaction.atomic
def delegation_add(
    *, actor: Any, delegate: Any, start: dt.date, end: dt.date, note: str = ""
) -> Delegation:
    """An approver lets ``delegate`` decide in their place from ``start`` to ``end``."""
    access = access_for(actor)
    agency_id = access.home_agency_id
    if agency_id is None or not _may_approve_anything(actor, agency_id):
        raise AccessDenied(_("Only approvers can delegate their approvals."))
    errors: dict[str, list[str]] = {}
    if delegate is None or delegate.pk == actor.pk:
        errors["delegate"] = [_("Choose someone else to decide in your place.")]
    elif access_for(delegate).home_agency_id != agency_id:
        errors["delegate"] = [_("The delegate must work in the same agency.")]
    if end < start:
        errors["end"] = [_("The last day is before the first.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    delegation = Delegation.objects.create(
        agency_id=agency_id, delegator=actor, delegate=delegate, start=start, end=end, note=note
    )
    audit_record(
        actor=actor,
        action="arrangement.delegation_added",
        target=delegation,
        agency_id=agency_id,
        after={"delegate": delegate.username, "start": start, "end": end},
    )
    notify(
        users=[delegate],
        kind="arrangement.delegation",
        th=f"คุณได้รับมอบหมายให้พิจารณาคำขอแทน {actor.get_full_name() or actor.username}",
        en=f"You decide requests in place of {actor.get_full_name() or actor.username}",
        url="/arrangements/approvals/",
    )
    return delegation


@transaction.atomic
def delegation_revoke(*, actor: Any, delegation_id: int) -> Delegation:
    delegation = Delegation.objects.filter(pk=delegation_id, delegator=actor).first()
    if delegation is None:
        raise NotFound
    if delegation.revoked_at is None:
        delegation.revoked_at = timezone.now()
        delegation.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="arrangement.delegation_revoked",
            target=delegation,
            agency_id=delegation.agency_id,
        )
    return delegation


@transaction.atomic
def approval_settings_set(
    *,
    actor: Any,
    agency_id: int,
    on_site_chain: list[str],
    off_site_chain: list[str],
    remind_after_days: int,
    escalate_after_days: int,
) -> ApprovalSettings:
    if not access_for(actor).has_role(agency_id, Role.HR, Role.EXECUTIVE):
        raise AccessDenied(_("Only HR or an executive can change the approval chains."))
    errors: dict[str, list[str]] = {}
    for field, chain in (("on_site_chain", on_site_chain), ("off_site_chain", off_site_chain)):
        if not chain or len(chain) > 4 or any(step not in STEPS for step in chain):
            errors[field] = [
                _("Give one to four steps from: supervisor, unit_head, executive, hr.")
            ]
        elif len(set(chain)) != len(chain):
            errors[field] = [_("A step appears twice in the chain.")]
    if not 1 <= remind_after_days <= 30:
        errors["remind_after_days"] = [_("Between 1 and 30 working days.")]
    if not remind_after_days <= escalate_after_days <= 60:
        errors["escalate_after_days"] = [_("At least the reminder time, at most 60 working days.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    settings = approval_settings(agency_id)
    before = {
        "on_site_chain": settings.on_site_chain,
        "off_site_chain": settings.off_site_chain,
        "remind_after_days": settings.remind_after_days,
        "escalate_after_days": settings.escalate_after_days,
    }
    settings.on_site_chain, settings.off_site_chain = on_site_chain, off_site_chain
    settings.remind_after_days, settings.escalate_after_days = (
        remind_after_days,
        escalate_after_days,
    )
    settings.save()
    audit_record(
        actor=actor,
        action="arrangement.approval_settings_set",
        target=settings,
        agency_id=agency_id,
        before=before,
        after={
            "on_site_chain": on_site_chain,
            "off_site_chain": off_site_chain,
            "remind_after_days": remind_after_days,
            "escalate_after_days": escalate_after_days,
        },
    )
    return settings


def _working_days_waited(agency_id: int, since: dt.date, today: dt.date) -> int:
    calendar = agency_calendar(agency_id=agency_id)
    count, day = 0, since + dt.timedelta(days=1)
    while day <= today:
        count += calendar.is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def requests_remind(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remind approvers of requests waiting N working days; escalate after M (each once a step)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"reminded": 0, "escalated": 0}
    waiting = ArrangementRequest.objects.filter(
        status=ArrangementRequest.Status.PENDING, step_since__isnull=False
    ).select_related("person__unit", "agency")
    for request in waiting:
        settings = approval_settings(request.agency_id)
        since = timezone.localdate(request.step_since)
        waited = _working_days_waited(request.agency_id, since, today)
        with transaction.atomic():
            if request.escalated_at is None and waited >= settings.escalate_after_days:
                request.escalated_at = now
                request.save(update_fields=["escalated_at"])
                step = Step(request.current_step or Step.SUPERVISOR)
                audit_record(
                    actor=None,
                    action="arrangement.request_escalated",
                    target=request,
                    agency_id=request.agency_id,
                    after={"from": step.value, "to": ESCALATES_TO[step].value, "waited": waited},
                )
                _remind(request, escalated=True)
                counts["escalated"] += 1
            elif request.reminded_at is None and waited >= settings.remind_after_days:
                request.reminded_at = now
                request.save(update_fields=["reminded_at"])
                _remind(request, escalated=False)
                counts["reminded"] += 1
    return counts


def _remind(request: ArrangementRequest, *, escalated: bool) -> None:
    name_th, name_en = request.person.full_name_th, request.person.full_name_en
    if escalated:
        th = f"คำขอของ {name_th} รอนานเกินกำหนด จึงส่งให้ผู้บังคับบัญชาระดับถัดไปพิจารณาได้"
        en = f"The request from {name_en} has waited too long and is escalated to you"
    else:
        th = f"เตือน: คำขอของ {name_th} ยังรอการพิจารณา"
        en = f"Reminder: the request from {name_en} is still waiting"
    notify(
        users=approvers(request),
        kind="arrangement.request_reminder",
        th=th,
        en=en,
        url=f"/arrangements/requests/{request.pk}/",
    )
