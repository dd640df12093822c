"""Web pages for off-site day plans and reports: mine (plan, then result) and the review queue."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govflex.common.errors import DomainError, NotFound, error_text
from govflex.common.forms import BEDateField
from govflex.org.access import access_for
from govflex.org.selectors import own_person
from govflex.org.supervision import may_decide_for
from govflex.org.views.helpers import domain_errors, form_errors
from govflex.work.models import DayReport
from govflex.work.reports import (
    may_see,
    plan_file,
    report_file,
    report_review,
    reports_to_review,
)


class PlanForm(forms.Form):
    day = BEDateField(label=gettext_lazy("Date"))
    plan = forms.CharField(
        label=gettext_lazy("Plan for the day (work items, expected outputs)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ResultForm(forms.Form):
    day = BEDateField(label=gettext_lazy("Date"))
    result = forms.CharField(
        label=gettext_lazy("What was done"), widget=forms.Textarea(attrs={"rows": 4})
    )
    outputs = forms.CharField(
        label=gettext_lazy("Outputs"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    hours = forms.DecimalField(
        label=gettext_lazy("Hours"), required=False, min_value=0, max_value=24, decimal_places=1
    )
    problems = forms.CharField(
        label=gettext_lazy("Problems"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    attachment = forms.FileField(
        label=gettext_lazy("Attachment (PDF, image or Office file, at most 10 MB)"),
        required=False,
    )


@login_required
@domain_errors
def my_reports(request: HttpRequest) -> HttpResponse:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    today = timezone.localdate()
    which = request.POST.get("form", "")
    plan_form = PlanForm(request.POST if which == "plan" else None, initial={"day": today})
    result_form = ResultForm(
        request.POST if which == "result" else None,
        request.FILES if which == "result" else None,
        initial={"day": today},
    )
    if request.method == "POST":
        form = plan_form if which == "plan" else result_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if which == "plan":
                    plan_file(actor=request.user, person=me, day=data["day"], plan=data["plan"])
                    messages.success(request, _("Your plan was filed."))
                else:
                    report_file(
                        actor=request.user,
                        person=me,
                        day=data["day"],
                        result=data["result"],
                        outputs=data["outputs"],
                        hours=data["hours"],
                        problems=data["problems"],
                        attachment=data["attachment"],
                    )
                    messages.success(request, _("Your report was filed."))
            except DomainError as exc:
                form_errors(form, exc)
            else:
                return redirect("work:reports")
    recent = DayReport.objects.filter(person=me, day__gte=today - dt.timedelta(days=45))
    return render(
        request,
        "work/reports.html",
        {"plan_form": plan_form, "result_form": result_form, "recent": recent},
    )


@login_required
@domain_errors
def reviews(request: HttpRequest) -> HttpResponse:
    return render(
        request, "work/reviews.html", {"items": reports_to_review(actor=request.user)[:200]}
    )


@login_required
@require_POST
@domain_errors
def review(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        report_review(
            actor=request.user,
            report_id=report_id,
            accept=request.POST.get("action") == "accept",
            note=request.POST.get("note", ""),
        )
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Reviewed."))
    return redirect("work:reviews")


@login_required
@domain_errors
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """One day's plan and report (search results and notifications link here)."""
    report = DayReport.objects.select_related("person__unit").filter(pk=report_id).first()
    if report is None or not may_see(request.user, report):
        raise NotFound
    reviewable = report.status == DayReport.Status.REPORTED and may_decide_for(
        access_for(request.user), report.person
    )
    return render(request, "work/report.html", {"r": report, "reviewable": reviewable})


@login_required
@domain_errors
def attachment(request: HttpRequest, report_id: int) -> FileResponse:
    report = DayReport.objects.select_related("person__unit").filter(pk=report_id).first()
    if report is None or not report.attachment:
        raise NotFound
    if not may_see(request.user, report):
        raise NotFound
    return FileResponse(report.attachment.open("rb"), as_attachment=True)
