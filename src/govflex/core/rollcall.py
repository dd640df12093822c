"""Roll call in an emergency: who is safe, who needs help, who has not answered.

Each person answers with one tap; a later answer replaces an earlier one (history is kept by
the caller). People who have not answered by the escalation time are reported to their
supervisor once (our reading of the head of agency's duty to consider staff safety, Off-site
regulation 2565; DOMAIN.md §9: staff keep their phones on).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum


class Answer(StrEnum):
    SAFE_WORKING = "safe_working"
    SAFE_UNABLE = "safe_unable"
    NEED_HELP = "need_help"


NO_ANSWER = "no_answer"
# The board lists the people who need attention first: help asked for, then silence.
URGENCY = {
    Answer.NEED_HELP.value: 0,
    NO_ANSWER: 1,
    Answer.SAFE_UNABLE.value: 2,
    Answer.SAFE_WORKING.value: 3,
}


@dataclass(frozen=True, slots=True)
class Reply:
    """One person's latest state in a roll call."""

    person_id: int
    unit_id: int
    answer: Answer | None
    escalated: bool = False


@dataclass(slots=True)
class Tally:
    """Counts per answer (and of people without one) for one unit, or for everyone."""

    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {a.value: 0 for a in Answer})
    no_answer: int = 0

    def add(self, reply: Reply) -> None:
        self.total += 1
        if reply.answer is None:
            self.no_answer += 1
        else:
            self.counts[reply.answer.value] += 1

    @property
    def answered(self) -> int:
        return self.total - self.no_answer


def tally(replies: Iterable[Reply]) -> tuple[Tally, dict[int, Tally]]:
    """The overall tally and one per unit."""
    overall = Tally()
    per_unit: dict[int, Tally] = {}
    for reply in replies:
        overall.add(reply)
        per_unit.setdefault(reply.unit_id, Tally()).add(reply)
    return overall, per_unit


def escalation_due(started_at: datetime, after_minutes: int, now: datetime) -> bool:
    return now >= started_at + timedelta(minutes=after_minutes)


def to_escalate(replies: Iterable[Reply]) -> list[Reply]:
    """Non-responders not yet reported: reporting twice would only be noise."""
    return [r for r in replies if r.answer is None and not r.escalated]


def urgency(answer: str | None) -> int:
    return URGENCY[answer or NO_ANSWER]
