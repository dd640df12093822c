"""Results pages (HR and executives: the agency; supervisors: their subtree) and the export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from govflex.org.views.helpers import chosen_agency, domain_errors, paginate
from govflex.surveys.exports import hidden_reason, results_pdf, results_xlsx
from govflex.surveys.paths import path_of
from govflex.surveys.results import GroupRow, RoundResults, pulse_scores, round_results
from govflex.surveys.selectors import rounds_readable


@login_required
@domain_errors
def results_list(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    rounds = rounds_readable(actor=request.user, agency=agency)
    return render(request, "surveys/results_list.html", paginate(request, rounds, 30))


def _unit(request: HttpRequest) -> int | None:
    raw = request.GET.get("unit", "")
    return int(raw) if raw.isdigit() else None


def _distribution(found: RoundResults) -> list[dict[str, Any]]:
    """The focus group's answers per question, with labels in the reader's language."""
    if found.focus is None or not found.focus.shown:
        return []
    english = not (get_language() or "th").startswith("th")
    rows: list[dict[str, Any]] = []
    for q in found.questions:
        labels = {
            str(o["value"]): (o.get("en") or o["th"]) if english else o["th"] for o in q.options
        }
        figures = found.focus.figures[q.key]
        total = figures.answered or 1
        rows.append(
            {
                "question": q.text(get_language() or "th"),
                "mean": figures.mean,
                "cells": [
                    (labels.get(value, value), count, round(100 * count / total))
                    for value, count in figures.distribution
                ],
            }
        )
    return rows


def _table_row(
    row: GroupRow, keys: list[str], focus: bool, has_children: bool
) -> dict[str, object]:
    return {
        "row": row,
        "focus": focus,
        "drill": row.shown and has_children and not focus and row.unit_id is not None,
        "reason": hidden_reason(row),
        "rate": None if row.rate is None else round(row.rate * 100),
        "means": [row.figures[key].mean if row.shown else None for key in keys],
    }


@login_required
@domain_errors
def results(request: HttpRequest, round_id: int) -> HttpResponse:
    found = round_results(actor=request.user, round_id=round_id, unit_id=_unit(request))
    trend = []
    if found.focus is not None:
        round_ = found.round
        trend = pulse_scores(
            actor=request.user,
            agency_id=round_.survey.agency_id,
            unit_path=path_of(found.focus.node),
            start=round_.opens_on - dt.timedelta(days=366),
            end=round_.opens_on,
            survey_id=round_.survey_id,
        )
    ancestors = []
    if found.focus is not None:
        ancestors = [r for r in found.rows if r.node == found.focus.node[: len(r.node)]][:-1]
    keys = [q.key for q in found.questions if q.kind == "likert"]
    parents = {r.node[:-1] for r in found.rows if r.node}
    rows = [found.focus, *found.children] if found.focus else []
    context = {
        "found": found,
        "round": found.round,
        "likert": [q.text(get_language() or "th") for q in found.questions if q.kind == "likert"],
        "rows": [_table_row(r, keys, r is found.focus, r.node in parents) for r in rows],
        "ancestors": ancestors,
        "distribution": _distribution(found),
        "trend": [
            {"score": score, "means": [score.means.get(key) for key in keys]} for score in trend
        ],
    }
    return render(request, "surveys/results.html", context)


@login_required
@domain_errors
def export(request: HttpRequest, round_id: int) -> HttpResponse:
    found = round_results(actor=request.user, round_id=round_id)
    response = HttpResponse(
        results_xlsx(found),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"pulse-{found.round.opens_on:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@domain_errors
def export_pdf(request: HttpRequest, round_id: int) -> HttpResponse:
    found = round_results(actor=request.user, round_id=round_id)
    response = HttpResponse(results_pdf(found), content_type="application/pdf")
    name = f"pulse-{found.round.opens_on:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
