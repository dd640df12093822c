"""Stored arrangement values ⇄ the rules core's DayPlan."""

from __future__ import annotations

from typing import Any

from govflex.core.arrangements import DayPlan
from govflex.core.enums import PlaceType, WorkMode
from govflex.core.policy import TimeWindow


class BadValue(ValueError):
    """A stored or submitted value is not a mode, slot or place."""


def slot_of(text: str) -> TimeWindow | None:
    if not text:
        return None
    try:
        start, end = text.replace("–", "-").split("-")
        return TimeWindow.of(start.strip(), end.strip())
    except ValueError as exc:
        raise BadValue(text) from exc


def day_plan(value: dict[str, Any]) -> DayPlan:
    try:
        mode = WorkMode(value.get("mode", ""))
        place = PlaceType(value["place"]) if value.get("place") else None
    except ValueError as exc:
        raise BadValue(str(value)) from exc
    return DayPlan(mode, slot_of(value.get("slot") or ""), place)


def stored(plan: DayPlan) -> dict[str, str]:
    return {
        "mode": plan.mode.value,
        "slot": plan.slot.label() if plan.slot else "",
        "place": plan.place.value if plan.place else "",
    }
