"""Policies as plain mappings (from YAML or JSON) and back.

Times are ``"HH:MM"`` strings and windows ``"HH:MM-HH:MM"`` (``"20:00-08:00+1"`` ends the next
day); dates are ISO strings (or ``date`` values, as YAML gives them); enums are their values;
weekdays are ``mon``…``sun`` or 0–6. Missing sections and fields take the defaults, so a policy
file only needs what differs. Quote times in YAML: an unquoted ``08:30`` is a base-60 number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date, time
from enum import StrEnum
from typing import Any, TypeVar

from govflex.core.enums import CountingMethod, PlaceType, PositionType, WorkMode
from govflex.core.messages import Message, message
from govflex.core.policy.validation import validate_policy
from govflex.core.policy.values import (
    CarryOver,
    CountedHoursRules,
    CoverageRule,
    OffSiteRules,
    Policy,
    PositionModes,
    PunchRules,
    ServiceWindow,
    StaggeredRules,
    StandardDay,
    TimeWindow,
)

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*(\+1)?\s*$")
_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")


class PolicyError(ValueError):
    """A policy mapping that cannot be read or does not validate; ``messages`` say where."""

    def __init__(self, messages: list[Message]) -> None:
        self.messages = messages
        super().__init__("; ".join(f"{item.path}: {item.en}" for item in messages))


class _Reader:
    """Reads one mapping section by section, collecting every problem with its field path."""

    def __init__(self) -> None:
        self.errors: list[Message] = []

    def fail(self, code: str, path: str, **params: str | int) -> None:
        self.errors.append(message(code, path=path, **params))

    def section(self, data: object, path: str, cls: type) -> Mapping[str, Any]:
        if data is None:
            return {}
        if not isinstance(data, Mapping):
            self.fail("invalid_value", path, value=type(data).__name__)
            return {}
        known = {item.name for item in fields(cls) if item.init}
        for key in data:
            if key not in known:
                self.fail("unknown_field", f"{path}.{key}" if path else str(key), name=str(key))
        return data

    def get(
        self, data: Mapping[str, Any], key: str, path: str, parse: Callable[[Any], _T], default: _T
    ) -> _T:
        if key not in data:
            return default
        return self.value(data[key], f"{path}.{key}" if path else key, parse, default)

    def value(self, raw: Any, path: str, parse: Callable[[Any], _T], default: _T) -> _T:
        try:
            return parse(raw)
        except (TypeError, ValueError, KeyError):
            self.fail("invalid_value", path, value=repr(raw))
            return default


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(value)
    return int(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(value)
    return value


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(value)
    return float(value)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(_str(value))


def _window(value: Any) -> TimeWindow:
    if isinstance(value, Mapping):
        start = time.fromisoformat(_str(value["start"]))
        end = time.fromisoformat(_str(value["end"]))
        return TimeWindow(start, end, _bool(value.get("overnight", False)))
    match = _WINDOW.match(_str(value))
    if match is None:
        raise ValueError(value)
    h1, m1, h2, m2, next_day = match.groups()
    return TimeWindow(time(int(h1), int(m1)), time(int(h2), int(m2)), next_day is not None)


def _optional_window(value: Any) -> TimeWindow | None:
    return None if value is None else _window(value)


def _optional_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _enum_set(enum: type[_E]) -> Callable[[Any], frozenset[_E]]:
    def parse(value: Any) -> frozenset[_E]:
        if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
            raise TypeError(value)
        return frozenset(enum(_str(item)) for item in value)

    return parse


def _weekday(value: Any) -> int:
    if isinstance(value, str):
        return WEEKDAY_NAMES.index(value.strip().lower()[:3])
    day = _int(value)
    if not 0 <= day <= 6:
        raise ValueError(value)
    return day


def _weekdays(value: Any) -> frozenset[int]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise TypeError(value)
    return frozenset(_weekday(item) for item in value)


def _items(reader: _Reader, data: Mapping[str, Any], key: str, path: str) -> list[Any] | None:
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, list | tuple):
        reader.fail("invalid_value", f"{path}.{key}" if path else key, value=repr(value))
        return []
    return list(value)


def policy_from_mapping(data: Mapping[str, Any], *, validate: bool = True) -> Policy:
    """Read a policy; raise :class:`PolicyError` listing every problem with its field path."""
    reader = _Reader()
    top = reader.section(data, "", Policy)
    effective_from = reader.get(top, "effective_from", "", _date, date.min)
    if "effective_from" not in top:
        reader.fail("required", "effective_from")
    policy = Policy(
        effective_from=effective_from,
        name=reader.get(top, "name", "", _str, ""),
        standard_day=_standard_day(reader, top.get("standard_day")),
        staggered=_staggered(reader, top.get("staggered")),
        counted_hours=_counted_hours(reader, top.get("counted_hours")),
        off_site=_off_site(reader, top.get("off_site")),
        coverage=_coverage(reader, top),
        position_modes=_position_modes(reader, top),
        punches=_punches(reader, top.get("punches")),
    )
    errors = reader.errors or (validate_policy(policy) if validate else [])
    if errors:
        raise PolicyError(errors)
    return policy


def _standard_day(reader: _Reader, raw: object) -> StandardDay:
    data, base = reader.section(raw, "standard_day", StandardDay), StandardDay()
    return StandardDay(
        hours=reader.get(data, "hours", "standard_day", _window, base.hours),
        lunch=reader.get(data, "lunch", "standard_day", _window, base.lunch),
    )


def _staggered(reader: _Reader, raw: object) -> StaggeredRules:
    path = "staggered"
    data, base = reader.section(raw, path, StaggeredRules), StaggeredRules()
    slots = base.slots
    items = _items(reader, data, "slots", path)
    if items is not None:
        slots = tuple(
            reader.value(item, f"{path}.slots[{index}]", _window, base.slots[0])
            for index, item in enumerate(items)
        )
    return StaggeredRules(
        slots=slots,
        late_grace_minutes=reader.get(data, "late_grace_minutes", path, _int, 0),
        early_grace_minutes=reader.get(data, "early_grace_minutes", path, _int, 0),
    )


def _counted_hours(reader: _Reader, raw: object) -> CountedHoursRules:
    path = "counted_hours"
    data, base = reader.section(raw, path, CountedHoursRules), CountedHoursRules()
    carry_data = reader.section(data.get("carry_over"), f"{path}.carry_over", CarryOver)
    carry_base = base.carry_over
    carry_path = f"{path}.carry_over"
    return CountedHoursRules(
        weekly_minimum_minutes=reader.get(
            data, "weekly_minimum_minutes", path, _int, base.weekly_minimum_minutes
        ),
        counting=reader.get(data, "counting", path, CountingMethod, base.counting),
        bandwidth=reader.get(data, "bandwidth", path, _window, base.bandwidth),
        core_hours=reader.get(data, "core_hours", path, _optional_window, None),
        daily_minimum_minutes=reader.get(data, "daily_minimum_minutes", path, _optional_int, None),
        period_weeks=reader.get(data, "period_weeks", path, _int, base.period_weeks),
        period_anchor=reader.get(data, "period_anchor", path, _date, base.period_anchor),
        carry_over=CarryOver(
            enabled=reader.get(carry_data, "enabled", carry_path, _bool, carry_base.enabled),
            credit_cap_minutes=reader.get(
                carry_data, "credit_cap_minutes", carry_path, _int, carry_base.credit_cap_minutes
            ),
            debit_cap_minutes=reader.get(
                carry_data, "debit_cap_minutes", carry_path, _int, carry_base.debit_cap_minutes
            ),
        ),
    )


def _off_site(reader: _Reader, raw: object) -> OffSiteRules:
    path = "off_site"
    data, base = reader.section(raw, path, OffSiteRules), OffSiteRules()
    return OffSiteRules(
        weekly_quota_days=reader.get(data, "weekly_quota_days", path, _int, base.weekly_quota_days),
        unit_max_share=reader.get(data, "unit_max_share", path, _float, base.unit_max_share),
        allowed_places=reader.get(
            data, "allowed_places", path, _enum_set(PlaceType), base.allowed_places
        ),
        plan_and_report_required=reader.get(
            data, "plan_and_report_required", path, _bool, base.plan_and_report_required
        ),
        check_in_required=reader.get(
            data, "check_in_required", path, _bool, base.check_in_required
        ),
    )


def _coverage(reader: _Reader, top: Mapping[str, Any]) -> tuple[CoverageRule, ...]:
    items = _items(reader, top, "coverage", "")
    rules: list[CoverageRule] = []
    for index, raw in enumerate(items or ()):
        path = f"coverage[{index}]"
        data = reader.section(raw, path, CoverageRule)
        if "service_point_id" not in data:
            reader.fail("required", f"{path}.service_point_id")
        windows: list[ServiceWindow] = []
        for window_index, window_raw in enumerate(_items(reader, data, "windows", path) or ()):
            window_path = f"{path}.windows[{window_index}]"
            window_data = reader.section(window_raw, window_path, ServiceWindow)
            if "hours" not in window_data:
                reader.fail("required", f"{window_path}.hours")
            default = ServiceWindow(TimeWindow(time(8, 30), time(16, 30)))
            windows.append(
                ServiceWindow(
                    hours=reader.get(window_data, "hours", window_path, _window, default.hours),
                    minimum_on_site=reader.get(
                        window_data, "minimum_on_site", window_path, _int, default.minimum_on_site
                    ),
                    weekdays=reader.get(
                        window_data, "weekdays", window_path, _weekdays, default.weekdays
                    ),
                    on_non_working_days=reader.get(
                        window_data, "on_non_working_days", window_path, _bool, False
                    ),
                )
            )
        rules.append(
            CoverageRule(
                service_point_id=reader.get(data, "service_point_id", path, _str, ""),
                name=reader.get(data, "name", path, _str, ""),
                windows=tuple(windows),
            )
        )
    return tuple(rules)


def _position_modes(reader: _Reader, top: Mapping[str, Any]) -> tuple[PositionModes, ...]:
    items = _items(reader, top, "position_modes", "")
    if items is None:
        return Policy(date.min).position_modes
    entries: list[PositionModes] = []
    for index, raw in enumerate(items):
        path = f"position_modes[{index}]"
        data = reader.section(raw, path, PositionModes)
        if "position_type" not in data:
            reader.fail("required", f"{path}.position_type")
        modes = _enum_set(WorkMode)
        entries.append(
            PositionModes(
                position_type=reader.get(
                    data, "position_type", path, PositionType, PositionType.SUPPORT
                ),
                recommended=reader.get(data, "recommended", path, modes, frozenset()),
                conditional=reader.get(data, "conditional", path, modes, frozenset()),
            )
        )
    return tuple(entries)


def _punches(reader: _Reader, raw: object) -> PunchRules:
    path = "punches"
    data, base = reader.section(raw, path, PunchRules), PunchRules()
    return PunchRules(
        merge_seconds=reader.get(data, "merge_seconds", path, _int, base.merge_seconds),
        overnight_margin_before_minutes=reader.get(
            data,
            "overnight_margin_before_minutes",
            path,
            _int,
            base.overnight_margin_before_minutes,
        ),
        overnight_margin_after_minutes=reader.get(
            data, "overnight_margin_after_minutes", path, _int, base.overnight_margin_after_minutes
        ),
    )
