"""Pulse survey rules: suppression of small groups (k = 5) against differencing, figures,
coarsening, schedule and answer checks."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govflex.core.pulse import (
    K_MIN,
    OWN,
    Node,
    Tally,
    Visibility,
    figures,
    merge,
    report_node,
    response_rate,
    results,
    subtree_totals,
    suppress,
    tally,
)
from govflex.core.pulse_rounds import (
    Cadence,
    Problem,
    QuestionKind,
    QuestionSpec,
    clean_answers,
    due_start,
    latest_start,
    reminder_due,
)

S = Visibility.SHOWN


# ------------------------------------------------------------------------------ suppression
def test_group_of_four_is_hidden_and_five_is_shown() -> None:
    assert suppress({(): 4})[()] is Visibility.TOO_FEW
    assert suppress({(): 5})[()] is S
    assert suppress({}, [()])[()] is Visibility.EMPTY


def test_single_small_child_forces_a_complementary_sibling() -> None:
    # agency 23 = A 10 + B 10 + C 3: showing A and B would reveal C as 23 - 20.
    seen = suppress({(1,): 10, (2,): 10, (3,): 3})
    assert seen[()] is S
    assert seen[(3,)] is Visibility.TOO_FEW
    assert sorted(node for node, v in seen.items() if v is Visibility.COMPLEMENTARY) == [(1,)]
    assert seen[(2,)] is S


def test_two_small_children_adding_up_to_five_need_no_complement() -> None:
    seen = suppress({(1,): 10, (2,): 2, (3,): 3})
    assert seen[(1,)] is S
    assert {seen[(2,)], seen[(3,)]} == {Visibility.TOO_FEW}


def test_respondents_of_the_unit_itself_count_as_a_hidden_group() -> None:
    # Division 1 has two people of its own and two groups of 6: its own pair must stay hidden.
    seen = suppress({(1,): 2, (1, 11): 6, (1, 12): 6})
    assert seen[(1, OWN)] is Visibility.TOO_FEW
    assert [seen[(1, 11)], seen[(1, 12)]].count(Visibility.COMPLEMENTARY) == 1


def test_everything_below_a_hidden_group_is_hidden() -> None:
    seen = suppress({(1, 11): 3, (2,): 9})
    assert seen[(1,)] is Visibility.TOO_FEW
    assert seen[(1, 11)] is Visibility.PARENT_HIDDEN


def test_empty_groups_are_listed_but_protect_nothing() -> None:
    seen = suppress({(1,): 7}, [(1,), (2,)])
    assert seen[(2,)] is Visibility.EMPTY
    assert seen[(1,)] is S


tree_cells = st.dictionaries(
    st.lists(st.integers(1, 4), min_size=0, max_size=3).map(tuple),
    st.integers(0, 12),
    max_size=14,
)


@settings(max_examples=400, deadline=None)
@given(tree_cells)
def test_no_shown_group_lets_anyone_work_out_fewer_than_k(direct: dict[Node, int]) -> None:
    seen = suppress(direct)
    totals = subtree_totals(direct)
    for node, status in seen.items():
        count = direct.get(node[:-1], 0) if node and node[-1] == OWN else totals.get(node, 0)
        if status is S:
            assert count >= K_MIN
    for parent, status in seen.items():
        if status is not S or (parent and parent[-1] == OWN):
            continue
        groups = [g for g in seen if g[:-1] == parent and len(g) == len(parent) + 1]
        shown = 0
        for group in groups:
            if seen[group] is S:
                shown += direct.get(parent, 0) if group[-1] == OWN else totals.get(group, 0)
        # The parent minus everything shown under it is 0 or at least k people.
        rest = totals[parent] - shown
        assert rest == 0 or rest >= K_MIN


@settings(max_examples=200, deadline=None)
@given(tree_cells)
def test_nothing_below_a_hidden_group_is_shown(direct: dict[Node, int]) -> None:
    seen = suppress(direct)
    for node, status in seen.items():
        if status is S and node:
            assert seen[node[:-1]] is S


@settings(max_examples=200, deadline=None)
@given(tree_cells)
def test_without_small_groups_nothing_is_hidden_for_a_sibling(direct: dict[Node, int]) -> None:
    big = {node: (0 if count == 0 else max(count, K_MIN)) for node, count in direct.items()}
    seen = suppress(big)
    assert Visibility.COMPLEMENTARY not in seen.values()


# ------------------------------------------------------------------------------ figures
def test_mean_and_distribution_per_question() -> None:
    answers = [{"q": "5", "mode": "off_site"}, {"q": "4", "mode": "mixed"}, {"q": "3"}]
    part = tally(answers, ["q", "mode"])
    (q, mode) = figures(part, likert=["q"], choices={"mode": ["off_site", "mixed", "staggered"]})
    assert (q.mean, q.answered) == (4.0, 3)
    assert q.distribution == (("1", 0), ("2", 0), ("3", 1), ("4", 1), ("5", 1))
    assert mode.distribution == (("off_site", 1), ("mixed", 1), ("staggered", 0))
    assert mode.mean is None


@given(st.lists(st.integers(1, 5), min_size=1, max_size=60))
def test_mean_lies_on_the_scale_and_merge_adds_up(values: list[int]) -> None:
    half = len(values) // 2
    first = tally([{"q": v} for v in values[:half]], ["q"])
    second = tally([{"q": v} for v in values[half:]], ["q"])
    combined = merge([first, second])
    assert combined.n == len(values)
    (q,) = figures(combined, likert=["q"], choices={})
    assert q.mean is not None
    assert 1 <= q.mean <= 5
    assert q.mean == round(sum(values) / len(values), 2)


def test_results_give_figures_only_for_shown_groups() -> None:
    cells = {
        (1,): tally([{"q": 4}] * 6, ["q"]),
        (2,): tally([{"q": 1}] * 2, ["q"]),
        (3,): tally([{"q": 2}] * 6, ["q"]),
    }
    out = results(cells, likert=["q"], choices={})
    assert out[()].respondents == 14
    assert out[(2,)].figures == ()
    assert out[(2,)].respondents is None
    hidden = [node for node in ((1,), (3,)) if not out[node].shown]
    assert len(hidden) == 1  # one complementary sibling


def test_own_group_figures_come_from_the_unit_itself() -> None:
    cells = {(1,): tally([{"q": 5}] * 5, ["q"]), (1, 11): tally([{"q": 1}] * 5, ["q"])}
    out = results(cells, likert=["q"], choices={})
    assert out[(1, OWN)].figures[0].mean == 5.0
    assert out[(1,)].figures[0].mean == 3.0


def test_response_rate() -> None:
    assert response_rate(3, 12) == 0.25
    assert response_rate(0, 0) is None
    assert Tally().n == 0


# ------------------------------------------------------------------------------ coarsening
def test_report_node_cuts_to_the_reporting_depth_and_climbs_small_groups() -> None:
    eligible = {(): 40, (1,): 30, (1, 11): 20, (1, 12): 3, (2,): 4}
    assert report_node((1, 11, 111), depth=1, eligible=eligible) == (1, 11)
    assert report_node((1, 11, 111), depth=0, eligible=eligible) == (1,)
    assert report_node((1, 12), depth=1, eligible=eligible) == (1,)
    assert report_node((2, 21), depth=1, eligible=eligible) == ()
    assert report_node((9,), depth=0, eligible=eligible) == ()  # a unit made after opening


# ------------------------------------------------------------------------------ schedule
@pytest.mark.parametrize(
    ("cadence", "today", "expected"),
    [
        (Cadence.MONTHLY, date(2026, 3, 30), date(2026, 2, 28)),  # short month: its last day
        (Cadence.MONTHLY, date(2026, 3, 31), date(2026, 3, 31)),
        (Cadence.WEEKLY, date(2026, 2, 6), date(2026, 1, 31)),
        (Cadence.BIWEEKLY, date(2026, 2, 13), date(2026, 1, 31)),
        (Cadence.BIWEEKLY, date(2026, 2, 14), date(2026, 2, 14)),
        (Cadence.WEEKLY, date(2026, 1, 30), None),
    ],
)
def test_latest_start(cadence: Cadence, today: date, expected: date | None) -> None:
    assert latest_start(date(2026, 1, 31), cadence, today) == expected


def test_due_start_only_while_the_round_is_open() -> None:
    first = date(2026, 1, 5)
    assert due_start(first, Cadence.BIWEEKLY, 5, date(2026, 1, 9)) == first
    assert due_start(first, Cadence.BIWEEKLY, 5, date(2026, 1, 10)) is None
    assert due_start(first, Cadence.BIWEEKLY, 5, date(2026, 1, 19)) == date(2026, 1, 19)


def test_reminder_on_the_last_day_but_one() -> None:
    start = date(2026, 1, 5)
    assert not reminder_due(start, 5, date(2026, 1, 7))
    assert reminder_due(start, 5, date(2026, 1, 8))
    assert reminder_due(start, 5, date(2026, 1, 9))
    assert not reminder_due(start, 5, date(2026, 1, 10))
    assert reminder_due(start, 1, start)


# ------------------------------------------------------------------------------ answers
QUESTIONS = (
    QuestionSpec("life", QuestionKind.LIKERT),
    QuestionSpec("mode", QuestionKind.CHOICE, ("staggered", "off_site")),
    QuestionSpec("comment", QuestionKind.TEXT, required=False),
)


def test_clean_answers_accepts_the_scale_and_the_options() -> None:
    clean, problems = clean_answers(
        QUESTIONS, {"life": "4", "mode": "off_site", "comment": "  ดี ", "x": "1"}
    )
    assert problems == {}
    assert clean == {"life": "4", "mode": "off_site", "comment": "ดี"}


@pytest.mark.parametrize(
    ("raw", "key", "problem"),
    [
        ({"mode": "off_site"}, "life", Problem.MISSING),
        ({"life": "6", "mode": "off_site"}, "life", Problem.NOT_ON_SCALE),
        ({"life": "3", "mode": "home"}, "mode", Problem.UNKNOWN_OPTION),
        ({"life": "3", "mode": "off_site", "comment": "ก" * 1001}, "comment", Problem.TOO_LONG),
    ],
)
def test_clean_answers_names_the_problem(raw: dict[str, str], key: str, problem: Problem) -> None:
    _clean, problems = clean_answers(QUESTIONS, raw)
    assert problems[key] is problem
