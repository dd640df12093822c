"""Pulse survey rounds and answers: when a round opens and closes, when to remind, and which
answers are acceptable. Pure rules: the caller passes today's date."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from govflex.core.pulse import LIKERT_SCALE

TEXT_MAX: Final = 1000


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


class QuestionKind(StrEnum):
    LIKERT = "likert"  # 1 (lowest) to 5 (highest)
    CHOICE = "choice"  # one of a short list of options
    TEXT = "text"  # free text, always optional


class Problem(StrEnum):
    MISSING = "missing"
    NOT_ON_SCALE = "not_on_scale"
    UNKNOWN_OPTION = "unknown_option"
    TOO_LONG = "too_long"


# A round must close before the next one opens, so it stays open at most one period long.
MAX_OPEN_DAYS: Final = {Cadence.WEEKLY: 7, Cadence.BIWEEKLY: 14, Cadence.MONTHLY: 28}


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    key: str
    kind: QuestionKind
    options: tuple[str, ...] = ()
    required: bool = True


# ------------------------------------------------------------------------------ schedule
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, on the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def round_start(first: date, cadence: Cadence, number: int) -> date:
    """The opening day of round ``number`` (0 = the first round)."""
    if cadence is Cadence.MONTHLY:
        return add_months(first, number)
    step = 7 if cadence is Cadence.WEEKLY else 14
    return first + timedelta(days=step * number)


def latest_start(first: date, cadence: Cadence, today: date) -> date | None:
    """The opening day of the latest scheduled round that has started by ``today``."""
    if today < first:
        return None
    if cadence is Cadence.MONTHLY:
        number = (today.year - first.year) * 12 + today.month - first.month
        while number > 0 and round_start(first, cadence, number) > today:
            number -= 1
        return round_start(first, cadence, number)
    step = 7 if cadence is Cadence.WEEKLY else 14
    return round_start(first, cadence, (today - first).days // step)


def last_day(start: date, open_days: int) -> date:
    """A round opened on ``start`` for ``open_days`` days takes answers up to this day."""
    return start + timedelta(days=max(1, open_days) - 1)


def due_start(first: date, cadence: Cadence, open_days: int, today: date) -> date | None:
    """The opening day of the round that should be open today, if any. Missed rounds in the
    past are not opened late: a pulse is about now."""
    start = latest_start(first, cadence, today)
    if start is None or today > last_day(start, open_days):
        return None
    return start


def reminder_due(start: date, open_days: int, today: date) -> bool:
    """Remind once, on the round's last day but one (or its last day for a one-day round)."""
    end = last_day(start, open_days)
    return max(start, end - timedelta(days=1)) <= today <= end


def open_days_problem(cadence: Cadence, open_days: int) -> bool:
    return not 1 <= open_days <= MAX_OPEN_DAYS[cadence]


# ------------------------------------------------------------------------------ answers
def clean_answers(
    questions: Sequence[QuestionSpec], raw: Mapping[str, object]
) -> tuple[dict[str, str], dict[str, Problem]]:
    """The answers to keep (unknown keys dropped, text trimmed) and the problems per question."""
    clean: dict[str, str] = {}
    problems: dict[str, Problem] = {}
    for question in questions:
        value = raw.get(question.key)
        text = "" if value is None else str(value).strip()
        if not text:
            if question.required and question.kind is not QuestionKind.TEXT:
                problems[question.key] = Problem.MISSING
            continue
        if question.kind is QuestionKind.LIKERT and text not in LIKERT_SCALE:
            problems[question.key] = Problem.NOT_ON_SCALE
        elif question.kind is QuestionKind.CHOICE and text not in question.options:
            problems[question.key] = Problem.UNKNOWN_OPTION
        elif question.kind is QuestionKind.TEXT and len(text) > TEXT_MAX:
            problems[question.key] = Problem.TOO_LONG
        else:
            clean[question.key] = text
    return clean, problems


def counted_keys(questions: Iterable[QuestionSpec]) -> tuple[list[str], dict[str, list[str]]]:
    """The Likert keys and the choice keys with their options, in question order."""
    likert: list[str] = []
    choices: dict[str, list[str]] = {}
    for question in questions:
        if question.kind is QuestionKind.LIKERT:
            likert.append(question.key)
        elif question.kind is QuestionKind.CHOICE:
            choices[question.key] = list(question.options)
    return likert, choices
