"""A person's work arrangement: the weekly pattern and dated exceptions, with the reasons a mode
is or is not offered for their position type."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from govflex.arrangements.ical import calendar_feed_ics, calendar_feed_renew
from govflex.arrangements.models import MODES, PLACES, DayException, WeeklyPattern
from govflex.arrangements.roster import (
    Cell,
    month_of,
    person_cells,
    roster_rows,
    today_board,
    week_of,
)
from govflex.arrangements.services import exception_set, may_arrange, pattern_set
from govflex.common.errors import AccessDenied, DomainError, NotFound, error_text
from govflex.common.pdf import table_pdf
from govflex.core.arrangements import mode_options
from govflex.core.enums import PositionType
from govflex.core.tabular import DateFormatError, parse_date
from govflex.core.thaidate import (
    ENGLISH_WEEKDAYS,
    ENGLISH_WEEKDAYS_SHORT,
    THAI_WEEKDAYS,
    THAI_WEEKDAYS_SHORT,
    format_date,
)
from govflex.org.access import Access, access_for
from govflex.org.models import PositionType as OrgPositionType
from govflex.org.models import Unit
from govflex.org.selectors import own_person, person_get, units_reportable
from govflex.org.views.helpers import domain_errors
from govflex.policies.selectors import policy_for
from govflex.privacy.exportlog import log_personal_export


def _date(raw: str) -> dt.date | None:
    try:
        return parse_date(raw).value
    except DateFormatError:
        return None


def _value(post: Any, prefix: str) -> dict[str, str]:
    return {
        "mode": post.get(f"{prefix}mode", ""),
        "slot": post.get(f"{prefix}slot", ""),
        "place": post.get(f"{prefix}place", ""),
    }


def _week_row(n: int, name: str, entry: dict[str, str]) -> dict[str, Any]:
    labels = dict(MODES) | dict(PLACES)
    return {
        "n": n,
        "name": name,
        "entry": entry,
        "mode_label": labels.get(entry.get("mode", ""), _("Standard day")),
        "place_label": labels.get(entry.get("place", ""), ""),
    }


@login_required
@domain_errors
def person_arrangement(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(access=access_for(request.user), person_id=person_id)
    today = timezone.localdate()
    can_edit = may_arrange(request.user, person)
    if request.method == "POST":
        if not can_edit:
            raise AccessDenied
        try:
            if request.POST.get("form") == "pattern":
                start = _date(request.POST.get("effective_from", "")) or today
                days = {str(n): _value(request.POST, f"d{n}-") for n in range(7)}
                pattern_set(actor=request.user, person=person, effective_from=start, days=days)
            else:
                day = _date(request.POST.get("day", ""))
                if day is None:
                    messages.error(request, _("Enter the date as day/month/year, e.g. 05/03/2569."))
                    return redirect("arrangements:person", person_id=person.pk)
                exception_set(
                    actor=request.user, person=person, day=day, value=_value(request.POST, "x-")
                )
        except AccessDenied:
            raise
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The arrangement was saved."))
        return redirect("arrangements:person", person_id=person.pk)
    policy = policy_for(agency_id=person.agency_id, day=today, unit_id=person.unit_id)
    thai = (get_language() or "th").startswith("th")
    options = [
        {
            "mode": o.mode.value,
            "allowed": o.allowed,
            "note": (o.note.th if thai else o.note.en) if o.note else "",
        }
        for o in mode_options(policy, PositionType(person.position.position_type))
    ]
    current = (
        WeeklyPattern.objects.filter(person=person, effective_from__lte=today)
        .order_by("-effective_from")
        .first()
    )
    weekdays = THAI_WEEKDAYS if thai else ENGLISH_WEEKDAYS
    return render(
        request,
        "arrangements/person.html",
        {
            "person": person,
            "can_edit": can_edit,
            "options": options,
            "slots": [slot.label() for slot in policy.staggered.slots],
            "places": [
                p for p in PLACES if p[0] in {x.value for x in policy.off_site.allowed_places}
            ],
            "quota": policy.off_site.weekly_quota_days,
            "current": current,
            "week": [
                {
                    "n": n,
                    "name": weekdays[n],
                    "entry": (current.days.get(str(n)) if current else None) or {},
                }
                for n in range(7)
            ],
            "upcoming": WeeklyPattern.objects.filter(person=person, effective_from__gt=today),
            "exceptions": DayException.objects.filter(person=person, day__gte=today)[:60],
            "today": today,
        },
    )


def _chosen_unit(request: HttpRequest, access: Access) -> tuple[QuerySet[Unit], Unit]:
    """The units whose people the user may see, and the one asked for (or the first)."""
    units = units_reportable(access=access)
    unit_id = request.GET.get("unit", "")
    unit = units.filter(pk=int(unit_id)).first() if unit_id.isdigit() else units.first()
    if unit is None:
        raise NotFound
    return units, unit


def _roster_context(request: HttpRequest) -> dict[str, Any]:
    """The roster asked for: unit subtree, week or month, position type."""
    access = access_for(request.user)
    units, unit = _chosen_unit(request, access)
    day = _date(request.GET.get("week", "") or request.GET.get("day", "")) or timezone.localdate()
    view = "month" if request.GET.get("view") == "month" else "week"
    days = month_of(day) if view == "month" else week_of(day)
    policy = policy_for(agency_id=unit.agency_id, day=day, unit_id=unit.pk)
    thai = (get_language() or "th").startswith("th")
    position_type = request.GET.get("position_type", "")
    if position_type not in {t.value for t in PositionType}:
        position_type = ""
    if view == "month":
        previous = (days[0] - dt.timedelta(days=1)).replace(day=1)
        following = days[-1] + dt.timedelta(days=1)
    else:
        previous, following = days[0] - dt.timedelta(days=7), days[0] + dt.timedelta(days=7)
    names = THAI_WEEKDAYS_SHORT if view == "month" and thai else THAI_WEEKDAYS
    if not thai:
        names = ENGLISH_WEEKDAYS_SHORT if view == "month" else ENGLISH_WEEKDAYS
    return {
        "unit": unit,
        "units": units,
        "view": view,
        "position_type": position_type,
        "position_types": OrgPositionType.choices,
        "days": [(d, names[d.weekday()]) for d in days],
        "first": days[0],
        "last": days[-1],
        "rows": roster_rows(
            access=access,
            unit=unit,
            days=days,
            standard=policy.standard_day.hours.label(),
            position_type=position_type,
        ),
        "previous": previous,
        "next": following,
    }


@login_required
@domain_errors
def roster(request: HttpRequest) -> HttpResponse:
    """A unit's week or month: who works in which mode where, leave, holidays, pending requests."""
    return render(request, "arrangements/roster.html", _roster_context(request))


@login_required
@domain_errors
def roster_pdf(request: HttpRequest) -> HttpResponse:
    """The same roster on A4 landscape for the notice board (WeasyPrint, Sarabun)."""
    context = _roster_context(request)
    title = _("Work roster") + f" · {context['unit'].name_th}"
    period = f"{format_date(context['first'])} – {format_date(context['last'])}"
    header = [_("Person")] + [f"{name} {d.day}" for d, name in context["days"]]
    rows = [
        [row.person.full_name_th] + [_cell_text(c) for c in row.cells] for row in context["rows"]
    ]
    content = table_pdf(title=title, period=period, header=header, rows=rows)
    unit = context["unit"]
    log_personal_export(
        request.user,
        "arrangements.roster",
        unit.agency_id,
        len(rows),
        {"unit": unit.code, "from": context["first"], "to": context["last"], "format": "pdf"},
    )
    response = HttpResponse(content, content_type="application/pdf")
    name = f"roster-{context['unit'].code}-{context['first']:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _cell_text(cell: Cell) -> str:
    if cell.kind == "holiday":
        return _("Holiday")
    text: str = cell.text
    if cell.kind == "off_site":
        text = _("off site") + f" {text}"
    if cell.recalled:
        text += " " + _("(recalled)")
    if cell.pending:
        text += " " + _("(request pending)")
    return text


@login_required
@domain_errors
def my_calendar(request: HttpRequest) -> HttpResponse:
    """My month: each day's plan, leave and holidays, as a calendar."""
    person = own_person(access=access_for(request.user))
    if person is None:
        raise NotFound
    day = _date(request.GET.get("month", "")) or timezone.localdate()
    days = month_of(day)
    policy = policy_for(agency_id=person.agency_id, day=day, unit_id=person.unit_id)
    cells = person_cells(person=person, days=days, standard=policy.standard_day.hours.label())
    thai = (get_language() or "th").startswith("th")
    lead = [None] * days[0].weekday()
    grid = lead + list(cells)
    grid += [None] * (-len(grid) % 7)
    return render(
        request,
        "arrangements/my_calendar.html",
        {
            "person": person,
            "weeks": [grid[n : n + 7] for n in range(0, len(grid), 7)],
            "names": THAI_WEEKDAYS if thai else ENGLISH_WEEKDAYS,
            "first": days[0],
            # "1 พฤศจิกายน 2569" without the day: the month and its Buddhist-Era year.
            "month_label": format_date(days[0], long=True, lang="th" if thai else "en").split(
                " ", 1
            )[1],
            "previous": (days[0] - dt.timedelta(days=1)).replace(day=1),
            "next": days[-1] + dt.timedelta(days=1),
            "today": timezone.localdate(),
        },
    )


@login_required
@domain_errors
def today(request: HttpRequest) -> HttpResponse:
    """The unit's day: planned mode or leave, check-ins so far, who is on site now."""
    access = access_for(request.user)
    units, unit = _chosen_unit(request, access)
    now = timezone.now()
    policy = policy_for(agency_id=unit.agency_id, day=timezone.localdate(now), unit_id=unit.pk)
    board = today_board(
        access=access, unit=unit, now=now, standard=policy.standard_day.hours.label()
    )
    return render(
        request,
        "arrangements/today.html",
        {
            "unit": unit,
            "units": units,
            "board": board,
            "on_site": sum(1 for row in board if row.on_site_now),
            "checked_in": sum(1 for row in board if row.punches),
            "now": now,
        },
    )


def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret-URL feed: no sign-in (calendar apps cannot), the token is the key."""
    try:
        content = calendar_feed_ics(token=token, today=timezone.localdate())
    except NotFound:
        return HttpResponse(status=404)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@domain_errors
def ical_renew(request: HttpRequest) -> HttpResponse:
    """Make (or replace) my feed URL; it is shown once."""
    access = access_for(request.user)
    if request.method != "POST" or access.person_id is None:
        raise NotFound
    person = person_get(access=access, person_id=access.person_id)
    token = calendar_feed_renew(actor=request.user, person=person)
    url = request.build_absolute_uri(reverse("arrangements:ical", args=[token]))
    return render(request, "arrangements/ical.html", {"url": url, "person": person})
