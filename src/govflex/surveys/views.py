"""Staff pages: the open rounds for me, and the one-screen answer page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from govflex.common.errors import Conflict, DomainError, ValidationFailed
from govflex.org.access import access_for
from govflex.org.selectors import default_agency
from govflex.org.views.helpers import domain_errors
from govflex.surveys.answers import answer_submit, is_open, my_rounds, round_for_me
from govflex.surveys.models import Question
from govflex.surveys.selectors import can_read_results
from govflex.surveys.setup import may_manage

SCALE = (
    ("1", gettext_lazy("Very low")),
    ("2", gettext_lazy("Low")),
    ("3", gettext_lazy("Moderate")),
    ("4", gettext_lazy("High")),
    ("5", gettext_lazy("Very high")),
)


@login_required
@domain_errors
def mine(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    agency = default_agency(access=access)
    rounds = my_rounds(actor=request.user) if access.person_id is not None else []
    context = {
        "rounds": rounds,
        "may_manage": agency is not None and may_manage(access, agency.pk),
        "may_read": agency is not None and can_read_results(request.user, agency.pk),
    }
    return render(request, "surveys/mine.html", context)


def _question_rows(
    questions: list[Question], values: dict[str, str], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    language = get_language() or "th"
    english = not language.startswith("th")
    rows = []
    for q in questions:
        if q.kind == Question.Kind.LIKERT:
            choices = [(value, label) for value, label in SCALE]
        else:
            choices = [
                (str(o["value"]), (o.get("en") or o["th"]) if english else o["th"])
                for o in q.options or ()
            ]
        rows.append(
            {
                "key": q.key,
                "kind": q.kind,
                "text": q.text(language),
                "required": q.kind != Question.Kind.TEXT,
                "choices": choices,
                "value": values.get(q.key, ""),
                "errors": errors.get(q.key, []),
            }
        )
    return rows


@login_required
@domain_errors
def answer(request: HttpRequest, round_id: int) -> HttpResponse:
    mine_ = round_for_me(actor=request.user, round_id=round_id)
    round_ = mine_.round
    questions = list(round_.question_set.questions.all())
    values: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and not mine_.answered:
        values = {q.key: request.POST.get(q.key, "") for q in questions}
        try:
            answer_submit(actor=request.user, round_id=round_.pk, answers=values)
        except Conflict:
            messages.info(request, _("You have already answered this round."))
            return redirect("surveys:answer", round_id=round_.pk)
        except ValidationFailed as exc:
            errors = {k: [str(m) for m in v] for k, v in exc.details.get("fields", {}).items()}
            if not errors:
                messages.error(request, str(exc.message))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Thank you. Your answers were recorded anonymously."))
            return redirect("surveys:answer", round_id=round_.pk)
    context = {
        "round": round_,
        "title": round_.survey.title(get_language() or "th"),
        "answered": mine_.answered,
        "open": is_open(round_, timezone.localdate()),
        "questions": _question_rows(questions, values, errors),
        "has_errors": bool(errors),
    }
    return render(request, "surveys/answer.html", context, status=422 if errors else 200)
