"""Unit paths ("/12/34/") as the rules core's nodes ((12, 34)); the round's head counts."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from govflex.core.pulse import Node, subtree_totals
from govflex.core.pulse_rounds import QuestionKind, QuestionSpec
from govflex.org.models import Person
from govflex.surveys.models import QuestionSet, Round, Survey


def node_of(path: str | None) -> Node:
    return tuple(int(part) for part in (path or "").strip("/").split("/") if part)


def path_of(node: Node) -> str:
    return "/" + "".join(f"{unit_id}/" for unit_id in node)


def active_people(agency_id: int, day: dt.date) -> Q:
    """People on the staff on ``day`` (the ones a round asks)."""
    return (
        Q(agency_id=agency_id)
        & (Q(start_date__isnull=True) | Q(start_date__lte=day))
        & (Q(end_date__isnull=True) | Q(end_date__gte=day))
    )


def eligible_snapshot(survey: Survey, day: dt.date) -> dict[str, int]:
    """Head count per reported group (subtree totals down to the reporting depth)."""
    rows = (
        Person.objects.filter(active_people(survey.agency_id, day))
        .values("unit__path")
        .annotate(n=Count("id"))
    )
    totals = subtree_totals({node_of(row["unit__path"]): row["n"] for row in rows})
    return {path_of(node): n for node, n in totals.items() if len(node) <= survey.report_depth + 1}


def eligible_nodes(round_: Round) -> dict[Node, int]:
    return {node_of(path): n for path, n in (round_.eligible or {}).items()}


def specs(question_set: QuestionSet) -> list[QuestionSpec]:
    return [
        QuestionSpec(
            key=q.key,
            kind=QuestionKind(q.kind),
            options=tuple(str(o["value"]) for o in q.options or ()),
            required=q.kind != QuestionKind.TEXT,
        )
        for q in question_set.questions.all()
    ]
