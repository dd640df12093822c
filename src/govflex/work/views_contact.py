"""Web pages for contact checks: send, follow the answers, answer with one tap."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from govflex.common.errors import DomainError, NotFound, error_text
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import units_reportable
from govflex.org.views.helpers import domain_errors
from govflex.work.contact import check_answer, check_rows, check_send
from govflex.work.models import ContactAnswer, ContactCheck


@login_required
@domain_errors
def contact(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    units = units_reportable(access=access)
    if request.method == "POST":
        raw_unit, staff_id = request.POST.get("unit", ""), request.POST.get("staff_id", "").strip()
        unit = units.filter(pk=int(raw_unit)).first() if raw_unit.isdigit() else None
        person = (
            Person.objects.filter(agency_id__in=access.agencies(), staff_id=staff_id).first()
            if staff_id
            else None
        )
        minutes = request.POST.get("minutes", "30")
        try:
            if staff_id and person is None:
                raise NotFound(_("No such staff ID."))
            check = check_send(
                actor=request.user,
                person=person,
                unit=None if person else unit,
                message=request.POST.get("message", ""),
                escalate_after_minutes=int(minutes) if minutes.isdigit() else 30,
            )
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The contact check was sent."))
            return redirect("work:contact_check", check_id=check.pk)
    sent = ContactCheck.objects.filter(sent_by_id=request.user.pk).prefetch_related("answers")[:30]
    rows = [
        {
            "check": c,
            "total": len(c.answers.all()),
            "answered": sum(1 for a in c.answers.all() if a.answered_at),
        }
        for c in sent
    ]
    return render(request, "work/contact.html", {"units": units, "rows": rows})


@login_required
@domain_errors
def contact_check(request: HttpRequest, check_id: int) -> HttpResponse:
    check = ContactCheck.objects.filter(pk=check_id).first()
    access = access_for(request.user)
    if check is None or not (
        check.sent_by_id == request.user.pk or access.is_agency_reader(check.agency_id)
    ):
        raise NotFound
    return render(request, "work/contact_check.html", {"check": check, "rows": check_rows(check)})


@login_required
@domain_errors
def contact_answer(request: HttpRequest, answer_id: int) -> HttpResponse:
    answer = ContactAnswer.objects.select_related("contact_check").filter(pk=answer_id).first()
    if answer is None or access_for(request.user).person_id != answer.person_id:
        raise NotFound
    if request.method == "POST":
        check_answer(actor=request.user, answer_id=answer.pk)
        messages.success(request, _("Thank you; your answer was recorded."))
        return redirect("work:contact_answer", answer_id=answer.pk)
    return render(request, "work/contact_answer.html", {"answer": answer})
