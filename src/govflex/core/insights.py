"""Monitoring figures: additive daily counts per unit, the indicators read from them, and the
before/after comparison used to evaluate a policy change.

Guideline 2565 asks agencies to follow and evaluate the effect of the new ways of working on
performance, service and quality of life. Every indicator here is a ratio of sums, so a unit's,
an agency's or a whole country's figure is computed the same way from the daily counts, never
by averaging averages.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

MODES = ("standard", "staggered", "counted_hours", "off_site")


@dataclass
class Counts:
    """Person-days and events of one unit (or any group) on one day (or any period)."""

    people: int = 0  # person-days with a day result
    working: int = 0  # person-days that had to meet the attendance rules
    compliant: int = 0
    late: int = 0
    absent: int = 0
    leave: int = 0
    not_yet: int = 0  # today: not checked in yet, the working window still open
    with_exceptions: int = 0
    mode_standard: int = 0
    mode_staggered: int = 0
    mode_counted_hours: int = 0
    mode_off_site: int = 0
    reports_filed: int = 0
    items_completed: int = 0
    items_on_time: int = 0
    contact_checks: int = 0
    contact_answered: int = 0
    response_seconds: int = 0  # sum over answered checks

    def add(self, other: Counts) -> Counts:
        for name in _NAMES:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def minus(self, other: Counts) -> Counts:
        return Counts(
            **{f.name: getattr(self, f.name) - getattr(other, f.name) for f in fields(self)}
        )

    @classmethod
    def of(cls, values: Mapping[str, int | None]) -> Counts:
        return cls(**{name: int(values.get(name) or 0) for name in _NAMES})

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in _NAMES}

    def mode_days(self, mode: str) -> int:
        return int(getattr(self, f"mode_{mode}"))


_NAMES = tuple(f.name for f in fields(Counts))


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Indicators:
    """What the dashboards show, read from counts."""

    people: int
    compliance: float | None
    late_rate: float | None
    absence_rate: float | None
    off_site_share: float | None
    mode_mix: dict[str, float | None]
    report_completeness: float | None
    on_time_share: float | None
    items_completed: int
    answered_share: float | None
    mean_response_minutes: float | None
    exceptions: int

    @classmethod
    def of(cls, counts: Counts) -> Indicators:
        in_mode = sum(counts.mode_days(m) for m in MODES)
        return cls(
            people=counts.people,
            mode_mix={m: ratio(counts.mode_days(m), in_mode) for m in MODES},
            items_completed=counts.items_completed,
            exceptions=counts.with_exceptions,
            **indicator_values(counts),
        )


def indicator_values(c: Counts) -> dict[str, float | None]:
    """The :data:`INDICATORS` of ``c`` (what :class:`Indicators` holds, without the mode mix:
    the evaluation reads thousands of units)."""
    in_mode = c.mode_standard + c.mode_staggered + c.mode_counted_hours + c.mode_off_site
    return {
        "compliance": ratio(c.compliant, c.working),
        "late_rate": ratio(c.late, c.working),
        "absence_rate": ratio(c.absent, c.working),
        "off_site_share": ratio(c.mode_off_site, in_mode),
        "report_completeness": (
            min(1.0, c.reports_filed / c.mode_off_site) if c.mode_off_site else None
        ),
        "on_time_share": ratio(c.items_on_time, c.items_completed),
        "answered_share": ratio(c.contact_answered, c.contact_checks),
        "mean_response_minutes": (
            c.response_seconds / c.contact_answered / 60 if c.contact_answered else None
        ),
    }


INDICATORS = (
    "compliance",
    "late_rate",
    "absence_rate",
    "off_site_share",
    "report_completeness",
    "on_time_share",
    "answered_share",
    "mean_response_minutes",
)


# ------------------------------------------------------------------ policy evaluation


@dataclass(frozen=True)
class Estimate:
    """A difference-in-differences estimate for one indicator."""

    indicator: str
    treated_before: float | None
    treated_after: float | None
    control_before: float | None
    control_after: float | None
    effect: float | None  # (treated after - before) - (control after - before)
    low: float | None  # 95% confidence interval, when the data allow one
    high: float | None
    treated_units: int
    control_units: int

    @property
    def conclusive(self) -> bool:
        """The interval excludes zero."""
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)


# Two-sided 95% quantiles of Student's t by degrees of freedom (beyond 30: the normal 1.96).
_T95 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
    17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064,
    25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042,
}  # fmt: skip


def t95(degrees: int) -> float:
    return _T95.get(degrees, 1.96) if degrees >= 1 else math.inf


@dataclass(frozen=True)
class UnitPeriods:
    """One unit's counts before and after the change."""

    before: Counts
    after: Counts


@dataclass(frozen=True)
class _Read:
    """The indicators of every unit before and after, read once for all indicators."""

    before: list[dict[str, float | None]]
    after: list[dict[str, float | None]]
    pooled_before: dict[str, float | None]
    pooled_after: dict[str, float | None]

    @classmethod
    def of(cls, units: Sequence[UnitPeriods]) -> _Read:
        before, after = Counts(), Counts()
        for unit in units:
            before.add(unit.before)
            after.add(unit.after)
        return cls(
            [indicator_values(u.before) for u in units],
            [indicator_values(u.after) for u in units],
            indicator_values(before),
            indicator_values(after),
        )

    def changes(self, indicator: str) -> list[float]:
        out = []
        for then, now in zip(self.before, self.after, strict=True):
            b, a = then[indicator], now[indicator]
            if b is not None and a is not None:
                out.append(a - b)
        return out


def _pooled(read: _Read, indicator: str) -> tuple[float | None, float | None]:
    return read.pooled_before[indicator], read.pooled_after[indicator]


def diff_in_diff(
    indicator: str, treated: Sequence[UnitPeriods], control: Sequence[UnitPeriods]
) -> Estimate:
    """The change in the units the policy affected minus the change in comparable units it did
    not affect (units are the observations). The interval uses Welch's standard error with a
    conservative t quantile (the smaller group's degrees of freedom); with fewer than two units
    with data on either side there is no interval."""
    return diff_in_diffs((indicator,), treated, control)[0]


def diff_in_diffs(
    indicators: Sequence[str], treated: Sequence[UnitPeriods], control: Sequence[UnitPeriods]
) -> list[Estimate]:
    """:func:`diff_in_diff` for several indicators, reading each unit's figures once."""
    t_read, c_read = _Read.of(treated), _Read.of(control)
    return [_estimate(name, t_read, c_read) for name in indicators]


def _estimate(indicator: str, treated: _Read, control: _Read) -> Estimate:
    tb, ta = _pooled(treated, indicator)
    cb, ca = _pooled(control, indicator)
    effect = None
    if tb is not None and ta is not None and cb is not None and ca is not None:
        effect = (ta - tb) - (ca - cb)
    low = high = None
    dt_, dc = treated.changes(indicator), control.changes(indicator)
    if effect is not None and len(dt_) >= 2 and len(dc) >= 2:  # a variance needs two
        se = math.sqrt(statistics.variance(dt_) / len(dt_) + statistics.variance(dc) / len(dc))
        margin = t95(min(len(dt_), len(dc)) - 1) * se
        low, high = effect - margin, effect + margin
    return Estimate(
        indicator=indicator,
        treated_before=tb,
        treated_after=ta,
        control_before=cb,
        control_after=ca,
        effect=effect,
        low=low,
        high=high,
        treated_units=len(dt_),
        control_units=len(dc),
    )


# ------------------------------------------------------------------ national view


@dataclass
class AgencyDay:
    """One agency's figures for one day, as the central view needs them."""

    agency: str
    staff: int  # people expected to work (with a day result)
    modes: dict[str, int] = field(default_factory=dict)  # person-days per mode
    compliant: int = 0
    working: int = 0


@dataclass(frozen=True)
class NationalDay:
    agencies_total: int
    agencies_reporting: int
    agencies_using: dict[str, int]
    staff: int
    staff_share: dict[str, float | None]
    agencies_half_off_site: int
    compliance: float | None

    @property
    def reporting_share(self) -> float | None:
        return ratio(self.agencies_reporting, self.agencies_total)


HALF = 0.5  # the OCSC's reports counted agencies with at least half of their staff off site


def national_day(agencies_total: int, reports: Sequence[AgencyDay]) -> NationalDay:
    staff = sum(r.staff for r in reports)
    in_mode = {m: sum(r.modes.get(m, 0) for r in reports) for m in MODES}
    return NationalDay(
        agencies_total=agencies_total,
        agencies_reporting=len(reports),
        agencies_using={m: sum(1 for r in reports if r.modes.get(m, 0) > 0) for m in MODES},
        staff=staff,
        staff_share={m: ratio(in_mode[m], staff) for m in MODES},
        agencies_half_off_site=sum(
            1 for r in reports if r.staff and r.modes.get("off_site", 0) / r.staff >= HALF
        ),
        compliance=ratio(sum(r.compliant for r in reports), sum(r.working for r in reports)),
    )
