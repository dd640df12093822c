"""Web pages for arrangement requests: my requests, filing (dates, pattern, swap), one request
with its chain, impact and actions, and the approver's queue with bulk approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govflex.arrangements.approvals.chain import authority
from govflex.arrangements.approvals.decisions import (
    request_approve,
    request_impact,
    request_reject,
    requests_bulk_approve,
)
from govflex.arrangements.approvals.filing import (
    request_file,
    request_withdraw,
    swap_answer,
    swap_file,
)
from govflex.arrangements.approvals.selectors import (
    request_get,
    requests_mine,
    requests_to_decide,
)
from govflex.arrangements.book import days_between, entry_text
from govflex.arrangements.forms import (
    DatesRequestForm,
    PatternRequestForm,
    SwapForm,
    plan_choices,
    plan_value,
)
from govflex.arrangements.models import MODES, PLACES, ArrangementRequest, Step
from govflex.common.errors import DomainError, NotFound, error_text
from govflex.core.enums import PositionType
from govflex.core.thaidate import ENGLISH_WEEKDAYS, THAI_WEEKDAYS
from govflex.org.access import access_for
from govflex.org.models import Person, Role
from govflex.org.selectors import own_person
from govflex.org.views.helpers import domain_errors, form_errors
from govflex.policies.selectors import policy_for, unit_calendar

LABELS = dict(MODES) | dict(PLACES)
STEP_LABELS = dict(Step.choices)


def _thai() -> bool:
    return (get_language() or "th").startswith("th")


def _weekday_names() -> tuple[str, ...]:
    return THAI_WEEKDAYS if _thai() else ENGLISH_WEEKDAYS


@login_required
@domain_errors
def my_requests(request: HttpRequest) -> HttpResponse:
    me = own_person(access=access_for(request.user))
    items = requests_mine(actor=request.user)[:100]
    return render(request, "arrangements/requests.html", {"items": items, "me": me})


def _working_days(person: Person, start: dt.date, end: dt.date | None) -> list[dt.date]:
    calendar = unit_calendar(agency_id=person.agency_id, unit_id=person.unit_id)
    last = end or start
    if last < start:
        return []
    return [d for d in days_between(start, last)[:62] if calendar.is_working_day(d)] or [start]


@login_required
@domain_errors
def request_new(request: HttpRequest) -> HttpResponse:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    today = timezone.localdate()
    policy = policy_for(agency_id=me.agency_id, day=today, unit_id=me.unit_id)
    choices = plan_choices(policy, PositionType(me.position.position_type), thai=_thai())
    kind = request.POST.get("kind") or request.GET.get("kind") or "dates"
    dates_form = DatesRequestForm(request.POST if kind == "dates" else None)
    pattern_form = PatternRequestForm(request.POST if kind == "pattern" else None)
    if request.method == "POST":
        form = dates_form if kind == "dates" else pattern_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if kind == "dates":
                    value = plan_value(data["plan"])
                    days = {
                        d.isoformat(): value for d in _working_days(me, data["start"], data["end"])
                    }
                    filed = request_file(
                        actor=request.user,
                        person=me,
                        kind="dates",
                        days=days,
                        reason=data["reason"],
                    )
                else:
                    week = {str(n): plan_value(request.POST.get(f"d{n}", "")) for n in range(7)}
                    filed = request_file(
                        actor=request.user,
                        person=me,
                        kind="pattern",
                        days=week,
                        reason=data["reason"],
                        effective_from=data["effective_from"],
                    )
            except DomainError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("Your request was sent for approval."))
                return redirect("arrangements:request", request_id=filed.pk)
    return render(
        request,
        "arrangements/request_new.html",
        {
            "kind": kind,
            "dates_form": dates_form,
            "pattern_form": pattern_form,
            "choices": choices,
            "weekdays": list(enumerate(_weekday_names()))[:5],
            "quota": policy.off_site.weekly_quota_days,
            "me": me,
        },
    )


@login_required
@domain_errors
def swap_new(request: HttpRequest) -> HttpResponse:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    colleagues = [
        (p.pk, p.full_name_th if _thai() else p.full_name_en)
        for p in Person.objects.filter(unit_id=me.unit_id)
        .exclude(pk=me.pk)
        .order_by("first_name_th")
    ]
    form = SwapForm(request.POST or None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partner = Person.objects.filter(pk=data["partner"], unit_id=me.unit_id).first()
        try:
            filed = swap_file(
                actor=request.user,
                person=me,
                partner=partner or me,
                dates=_working_days(me, data["start"], data["end"]),
                reason=data["reason"],
            )
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Your colleague was asked to agree to the swap."))
            return redirect("arrangements:request", request_id=filed.pk)
    return render(request, "arrangements/swap_new.html", {"form": form})


def _day_rows(item: ArrangementRequest, standard: str) -> list[dict[str, Any]]:
    names = _weekday_names()
    if item.kind == ArrangementRequest.Kind.PATTERN:
        return [
            {"label": names[n], "plan": entry_text(item.days.get(str(n)), LABELS, standard)}
            for n in range(7)
        ]
    rows = []
    for key, entry in sorted(item.days.items()):
        day = dt.date.fromisoformat(key)
        partner = item.partner_days.get(key) if item.partner_id else None
        rows.append(
            {
                "day": day,
                "label": names[day.weekday()],
                "plan": entry_text(entry, LABELS, standard),
                "partner_plan": entry_text(partner, LABELS, standard)
                if partner is not None
                else "",
            }
        )
    return rows


@login_required
@domain_errors
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    item = request_get(actor=request.user, request_id=request_id)
    access = access_for(request.user)
    if request.method == "POST":
        return _act(request, item)
    today = timezone.localdate()
    policy = policy_for(agency_id=item.agency_id, day=item.first_day, unit_id=item.person.unit_id)
    power = authority(request.user, item, today)
    impact = request_impact(item) if item.status in {"pending", "awaiting_partner"} else None
    thai = _thai()
    return render(
        request,
        "arrangements/request_detail.html",
        {
            "item": item,
            "rows": _day_rows(item, policy.standard_day.hours.label()),
            "decisions": item.decisions.select_related("actor", "on_behalf_of"),
            "chain": [
                {
                    "label": STEP_LABELS.get(step, step),
                    "state": "done" if n < item.step else "current" if n == item.step else "",
                }
                for n, step in enumerate(item.chain)
            ],
            "impact": impact,
            "blocking": [m.th if thai else m.en for m in impact.blocking] if impact else [],
            "impact_days": _impact_rows(impact, thai) if impact else [],
            "can_decide": power.allowed,
            "on_behalf_of": power.on_behalf_of,
            "final_step": item.step + 1 >= len(item.chain),
            "is_executive": access.has_role(item.agency_id, Role.EXECUTIVE),
            "is_requester": access.person_id == item.person_id,
            "is_partner": access.person_id is not None and access.person_id == item.partner_id,
        },
    )


def _impact_rows(impact: Any, thai: bool) -> list[dict[str, Any]]:
    rows = []
    for day in impact.days:
        shortfalls = day.shortfalls_after
        rows.append(
            {
                "day": day.day,
                "coverage": [
                    {
                        "point": s.service_point_name,
                        "window": f"{timezone.localtime(s.start):%H:%M}–"
                        f"{timezone.localtime(s.end):%H:%M}",
                        "required": s.required,
                        "planned": s.planned,
                    }
                    for s in shortfalls
                ],
                "points": sum(len(v.uncovered) == 0 for v in day.after),
                "units": [
                    {
                        "name": unit.unit_name,
                        "before": unit.off_site_before,
                        "after": unit.off_site_after,
                        "limit": limit,
                    }
                    for unit, limit in day.units
                ],
                "blocking": [m.th if thai else m.en for m in day.blocking],
            }
        )
    return rows


def _act(request: HttpRequest, item: ArrangementRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    if action not in {"approve", "reject", "withdraw", "consent", "decline"}:
        raise NotFound
    try:
        if action == "approve":
            request_approve(
                actor=request.user,
                request_id=item.pk,
                note=note,
                override_reason=request.POST.get("override_reason", ""),
            )
            messages.success(request, _("Approved."))
        elif action == "reject":
            request_reject(actor=request.user, request_id=item.pk, note=note)
            messages.success(request, _("Rejected; the person was told why."))
        elif action == "withdraw":
            request_withdraw(actor=request.user, request_id=item.pk)
            messages.success(request, _("The request was withdrawn."))
        elif action in {"consent", "decline"}:
            swap_answer(
                actor=request.user, request_id=item.pk, consent=action == "consent", note=note
            )
            messages.success(request, _("Your answer was recorded."))
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("arrangements:request", request_id=item.pk)


@login_required
@domain_errors
def approvals(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    waiting = requests_to_decide(actor=request.user, today=today)
    thai = _thai()
    rows = []
    for item in waiting[:100]:
        impact = request_impact(item)
        rows.append(
            {
                "item": item,
                "blocking": [m.th if thai else m.en for m in impact.blocking],
                "final": item.step + 1 >= len(item.chain),
            }
        )
    return render(request, "arrangements/approvals.html", {"rows": rows})


@login_required
@require_POST
@domain_errors
def approvals_bulk(request: HttpRequest) -> HttpResponse:
    ids = [int(raw) for raw in request.POST.getlist("ids") if raw.isdigit()]
    if not ids:
        messages.error(request, _("Tick the requests to approve first."))
        return redirect("arrangements:approvals")
    results = requests_bulk_approve(actor=request.user, request_ids=ids)
    done = sum(1 for r in results if r.approved)
    messages.success(request, _("%(n)d of %(total)d approved.") % {"n": done, "total": len(ids)})
    for result in results:
        if not result.approved:
            messages.error(
                request,
                _("Request no. %(id)d: %(error)s")
                % {"id": result.request_id, "error": result.error},
            )
    return redirect("arrangements:approvals")
