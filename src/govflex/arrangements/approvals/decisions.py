"""Deciding arrangement requests: approve (with the impact checked under row locks), reject
with a reason, bulk approval, and the executive override.

Two approvers acting at the same moment must not together leave a counter uncovered: each
approval locks the unit rows of the people concerned and of every unit above them (in ID order,
so two approvals never wait on each other in a cycle), then computes the impact with everything
committed before it. The second approval therefore sees the first one's days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.arrangements.approvals.chain import approvers, authority
from govflex.arrangements.approvals.impact import change_impact
from govflex.arrangements.book import Entry, days_between, plan_book
from govflex.arrangements.models import (
    ArrangementRequest,
    DayException,
    RequestDecision,
    Source,
    WeeklyPattern,
)
from govflex.arrangements.services import reevaluate_later
from govflex.common.audit import audit_record
from govflex.common.dates import day_text
from govflex.common.errors import (
    AccessDenied,
    Blocked,
    DomainError,
    NotFound,
    ValidationFailed,
    error_text,
    in_language,
)
from govflex.core.approval import Impact
from govflex.notifications.services import notify
from govflex.org.access import access_for
from govflex.org.models import Person, Role, Unit

PATTERN_LOOKAHEAD_DAYS = 28  # a pattern change is judged over its first four weeks


def request_changes(
    request: ArrangementRequest,
) -> tuple[dict[tuple[int, dt.date], Entry], list[Person]]:
    """(person, day) → the plan approval would put in place, and the people changed."""
    changes: dict[tuple[int, dt.date], Entry] = {}
    people: list[Person] = [request.person]
    if request.kind == ArrangementRequest.Kind.PATTERN:
        start = request.effective_from or request.first_day
        for day in days_between(start, start + dt.timedelta(days=PATTERN_LOOKAHEAD_DAYS - 1)):
            # A weekday the new pattern leaves out is the standard day ({}).
            changes[(request.person_id, day)] = dict(request.days.get(str(day.weekday()), {}))
        book = plan_book(people, start, start + dt.timedelta(days=PATTERN_LOOKAHEAD_DAYS))
        # Dated days already set stay as they are: the pattern does not override them.
        for key in [k for k in changes if book.exception(request.person, k[1]) is not None]:
            del changes[key]
        return changes, people
    for key, entry in request.days.items():
        changes[(request.person_id, dt.date.fromisoformat(key))] = dict(entry)
    partner = request.partner
    if partner is not None:
        people.append(partner)
        for key, entry in request.partner_days.items():
            changes[(partner.pk, dt.date.fromisoformat(key))] = dict(entry)
    return changes, people


def request_impact(request: ArrangementRequest) -> Impact:
    changes, people = request_changes(request)
    return change_impact(agency_id=request.agency_id, changes=changes, people=people)


def _reasons(impact: Impact) -> list[str]:
    return [in_language(m) for m in impact.blocking]


def lock_units(people: list[Person]) -> None:
    """Lock the people's units and every unit above them, in ID order (no deadlock cycles)."""
    ids: set[int] = set()
    for person in people:
        ids |= {int(part) for part in person.unit.path.strip("/").split("/") if part}
        ids.add(person.unit_id)
    list(Unit.objects.select_for_update().filter(pk__in=sorted(ids)).order_by("pk"))


def _locked_request(request_id: int) -> ArrangementRequest:
    request = (
        ArrangementRequest.objects.select_for_update(of=("self",))
        .filter(pk=request_id)
        .select_related("person__unit", "person__position", "partner__unit", "person__user")
        .first()
    )
    if request is None:
        raise NotFound
    return request


def _recalled(request: ArrangementRequest, changes: dict[tuple[int, dt.date], Entry]) -> None:
    found = DayException.objects.filter(
        person_id__in=[pid for pid, _d in changes],
        day__in=[day for _p, day in changes],
        source=Source.RECALL,
    ).values_list("person_id", "day")
    days = [day for person_id, day in found if (person_id, day) in changes]
    if days:
        raise Blocked(
            details={
                "reasons": [
                    _("%(day)s is under a recall to the office; it cannot be changed.")
                    % {"day": day_text(min(days))}
                ]
            }
        )


def _apply(request: ArrangementRequest, actor: Any) -> None:
    if request.kind == ArrangementRequest.Kind.PATTERN:
        start = request.effective_from or request.first_day
        WeeklyPattern.objects.update_or_create(
            person=request.person,
            effective_from=start,
            defaults={
                "days": request.days,
                "note": request.reason,
                "request": request,
                "created_by": actor,
            },
        )
        reevaluate_later(request.person, start)
        return
    source = Source.SWAP if request.kind == ArrangementRequest.Kind.SWAP else Source.REQUEST
    changes, people = request_changes(request)
    book = plan_book(people, min(d for _p, d in changes), max(d for _p, d in changes))
    by_id = {p.pk: p for p in people}
    for (person_id, day), entry in sorted(changes.items(), key=lambda item: item[0][1]):
        person = by_id[person_id]
        DayException.objects.update_or_create(
            person=person,
            day=day,
            defaults={
                "mode": entry.get("mode", ""),
                "slot": entry.get("slot", ""),
                "place": entry.get("place", ""),
                "note": request.reason,
                "source": source,
                "request": request,
                "recall": None,
                "replaced": book.entry(person, day) or {},
                "created_by": actor,
            },
        )
        reevaluate_later(person, day, day)


def _is_executive(actor: Any, request: ArrangementRequest) -> bool:
    return access_for(actor).has_role(request.agency_id, Role.EXECUTIVE)


@transaction.atomic
def request_approve(
    *,
    actor: Any,
    request_id: int,
    note: str = "",
    override_reason: str = "",
    today: dt.date | None = None,
) -> ArrangementRequest:
    """Approve the current step; the last step puts the plans in place.

    At the last step, blocked (409) when the change would leave a service window short or
    exceed a quota; an executive may approve anyway with a recorded reason.
    """
    today = today or timezone.localdate()
    preview = (
        ArrangementRequest.objects.filter(pk=request_id)
        .select_related("person__unit", "partner__unit")
        .first()
    )
    if preview is None:
        raise NotFound
    lock_units([p for p in (preview.person, preview.partner) if p is not None])
    request = _locked_request(request_id)
    if request.status != ArrangementRequest.Status.PENDING:
        raise ValidationFailed(
            details={"fields": {"status": [_("This request is no longer waiting.")]}}
        )
    power = authority(actor, request, today)
    if not power.allowed:
        raise AccessDenied(_("You are not the approver for this step of the request."))
    override_reason = override_reason.strip()
    if override_reason and not _is_executive(actor, request):
        raise AccessDenied(_("Only an executive can approve against the coverage rules."))
    changes, _people = request_changes(request)
    if request.kind != ArrangementRequest.Kind.PATTERN:
        _recalled(request, changes)
    impact = change_impact(agency_id=request.agency_id, changes=changes, people=_people)
    final = request.step + 1 >= len(request.chain)
    # The rules bind when the change takes effect (the last step, under the unit locks);
    # earlier approvers see the same reasons as a warning before forwarding.
    blocked = final and bool(impact.blocking)
    if blocked and not override_reason:
        raise Blocked(details={"reasons": _reasons(impact)})
    outcome = RequestDecision.Outcome.OVERRIDDEN if blocked else RequestDecision.Outcome.APPROVED
    RequestDecision.objects.create(
        request=request,
        step=request.step,
        role=request.current_step or "",
        actor=actor,
        on_behalf_of=power.on_behalf_of,
        outcome=outcome,
        note=override_reason or note,
    )
    request.step += 1
    if blocked:
        request.override_reason = override_reason
    if final:
        request.status = ArrangementRequest.Status.APPROVED
        request.decided_at = timezone.now()
        request.decision_note = note
        _apply(request, actor)
    else:
        request.step_since = timezone.now()
        request.reminded_at = request.escalated_at = None
    request.save()
    audit_record(
        actor=actor,
        action="arrangement.request_approved" if final else "arrangement.request_step_approved",
        target=request,
        agency_id=request.agency_id,
        after={
            "step": request.step,
            "outcome": outcome,
            "on_behalf_of": getattr(power.on_behalf_of, "username", None),
            "blocking": [m.en for m in impact.blocking],
        },
        note=override_reason or note,
    )
    if final:
        _tell_requester(request, approved=True)
    else:
        notify(
            users=approvers(request),
            kind="arrangement.request_waiting",
            th=f"คำขอจัดรูปแบบการทำงานของ {request.person.full_name_th} รอการพิจารณา",
            en=f"An arrangement request from {request.person.full_name_en} is waiting for you",
            url=f"/arrangements/requests/{request.pk}/",
        )
    return request


def _tell_requester(request: ArrangementRequest, *, approved: bool) -> None:
    people = [request.person.user]
    if request.partner is not None:
        people.append(request.partner.user)
    if approved:
        th, en = "คำขอจัดรูปแบบการทำงานได้รับอนุมัติ", "Your arrangement request was approved"
    else:
        th, en = "คำขอจัดรูปแบบการทำงานไม่ได้รับอนุมัติ", "Your arrangement request was rejected"
    notify(
        users=people,
        kind="arrangement.request_decided",
        th=th,
        en=en,
        url=f"/arrangements/requests/{request.pk}/",
    )


@transaction.atomic
def request_reject(
    *, actor: Any, request_id: int, note: str, today: dt.date | None = None
) -> ArrangementRequest:
    today = today or timezone.localdate()
    request = _locked_request(request_id)
    if request.status != ArrangementRequest.Status.PENDING:
        raise ValidationFailed(
            details={"fields": {"status": [_("This request is no longer waiting.")]}}
        )
    power = authority(actor, request, today)
    if not power.allowed:
        raise AccessDenied(_("You are not the approver for this step of the request."))
    if not note.strip():  # judged after the permission: nobody else learns what is asked
        raise ValidationFailed(details={"fields": {"note": [_("Give the reason for rejecting.")]}})
    RequestDecision.objects.create(
        request=request,
        step=request.step,
        role=request.current_step or "",
        actor=actor,
        on_behalf_of=power.on_behalf_of,
        outcome=RequestDecision.Outcome.REJECTED,
        note=note.strip(),
    )
    request.status = ArrangementRequest.Status.REJECTED
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save()
    audit_record(
        actor=actor,
        action="arrangement.request_rejected",
        target=request,
        agency_id=request.agency_id,
        note=note.strip(),
    )
    _tell_requester(request, approved=False)
    return request


@dataclass(frozen=True)
class BulkResult:
    request_id: int
    approved: bool
    error: str = ""


def requests_bulk_approve(
    *, actor: Any, request_ids: list[int], note: str = ""
) -> list[BulkResult]:
    """Each request on its own: one blocked request does not undo the others."""
    results = []
    for request_id in dict.fromkeys(request_ids):
        try:
            request_approve(actor=actor, request_id=request_id, note=note)
        except DomainError as exc:
            results.append(BulkResult(request_id, approved=False, error=error_text(exc)))
        else:
            results.append(BulkResult(request_id, approved=True))
    return results
