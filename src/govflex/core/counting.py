"""Mode 2 (counted hours) for one day: minutes counted and the day's exceptions.

Guideline 2565 sets the weekly total (40 h); how a day is counted is the agency's choice
(DOMAIN.md §4, our reading, configurable): ELAPSED counts first to last punch including lunch,
NET takes the lunch hour off, PAIRED sums in/out pairs. Only time inside the bandwidth counts.
Missed core hours and a short day (when the policy sets them) are exceptions, never lateness.
"""

from __future__ import annotations

from datetime import timedelta

from govflex.core.enums import CountingMethod, DayStatus, LeavePart
from govflex.core.messages import Message, message
from govflex.core.policy.values import Policy
from govflex.core.punches import MINUTE, ZERO, half_day

Judgement = tuple[DayStatus, int, int, int, tuple[Message, ...]]
"""(status, worked minutes, late minutes, early minutes, exceptions)."""


def _hhmm(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


class HoursCounter:
    """Counts a mode-2 day under one policy (everything per-policy precomputed)."""

    __slots__ = (
        "_band",
        "_band_label",
        "_core",
        "_daily_minimum",
        "_lunch",
        "_lunch_span",
        "_method",
    )

    def __init__(self, policy: Policy) -> None:
        rules = policy.counted_hours
        band = rules.bandwidth
        self._method = rules.counting
        self._band = (band.start_minute * MINUTE, band.end_minute * MINUTE)
        self._band_label = (f"{band.start:%H:%M}", f"{band.end:%H:%M}")
        lunch = policy.standard_day.lunch
        self._lunch = (lunch.start_minute, lunch.end_minute)
        self._lunch_span = (lunch.start_minute * MINUTE, lunch.end_minute * MINUTE)
        self._core = (
            None
            if rules.core_hours is None
            else (rules.core_hours.start_minute, rules.core_hours.end_minute)
        )
        self._daily_minimum = rules.daily_minimum_minutes

    def count(self, offsets: list[timedelta]) -> tuple[timedelta, timedelta, bool]:
        """(time counted, time elapsed before clipping to the bandwidth, an unpaired punch left).

        ``offsets`` are sorted and merged (see ``punches.day_offsets``), at least two.
        NET's lunch hour is not yet taken off: see :meth:`minutes`.
        """
        band_start, band_end = self._band
        if self._method is CountingMethod.PAIRED:
            counted = elapsed = ZERO
            for index in range(0, len(offsets) - 1, 2):
                begin, finish = offsets[index], offsets[index + 1]
                elapsed += finish - begin
                low, high = max(begin, band_start), min(finish, band_end)
                if high > low:
                    counted += high - low
            return counted, elapsed, len(offsets) % 2 == 1
        begin, finish = offsets[0], offsets[-1]
        low, high = max(begin, band_start), min(finish, band_end)
        return (high - low if high > low else ZERO), finish - begin, False

    def minutes(self, offsets: list[timedelta], counted: timedelta) -> int:
        """Whole minutes counted, with NET's lunch hour taken off."""
        if self._method is CountingMethod.NET:
            band_start, band_end = self._band
            low, high = max(offsets[0], band_start), min(offsets[-1], band_end)
            lunch_start, lunch_end = self._lunch_span
            overlap = min(high, lunch_end) - max(low, lunch_start)
            if overlap > ZERO:
                counted -= overlap
        return counted // MINUTE

    def judge(self, offsets: list[timedelta], leave: LeavePart | None) -> Judgement:
        """A mode-2 working day with at least two punches."""
        counted, elapsed, unpaired = self.count(offsets)
        exceptions: list[Message] = []
        status = DayStatus.PRESENT
        if unpaired:
            status = DayStatus.INCOMPLETE
            exceptions.append(message("unpaired_punch", count=len(offsets)))
        outside = (elapsed - counted) // MINUTE
        if outside > 0:
            start, end = self._band_label
            exceptions.append(message("outside_bandwidth", minutes=outside, start=start, end=end))
        worked = self.minutes(offsets, counted)
        if self._core is not None:
            self._check_core(self._core, offsets, leave, exceptions)
        if self._daily_minimum is not None:
            # Half a day's leave halves the daily minimum (our reading).
            required = self._daily_minimum // 2 if leave is not None else self._daily_minimum
            if worked < required:
                exceptions.append(message("daily_minimum_short", worked=worked, required=required))
        return status, worked, 0, 0, tuple(exceptions)

    def _check_core(
        self,
        core: tuple[int, int],
        offsets: list[timedelta],
        leave: LeavePart | None,
        exceptions: list[Message],
    ) -> None:
        """Core hours: present from first to last punch across the whole core (less any leave)."""
        start, end = core
        if leave is not None:
            start, end = half_day(start, end, leave, lunch=self._lunch, overnight=False)
        if start >= end:
            return
        first, last = offsets[0] // MINUTE, offsets[-1] // MINUTE
        missed = end - start - max(0, min(last, end) - max(first, start))
        if missed > 0:
            exceptions.append(
                message("core_hours_missed", start=_hhmm(start), end=_hhmm(end), minutes=missed)
            )
