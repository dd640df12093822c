"""The Thai government work calendar, fiscal years and Bangkok local time.

Rules and sources (see docs/domain/calendar.md):

- Working days are Monday–Friday (Working-time notice) minus public holidays, minus holidays the
  agency declares (the Cabinet announces special holidays at short notice), plus per-unit
  "stays open" days: the Cabinet's special-holiday resolutions leave citizen-service units to their
  head's decision (DOMAIN.md §3).
- Public holidays come from the ``holidays`` package's Thailand calendar, which includes the
  lunar Buddhist holidays, substitution days and Cabinet bridge holidays. We take its ``public``
  and ``government`` categories (the latter holds the Royal Ploughing Ceremony, a holiday for
  government offices only) — our reading, configurable by passing another provider.
- The fiscal year runs 1 October – 30 September and is named by the Buddhist-Era year in which it
  ends (FY 2569 = 1 Oct 2025 – 30 Sep 2026). Civil-service performance is evaluated in two halves:
  1 October – 31 March and 1 April – 30 September.
- Instants are stored in UTC and judged in Asia/Bangkok local time (no daylight saving).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo

import holidays

from govflex.core.thaidate import be_year, to_thai_digits

BANGKOK: Final = ZoneInfo("Asia/Bangkok")
ONE_DAY: Final = timedelta(days=1)
MONDAY_TO_FRIDAY: Final = frozenset({0, 1, 2, 3, 4})
DEFAULT_HOLIDAY_CATEGORIES: Final = ("public", "government")

HolidayNames = Mapping[date, tuple[str, str]]
"""Holidays of one year: date -> (Thai name, English name)."""

HolidayProvider = Callable[[int], HolidayNames]
"""A function giving the public holidays of one Gregorian year."""


class HolidayKind(StrEnum):
    PUBLIC = "public"  # from the national calendar
    SPECIAL = "special"  # declared by the agency (e.g. a Cabinet special holiday)


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    th: str
    en: str
    kind: HolidayKind

    def name(self, lang: str = "th") -> str:
        return self.th if lang == "th" else self.en


@lru_cache(maxsize=256)
def thai_public_holidays(
    year: int, categories: tuple[str, ...] = DEFAULT_HOLIDAY_CATEGORIES
) -> HolidayNames:
    """Thailand's public holidays of ``year`` in Thai and English (``holidays`` package).

    Cached per year: the package computes lunar dates, and evaluation asks millions of times.
    """
    thai = holidays.country_holidays("TH", years=year, categories=categories, language="th")
    english = holidays.country_holidays("TH", years=year, categories=categories, language="en_US")
    return {day: (str(name), str(english.get(day, name))) for day, name in thai.items()}


@dataclass(frozen=True, slots=True)
class DateRange:
    """Dates from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"date range ends before it starts: {self.start} – {self.end}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __len__(self) -> int:
        return (self.end - self.start).days + 1

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += ONE_DAY


@dataclass(frozen=True)
class WorkCalendar:
    """Which dates are working days for one unit.

    Build one per agency (special holidays) and derive unit calendars with
    ``dataclasses.replace(calendar, stays_open=...)``; the national holidays are cached per
    year across calendars, and each calendar caches its own answers per date.
    """

    special_holidays: Mapping[date, str] = field(default_factory=dict)
    stays_open: frozenset[date] = frozenset()
    working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    public_holidays: HolidayProvider = thai_public_holidays
    _working: dict[date, bool] = field(default_factory=dict, init=False, repr=False, compare=False)
    _years: dict[int, HolidayNames] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # A private copy: a caller mutating its dict later must not change a frozen value.
        object.__setattr__(self, "special_holidays", dict(self.special_holidays))

    def __hash__(self) -> int:
        # Hashable although it holds a dict, so evaluators can be cached per calendar.
        return hash(
            (
                frozenset(self.special_holidays.items()),
                self.stays_open,
                self.working_weekdays,
                self.public_holidays,
            )
        )

    def _public(self, year: int) -> HolidayNames:
        names = self._years.get(year)
        if names is None:
            names = self._years[year] = self.public_holidays(year)
        return names

    def is_working_day(self, day: date) -> bool:
        """Working-time notice: working weekdays minus holidays; a "stays open" day always works."""
        cached = self._working.get(day)
        if cached is None:
            cached = day in self.stays_open or (
                day.weekday() in self.working_weekdays
                and day not in self.special_holidays
                and day not in self._public(day.year)
            )
            self._working[day] = cached
        return cached

    def holiday(self, day: date) -> Holiday | None:
        """The holiday on ``day`` (an agency-declared one first), even on a weekend or open day."""
        special = self.special_holidays.get(day)
        if special is not None:
            return Holiday(day, special, special, HolidayKind.SPECIAL)
        names = self._public(day.year).get(day)
        if names is not None:
            return Holiday(day, names[0], names[1], HolidayKind.PUBLIC)
        return None

    def holiday_name(self, day: date, lang: str = "th") -> str | None:
        found = self.holiday(day)
        return None if found is None else found.name(lang)

    def working_days(self, start: date, end: date) -> Iterator[date]:
        """Working days from ``start`` to ``end``, both included."""
        return (day for day in DateRange(start, end).days() if self.is_working_day(day))

    def count_working_days(self, start: date, end: date) -> int:
        return sum(1 for _ in self.working_days(start, end))

    def holidays_between(self, start: date, end: date) -> list[Holiday]:
        """Holidays from ``start`` to ``end`` (including those on weekends), in date order."""
        found = (self.holiday(day) for day in DateRange(start, end).days())
        return [item for item in found if item is not None]


# ---------------------------------------------------------------- fiscal year and halves


def fiscal_year_of(day: date) -> int:
    """The Buddhist-Era fiscal year containing ``day`` (it ends 30 Sep of that BE year)."""
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_range(fiscal_year: int) -> DateRange:
    """1 October – 30 September of the fiscal year named by its ending BE year."""
    end_year = fiscal_year - 543
    return DateRange(date(end_year - 1, 10, 1), date(end_year, 9, 30))


def fiscal_year_label(fiscal_year: int, *, lang: str = "th", thai_digits: bool = False) -> str:
    if lang != "th":
        return f"Fiscal year B.E. {fiscal_year}"
    text = f"ปีงบประมาณ พ.ศ. {fiscal_year}"
    return to_thai_digits(text) if thai_digits else text


@dataclass(frozen=True, slots=True)
class EvaluationHalf:
    """One of the two civil-service evaluation rounds of a fiscal year (half 1 or 2)."""

    fiscal_year: int
    half: int

    @property
    def range(self) -> DateRange:
        return evaluation_half_range(self.fiscal_year, self.half)


def evaluation_half_of(day: date) -> EvaluationHalf:
    """Half 1 is 1 Oct – 31 Mar, half 2 is 1 Apr – 30 Sep."""
    half = 1 if day.month >= 10 or day.month <= 3 else 2
    return EvaluationHalf(fiscal_year_of(day), half)


def evaluation_half_range(fiscal_year: int, half: int) -> DateRange:
    year = fiscal_year_range(fiscal_year)
    if half == 1:
        return DateRange(year.start, date(year.end.year, 3, 31))
    if half == 2:
        return DateRange(date(year.end.year, 4, 1), year.end)
    raise ValueError(f"half must be 1 or 2, not {half}")


def week_start(day: date) -> date:
    """The Monday of the week containing ``day``."""
    return day - timedelta(days=day.weekday())


# ---------------------------------------------------------------- local time


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant.isoformat()}: pass an aware instant (UTC)")


def to_local(instant: datetime, tz: ZoneInfo = BANGKOK) -> datetime:
    """The instant as local wall-clock time (Asia/Bangkok by default)."""
    _require_aware(instant)
    return instant.astimezone(tz)


def local_date(instant: datetime, tz: ZoneInfo = BANGKOK) -> date:
    return to_local(instant, tz).date()


def local_instant(day: date, clock: time, tz: ZoneInfo = BANGKOK) -> datetime:
    """The UTC instant of local ``clock`` time on ``day``."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def local_day_bounds(day: date, tz: ZoneInfo = BANGKOK) -> tuple[datetime, datetime]:
    """UTC instants of local midnight starting ``day`` and the next midnight (end excluded)."""
    return local_instant(day, time(0), tz), local_instant(day + ONE_DAY, time(0), tz)
