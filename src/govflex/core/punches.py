"""Reading punches for one day: offsets from local midnight, duplicates merged.

Shared by the evaluator and by mode-2 counting; all values are ``timedelta`` offsets from the
local midnight that starts the day, so judging needs no time-zone work per punch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

from govflex.core.enums import LeavePart
from govflex.core.records import Punch

MINUTE: Final = timedelta(minutes=1)
ONE_DAY: Final = timedelta(days=1)
ZERO: Final = timedelta(0)


def day_offsets(
    punches: Sequence[Punch],
    origin: datetime,
    low: timedelta,
    high: timedelta,
    *,
    on_site: bool,
    merge: timedelta,
) -> tuple[list[timedelta], bool]:
    """Sorted offsets of the punches inside ``[low, high)``, and whether any punch's location
    contradicts ``on_site``.

    A punch within ``merge`` of the punch kept before it is the same punch (a double tap on a
    terminal; 60 s by default, our reading). Sorting first makes the result independent of the
    order the punches arrive in. Subtracting a naive datetime raises ``TypeError``.
    """
    offsets: list[timedelta] = []
    mismatch = False
    for punch in punches:
        offset = punch.at - origin
        if low <= offset < high:
            offsets.append(offset)
            if punch.on_site is not on_site:
                mismatch = True
    if len(offsets) < 2:
        return offsets, mismatch
    offsets.sort()
    kept = [offsets[0]]
    previous = offsets[0]
    for offset in offsets:
        if offset - previous > merge:
            kept.append(offset)
            previous = offset
    return kept, mismatch


def half_day(
    start: int, end: int, leave: LeavePart, *, lunch: tuple[int, int], overnight: bool
) -> tuple[int, int]:
    """The part of ``[start, end)`` (minutes) still to work on a half-day leave.

    Leave regulation 2555 half days: morning leave moves the expected arrival to the end of lunch
    (13:00), afternoon leave moves the expected departure to its start (12:00). An overnight
    slot has no lunch hour: its halves meet at its midpoint (our reading). A full day leaves
    nothing (``start == end``).
    """
    if leave is LeavePart.FULL_DAY:
        return start, start
    if overnight:
        middle = (start + end) // 2
        return (middle, end) if leave is LeavePart.MORNING else (start, middle)
    if leave is LeavePart.MORNING:
        return max(start, lunch[1]), end
    return start, min(end, lunch[0])
