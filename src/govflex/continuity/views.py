"""Web pages for emergencies: the list with head-counts, declaring, one emergency (extend or
end, who is affected), the essential staff of a unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.errors import DomainError, ValidationFailed, error_text, field_error
from govflex.common.forms import BEDateField
from govflex.continuity.emergencies import (
    emergency_cancel,
    emergency_create,
    emergency_declare,
    emergency_get,
    emergency_set_end,
    essentials_set,
    may_declare,
    may_prepare,
    orders_to_link,
)
from govflex.continuity.models import KINDS, UnitEssentials
from govflex.continuity.rollcalls import may_start
from govflex.continuity.selectors import (
    emergencies_active,
    emergency_list,
    emergency_people,
    is_active,
)
from govflex.org.access import access_for
from govflex.org.models import Person, Position, Unit
from govflex.org.selectors import agency_or_default
from govflex.org.views.helpers import domain_errors


def _date(raw: str) -> dt.date | None:
    """A typed date, Buddhist Era (05/03/2569) or ISO; None when empty or unreadable."""
    try:
        return BEDateField(required=False).clean(raw.strip())  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any unreadable text is "no date"
        return None


def _start(post: Any) -> dt.datetime:
    day = _date(post.get("start_date", ""))
    if day is None:
        raise field_error("start_date", _("Give the first day."))
    try:
        clock = dt.time.fromisoformat(post.get("start_time", "") or "00:00")
    except ValueError as exc:
        raise field_error("start_time", _("Give the time as HH:MM.")) from exc
    return timezone.make_aware(dt.datetime.combine(day, clock))


@login_required
@domain_errors
def emergencies(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    agency = agency_or_default(access=access, agency_id=None)
    today = timezone.localdate()
    rows = [
        {"emergency": e, "active": is_active(e, today)}
        for e in emergency_list(actor=request.user)[:50]
    ]
    return render(
        request,
        "continuity/emergencies.html",
        {
            "rows": rows,
            "active": emergencies_active(actor=request.user, day=today),
            "may_prepare": may_prepare(request.user, agency.pk),
            "may_roll_call": may_start(access, agency.pk, None) or bool(access.supervised_paths),
        },
    )


@login_required
@domain_errors
def emergency_new(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    agency = agency_or_default(access=access, agency_id=None)
    units = Unit.objects.filter(agency=agency, active=True).order_by("path")
    values: dict[str, Any] = {"kind": "flood", "start_date": "", "start_time": "08:30"}
    if request.method == "POST":
        values = request.POST.dict()
        try:
            chosen = [int(x) for x in request.POST.getlist("units") if x.isdigit()]
            order_id = request.POST.get("order", "")
            order = (
                orders_to_link(agency_id=agency.pk).filter(pk=int(order_id)).first()
                if order_id.isdigit()
                else None
            )
            if order_id and order is None:
                raise field_error("order", _("Choose a signed or published order of the agency."))
            end = _date(request.POST.get("end_date", ""))
            if request.POST.get("end_date", "").strip() and end is None:
                raise field_error("end_date", _("Give the last day as day/month/year."))
            emergency = emergency_create(
                actor=request.user,
                agency=agency,
                kind=request.POST.get("kind", ""),
                title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
                starts_at=_start(request.POST),
                end_date=end,
                units=list(units.filter(pk__in=chosen)),
                order=order,
                declare=request.POST.get("declare") == "yes",
            )
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The emergency was saved."))
            return redirect("continuity:emergency", emergency_id=emergency.pk)
    return render(
        request,
        "continuity/emergency_new.html",
        {
            "kinds": KINDS,
            "units": units,
            "orders": orders_to_link(agency_id=agency.pk),
            "values": values,
            "may_declare": may_declare(request.user, agency.pk),
        },
    )


@login_required
@domain_errors
def emergency(request: HttpRequest, emergency_id: int) -> HttpResponse:
    found = emergency_get(actor=request.user, emergency_id=emergency_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "declare":
                emergency_declare(actor=request.user, emergency_id=found.pk)
            elif action == "cancel":
                emergency_cancel(actor=request.user, emergency_id=found.pk)
            elif action in {"end", "extend"}:
                raw = request.POST.get("end_date", "").strip()
                end = _date(raw) if raw else None
                if raw and end is None:
                    raise field_error("end_date", _("Give the last day as day/month/year."))
                if action == "end" and end is None:
                    end = timezone.localdate()
                emergency_set_end(actor=request.user, emergency_id=found.pk, end_date=end)
            else:
                raise ValidationFailed
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Saved."))
        return redirect("continuity:emergency", emergency_id=found.pk)
    day = _date(request.GET.get("day", "")) or timezone.localdate()
    rows = emergency_people(actor=request.user, emergency=found, day=day)
    return render(
        request,
        "continuity/emergency.html",
        {
            "emergency": found,
            "rows": rows,
            "day": day,
            "active": is_active(found, timezone.localdate()),
            "may_declare": may_declare(request.user, found.agency_id),
            "may_prepare": may_prepare(request.user, found.agency_id),
            "off_site": sum(1 for r in rows if r.standing == "off_site" and not r.on_leave),
            "essential": sum(1 for r in rows if r.standing == "essential" and not r.on_leave),
            "on_leave": sum(1 for r in rows if r.on_leave),
        },
    )


@login_required
@domain_errors
def essentials(request: HttpRequest) -> HttpResponse:
    """The essential staff of a unit: positions, people, the counter default, the minimum."""
    access = access_for(request.user)
    agency = agency_or_default(access=access, agency_id=None)
    units = Unit.objects.filter(agency=agency, active=True).order_by("path")
    raw = request.GET.get("unit") or request.POST.get("unit", "")
    unit = units.filter(pk=int(raw)).first() if raw.isdigit() else None
    row = UnitEssentials.objects.filter(unit=unit).first() if unit else None
    if request.method == "POST" and unit is not None:
        staff_ids = [s for s in request.POST.get("people", "").replace(",", " ").split() if s]
        people = list(Person.objects.filter(agency=agency, staff_id__in=staff_ids))
        try:
            missing = sorted(set(staff_ids) - {p.staff_id for p in people})
            if missing:
                raise field_error(
                    "people", _("No such staff ID: %(ids)s") % {"ids": ", ".join(missing)}
                )
            minimum = request.POST.get("emergency_minimum", "1")
            essentials_set(
                actor=request.user,
                unit=unit,
                positions=list(
                    Position.objects.filter(
                        agency=agency,
                        pk__in=[int(x) for x in request.POST.getlist("positions") if x.isdigit()],
                    )
                ),
                people=people,
                counter_default=request.POST.get("counter_default") == "yes",
                emergency_minimum=int(minimum) if minimum.isdigit() else -1,
            )
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{request.path}?unit={unit.pk}")
    return render(
        request,
        "continuity/essentials.html",
        {
            "units": units,
            "unit": unit,
            "row": row,
            "positions": Position.objects.filter(agency=agency).order_by("code"),
            "chosen_positions": {p.pk for p in row.positions.all()} if row else set(),
            "people_text": " ".join(p.staff_id for p in row.people.all()) if row else "",
            "may_prepare": may_prepare(request.user, agency.pk),
        },
    )
