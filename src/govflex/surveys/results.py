"""Reading pulse results (scoped): one round per unit subtree, the trend over rounds, and
:func:`pulse_scores` for the dashboard. Every figure passes through the rules core's
suppression (groups under 5 respondents, and their complements, are never shown).

Results are released when a round closes: figures that moved while answers came in would let
anyone who saw them before and after one person answered work out that person's answers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from govflex.common.errors import AccessDenied, NotFound
from govflex.core.pulse import (
    Node,
    NodeResult,
    QuestionFigures,
    Tally,
    Visibility,
    is_own,
    merge,
    response_rate,
    results,
)
from govflex.core.pulse_rounds import QuestionKind, counted_keys
from govflex.org.access import Access, access_for
from govflex.org.models import Unit
from govflex.surveys.models import Participation, Question, Response, Round, RoundSummary
from govflex.surveys.paths import eligible_nodes, node_of, path_of, specs


@dataclass(frozen=True)
class GroupRow:
    node: Node
    label: str
    own: bool
    visibility: str
    respondents: int | None
    eligible: int | None
    rate: float | None
    figures: dict[str, QuestionFigures] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.visibility == Visibility.SHOWN

    @property
    def level(self) -> int:
        return len(self.node)

    @property
    def unit_id(self) -> int | None:
        if not self.node or self.own:
            return None
        return self.node[-1]


@dataclass(frozen=True)
class RoundResults:
    round: Round
    questions: list[Question]  # the counted ones (scales and choices)
    released: bool
    participants: int
    eligible: int
    rows: list[GroupRow]  # every group in the reader's scope, in tree order
    focus: GroupRow | None = None
    children: list[GroupRow] = field(default_factory=list)
    comments: list[tuple[Question, list[str]]] = field(default_factory=list)


def results_scope(access: Access, agency_id: int) -> list[Node] | None:
    """None: the whole agency (HR, executives, auditors); else the subtrees a supervisor leads.
    Anyone else of the agency may not see results."""
    if not access.can_view_structure(agency_id):
        raise NotFound
    if access.is_agency_reader(agency_id):
        return None
    nodes = [node_of(path) for path in access.supervised_paths.get(agency_id, ())]
    if not nodes:
        raise AccessDenied
    return nodes


def _visible(node: Node, scope: list[Node] | None) -> bool:
    if scope is None:
        return True
    base = node[:-1] if is_own(node) else node
    return any(base[: len(top)] == top for top in scope)


def _label(node: Node, units: dict[int, Unit], agency_name: str) -> str:
    english = not (get_language() or "th").startswith("th")
    if not node or node == (0,):
        name = agency_name
    else:
        unit = units.get(node[-2] if is_own(node) else node[-1])
        name = "?" if unit is None else (unit.name_en if english and unit.name_en else unit.name_th)
    if is_own(node):
        return _("%(unit)s (its own staff)") % {"unit": name}
    return name


def _sort_key(node: Node, units: dict[int, Unit]) -> tuple[str, ...]:
    return tuple(units[i].code if i in units else "" for i in node)


def _cells(rows: Iterable[Mapping[str, Any]]) -> dict[Node, Tally]:
    parts: dict[Node, list[Tally]] = defaultdict(list)
    for row in rows:
        parts[node_of(row["unit__path"])].append(Tally(row["respondents"], row["counts"]))
    return {node: merge(tallies) for node, tallies in parts.items()}


def _computed(round_: Round, cells: dict[Node, Tally], nodes: list[Node]) -> dict[Node, NodeResult]:
    likert, choices = counted_keys(specs(round_.question_set))
    depth_nodes = [n for n in nodes if len(n) <= round_.report_depth + 1]
    return results(cells, depth_nodes, likert=likert, choices=choices)


def _row(result: NodeResult, eligible: dict[Node, int], label: str) -> GroupRow:
    own = is_own(result.node)
    people = None if own else eligible.get(result.node)
    shown = result.visibility is Visibility.SHOWN
    rate = response_rate(result.respondents or 0, people or 0) if shown and people else None
    return GroupRow(
        node=result.node,
        label=label,
        own=own,
        visibility=result.visibility.value,
        respondents=result.respondents,
        eligible=people,
        rate=rate,
        figures={f.key: f for f in result.figures},
    )


def _round_for_reader(actor: Any, round_id: int) -> tuple[Round, list[Node] | None]:
    round_ = (
        Round.objects.select_related("survey__agency", "question_set").filter(pk=round_id).first()
    )
    if round_ is None:
        raise NotFound
    return round_, results_scope(access_for(actor), round_.survey.agency_id)


def round_results(*, actor: Any, round_id: int, unit_id: int | None = None) -> RoundResults:
    """A round's results in the reader's scope, focused on one unit (default: the top)."""
    round_, scope = _round_for_reader(actor, round_id)
    questions = [q for q in round_.question_set.questions.all() if q.kind != QuestionKind.TEXT]
    eligible = eligible_nodes(round_)
    participants = Participation.objects.filter(round=round_).count()
    base = RoundResults(
        round_,
        questions,
        released=False,
        participants=participants,
        eligible=eligible.get((), 0),
        rows=[],
    )
    if round_.status != Round.Status.CLOSED:
        return base
    units = {
        u.pk: u
        for u in Unit.objects.filter(
            agency_id=round_.survey.agency_id, depth__lte=round_.report_depth
        )
    }
    cells = _cells(
        RoundSummary.objects.filter(round=round_).values("unit__path", "respondents", "counts")
    )
    computed = _computed(round_, cells, [node_of(u.path) for u in units.values()])
    agency_name = round_.survey.agency.name_th
    rows = [
        _row(result, eligible, _label(node, units, agency_name))
        for node, result in sorted(computed.items(), key=lambda item: _sort_key(item[0], units))
        if _visible(node, scope)
    ]
    if not rows:
        return replace(base, released=True)
    focus = rows[0]
    if unit_id is not None:
        focus = next((r for r in rows if r.unit_id == unit_id), None) or _not_found()
    children = [r for r in rows if len(r.node) == len(focus.node) + 1 and r.node[:-1] == focus.node]
    comments = _comments(round_, focus) if focus.shown else []
    return replace(
        base, released=True, rows=rows, focus=focus, children=children, comments=comments
    )


def _not_found() -> GroupRow:
    raise NotFound


def _comments(round_: Round, focus: GroupRow) -> list[tuple[Question, list[str]]]:
    """Free text for a shown group only, as one sorted list: never split by smaller units."""
    texts = [q for q in round_.question_set.questions.all() if q.kind == QuestionKind.TEXT]
    if not texts:
        return []
    responses = Response.objects.filter(round=round_)
    if focus.node:
        responses = responses.filter(unit__path__startswith=path_of(focus.node))
    answers = list(responses.values_list("answers", flat=True))
    return [
        (q, sorted(str(a[q.key]) for a in answers if str(a.get(q.key, "")).strip())) for q in texts
    ]


@dataclass(frozen=True)
class PulseScore:
    """One closed round's figures for one group, suppression applied."""

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


def pulse_scores(
    *,
    actor: Any,
    agency_id: int,
    unit_path: str = "/",
    start: dt.date,
    end: dt.date,
    survey_id: int | None = None,
) -> list[PulseScore]:
    """Per closed round (opened from ``start`` to ``end``), the means of the 1–5 questions for
    the group at ``unit_path`` ("/" for the agency). A group deeper than a round's reporting
    level is "not_reported"; one out of the actor's scope is not found."""
    node = node_of(unit_path)
    scope = results_scope(access_for(actor), agency_id)
    if not _visible(node, scope):
        raise NotFound
    rounds = list(
        Round.objects.filter(
            survey__agency_id=agency_id,
            status=Round.Status.CLOSED,
            opens_on__gte=start,
            opens_on__lte=end,
            **({"survey_id": survey_id} if survey_id is not None else {}),
        )
        .select_related("survey")
        .prefetch_related("question_set__questions")
        .order_by("opens_on", "pk")
    )
    rows: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for summary in RoundSummary.objects.filter(round__in=rounds).values(
        "round_id", "unit__path", "respondents", "counts"
    ):
        rows[summary["round_id"]].append(summary)
    depth = max((r.report_depth for r in rounds), default=0)
    nodes = [
        node_of(p)
        for p in Unit.objects.filter(agency_id=agency_id, depth__lte=depth).values_list(
            "path", flat=True
        )
    ]
    scores = []
    for round_ in rounds:
        computed = _computed(round_, _cells(rows[round_.pk]), nodes)
        result = computed.get(node)
        row: GroupRow | None = None
        if result is not None:
            row = _row(result, eligible_nodes(round_), "")
        scores.append(
            PulseScore(
                round_id=round_.pk,
                survey_id=round_.survey_id,
                survey_title=round_.survey.title_th,
                opens_on=round_.opens_on,
                closes_on=round_.closes_on,
                visibility="not_reported" if row is None else row.visibility,
                respondents=None if row is None else row.respondents,
                eligible=None if row is None else row.eligible,
                response_rate=None if row is None else row.rate,
                means={
                    key: (f.mean if row is not None and (f := row.figures.get(key)) else None)
                    for key in counted_keys(specs(round_.question_set))[0]
                },
            )
        )
    return scores
