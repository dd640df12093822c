"""Setting up a pulse survey: schedule, reporting level and questions (HR or an executive).

Questions are versioned: each round keeps the question set it opened with, and that set is
frozen; an edit after that goes to a new version (a copy), which the next round will use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record, snapshot
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed, field_error
from govflex.core.pulse_rounds import Cadence, open_days_problem
from govflex.org.access import Access, access_for
from govflex.org.models import Agency, Role
from govflex.surveys.models import Question, QuestionSet, Survey
from govflex.surveys.questions import DEFAULT_QUESTIONS

MAX_DEPTH = 5
MAX_QUESTIONS = 15
MAX_OPTIONS = 8
SURVEY_FIELDS = ("title_th", "title_en", "cadence", "first_opens_on", "open_days", "report_depth")


def may_manage(access: Access, agency_id: int) -> bool:
    """HR officers and executives set up their agency's surveys."""
    return access.has_role(agency_id, Role.HR, Role.EXECUTIVE)


def survey_for_manager(actor: Any, survey_id: int, *, lock: bool = False) -> Survey:
    access = access_for(actor)
    rows = Survey.objects.select_for_update() if lock else Survey.objects.all()
    survey = rows.filter(pk=survey_id).first()
    if survey is None or not access.can_view_structure(survey.agency_id):
        raise NotFound
    if not may_manage(access, survey.agency_id):
        raise AccessDenied
    return survey


@transaction.atomic
def survey_save(
    *,
    actor: Any,
    agency: Agency,
    title_th: str,
    cadence: str,
    first_opens_on: dt.date,
    open_days: int,
    report_depth: int = 0,
    title_en: str = "",
    active: bool = True,
    survey_id: int | None = None,
) -> Survey:
    """Create a survey with the standard questions, or change its schedule."""
    access = access_for(actor)
    if not access.can_view_structure(agency.pk):
        raise NotFound
    if not may_manage(access, agency.pk):
        raise AccessDenied
    errors: dict[str, list[str]] = {}
    if not title_th.strip():
        errors["title_th"] = [_("Give the survey a Thai title.")]
    if cadence not in Survey.Schedule.values:
        errors["cadence"] = [_("Choose how often the survey runs.")]
    elif open_days_problem(Cadence(cadence), open_days):
        errors["open_days"] = [
            _("A round stays open from 1 day up to one period (7, 14 or 28 days).")
        ]
    if not 0 <= report_depth <= MAX_DEPTH:
        errors["report_depth"] = [_("Choose a unit level from 0 to 5.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    if survey_id is None:
        survey = Survey(agency=agency, created_by=actor)
        before = None
    else:
        survey = survey_for_manager(actor, survey_id, lock=True)
        if survey.agency_id != agency.pk:
            raise NotFound
        before = snapshot(survey, (*SURVEY_FIELDS, "active"))
    survey.title_th = title_th.strip()
    survey.title_en = title_en.strip()
    survey.cadence = cadence
    survey.first_opens_on = first_opens_on
    survey.open_days = open_days
    survey.report_depth = report_depth
    survey.active = active
    survey.save()
    if before is None:
        question_set = QuestionSet.objects.create(survey=survey, number=1)
        Question.objects.bulk_create(
            Question(question_set=question_set, position=index, **spec)
            for index, spec in enumerate(DEFAULT_QUESTIONS, start=1)
        )
    audit_record(
        actor=actor,
        action="surveys.survey_saved",
        target=survey,
        agency_id=agency.pk,
        before=before,
        after=snapshot(survey, (*SURVEY_FIELDS, "active")),
    )
    return survey


def current_set(survey: Survey) -> QuestionSet:
    found = survey.question_sets.order_by("-number").first()
    if found is None:  # a survey always gets its first set when created
        raise NotFound
    return found


def _draft_set(survey: Survey) -> QuestionSet:
    """The version HR may still edit: the newest one, or a fresh copy if that one is in use."""
    latest = current_set(survey)
    if not latest.frozen:
        return latest
    draft = QuestionSet.objects.create(survey=survey, number=latest.number + 1)
    Question.objects.bulk_create(
        Question(
            question_set=draft,
            position=q.position,
            key=q.key,
            kind=q.kind,
            text_th=q.text_th,
            text_en=q.text_en,
            options=q.options,
        )
        for q in latest.questions.all()
    )
    return draft


def _options(kind: str, labels: list[tuple[str, str]], old: list[dict[str, str]]) -> list[Any]:
    """Choice options from (Thai, English) labels; an option keeps the value it had at the same
    place, so results stay comparable when only the wording changes."""
    if kind != Question.Kind.CHOICE:
        return []
    labels = [(th.strip(), en.strip()) for th, en in labels if th.strip()]
    if not 2 <= len(labels) <= MAX_OPTIONS:
        raise field_error("options", _("A choice question needs 2 to 8 options."))
    values = [o["value"] for o in old]
    return [
        {"value": values[i] if i < len(values) else f"o{i + 1}", "th": th, "en": en}
        for i, (th, en) in enumerate(labels)
    ]


@transaction.atomic
def question_save(
    *,
    actor: Any,
    survey_id: int,
    kind: str,
    text_th: str,
    text_en: str = "",
    options: list[tuple[str, str]] | None = None,
    key: str = "",
) -> Question:
    """Add a question (no ``key``) or change one's wording and options, in the draft version."""
    survey = survey_for_manager(actor, survey_id, lock=True)
    if kind not in Question.Kind.values:
        raise field_error("kind", _("Choose a question type."))
    if not text_th.strip():
        raise field_error("text_th", _("Write the question in Thai."))
    draft = _draft_set(survey)
    questions = list(draft.questions.all())
    if key:
        question = next((q for q in questions if q.key == key), None)
        if question is None:
            raise NotFound
        if question.kind != kind:
            raise field_error("kind", _("The type of an existing question cannot change."))
        before: dict[str, Any] | None = snapshot(question, ("text_th", "text_en", "options"))
    else:
        if len(questions) >= MAX_QUESTIONS:
            raise field_error("text_th", _("A pulse survey has at most 15 questions."))
        used = {q.key for q in questions}
        number = len(questions) + 1
        while f"q{number}" in used:
            number += 1
        question = Question(
            question_set=draft,
            key=f"q{number}",
            kind=kind,
            position=max((q.position for q in questions), default=0) + 1,
        )
        before = None
    question.options = _options(kind, options or [], list(question.options or []))
    question.text_th = text_th.strip()
    question.text_en = text_en.strip()
    question.save()
    audit_record(
        actor=actor,
        action="surveys.question_saved",
        target=survey,
        agency_id=survey.agency_id,
        before=before,
        after={"version": draft.number, "key": question.key, "text_th": question.text_th},
    )
    return question


@transaction.atomic
def question_remove(*, actor: Any, survey_id: int, key: str) -> None:
    survey = survey_for_manager(actor, survey_id, lock=True)
    draft = _draft_set(survey)
    question = draft.questions.filter(key=key).first()
    if question is None:
        raise NotFound
    if draft.questions.count() <= 1:
        raise field_error("key", _("Keep at least one question."))
    question.delete()
    audit_record(
        actor=actor,
        action="surveys.question_removed",
        target=survey,
        agency_id=survey.agency_id,
        before={"version": draft.number, "key": key},
    )
