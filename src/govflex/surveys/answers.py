"""Answering a pulse round, once, anonymously.

What is written: a participation row (person, round) and, separately, a response row (round,
coarsened unit, answers) under a random key, with no time. What is deliberately NOT written:
an audit entry, a log line or a notification about the answer — each would carry a time or a
sequence that could be matched with the response (docs/surveys.md, "What never links").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.errors import Conflict, NotFound, ValidationFailed
from govflex.core.pulse import report_node
from govflex.core.pulse_rounds import Problem, clean_answers
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.surveys.models import Participation, Response, Round
from govflex.surveys.paths import eligible_nodes, node_of, specs


def _problem_text(problem: Problem) -> str:
    return {
        Problem.MISSING: _("Please answer this question."),
        Problem.NOT_ON_SCALE: _("Choose a value from 1 to 5."),
        Problem.UNKNOWN_OPTION: _("Choose one of the options."),
        Problem.TOO_LONG: _("Keep the comment under 1,000 characters."),
    }[problem]


def _me(actor: Any) -> Person:
    access = access_for(actor)
    if access.person_id is None:
        raise NotFound
    return Person.objects.select_related("unit").get(pk=access.person_id)


def is_open(round_: Round, today: dt.date) -> bool:
    return round_.status == Round.Status.OPEN and round_.opens_on <= today <= round_.closes_on


@dataclass(frozen=True)
class MyRound:
    round: Round
    answered: bool


def my_rounds(*, actor: Any, today: dt.date | None = None) -> list[MyRound]:
    """The open rounds of my agency, and whether I have answered each."""
    today = today or timezone.localdate()
    me = _me(actor)
    rounds = (
        Round.objects.filter(
            survey__agency_id=me.agency_id,
            status=Round.Status.OPEN,
            opens_on__lte=today,
            closes_on__gte=today,
        )
        .select_related("survey")
        .order_by("closes_on", "pk")
    )
    done = set(
        Participation.objects.filter(person=me, round__in=rounds).values_list("round_id", flat=True)
    )
    return [MyRound(r, r.pk in done) for r in rounds]


def round_for_me(*, actor: Any, round_id: int) -> MyRound:
    me = _me(actor)
    round_ = (
        Round.objects.select_related("survey", "question_set")
        .filter(pk=round_id, survey__agency_id=me.agency_id)
        .first()
    )
    if round_ is None:
        raise NotFound
    answered = Participation.objects.filter(round=round_, person=me).exists()
    return MyRound(round_, answered)


@transaction.atomic
def answer_submit(
    *, actor: Any, round_id: int, answers: Mapping[str, object], today: dt.date | None = None
) -> None:
    """Record one person's answers to an open round; a second answer is refused."""
    today = today or timezone.localdate()
    me = _me(actor)
    round_ = (
        Round.objects.select_related("survey", "question_set")
        .filter(pk=round_id, survey__agency_id=me.agency_id)
        .first()
    )
    if round_ is None:
        raise NotFound
    if not is_open(round_, today):
        raise ValidationFailed(_("This survey round is not open."))
    clean, problems = clean_answers(specs(round_.question_set), answers)
    if problems:
        raise ValidationFailed(
            details={"fields": {key: [_problem_text(p)] for key, p in problems.items()}}
        )
    node = report_node(
        node_of(me.unit.path), depth=round_.report_depth, eligible=eligible_nodes(round_)
    )
    unit_id = node[-1] if node else None
    try:
        with transaction.atomic():
            Participation.objects.create(round=round_, person=me, unit_id=unit_id)
    except IntegrityError:
        raise Conflict(_("You have already answered this round.")) from None
    Response.objects.create(round=round_, unit_id=unit_id, answers=clean)
