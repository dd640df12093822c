"""Emergency operation: who is switched to off-site work on a day, and by which emergency.

Epidemics, natural disasters and government-wide directives (e.g. working from home to save
energy) switch whole units to off-site work for a period, essential and public-service
positions excepted (Guideline 2565, abnormal situations; DOMAIN.md §9). The head of agency
orders off-site work and may order people back (Off-site regulation 2565).

The switch is an overlay on the stored arrangements, never a rewrite of them, so ending an
emergency brings the normal plans back and past days keep what was in force then. Rules:
- an emergency covers the days from the local date of its start to its end date (inclusive;
  open-ended until ended), for the whole agency or the subtrees of chosen units;
- essential people keep their normal arrangement: the positions and people listed for their
  unit and, unless the unit turns it off, the public-contact positions of a citizen-service
  counter (our reading: "positions serving the public are excepted");
- a recall to the office issued after the emergency was declared wins over it for that day
  (the head may order people back at any time);
- approved leave is not decided here: the evaluator and the rosters put leave first;
- where emergencies overlap, the one that started first (then the lower ID) is the one shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from govflex.core.calendar import BANGKOK
from govflex.core.policy.values import CoverageRule


class EmergencyKind(StrEnum):
    EPIDEMIC = "epidemic"
    FLOOD = "flood"
    FIRE = "fire"
    ENERGY = "energy"  # a government-wide directive, e.g. to save energy
    OTHER = "other"


class Standing(StrEnum):
    """What an emergency means for one person on one day."""

    OFF_SITE = "off_site"  # switched to off-site work
    ESSENTIAL = "essential"  # in scope, keeps the normal arrangement
    RECALLED = "recalled"  # in scope, ordered back on site after the declaration


@dataclass(frozen=True, slots=True)
class EmergencyPeriod:
    """A declared emergency as the rules need it. ``unit_paths`` empty: the whole agency."""

    emergency_id: int
    agency_id: int
    kind: EmergencyKind
    starts_at: datetime  # aware
    end: date | None  # the last day, inclusive; None: until ended
    declared_at: datetime
    unit_paths: tuple[str, ...] = ()
    order_number: str = ""

    def first_day(self, tz: ZoneInfo = BANGKOK) -> date:
        return self.starts_at.astimezone(tz).date()

    def covers_day(self, day: date, tz: ZoneInfo = BANGKOK) -> bool:
        return self.first_day(tz) <= day and (self.end is None or day <= self.end)

    def covers_unit(self, agency_id: int, unit_path: str) -> bool:
        if agency_id != self.agency_id:
            return False
        return not self.unit_paths or any(unit_path.startswith(p) for p in self.unit_paths)


@dataclass(frozen=True, slots=True)
class Essentials:
    """Who keeps the normal arrangement in one unit during an emergency."""

    positions: frozenset[int] = frozenset()
    people: frozenset[int] = frozenset()
    counter_default: bool = True  # public-contact positions of a counter stay as well


@dataclass(frozen=True, slots=True)
class Member:
    """The facts about a person that the decision needs."""

    person_id: int
    agency_id: int
    unit_id: int
    unit_path: str
    position_id: int
    public_contact: bool = False
    counter_unit: bool = False  # the person's unit is a citizen-service counter


@dataclass(frozen=True, slots=True)
class EmergencyDay:
    """The emergency in force for a person on a day and what it means for them."""

    period: EmergencyPeriod
    standing: Standing
    others: tuple[EmergencyPeriod, ...] = ()  # further emergencies covering the same day

    @property
    def off_site(self) -> bool:
        return self.standing is Standing.OFF_SITE


def is_essential(member: Member, essentials: Essentials | None) -> bool:
    """Listed for the unit, or (unless the unit turned the default off) a public-contact
    position at a citizen-service counter."""
    rules = essentials or Essentials()
    if member.position_id in rules.positions or member.person_id in rules.people:
        return True
    return rules.counter_default and member.counter_unit and member.public_contact


def covering(
    periods: Iterable[EmergencyPeriod],
    agency_id: int,
    unit_path: str,
    day: date,
    tz: ZoneInfo = BANGKOK,
) -> list[EmergencyPeriod]:
    """The emergencies covering a unit on a day, the one in charge first (merge rule)."""
    found = [p for p in periods if p.covers_unit(agency_id, unit_path) and p.covers_day(day, tz)]
    return sorted(found, key=lambda p: (p.starts_at, p.emergency_id))


def emergency_day(
    member: Member,
    day: date,
    periods: Iterable[EmergencyPeriod],
    essentials: Essentials | None,
    *,
    recalled_at: datetime | None = None,
    tz: ZoneInfo = BANGKOK,
) -> EmergencyDay | None:
    """None when no emergency covers the person that day; otherwise their standing."""
    found = covering(periods, member.agency_id, member.unit_path, day, tz)
    if not found:
        return None
    first, others = found[0], tuple(found[1:])
    if is_essential(member, essentials):
        return EmergencyDay(first, Standing.ESSENTIAL, others)
    if recalled_at is not None and all(recalled_at >= p.declared_at for p in found):
        return EmergencyDay(first, Standing.RECALLED, others)
    return EmergencyDay(first, Standing.OFF_SITE, others)


def _days_overlap(a: EmergencyPeriod, b: EmergencyPeriod, tz: ZoneInfo) -> bool:
    a_start, b_start = a.first_day(tz), b.first_day(tz)
    a_ends_before = a.end is not None and a.end < b_start
    b_ends_before = b.end is not None and b.end < a_start
    return not (a_ends_before or b_ends_before)


def _scopes_overlap(a: Sequence[str], b: Sequence[str]) -> bool:
    if not a or not b:
        return True  # the whole agency overlaps everything in it
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def conflicts(
    candidate: EmergencyPeriod, existing: Iterable[EmergencyPeriod], tz: ZoneInfo = BANGKOK
) -> list[EmergencyPeriod]:
    """Declared emergencies of the same agency sharing a day and a unit with ``candidate``.

    GovFlex refuses a second emergency over the same units and days: the existing one is
    extended instead, so every day has one emergency in charge with one order behind it.
    """
    return [
        other
        for other in existing
        if other.emergency_id != candidate.emergency_id
        and other.agency_id == candidate.agency_id
        and _days_overlap(candidate, other, tz)
        and _scopes_overlap(candidate.unit_paths, other.unit_paths)
    ]


def emergency_rule(rule: CoverageRule, minimum: int) -> CoverageRule | None:
    """A service point's coverage during an emergency: the emergency minimum replaces each
    window's normal minimum; a minimum of 0 leaves the point without a coverage rule."""
    if minimum <= 0:
        return None
    return replace(rule, windows=tuple(replace(w, minimum_on_site=minimum) for w in rule.windows))


def head_counts(days: Mapping[int, EmergencyDay | None]) -> dict[Standing, int]:
    """How many of the given people stand where (for the dashboard's head-counts)."""
    counts = dict.fromkeys(Standing, 0)
    for found in days.values():
        if found is not None:
            counts[found.standing] += 1
    return counts
