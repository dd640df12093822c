"""Web pages for suitability assessments: the agency summary (positions × modes) with bulk
assessment by position type and export, and one position's questionnaire and decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from govflex.common.errors import AccessDenied, DomainError, NotFound, error_text
from govflex.core.enums import WorkMode
from govflex.core.suitability import matrix_to_mapping
from govflex.org.access import access_for
from govflex.org.models import Person, Position, PositionType
from govflex.org.views.helpers import chosen_agency, domain_errors, form_errors
from govflex.policies.assessments import (
    QUESTIONS,
    assessment_bulk,
    assessment_decide,
    assessment_record,
    matrix_for,
    matrix_set,
    may_assess,
    summary_rows,
    summary_xlsx,
)
from govflex.policies.models import Assessment
from govflex.policies.presentation import MODE_LABELS

SUITABILITY_LABELS = {
    "recommended": gettext_lazy("recommended"),
    "conditional": gettext_lazy("with conditions"),
    "not_suitable": gettext_lazy("not suitable"),
}
QUESTION_LABELS = {
    "face_to_face_service": gettext_lazy("Serves people face to face"),
    "service_fully_online": gettext_lazy("The service can be given fully online"),
    "on_site_equipment": gettext_lazy("Needs equipment or records only available on site"),
    "confidential_information": gettext_lazy(
        "Handles confidential information that may not leave the premises"
    ),
    "supervises_others": gettext_lazy("Supervises others"),
    "output_measurable": gettext_lazy("Output can be measured and reported"),
    "digital_tools": gettext_lazy("Has the digital tools to work remotely"),
    "field_work": gettext_lazy("Works in the field in specific areas"),
}


class QuestionsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in QUESTIONS:
            self.fields[key] = forms.BooleanField(label=QUESTION_LABELS[key], required=False)


def _mode_labels() -> list[str]:
    return [str(MODE_LABELS[mode.value]) for mode in WorkMode]


@login_required
@domain_errors
def assessments(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    if not access_for(request.user).can_view_structure(agency.pk):
        raise NotFound
    rows = summary_rows(agency_id=agency.pk)
    labels = {key: str(value) for key, value in SUITABILITY_LABELS.items()}
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            summary_xlsx(rows, labels, _mode_labels()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="suitability.xlsx"'
        return response
    form = QuestionsForm(request.POST or None)
    if request.method == "POST":
        if not may_assess(request.user, agency.pk):
            raise AccessDenied
        if request.POST.get("action") == "matrix":
            return _save_matrix(request, agency)
        if form.is_valid():
            try:
                count = assessment_bulk(
                    actor=request.user,
                    agency=agency,
                    position_type=request.POST.get("position_type", ""),
                    answers=form.cleaned_data,
                )
            except DomainError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("%(n)d positions assessed.") % {"n": count})
                return redirect("policies:assessments")
    return render(
        request,
        "policies/assessments.html",
        {
            "agency": agency,
            "rows": rows,
            "labels": labels,
            "modes": _mode_labels(),
            "form": form,
            "position_types": PositionType.choices,
            "can_assess": may_assess(request.user, agency.pk),
            "matrix": _matrix_rows(agency.pk),
        },
    )


def _matrix_rows(agency_id: int) -> list[dict[str, Any]]:
    """The agency's matrix as rows for the edit form: position type × mode → its standing."""
    values = matrix_to_mapping(matrix_for(agency_id))
    rows = []
    for value, label in PositionType.choices:
        entry = values.get(value, {})
        cells = []
        for mode in WorkMode:
            standing = (
                "recommended"
                if mode.value in entry.get("recommended", [])
                else "conditional"
                if mode.value in entry.get("conditional", [])
                else ""
            )
            cells.append({"mode": mode.value, "value": standing})
        rows.append({"position_type": value, "label": label, "cells": cells})
    return rows


def _save_matrix(request: HttpRequest, agency: Any) -> HttpResponse:
    values: dict[str, dict[str, list[str]]] = {}
    for position_type in PositionType.values:
        row: dict[str, list[str]] = {"recommended": [], "conditional": []}
        for mode in WorkMode:
            standing = request.POST.get(f"matrix-{position_type}-{mode.value}", "")
            if standing in row:
                row[standing].append(mode.value)
        values[position_type] = row
    try:
        matrix_set(actor=request.user, agency=agency, values=values)
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The matrix was saved; new assessments use it."))
    return redirect("policies:assessments")


@login_required
@domain_errors
def assessment_position(request: HttpRequest, position_id: int) -> HttpResponse:
    position = Position.objects.filter(pk=position_id).select_related("agency").first()
    if position is None or not access_for(request.user).can_view_structure(position.agency_id):
        raise NotFound
    can_assess = may_assess(request.user, position.agency_id)
    person_id = request.GET.get("person", "") or request.POST.get("person", "")
    person = (
        Person.objects.filter(pk=int(person_id), position=position).first()
        if person_id.isdigit()
        else None
    )
    latest = (
        Assessment.objects.filter(position=position, person=person)
        .order_by("-assessed_at", "-pk")
        .first()
    )
    form = QuestionsForm(request.POST or None, initial=latest.answers if latest else None)
    if request.method == "POST":
        if not can_assess:
            raise AccessDenied
        try:
            if request.POST.get("action") == "decide" and latest is not None:
                decision = {
                    mode.value: request.POST.get(f"decision-{mode.value}", "") for mode in WorkMode
                }
                assessment_decide(
                    actor=request.user,
                    assessment_id=latest.pk,
                    decision=decision,
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, _("The decision was recorded."))
            elif form.is_valid():
                assessment_record(
                    actor=request.user, position=position, answers=form.cleaned_data, person=person
                )
                messages.success(request, _("Assessed."))
            else:
                raise NotFound
        except DomainError as exc:
            messages.error(request, error_text(exc))
        query = f"?person={person.pk}" if person else ""
        return redirect(f"{request.path}{query}")
    thai = (get_language() or "th").startswith("th")
    verdicts = []
    if latest is not None:
        for mode in WorkMode:
            value = latest.verdicts.get(mode.value, {})
            verdicts.append(
                {
                    "mode": mode.value,
                    "label": MODE_LABELS[mode.value],
                    "suitability": value.get("suitability", ""),
                    "decided": (latest.decision or {}).get(mode.value, ""),
                    "reasons": [r["th"] if thai else r["en"] for r in value.get("reasons", [])],
                }
            )
    return render(
        request,
        "policies/assessment.html",
        {
            "position": position,
            "person": person,
            "people": position.people.order_by("staff_id")[:200] if can_assess else [],
            "latest": latest,
            "verdicts": verdicts,
            "form": form,
            "labels": SUITABILITY_LABELS,
            "can_assess": can_assess,
        },
    )
