"""Mode 2 periods: counted hours against the weekly requirement, carry-over, an hours ledger.

Rules (see docs/domain/counted-hours-ledger.md):

- Guideline 2565: a mode-2 person works at least the weekly minimum (40 h by default). The
  accounting period is ``period_weeks`` weeks, Monday to Sunday, counted from the policy's
  ``period_anchor`` (our reading, configurable); the requirement is weeks × weekly minimum.
- Holidays on the person's working weekdays, full-day leave, official travel and reported
  off-site days each take one standard day off the requirement: 8 h under elapsed counting,
  7 h under net counting (DOMAIN.md §4); half-day leave takes half. The requirement never goes
  below zero.
- Balance = counted − required + carried in. With carry-over off, nothing moves to the next
  period. With it on (our reading), a surplus up to the credit cap is carried (the rest is
  forfeited) and a deficit up to the debit cap is carried (the rest is a shortfall). A period is
  compliant when its balance is not negative.
- The ledger is a log of day entries and period closes. A later entry for a day supersedes the
  earlier one until its period closes; a closed period is final unless the ledger is rebuilt
  from scratch with :func:`replay_ledger`, which gives the same closes as posting incrementally.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from govflex.core.calendar import MONDAY_TO_FRIDAY, DateRange
from govflex.core.enums import DayStatus, LeavePart
from govflex.core.policy.values import CountedHoursRules, Policy
from govflex.core.records import DayResult

_CREDITED: Final = frozenset(
    {DayStatus.ON_LEAVE, DayStatus.OFFICIAL_TRAVEL, DayStatus.OFF_SITE_REPORTED}
)
_NOT_COUNTED: Final = _CREDITED | {DayStatus.OFF_SITE_REPORT_MISSING}
_OFF_DAYS: Final = frozenset({DayStatus.HOLIDAY, DayStatus.WORKED_NON_WORKING_DAY})


class ClosedPeriodError(ValueError):
    """An entry for a day whose period is already closed (rebuild the ledger to correct it)."""


@dataclass(frozen=True, slots=True)
class DayEntry:
    """One day in the ledger: minutes counted and minutes taken off the period requirement."""

    day: date
    counted_minutes: int
    reduction_minutes: int = 0
    status: DayStatus | None = None


@dataclass(frozen=True, slots=True)
class PeriodClose:
    """The settled result of one accounting period (all values in minutes; carry is signed)."""

    period: DateRange
    required_minutes: int
    counted_minutes: int
    carried_in_minutes: int
    balance_minutes: int
    carried_out_minutes: int
    forfeited_minutes: int
    shortfall_minutes: int

    @property
    def compliant(self) -> bool:
        """The requirement (after carry-in) was met."""
        return self.balance_minutes >= 0


LedgerEntry = DayEntry | PeriodClose


def period_of(day: date, rules: CountedHoursRules) -> DateRange:
    """The accounting period containing ``day``: ``period_weeks`` weeks from the anchor Monday."""
    length = 7 * rules.period_weeks
    index = (day - rules.period_anchor).days // length
    start = rules.period_anchor + timedelta(days=index * length)
    return DateRange(start, start + timedelta(days=length - 1))


def day_entry(
    result: DayResult, *, policy: Policy, working_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
) -> DayEntry:
    """The ledger entry for a day result (DOMAIN.md §4 reductions).

    ``working_weekdays`` are the person's normal days: only a holiday on one of them reduces the
    requirement (a holiday on a Saturday does not).
    """
    full = policy.standard_day_minutes()
    status = result.status
    if status in _OFF_DAYS:
        reduction = full if result.day.weekday() in working_weekdays else 0
    elif status in _CREDITED:
        reduction = full
    elif result.leave in {LeavePart.MORNING, LeavePart.AFTERNOON}:
        reduction = full // 2
    else:
        reduction = 0
    counted = 0 if status in _NOT_COUNTED else result.worked_minutes
    return DayEntry(result.day, counted, reduction, status)


def close_period(
    period: DateRange, days: Iterable[DayEntry], *, rules: CountedHoursRules, carried_in: int = 0
) -> PeriodClose:
    """Settle one period from its day entries (entries outside the period are ignored)."""
    counted = reduction = 0
    for entry in days:
        if entry.day in period:
            counted += entry.counted_minutes
            reduction += entry.reduction_minutes
    weeks = len(period) // 7
    required = max(0, weeks * rules.weekly_minimum_minutes - reduction)
    balance = counted - required + carried_in
    carry = rules.carry_over
    carried_out = forfeited = shortfall = 0
    if balance >= 0:
        carried_out = min(balance, carry.credit_cap_minutes) if carry.enabled else 0
        forfeited = balance - carried_out
    else:
        debit = min(-balance, carry.debit_cap_minutes) if carry.enabled else 0
        carried_out = -debit
        shortfall = -balance - debit
    return PeriodClose(
        period=period,
        required_minutes=required,
        counted_minutes=counted,
        carried_in_minutes=carried_in,
        balance_minutes=balance,
        carried_out_minutes=carried_out,
        forfeited_minutes=forfeited,
        shortfall_minutes=shortfall,
    )


@dataclass(frozen=True)
class HoursLedger:
    """One person's mode-2 hours: an append-only log, each change giving a new ledger."""

    rules: CountedHoursRules
    entries: tuple[LedgerEntry, ...] = ()
    opening_minutes: int = 0

    @property
    def closes(self) -> tuple[PeriodClose, ...]:
        return tuple(entry for entry in self.entries if isinstance(entry, PeriodClose))

    def days(self) -> dict[date, DayEntry]:
        """The latest entry per day, in date order."""
        latest = {entry.day: entry for entry in self.entries if isinstance(entry, DayEntry)}
        return dict(sorted(latest.items()))

    def _last_close(self) -> PeriodClose | None:
        for entry in reversed(self.entries):
            if isinstance(entry, PeriodClose):
                return entry
        return None

    @property
    def carried(self) -> int:
        """The balance carried into the open period."""
        last = self._last_close()
        return self.opening_minutes if last is None else last.carried_out_minutes

    def post(self, entry: DayEntry) -> HoursLedger:
        """Record a day (superseding an earlier entry for it); refused once its period closed."""
        last = self._last_close()
        if last is not None and entry.day <= last.period.end:
            raise ClosedPeriodError(f"{entry.day} is in a closed period ({last.period.end})")
        return HoursLedger(self.rules, (*self.entries, entry), self.opening_minutes)

    def amend(self, entry: DayEntry) -> HoursLedger:
        """Record a correction for any day, even in a closed period, and rebuild the closes."""
        return replay_ledger(HoursLedger(self.rules, (*self.entries, entry), self.opening_minutes))

    def next_period(self) -> DateRange | None:
        """The first open period: after the last close, else the one holding the earliest day."""
        last = self._last_close()
        if last is not None:
            return period_of(last.period.end + timedelta(days=1), self.rules)
        days = self.days()
        return period_of(next(iter(days)), self.rules) if days else None

    def preview(self) -> PeriodClose | None:
        """What the next period would close at with the days posted so far."""
        period = self.next_period()
        if period is None:
            return None
        return close_period(period, self.days().values(), rules=self.rules, carried_in=self.carried)

    def close(self) -> HoursLedger:
        """Settle the next open period and carry its balance on."""
        settled = self.preview()
        if settled is None:
            raise ValueError("nothing to close: no day has been posted")
        return HoursLedger(self.rules, (*self.entries, settled), self.opening_minutes)

    def close_through(self, day: date) -> HoursLedger:
        """Settle every open period that ends on or before ``day``."""
        ledger = self
        period = ledger.next_period()
        while period is not None and period.end <= day:
            ledger = ledger.close()
            period = ledger.next_period()
        return ledger


def build_ledger(
    rules: CountedHoursRules,
    days: Iterable[DayEntry],
    *,
    through: date,
    opening_minutes: int = 0,
) -> HoursLedger:
    """A ledger from scratch: post the days in date order and close the periods up to ``through``.

    Periods are settled one after the other from the earliest day's period; a closed period's
    days are posted before it closes.
    """
    ledger = HoursLedger(rules, (), opening_minutes)
    pending = sorted(days, key=lambda entry: entry.day)
    if not pending:
        return ledger
    index = 0
    while True:
        period = ledger.next_period() or period_of(pending[0].day, rules)
        if period.end > through:
            break
        while index < len(pending) and pending[index].day <= period.end:
            ledger = ledger.post(pending[index])
            index += 1
        ledger = ledger.close()
    for entry in pending[index:]:
        ledger = ledger.post(entry)
    return ledger


def replay_ledger(ledger: HoursLedger) -> HoursLedger:
    """Rebuild from the latest day entries, closing the same periods: equals the incremental log's
    closes when no closed period was corrected, and corrects them otherwise."""
    closes = ledger.closes
    return build_ledger(
        ledger.rules,
        ledger.days().values(),
        through=closes[-1].period.end if closes else date.min,
        opening_minutes=ledger.opening_minutes,
    )
