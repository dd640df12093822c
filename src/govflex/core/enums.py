"""Named choices shared by the rules core (DOMAIN.md §2 glossary).

The values are stable lower-case strings: they are stored in the database, written in policy files
and exchanged over the API, so renaming a value is a data migration.
"""

from __future__ import annotations

from enum import StrEnum


class WorkMode(StrEnum):
    """The three new-normal work modes of Guideline 2565."""

    STAGGERED = "staggered"  # mode 1: on-site, staggered hours (เหลื่อมเวลาทำงาน)
    COUNTED_HOURS = "counted_hours"  # mode 2: on-site, counted hours (นับชั่วโมงทำงาน)
    OFF_SITE = "off_site"  # mode 3: off-site (ปฏิบัติงานนอกที่ตั้ง)


class PositionType(StrEnum):
    """Position types the Guideline uses to judge which modes suit a job (DOMAIN.md §5)."""

    PUBLIC_CONTACT = "public_contact"
    SUPPORT = "support"
    STUDY_ANALYSIS_RESEARCH = "study_analysis_research"
    AREA_FIELD_WORK = "area_field_work"
    SUPERVISION_COMMAND = "supervision_command"


class PlaceType(StrEnum):
    """Places where off-site work may happen (Off-site regulation 2565)."""

    RESIDENCE = "residence"
    CO_WORKING = "co_working"
    DESIGNATED = "designated"
    OUTSIDE_PREMISES = "outside_premises"


class PunchSource(StrEnum):
    """Where a punch came from; a correction is a separate, approved record (DESIGN.md)."""

    WEB = "web"
    KIOSK = "kiosk"
    TERMINAL = "terminal"
    IMPORT = "import"
    CORRECTION = "correction"


class LeavePart(StrEnum):
    """How much of a day an approved leave covers (Leave regulation 2555 allows half days)."""

    FULL_DAY = "full_day"
    MORNING = "morning"
    AFTERNOON = "afternoon"


class CountingMethod(StrEnum):
    """How mode-2 hours are counted (DOMAIN.md §4; the default is our reading, configurable)."""

    ELAPSED = "elapsed"  # first to last punch, lunch included: 08:30–16:30 is 8 h
    NET = "net"  # elapsed minus the lunch break: 08:30–16:30 is 7 h
    PAIRED = "paired"  # sum of in/out pairs


class ReportState(StrEnum):
    """State of an off-site day's plan and result report (Off-site regulation 2565)."""

    NONE = "none"
    FILED = "filed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class DayStatus(StrEnum):
    """The judgement of one person-day."""

    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    LATE_AND_LEFT_EARLY = "late_and_left_early"
    INCOMPLETE = "incomplete"
    ABSENT = "absent"
    ON_LEAVE = "on_leave"
    HOLIDAY = "holiday"
    OFFICIAL_TRAVEL = "official_travel"
    OFF_SITE_REPORTED = "off_site_reported"
    OFF_SITE_REPORT_MISSING = "off_site_report_missing"
    WORKED_NON_WORKING_DAY = "worked_non_working_day"
