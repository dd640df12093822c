"""Web pages for roll calls: start one, answer with one tap, the live board, exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from govflex.common.errors import DomainError, NotFound, error_text
from govflex.continuity.board import (
    board,
    my_open_entries,
    roll_call_get,
    roll_calls_followed,
    visible_entries,
)
from govflex.continuity.emergencies import emergency_get
from govflex.continuity.exports import results_pdf, results_xlsx
from govflex.continuity.models import ANSWERS, RollCallEntry
from govflex.continuity.rollcalls import (
    may_start,
    roll_call_answer,
    roll_call_close,
    roll_call_start,
)
from govflex.continuity.selectors import emergency_list, is_active
from govflex.org.access import access_for
from govflex.org.models import Unit
from govflex.org.selectors import agency_or_default
from govflex.org.views.helpers import domain_errors
from govflex.privacy.exportlog import log_personal_export


@login_required
@domain_errors
def roll_calls(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    agency = agency_or_default(access=access, agency_id=None)
    units = [
        u
        for u in Unit.objects.filter(agency=agency, active=True).order_by("path")
        if may_start(access, agency.pk, u)
    ]
    today = timezone.localdate()
    emergencies = [e for e in emergency_list(actor=request.user) if is_active(e, today)]
    if request.method == "POST":
        raw = request.POST.get("unit", "")
        unit = next((u for u in units if str(u.pk) == raw), None)
        minutes = request.POST.get("minutes", "30")
        emergency_raw = request.POST.get("emergency", "")
        try:
            if raw and unit is None:
                raise NotFound
            roll_call = roll_call_start(
                actor=request.user,
                agency=agency,
                unit=unit,
                message=request.POST.get("message", ""),
                escalate_after_minutes=int(minutes) if minutes.isdigit() else 0,
                emergency=emergency_get(actor=request.user, emergency_id=int(emergency_raw))
                if emergency_raw.isdigit()
                else None,
            )
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The roll call was started."))
            return redirect("continuity:roll_call", roll_call_id=roll_call.pk)
    return render(
        request,
        "continuity/roll_calls.html",
        {
            "units": units,
            "agency_wide": may_start(access, agency.pk, None),
            "emergencies": emergencies,
            "followed": roll_calls_followed(actor=request.user)[:30],
            "mine": my_open_entries(actor=request.user),
        },
    )


def _board_context(request: HttpRequest, roll_call_id: int) -> dict[str, object]:
    roll_call = roll_call_get(actor=request.user, roll_call_id=roll_call_id)
    return {
        "board": board(actor=request.user, roll_call=roll_call),
        "roll_call": roll_call,
        "answers": ANSWERS,
        "now": timezone.now(),
    }


@login_required
@domain_errors
def roll_call(request: HttpRequest, roll_call_id: int) -> HttpResponse:
    if request.method == "POST":
        try:
            roll_call_close(actor=request.user, roll_call_id=roll_call_id)
        except DomainError as exc:
            messages.error(request, error_text(exc))
        return redirect("continuity:roll_call", roll_call_id=roll_call_id)
    return render(request, "continuity/roll_call.html", _board_context(request, roll_call_id))


@login_required
@never_cache
@domain_errors
def roll_call_board(request: HttpRequest, roll_call_id: int) -> HttpResponse:
    """The board's live part, polled by htmx every few seconds."""
    return render(request, "continuity/board.html", _board_context(request, roll_call_id))


@login_required
@domain_errors
def roll_call_export(request: HttpRequest, roll_call_id: int, fmt: str) -> HttpResponse:
    roll_call = roll_call_get(actor=request.user, roll_call_id=roll_call_id)
    stamp = timezone.localtime(roll_call.started_at).strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        body = results_xlsx(actor=request.user, roll_call=roll_call)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = results_pdf(actor=request.user, roll_call=roll_call)
        mime = "application/pdf"
    rows = visible_entries(actor=request.user, roll_call=roll_call).count()
    log_personal_export(
        request.user,
        "continuity.roll_call",
        roll_call.agency_id,
        rows,
        {"roll_call": roll_call.pk, "format": fmt},
    )
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="roll-call-{stamp}.{fmt}"'
    return response


@login_required
@domain_errors
def roll_call_answer_page(request: HttpRequest, roll_call_id: int) -> HttpResponse:
    access = access_for(request.user)
    entry = (
        RollCallEntry.objects.select_related("roll_call")
        .filter(roll_call_id=roll_call_id, person_id=access.person_id or 0)
        .first()
    )
    if entry is None:
        raise NotFound
    if request.method == "POST":
        try:
            roll_call_answer(
                actor=request.user,
                roll_call_id=roll_call_id,
                answer=request.POST.get("answer", ""),
                note=request.POST.get("note", ""),
                latitude=request.POST.get("latitude") or None,
                longitude=request.POST.get("longitude") or None,
            )
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Thank you; your answer was recorded."))
        return redirect("continuity:answer", roll_call_id=roll_call_id)
    user = request.user
    return render(
        request,
        "continuity/answer.html",
        {
            "entry": entry,
            "answers": ANSWERS,
            "consent": getattr(user, "location_consent_at", None) is not None,
            "history": entry.history.all(),
        },
    )
