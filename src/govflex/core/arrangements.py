"""Work arrangements: which mode a person works in on each weekday, checked against the policy.

Rules (Guideline 2565, the three modes; Off-site regulation 2565; DOMAIN.md §4–5):
- only the modes the policy allows for the person's position type can be chosen; a mode
  "allowed with conditions" is accepted with a note saying so;
- mode 1 needs a slot from the policy's list; mode 2 has no fixed slot; mode 3 needs a place the
  policy allows;
- a weekly pattern may not plan more off-site days than the policy's weekly quota.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from govflex.core.enums import PlaceType, PositionType, WorkMode
from govflex.core.messages import Message, message
from govflex.core.policy import Policy, TimeWindow
from govflex.core.records import Arrangement

MODE_NAMES: Mapping[WorkMode, tuple[str, str]] = {
    WorkMode.STAGGERED: ("ที่ ๑ ปฏิบัติงานในที่ตั้งโดยการเหลื่อมเวลาทำงาน", "mode 1 (on site, staggered)"),
    WorkMode.COUNTED_HOURS: (
        "ที่ ๒ ปฏิบัติงานในที่ตั้งโดยการนับชั่วโมงทำงาน",
        "mode 2 (on site, counted hours)",
    ),
    WorkMode.OFF_SITE: ("ที่ ๓ ปฏิบัติงานนอกที่ตั้ง", "mode 3 (off site)"),
}
POSITION_NAMES: Mapping[PositionType, tuple[str, str]] = {
    PositionType.PUBLIC_CONTACT: ("งานที่ต้องติดต่อกับประชาชน", "public-contact"),
    PositionType.SUPPORT: ("งานสนับสนุน", "support"),
    PositionType.STUDY_ANALYSIS_RESEARCH: ("งานศึกษา วิเคราะห์ วิจัย", "study/analysis/research"),
    PositionType.AREA_FIELD_WORK: ("งานที่ต้องปฏิบัติในพื้นที่เฉพาะ", "area-specific field work"),
    PositionType.SUPERVISION_COMMAND: ("งานกำกับ ติดตามงานและบังคับบัญชา", "supervision/command"),
}
PLACE_NAMES: Mapping[PlaceType, tuple[str, str]] = {
    PlaceType.RESIDENCE: ("ที่พักอาศัย", "the residence"),
    PlaceType.CO_WORKING: ("พื้นที่ปฏิบัติงานร่วม", "a co-working space"),
    PlaceType.DESIGNATED: ("สถานที่ที่ส่วนราชการกำหนด", "a designated place"),
    PlaceType.OUTSIDE_PREMISES: ("นอกสถานที่ตั้ง", "outside the premises"),
}


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One weekday of a pattern, or one dated exception."""

    mode: WorkMode
    slot: TimeWindow | None = None
    place: PlaceType | None = None

    def arrangement(self) -> Arrangement:
        if self.mode is WorkMode.OFF_SITE:
            return Arrangement.off_site(self.place, self.slot)
        if self.mode is WorkMode.COUNTED_HOURS:
            return Arrangement.counted_hours()
        return Arrangement.staggered(self.slot)


@dataclass(frozen=True, slots=True)
class ModeOption:
    """Whether a mode can be chosen for a position type, and why (shown beside the choice)."""

    mode: WorkMode
    allowed: bool
    note: Message | None


def _names(mode: WorkMode, position_type: PositionType) -> dict[str, str]:
    mode_th, mode_en = MODE_NAMES[mode]
    position_th, position_en = POSITION_NAMES[position_type]
    return {
        "mode_th": mode_th,
        "mode_en": mode_en,
        "position_th": position_th,
        "position_en": position_en,
    }


def mode_options(policy: Policy, position_type: PositionType) -> list[ModeOption]:
    """Every mode with the reason it is offered, offered with conditions, or not offered."""
    modes = policy.modes_for(position_type)
    options = []
    for mode in WorkMode:
        if mode in modes.recommended:
            options.append(ModeOption(mode, allowed=True, note=None))
        elif mode in modes.conditional:
            options.append(
                ModeOption(
                    mode,
                    allowed=True,
                    note=message("mode_conditional", **_names(mode, position_type)),
                )
            )
        else:
            options.append(
                ModeOption(
                    mode,
                    allowed=False,
                    note=message("mode_not_allowed", **_names(mode, position_type)),
                )
            )
    return options


def check_day_plan(
    plan: DayPlan, *, policy: Policy, position_type: PositionType, path: str = ""
) -> list[Message]:
    """Reasons a day plan cannot be used (an empty list: it can)."""
    problems: list[Message] = []
    if plan.mode not in policy.modes_for(position_type).allowed:
        problems.append(
            message("mode_not_allowed", path=f"{path}mode", **_names(plan.mode, position_type))
        )
    if plan.mode is WorkMode.STAGGERED:
        slots = policy.staggered.slots
        if plan.slot is None:
            problems.append(message("slot_required", path=f"{path}slot"))
        elif plan.slot not in slots:
            allowed = ", ".join(slot.label() for slot in slots)
            problems.append(
                message(
                    "slot_not_in_policy",
                    path=f"{path}slot",
                    slot=plan.slot.label(),
                    allowed=allowed,
                )
            )
    if plan.mode is WorkMode.OFF_SITE:
        if plan.place is None:
            problems.append(message("place_required", path=f"{path}place"))
        elif plan.place not in policy.off_site.allowed_places:
            place_th, place_en = PLACE_NAMES[plan.place]
            problems.append(
                message(
                    "place_not_allowed", path=f"{path}place", place_th=place_th, place_en=place_en
                )
            )
    return problems


def check_week(
    week: Mapping[int, DayPlan], *, policy: Policy, position_type: PositionType
) -> list[Message]:
    """A weekly pattern (weekday 0 = Monday → plan): each day, then the off-site quota."""
    problems: list[Message] = []
    for weekday, plan in sorted(week.items()):
        problems += check_day_plan(
            plan, policy=policy, position_type=position_type, path=f"days.{weekday}."
        )
    off_site = sum(1 for plan in week.values() if plan.mode is WorkMode.OFF_SITE)
    quota = policy.off_site.weekly_quota_days
    if off_site > quota:
        # Off-site regulation 2565 via the agency's criteria: a person's weekly quota.
        problems.append(message("off_site_quota_exceeded", path="days", quota=quota, days=off_site))
    return problems
