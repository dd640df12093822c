"""The inputs and output of day evaluation: punches, a person's arrangement, the day result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from govflex.core.enums import DayStatus, LeavePart, PlaceType, PunchSource, WorkMode
from govflex.core.messages import Message
from govflex.core.policy.values import TimeWindow


@dataclass(frozen=True, slots=True)
class Punch:
    """One time record: an aware instant (stored in UTC), where it came from, on or off site.

    Punches are facts: corrections are new punches with source ``CORRECTION``, never edits.
    """

    at: datetime
    source: PunchSource = PunchSource.TERMINAL
    on_site: bool = True

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError(f"naive punch time {self.at.isoformat()}: pass an aware instant")


@dataclass(frozen=True, slots=True)
class Arrangement:
    """A person's approved way of working on one date.

    ``slot`` is the mode-1 slot (None: the standard day). An ``OFF_SITE`` person works off site
    unless ``on_site`` is set for a rotation day at the office; modes 1 and 2 are on site by
    definition (Guideline 2565).
    """

    mode: WorkMode
    slot: TimeWindow | None = None
    on_site: bool = True
    place: PlaceType | None = None

    def __post_init__(self) -> None:
        if not self.on_site and self.mode is not WorkMode.OFF_SITE:
            raise ValueError(f"mode {self.mode} is on-site work; use WorkMode.OFF_SITE")

    @classmethod
    def staggered(cls, slot: TimeWindow | None = None) -> Arrangement:
        return cls(WorkMode.STAGGERED, slot)

    @classmethod
    def counted_hours(cls) -> Arrangement:
        return cls(WorkMode.COUNTED_HOURS)

    @classmethod
    def off_site(
        cls, place: PlaceType | None = None, slot: TimeWindow | None = None
    ) -> Arrangement:
        return cls(WorkMode.OFF_SITE, slot, on_site=False, place=place)


class DayResult(NamedTuple):
    """The judgement of one person-day.

    A named tuple rather than a dataclass: it is built millions of times per run and a tuple is
    three times cheaper to create; it is just as immutable.
    ``first_punch``/``last_punch`` are UTC instants after merging duplicates.
    """

    day: date
    status: DayStatus
    worked_minutes: int = 0
    late_minutes: int = 0
    early_minutes: int = 0
    exceptions: tuple[Message, ...] = ()
    punch_count: int = 0
    first_punch: datetime | None = None
    last_punch: datetime | None = None
    mode: WorkMode | None = None
    leave: LeavePart | None = None

    @property
    def exception_codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.exceptions)
