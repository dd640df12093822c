"""REST endpoints of pulse surveys: my open rounds, answering, suppressed results, scores."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from govflex.surveys.answers import answer_submit, my_rounds
from govflex.surveys.models import Round
from govflex.surveys.results import pulse_scores, round_results

router = Router(tags=["pulse surveys"])


class OptionOut(Schema):
    value: str
    th: str
    en: str = ""


class QuestionOut(Schema):
    key: str
    kind: str
    text_th: str
    text_en: str
    options: list[OptionOut]


class OpenRoundOut(Schema):
    id: int
    survey_id: int
    title_th: str
    title_en: str
    opens_on: dt.date
    closes_on: dt.date
    answered: bool
    questions: list[QuestionOut]


class AnswersIn(Schema):
    answers: dict[str, str]


class RecordedOut(Schema):
    recorded: bool


class FigureOut(Schema):
    key: str
    answered: int
    mean: float | None
    distribution: dict[str, int]


class GroupOut(Schema):
    unit_id: int | None
    label: str
    level: int
    own_staff_only: bool
    visibility: str
    respondents: int | None
    eligible: int | None
    response_rate: float | None
    figures: list[FigureOut]


class CommentsOut(Schema):
    key: str
    texts: list[str]


class ResultsOut(Schema):
    round_id: int
    status: str
    released: bool
    participants: int
    eligible: int
    groups: list[GroupOut]
    comments: list[CommentsOut]


class ScoreOut(Schema):
    round_id: int
    survey_id: int
    survey_title: str
    opens_on: dt.date
    closes_on: dt.date
    visibility: str
    respondents: int | None
    eligible: int | None
    response_rate: float | None
    means: dict[str, float | None]


def _round_out(round_: Round, answered: bool) -> dict[str, Any]:
    return {
        "id": round_.pk,
        "survey_id": round_.survey_id,
        "title_th": round_.survey.title_th,
        "title_en": round_.survey.title_en,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "answered": answered,
        "questions": [
            {
                "key": q.key,
                "kind": q.kind,
                "text_th": q.text_th,
                "text_en": q.text_en,
                "options": q.options or [],
            }
            for q in round_.question_set.questions.all()
        ],
    }


@router.get("/me/pulse-rounds", response=list[OpenRoundOut])
def open_rounds(request: HttpRequest) -> Any:
    """Pulse rounds open for me now, with their questions and whether I have answered."""
    return [_round_out(item.round, item.answered) for item in my_rounds(actor=request.user)]


@router.post("/pulse-rounds/{round_id}/answers", response={201: RecordedOut})
def submit(request: HttpRequest, round_id: int, payload: AnswersIn) -> Any:
    """Answer a round once (``{"answers": {"quality_of_life": "4", ...}}``). Nothing that
    identifies the answer is returned or kept: 409 if you have already answered."""
    answer_submit(actor=request.user, round_id=round_id, answers=payload.answers)
    return Status(201, {"recorded": True})


@router.get("/pulse-rounds/{round_id}/results", response=ResultsOut)
def results(request: HttpRequest, round_id: int, unit_id: int | None = None) -> Any:
    """Results of a round in your scope, suppressed (groups under 5 respondents, and groups
    that would reveal them, have ``respondents`` and ``figures`` empty). With ``unit_id`` the
    comments are those of that unit's group (only when it is shown)."""
    found = round_results(actor=request.user, round_id=round_id, unit_id=unit_id)
    return {
        "round_id": found.round.pk,
        "status": found.round.status,
        "released": found.released,
        "participants": found.participants,
        "eligible": found.eligible,
        "groups": [
            {
                "unit_id": row.node[-2] if row.own and len(row.node) > 1 else row.unit_id,
                "label": row.label,
                "level": row.level,
                "own_staff_only": row.own,
                "visibility": row.visibility,
                "respondents": row.respondents,
                "eligible": row.eligible,
                "response_rate": row.rate,
                "figures": [
                    {
                        "key": f.key,
                        "answered": f.answered,
                        "mean": f.mean,
                        "distribution": dict(f.distribution),
                    }
                    for f in row.figures.values()
                ],
            }
            for row in found.rows
        ],
        "comments": [{"key": q.key, "texts": texts} for q, texts in found.comments],
    }


@router.get("/pulse-scores", response=list[ScoreOut])
def scores(
    request: HttpRequest,
    agency_id: int,
    start: dt.date,
    end: dt.date,
    # A garbled path answered 500; the pattern makes it a 422 (docs/reliability.md).
    unit_path: Annotated[str, Field(pattern=r"^/(\d+/)*$")] = "/",
    survey_id: int | None = None,
) -> Any:
    """Per closed round, the mean scores of one group (``unit_path`` such as ``/12/34/``; ``/``
    for the agency), with suppression applied (for dashboards)."""
    return pulse_scores(
        actor=request.user,
        agency_id=agency_id,
        unit_path=unit_path,
        start=start,
        end=end,
        survey_id=survey_id,
    )
