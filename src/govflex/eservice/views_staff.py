"""Staff pages: the queue of requests with their SLA clocks, one request with its answers,
documents and history, and the actions on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govflex.common.errors import DomainError, error_text
from govflex.core.eservice.flow import Action
from govflex.core.eservice.forms import parse_definition
from govflex.core.eservice.tracking import display
from govflex.eservice.clock import Contexts, clock_view
from govflex.eservice.models import RequestStatus, Service
from govflex.eservice.queue import (
    file_for_staff,
    queue,
    request_act,
    request_for_staff,
    request_history,
    request_note,
)
from govflex.org.views.helpers import domain_errors, paginate

ACTIONS = {a.value: a for a in (Action.ACCEPT, Action.ASK_INFO, Action.COMPLETE, Action.REJECT)}
DONE = {
    Action.ACCEPT: gettext_lazy("The request was accepted."),
    Action.ASK_INFO: gettext_lazy("The citizen was asked for more information."),
    Action.COMPLETE: gettext_lazy("The request was completed."),
    Action.REJECT: gettext_lazy("The request was rejected."),
}


@login_required
@domain_errors
def queue_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    raw_service = request.GET.get("service", "")
    overdue = request.GET.get("overdue") == "1"
    rows = queue(
        actor=request.user,
        status="" if status == "all" else status,
        service_id=int(raw_service) if raw_service.isdigit() else None,
        overdue=overdue,
    )
    page = paginate(request, rows, per_page=50)
    contexts = Contexts(day=timezone.localdate())
    now = timezone.now()
    items = [
        {
            "request": r,
            "code": display(r.tracking_code),
            "clock": clock_view(r, contexts=contexts, now=now),
        }
        for r in page["page_obj"]
    ]
    services = Service.objects.filter(
        pk__in=queue(actor=request.user).values("service_id")
    ).order_by("name_th")
    return render(
        request,
        "eservice/queue.html",
        {
            **page,
            "items": items,
            "statuses": [("open", _("Open")), *RequestStatus.choices, ("all", _("All"))],
            "status": status,
            "services": services,
            "service_id": raw_service,
            "overdue": overdue,
        },
    )


@login_required
@domain_errors
def request_page(request: HttpRequest, request_id: int) -> HttpResponse:
    found = request_for_staff(actor=request.user, request_id=request_id)
    fields, _problems = parse_definition(found.form_snapshot)
    lang = "en" if (get_language() or "th").startswith("en") else "th"
    answers = [
        {"label": f.label(lang), "value": found.answers.get(f.name, "")}
        for f in fields
        if found.answers.get(f.name)
    ]
    return render(
        request,
        "eservice/request.html",
        {
            "req": found,
            "code": display(found.tracking_code),
            "answers": answers,
            "files": found.files.all(),
            "history": request_history(found),
            "clock": clock_view(found, contexts=Contexts(day=timezone.localdate())),
        },
    )


@login_required
@require_POST
@domain_errors
def request_action(request: HttpRequest, request_id: int) -> HttpResponse:
    name = request.POST.get("action", "")
    text = request.POST.get("message", "")
    try:
        if name == "note":
            request_note(actor=request.user, request_id=request_id, text=text)
            messages.success(request, _("The note was saved."))
        elif name in ACTIONS:
            request_act(
                actor=request.user, request_id=request_id, action=ACTIONS[name], message=text
            )
            messages.success(request, str(DONE[ACTIONS[name]]))
        else:
            messages.error(request, _("Choose an action."))
    except DomainError as exc:
        if exc.status == 404:
            raise
        messages.error(request, error_text(exc))
    return redirect("eservice:request", request_id=request_id)


@login_required
@domain_errors
def file_download(request: HttpRequest, file_id: int) -> FileResponse:
    row = file_for_staff(actor=request.user, file_id=file_id)
    return FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.original_name,
        content_type=row.content_type,
    )
