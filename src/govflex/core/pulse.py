"""Pulse survey results: tallies, per-question figures and small-group suppression.

Issue 8 asks that no pulse-survey result is shown for a group of fewer than five respondents.
Hiding the small groups alone is not enough: a parent's total minus the children that are shown
would give away a hidden child. :func:`suppress` therefore also hides a complementary sibling
whenever the hidden part under a shown group would add up to fewer than ``k`` people (the cell
suppression rule of official statistics), and hides everything below a hidden group.

Groups are reporting nodes: a tuple of unit IDs from the top of the agency (``()`` is the whole
agency). ``node + (OWN,)`` stands for the respondents coarsened to ``node`` itself (people of a
division who belong to no reported sub-unit), shown as its own row beside the children.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

Node = tuple[int, ...]

K_MIN: Final = 5  # issue 8: no result for a group smaller than 5 respondents
OWN: Final = 0  # unit IDs are positive, so 0 marks the "the unit itself" pseudo-group
LIKERT_SCALE: Final = ("1", "2", "3", "4", "5")


class Visibility(StrEnum):
    SHOWN = "shown"
    EMPTY = "empty"  # nobody answered: nothing to protect, nothing to show
    TOO_FEW = "too_few"  # fewer than k respondents
    COMPLEMENTARY = "complementary"  # hidden so that a too-small sibling cannot be worked out
    PARENT_HIDDEN = "parent_hidden"  # below a hidden group


@dataclass(frozen=True, slots=True)
class Tally:
    """How many answered, and how often each value was chosen per question."""

    n: int = 0
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QuestionFigures:
    key: str
    answered: int
    mean: float | None  # Likert questions only
    distribution: tuple[tuple[str, int], ...]  # (value, count), in the scale's or options' order


@dataclass(frozen=True, slots=True)
class NodeResult:
    node: Node
    visibility: Visibility
    respondents: int | None  # None unless shown
    figures: tuple[QuestionFigures, ...] = ()

    @property
    def shown(self) -> bool:
        return self.visibility is Visibility.SHOWN


# ------------------------------------------------------------------------------ tallies
def tally(answers: Iterable[Mapping[str, object]], keys: Collection[str]) -> Tally:
    """Count the chosen values of the ``keys`` questions over the given answer sets."""
    n = 0
    counts: dict[str, dict[str, int]] = {key: {} for key in keys}
    for answer in answers:
        n += 1
        for key in keys:
            value = answer.get(key)
            if value is None or value == "":
                continue
            text = str(value)
            counts[key][text] = counts[key].get(text, 0) + 1
    return Tally(n=n, counts=counts)


def merge(tallies: Iterable[Tally]) -> Tally:
    n = 0
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for part in tallies:
        n += part.n
        for key, values in part.counts.items():
            bucket = counts[key]
            for value, count in values.items():
                bucket[value] = bucket.get(value, 0) + count
    return Tally(n=n, counts=dict(counts))


def figures(
    part: Tally, *, likert: Collection[str], choices: Mapping[str, Collection[str]]
) -> tuple[QuestionFigures, ...]:
    """Mean (Likert 1–5) and distribution of each question, in the order given."""
    result: list[QuestionFigures] = []
    for key in likert:
        values = part.counts.get(key, {})
        distribution = tuple((v, values.get(v, 0)) for v in LIKERT_SCALE)
        answered = sum(count for _v, count in distribution)
        total = sum(int(v) * count for v, count in distribution)
        mean = round(total / answered, 2) if answered else None
        result.append(QuestionFigures(key, answered, mean, distribution))
    for key, options in choices.items():
        values = part.counts.get(key, {})
        distribution = tuple((option, values.get(option, 0)) for option in options)
        answered = sum(count for _v, count in distribution)
        result.append(QuestionFigures(key, answered, None, distribution))
    return tuple(result)


def response_rate(respondents: int, eligible: int) -> float | None:
    """Share of the people asked who answered, 0–1 (None when nobody was asked)."""
    if eligible <= 0:
        return None
    return min(1.0, respondents / eligible)


# ------------------------------------------------------------------------------ the tree
def parent_of(node: Node) -> Node:
    return node[:-1]


def is_own(node: Node) -> bool:
    return bool(node) and node[-1] == OWN


def subtree_totals(direct: Mapping[Node, int], nodes: Iterable[Node] = ()) -> dict[Node, int]:
    """Each node's count with everything below it (ancestors of every counted node included)."""
    totals: dict[Node, int] = dict.fromkeys(nodes, 0)
    totals.setdefault((), 0)
    for node, count in direct.items():
        for length in range(len(node) + 1):
            prefix = node[:length]
            totals[prefix] = totals.get(prefix, 0) + count
    return totals


def report_node(unit: Node, *, depth: int, eligible: Mapping[Node, int], k: int = K_MIN) -> Node:
    """The node a respondent is counted under: their unit cut to the reporting ``depth`` (0 = the
    top-level units), moved up while that group had fewer than ``k`` people to ask, so that even
    the stored row never names a group too small to hide in."""
    node = unit[: depth + 1]
    while node and eligible.get(node, 0) < k:
        node = node[:-1]
    return node


def _children(nodes: Iterable[Node], direct: Mapping[Node, int]) -> dict[Node, list[Node]]:
    """Child groups per node: the child nodes, plus the node's own pseudo-group when the node
    has children and some respondents were counted under the node itself."""
    children: dict[Node, list[Node]] = defaultdict(list)
    known = set(nodes) | {()}
    for node in sorted(known):
        if node:
            children[parent_of(node)].append(node)
    for node, count in direct.items():
        if count > 0 and children.get(node):
            children[node].append((*node, OWN))
    return children


def suppress(
    direct: Mapping[Node, int], nodes: Iterable[Node] = (), *, k: int = K_MIN
) -> dict[Node, Visibility]:
    """Decide which groups may be shown.

    ``direct`` is the number of respondents counted under each node itself; ``nodes`` lists the
    reporting nodes (so empty ones are reported too). Rules, applied from the top down:
    a group is shown when it has at least ``k`` respondents and its parent is shown; under a
    shown parent the hidden groups must add up to 0 or at least ``k`` respondents, otherwise the
    smallest shown siblings are hidden as well (complementary suppression), so the parent minus
    the shown groups never tells about fewer than ``k`` people.
    """
    node_list = list(nodes)
    totals = subtree_totals(direct, node_list)
    children = _children(list(totals), direct)
    for node, groups in children.items():
        if groups and is_own(groups[-1]):
            totals[groups[-1]] = direct.get(node, 0)

    def own_status(count: int) -> Visibility:
        if count == 0:
            return Visibility.EMPTY
        return Visibility.TOO_FEW if count < k else Visibility.SHOWN

    result: dict[Node, Visibility] = {(): own_status(totals[()])}
    queue: list[Node] = [()]
    while queue:
        parent = queue.pop()
        groups = children.get(parent, [])
        if result[parent] is not Visibility.SHOWN:
            _hide_below(parent, children, result)
            continue
        status = {group: own_status(totals.get(group, 0)) for group in groups}
        hidden = sum(totals.get(g, 0) for g, s in status.items() if s is Visibility.TOO_FEW)
        while 0 < hidden < k:
            shown = [g for g, s in status.items() if s is Visibility.SHOWN]
            smallest = min(shown, key=lambda g: (totals.get(g, 0), g))
            status[smallest] = Visibility.COMPLEMENTARY
            hidden += totals.get(smallest, 0)
        result.update(status)
        queue.extend(g for g in groups if not is_own(g))
    return result


def _hide_below(
    node: Node, children: Mapping[Node, list[Node]], result: dict[Node, Visibility]
) -> None:
    stack = list(children.get(node, []))
    while stack:
        group = stack.pop()
        result[group] = Visibility.PARENT_HIDDEN
        if not is_own(group):
            stack.extend(children.get(group, []))


def results(
    cells: Mapping[Node, Tally],
    nodes: Iterable[Node] = (),
    *,
    likert: Collection[str],
    choices: Mapping[str, Collection[str]],
    k: int = K_MIN,
) -> dict[Node, NodeResult]:
    """Per group: visibility and, when shown, respondents and figures. Each group aggregates its
    subtree; an ``OWN`` group only the respondents counted under its parent node itself."""
    node_list = list(nodes)
    direct = {node: part.n for node, part in cells.items()}
    visibility = suppress(direct, node_list, k=k)
    below: dict[Node, list[Tally]] = defaultdict(list)
    for node, part in cells.items():
        for length in range(len(node) + 1):
            below[node[:length]].append(part)
    out: dict[Node, NodeResult] = {}
    for group, seen in visibility.items():
        if seen is not Visibility.SHOWN:
            out[group] = NodeResult(group, seen, None)
            continue
        parts = [cells[parent_of(group)]] if is_own(group) else below[group]
        combined = merge(parts)
        out[group] = NodeResult(
            group, seen, combined.n, figures(combined, likert=likert, choices=choices)
        )
    return out
