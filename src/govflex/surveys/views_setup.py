"""HR set-up pages: the agency's surveys, a survey's schedule and draft questions, its rounds
(open one now, close one early)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.errors import DomainError, error_text
from govflex.org.views.helpers import chosen_agency, domain_errors, form_errors
from govflex.surveys.forms import QuestionForm, SurveyForm, options_text
from govflex.surveys.rounds import round_close_now, round_open_now
from govflex.surveys.selectors import surveys_managed
from govflex.surveys.setup import (
    current_set,
    question_remove,
    question_save,
    survey_for_manager,
    survey_save,
)


@login_required
@domain_errors
def setup(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    surveys = surveys_managed(actor=request.user, agency=agency)
    form = SurveyForm(
        request.POST or None,
        initial={"first_opens_on": timezone.localdate(), "cadence": "monthly", "active": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_save(actor=request.user, agency=agency, **form.cleaned_data)
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Survey created with the standard questions."))
            return redirect("surveys:survey", survey_id=survey.pk)
    return render(request, "surveys/setup.html", {"surveys": surveys, "form": form})


def _post_action(request: HttpRequest, survey_id: int) -> str:
    """Run one button's action; returns a success message."""
    action = request.POST.get("action", "")
    key = request.POST.get("key", "")
    if action == "remove":
        question_remove(actor=request.user, survey_id=survey_id, key=key)
        return _("Question removed from the next version.")
    if action == "open":
        round_open_now(actor=request.user, survey_id=survey_id)
        return _("A round is open and staff have been notified.")
    if action == "close":
        raw = request.POST.get("round", "")
        round_close_now(actor=request.user, round_id=int(raw) if raw.isdigit() else 0)
        return _("The round is closed; its results are released.")
    return ""


@login_required
@domain_errors
def survey(request: HttpRequest, survey_id: int) -> HttpResponse:
    item = survey_for_manager(request.user, survey_id)
    schedule = SurveyForm(
        request.POST if request.POST.get("action") == "schedule" else None,
        initial={
            f: getattr(item, f)
            for f in ("title_th", "title_en", "cadence", "first_opens_on", "open_days")
        }
        | {"report_depth": item.report_depth, "active": item.active},
    )
    posting_question = request.POST.get("action") == "question"
    posted_key = request.POST.get("key", "") if posting_question else None
    question_form = QuestionForm(
        request.POST if posting_question else None,
        initial={"kind": "likert"},
        auto_id=f"q-{posted_key or 'new'}-%s",
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "schedule" and schedule.is_valid():
                survey_save(
                    actor=request.user,
                    agency=item.agency,
                    survey_id=item.pk,
                    **schedule.cleaned_data,
                )
                messages.success(request, _("Schedule saved."))
                return redirect("surveys:survey", survey_id=item.pk)
            if action == "question" and question_form.is_valid():
                data = question_form.cleaned_data
                question_save(
                    actor=request.user,
                    survey_id=item.pk,
                    key=data["key"],
                    kind=data["kind"],
                    text_th=data["text_th"],
                    text_en=data["text_en"],
                    options=question_form.option_labels(),
                )
                messages.success(request, _("Question saved for the next round."))
                return redirect("surveys:survey", survey_id=item.pk)
            done = _post_action(request, item.pk)
            if done:
                messages.success(request, done)
                return redirect("surveys:survey", survey_id=item.pk)
        except DomainError as exc:
            target: Any = question_form if action == "question" else schedule
            if action in {"question", "schedule"}:
                form_errors(target, exc)
            else:
                messages.error(request, error_text(exc))
    question_set = current_set(item)
    questions = [
        {
            "question": q,
            "form": question_form
            if posted_key == q.key
            else QuestionForm(initial=_initial(q), auto_id=f"q-{q.key}-%s"),
        }
        for q in question_set.questions.all()
    ]
    if posted_key:
        question_form = QuestionForm(initial={"kind": "likert"}, auto_id="q-new-%s")
    context = {
        "survey": item,
        "schedule": schedule,
        "question_form": question_form,
        "question_set": question_set,
        "questions": questions,
        "rounds": item.rounds.order_by("-opens_on")[:24],
    }
    return render(request, "surveys/survey.html", context)


def _initial(question: Any) -> dict[str, Any]:
    return {
        "key": question.key,
        "kind": question.kind,
        "text_th": question.text_th,
        "text_en": question.text_en,
        "options": options_text(question),
    }
