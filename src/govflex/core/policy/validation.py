"""Checks that a policy makes sense before an agency adopts it.

Each problem is a :class:`~govflex.core.messages.Message` in Thai and English whose ``path``
names the field (``staggered.slots[1]``, ``coverage[0].windows[2].hours``) so a form or a
policy file can point at it.
"""

from __future__ import annotations

from collections.abc import Iterator

from govflex.core.messages import Message, message
from govflex.core.policy.values import (
    MINUTES_PER_DAY,
    CountedHoursRules,
    CoverageRule,
    OffSiteRules,
    Policy,
    PunchRules,
    StaggeredRules,
    StandardDay,
    TimeWindow,
)
from govflex.core.thaidate import ENGLISH_WEEKDAYS, THAI_WEEKDAYS

MAX_WEEKLY_HOURS = 60  # our reading: a week above 60 h is a typing error, not a policy
MAX_GRACE_MINUTES = 60
MAX_PERIOD_WEEKS = 12
MAX_MERGE_SECONDS = 600
MAX_OVERNIGHT_MARGIN = 720
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


def validate_policy(policy: Policy) -> list[Message]:
    """All problems found in ``policy`` (an empty list when it is sound)."""
    return [
        *_standard_day(policy.standard_day),
        *_staggered(policy.staggered),
        *_counted_hours(policy.counted_hours),
        *_off_site(policy.off_site),
        *_coverage(policy.coverage),
        *_position_modes(policy),
        *_punches(policy.punches),
    ]


def _window(window: TimeWindow, path: str) -> Iterator[Message]:
    if not window.is_valid:
        code = "overnight_window_invalid" if window.overnight else "slot_end_before_start"
        yield message(code, path=path, start=f"{window.start:%H:%M}", end=f"{window.end:%H:%M}")


def _minutes(value: int, path: str, minimum: int, maximum: int) -> Iterator[Message]:
    if value < 0:
        yield message("value_negative", path=path)
    elif not minimum <= value <= maximum:
        yield message("value_out_of_range", path=path, minimum=minimum, maximum=maximum)


def _standard_day(day: StandardDay) -> Iterator[Message]:
    yield from _window(day.hours, "standard_day.hours")
    if day.hours.overnight:
        yield message("overnight_not_allowed", path="standard_day.hours")
    yield from _window(day.lunch, "standard_day.lunch")
    if day.lunch.is_valid and not day.hours.contains(day.lunch):
        yield message("lunch_outside_day", path="standard_day.lunch")


def _staggered(rules: StaggeredRules) -> Iterator[Message]:
    if not rules.slots:
        yield message("no_slots", path="staggered.slots")
    seen: set[TimeWindow] = set()
    for index, slot in enumerate(rules.slots):
        path = f"staggered.slots[{index}]"
        yield from _window(slot, path)
        if slot in seen:
            yield message(
                "duplicate_slot", path=path, start=f"{slot.start:%H:%M}", end=f"{slot.end:%H:%M}"
            )
        seen.add(slot)
    yield from _minutes(
        rules.late_grace_minutes, "staggered.late_grace_minutes", 0, MAX_GRACE_MINUTES
    )
    yield from _minutes(
        rules.early_grace_minutes, "staggered.early_grace_minutes", 0, MAX_GRACE_MINUTES
    )


def _counted_hours(rules: CountedHoursRules) -> Iterator[Message]:
    prefix = "counted_hours"
    if not 0 < rules.weekly_minimum_minutes <= MAX_WEEKLY_HOURS * 60:
        yield message(
            "weekly_hours_out_of_range",
            path=f"{prefix}.weekly_minimum_minutes",
            maximum=MAX_WEEKLY_HOURS,
        )
    yield from _window(rules.bandwidth, f"{prefix}.bandwidth")
    if rules.bandwidth.overnight:
        yield message("overnight_not_allowed", path=f"{prefix}.bandwidth")
    if rules.core_hours is not None:
        yield from _window(rules.core_hours, f"{prefix}.core_hours")
        if rules.core_hours.is_valid and not rules.bandwidth.contains(rules.core_hours):
            yield message("core_outside_bandwidth", path=f"{prefix}.core_hours")
    if rules.daily_minimum_minutes is not None:
        yield from _minutes(
            rules.daily_minimum_minutes,
            f"{prefix}.daily_minimum_minutes",
            1,
            max(rules.bandwidth.minutes, 1),
        )
    yield from _minutes(rules.period_weeks, f"{prefix}.period_weeks", 1, MAX_PERIOD_WEEKS)
    if rules.period_anchor.weekday() != 0:
        yield message("anchor_not_monday", path=f"{prefix}.period_anchor")
    carry = rules.carry_over
    for name, value in (
        ("credit_cap_minutes", carry.credit_cap_minutes),
        ("debit_cap_minutes", carry.debit_cap_minutes),
    ):
        if value < 0:
            yield message("value_negative", path=f"{prefix}.carry_over.{name}")


def _off_site(rules: OffSiteRules) -> Iterator[Message]:
    yield from _minutes(rules.weekly_quota_days, "off_site.weekly_quota_days", 0, 7)
    if not 0 < rules.unit_max_share <= 1:
        yield message("share_out_of_range", path="off_site.unit_max_share")
    if not rules.allowed_places:
        yield message("no_places", path="off_site.allowed_places")


def _week_intervals(window: TimeWindow, weekdays: frozenset[int]) -> Iterator[tuple[int, int]]:
    """The window's spans on a Monday-00:00-based week, wrapping Sunday night into Monday."""
    for weekday in sorted(weekdays):
        start = weekday * MINUTES_PER_DAY + window.start_minute
        end = weekday * MINUTES_PER_DAY + window.end_minute
        if end <= MINUTES_PER_WEEK:
            yield start, end
        else:
            yield start, MINUTES_PER_WEEK
            yield 0, end - MINUTES_PER_WEEK


def _coverage(rules: tuple[CoverageRule, ...]) -> Iterator[Message]:
    seen_ids: set[str] = set()
    for rule_index, rule in enumerate(rules):
        prefix = f"coverage[{rule_index}]"
        if not rule.service_point_id:
            yield message("required", path=f"{prefix}.service_point_id")
        if rule.service_point_id in seen_ids:
            yield message(
                "duplicate_key", path=f"{prefix}.service_point_id", key=rule.service_point_id
            )
        seen_ids.add(rule.service_point_id)
        spans: list[tuple[int, int, int]] = []
        for index, window in enumerate(rule.windows):
            path = f"{prefix}.windows[{index}]"
            yield from _window(window.hours, f"{path}.hours")
            if window.minimum_on_site < 1:
                yield message(
                    "value_out_of_range", path=f"{path}.minimum_on_site", minimum=1, maximum=9999
                )
            if not window.weekdays:
                yield message("no_weekdays", path=f"{path}.weekdays")
            if not window.weekdays <= frozenset(range(7)):
                yield message("weekday_invalid", path=f"{path}.weekdays")
            elif window.hours.is_valid:
                spans.extend(
                    (s, e, index) for s, e in _week_intervals(window.hours, window.weekdays)
                )
        yield from _overlaps(spans, rule, prefix)


def _overlaps(
    spans: list[tuple[int, int, int]], rule: CoverageRule, prefix: str
) -> Iterator[Message]:
    """Overlapping windows of one service point (sort by start: O(n log n))."""
    spans.sort()
    reported: set[tuple[int, int]] = set()
    latest_end, latest_index = -1, -1
    for start, end, index in spans:
        if start < latest_end and index != latest_index and (latest_index, index) not in reported:
            reported.add((latest_index, index))
            weekday = (start // MINUTES_PER_DAY) % 7
            yield message(
                "windows_overlap",
                path=f"{prefix}.windows[{index}]",
                weekday_th=THAI_WEEKDAYS[weekday],
                weekday_en=ENGLISH_WEEKDAYS[weekday],
                first=rule.windows[latest_index].hours.label(),
                second=rule.windows[index].hours.label(),
            )
        if end > latest_end:
            latest_end, latest_index = end, index


def _position_modes(policy: Policy) -> Iterator[Message]:
    seen: set[str] = set()
    for index, entry in enumerate(policy.position_modes):
        path = f"position_modes[{index}]"
        if entry.position_type in seen:
            yield message("duplicate_key", path=f"{path}.position_type", key=entry.position_type)
        seen.add(entry.position_type)
        if not entry.allowed:
            yield message("no_modes", path=f"{path}.recommended")


def _punches(rules: PunchRules) -> Iterator[Message]:
    yield from _minutes(rules.merge_seconds, "punches.merge_seconds", 0, MAX_MERGE_SECONDS)
    for name in ("overnight_margin_before_minutes", "overnight_margin_after_minutes"):
        yield from _minutes(getattr(rules, name), f"punches.{name}", 0, MAX_OVERNIGHT_MARGIN)
