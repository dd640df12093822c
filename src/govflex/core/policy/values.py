"""Work-mode policy values: what an agency decided, as frozen, effective-dated data.

Every number here is a default an agency can change (DOMAIN.md: "nothing is hard-coded"). The
source of each default is cited next to it; "our reading" marks values no source fixes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Final

from govflex.core.enums import CountingMethod, PlaceType, PositionType, WorkMode

MINUTES_PER_DAY: Final = 1440


def clock(text: str) -> time:
    """``"08:30"`` -> ``time(8, 30)``."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def minute_of_day(value: time) -> int:
    return value.hour * 60 + value.minute


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A span of local wall-clock time on one day.

    ``overnight`` windows end on the next day (a night slot 20:00–08:00, or 00:00–00:00 for a
    whole day); otherwise the end must come after the start. ``start_minute``/``end_minute`` are
    minutes from local midnight of the day the window starts (end up to 2880 when overnight),
    computed once so the evaluator does no time arithmetic per person-day.
    """

    start: time
    end: time
    overnight: bool = False
    start_minute: int = field(init=False, repr=False, compare=False)
    end_minute: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        start = minute_of_day(self.start)
        end = minute_of_day(self.end) + (MINUTES_PER_DAY if self.overnight else 0)
        object.__setattr__(self, "start_minute", start)
        object.__setattr__(self, "end_minute", end)

    @classmethod
    def of(cls, start: str, end: str, *, overnight: bool = False) -> TimeWindow:
        """``TimeWindow.of("08:30", "16:30")``."""
        return cls(clock(start), clock(end), overnight)

    @property
    def minutes(self) -> int:
        return self.end_minute - self.start_minute

    @property
    def is_valid(self) -> bool:
        """Non-overnight: end after start; overnight: ends next day no later than its start."""
        if self.overnight:
            return minute_of_day(self.end) <= minute_of_day(self.start)
        return self.end_minute > self.start_minute

    def contains(self, other: TimeWindow) -> bool:
        return self.start_minute <= other.start_minute and other.end_minute <= self.end_minute

    def label(self) -> str:
        suffix = "+1" if self.overnight else ""
        return f"{self.start:%H:%M}-{self.end:%H:%M}{suffix}"


TimeSlot = TimeWindow
"""A mode-1 working slot is a time window (DESIGN.md calls it ``TimeSlot``)."""


@dataclass(frozen=True, slots=True)
class StandardDay:
    """Working-time notice: 08:30–16:30, lunch 12:00–13:00 (issue not confirmed; configurable)."""

    hours: TimeWindow = TimeWindow(time(8, 30), time(16, 30))
    lunch: TimeWindow = TimeWindow(time(12), time(13))

    @property
    def elapsed_minutes(self) -> int:
        """Length counting the lunch hour (480 by default)."""
        return self.hours.minutes

    @property
    def net_minutes(self) -> int:
        """Length without the lunch hour (420 by default)."""
        return self.hours.minutes - self.lunch.minutes


GUIDELINE_SLOTS: Final = (
    TimeWindow(time(7, 30), time(15, 30)),
    TimeWindow(time(8), time(16)),
    TimeWindow(time(8, 30), time(16, 30)),
    TimeWindow(time(9, 30), time(17, 30)),
)
"""Guideline 2565 example slots for mode 1 (a non-exhaustive list: "เป็นต้น")."""


@dataclass(frozen=True, slots=True)
class StaggeredRules:
    """Mode 1 (Guideline 2565): fixed slots; late/early judged at minute resolution with grace.

    Grace defaults to 0 minutes (our reading, configurable).
    """

    slots: tuple[TimeWindow, ...] = GUIDELINE_SLOTS
    late_grace_minutes: int = 0
    early_grace_minutes: int = 0


@dataclass(frozen=True, slots=True)
class CarryOver:
    """Mode 2 balance carried to the next period (our reading: off by default; caps when on)."""

    enabled: bool = False
    credit_cap_minutes: int = 240
    debit_cap_minutes: int = 240


@dataclass(frozen=True, slots=True)
class CountedHoursRules:
    """Mode 2 (Guideline 2565: at least 40 hours a week); other values are our reading.

    The default counts elapsed time first-to-last punch within the bandwidth, so a standard
    08:30–16:30 week reaches 40 h; ``CountingMethod.NET`` subtracts lunch (a 35-hour week).
    Periods are ``period_weeks`` weeks long, Monday to Sunday, counted from ``period_anchor``
    (a Monday).
    """

    weekly_minimum_minutes: int = 40 * 60
    counting: CountingMethod = CountingMethod.ELAPSED
    bandwidth: TimeWindow = TimeWindow(time(6), time(20))
    core_hours: TimeWindow | None = None
    daily_minimum_minutes: int | None = None
    period_weeks: int = 1
    period_anchor: date = date(2001, 1, 1)
    carry_over: CarryOver = CarryOver()


ALL_PLACES: Final = frozenset(PlaceType)


@dataclass(frozen=True, slots=True)
class OffSiteRules:
    """Mode 3 (Off-site regulation 2565): allowed places, plan and report, reachability.

    The quota (2 days a person a week) and the unit share (at most 50% off-site on a day) are
    our reading of the regulation's intent (DOMAIN.md §4), configurable.
    """

    weekly_quota_days: int = 2
    unit_max_share: float = 0.5
    allowed_places: frozenset[PlaceType] = ALL_PLACES
    plan_and_report_required: bool = True
    check_in_required: bool = True


WEEKDAYS: Final = frozenset(range(7))


@dataclass(frozen=True, slots=True)
class ServiceWindow:
    """Minimum people on site during part of a service point's published hours.

    ``weekdays`` are 0 (Monday) – 6 (Sunday); an overnight window (or 00:00–00:00 overnight,
    a whole day) belongs to the weekday it starts on. Windows do not apply on the unit's
    non-working days unless ``on_non_working_days`` (24/7 and extended-hours services).
    """

    hours: TimeWindow
    minimum_on_site: int = 1
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    on_non_working_days: bool = False


@dataclass(frozen=True, slots=True)
class CoverageRule:
    """Guideline 2565: service to the public must not suffer; coverage wins (DOMAIN.md §5)."""

    service_point_id: str
    name: str
    windows: tuple[ServiceWindow, ...]


@dataclass(frozen=True, slots=True)
class PositionModes:
    """Which modes suit a position type: recommended, or allowed with conditions (DOMAIN.md §5)."""

    position_type: PositionType
    recommended: frozenset[WorkMode]
    conditional: frozenset[WorkMode] = frozenset()

    @property
    def allowed(self) -> frozenset[WorkMode]:
        return self.recommended | self.conditional


_S, _C, _O = WorkMode.STAGGERED, WorkMode.COUNTED_HOURS, WorkMode.OFF_SITE

DEFAULT_POSITION_MODES: Final = (
    # Our reading of the Guideline's suitability criteria (the manual's table was unavailable).
    PositionModes(PositionType.PUBLIC_CONTACT, frozenset({_S}), frozenset({_C, _O})),
    PositionModes(PositionType.SUPPORT, frozenset({_S, _C, _O})),
    PositionModes(PositionType.STUDY_ANALYSIS_RESEARCH, frozenset({_C, _O}), frozenset({_S})),
    PositionModes(PositionType.AREA_FIELD_WORK, frozenset({_S}), frozenset({_C})),
    PositionModes(PositionType.SUPERVISION_COMMAND, frozenset({_S, _C}), frozenset({_O})),
)


@dataclass(frozen=True, slots=True)
class PunchRules:
    """How punches are read (our reading, configurable).

    Punches within ``merge_seconds`` of the punch kept before them are one punch (a double tap).
    An overnight slot's working window opens ``overnight_margin_before_minutes`` before the slot
    starts and closes ``overnight_margin_after_minutes`` after it ends the next morning.
    """

    merge_seconds: int = 60
    overnight_margin_before_minutes: int = 240
    overnight_margin_after_minutes: int = 240


@dataclass(frozen=True, slots=True)
class Policy:
    """One effective-dated version of an agency's work-mode policy (DESIGN.md data rules)."""

    effective_from: date
    standard_day: StandardDay = StandardDay()
    staggered: StaggeredRules = StaggeredRules()
    counted_hours: CountedHoursRules = CountedHoursRules()
    off_site: OffSiteRules = OffSiteRules()
    coverage: tuple[CoverageRule, ...] = ()
    position_modes: tuple[PositionModes, ...] = DEFAULT_POSITION_MODES
    punches: PunchRules = PunchRules()
    name: str = ""

    def modes_for(self, position_type: PositionType) -> PositionModes:
        for entry in self.position_modes:
            if entry.position_type == position_type:
                return entry
        return PositionModes(position_type, frozenset())

    def coverage_for(self, service_point_id: str) -> CoverageRule | None:
        for rule in self.coverage:
            if rule.service_point_id == service_point_id:
                return rule
        return None

    def standard_day_minutes(self) -> int:
        """Length of a day for mode-2 requirement reductions (DOMAIN.md §4): 8 h, or 7 h net.

        Paired counting follows elapsed time (an 08:30–16:30 pair is 8 h): our reading.
        """
        if self.counted_hours.counting is CountingMethod.NET:
            return self.standard_day.net_minutes
        return self.standard_day.elapsed_minutes


def default_policy(effective_from: date, *, name: str = "") -> Policy:
    """The shipped defaults (DOMAIN.md §3–§5)."""
    return Policy(effective_from=effective_from, name=name)


def policy_in_force(versions: Iterable[Policy], day: date) -> Policy | None:
    """The version with the latest ``effective_from`` on or before ``day`` (None before any)."""
    best: Policy | None = None
    for version in versions:
        if version.effective_from <= day and (
            best is None or version.effective_from > best.effective_from
        ):
            best = version
    return best


@dataclass(frozen=True)
class PolicyHistory:
    """Policy versions ordered by ``effective_from`` for fast look-ups by day."""

    versions: tuple[Policy, ...]
    _starts: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.versions, key=lambda version: version.effective_from))
        starts = tuple(version.effective_from for version in ordered)
        if len(set(starts)) != len(starts):
            raise ValueError("two policy versions take effect on the same day")
        object.__setattr__(self, "versions", ordered)
        object.__setattr__(self, "_starts", starts)

    def in_force(self, day: date) -> Policy | None:
        index = bisect_right(self._starts, day)
        return self.versions[index - 1] if index else None
