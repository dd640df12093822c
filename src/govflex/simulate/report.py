"""Writing RESULTS.csv (and the optional mode-2 periods file) and the printed summary table.

Output CSV is UTF-8 with a byte-order mark, so Excel on a Thai Windows machine shows Thai text.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from govflex.core.calendar import BANGKOK
from govflex.core.enums import DayStatus, WorkMode
from govflex.core.flexi import PeriodClose
from govflex.core.records import DayResult
from govflex.simulate.engine import Summary

RESULT_COLUMNS: Final = (
    "staff_id",
    "date",
    "mode",
    "status",
    "worked_minutes",
    "late_minutes",
    "early_minutes",
    "exception_codes",
    "exceptions_th",
    "exceptions_en",
    "punch_count",
    "first_punch",
    "last_punch",
    "leave",
)
PERIOD_COLUMNS: Final = (
    "staff_id",
    "period_start",
    "period_end",
    "required_minutes",
    "counted_minutes",
    "carried_in_minutes",
    "balance_minutes",
    "carried_out_minutes",
    "compliant",
)
STATUS_LABELS: Final[dict[DayStatus, str]] = {
    DayStatus.PRESENT: "มาปฏิบัติราชการ",
    DayStatus.LATE: "มาสาย",
    DayStatus.LEFT_EARLY: "กลับก่อนเวลา",
    DayStatus.LATE_AND_LEFT_EARLY: "มาสายและกลับก่อนเวลา",
    DayStatus.INCOMPLETE: "ลงเวลาไม่ครบ",
    DayStatus.ABSENT: "ขาดราชการ",
    DayStatus.ON_LEAVE: "ลา",
    DayStatus.HOLIDAY: "วันหยุด",
    DayStatus.OFFICIAL_TRAVEL: "ไปราชการ",
    DayStatus.OFF_SITE_REPORTED: "นอกที่ตั้ง ส่งรายงานแล้ว",
    DayStatus.OFF_SITE_REPORT_MISSING: "นอกที่ตั้ง ยังไม่ส่งรายงาน",
    DayStatus.WORKED_NON_WORKING_DAY: "ปฏิบัติงานในวันหยุด",
}
MODE_LABELS: Final[dict[WorkMode, str]] = {
    WorkMode.STAGGERED: "1 เหลื่อมเวลา / staggered",
    WorkMode.COUNTED_HOURS: "2 นับชั่วโมง / counted hours",
    WorkMode.OFF_SITE: "3 นอกที่ตั้ง / off-site",
}


def _local(result: DayResult, which: str, tz: ZoneInfo) -> str:
    instant = result.first_punch if which == "first" else result.last_punch
    return "" if instant is None else f"{instant.astimezone(tz):%Y-%m-%d %H:%M:%S}"


def result_row(staff_id: str, result: DayResult, *, tz: ZoneInfo = BANGKOK) -> list[str | int]:
    """One RESULTS.csv row (columns :data:`RESULT_COLUMNS`); punch times are local wall time."""
    return [
        staff_id,
        result.day.isoformat(),
        "" if result.mode is None else result.mode.value,
        result.status.value,
        result.worked_minutes,
        result.late_minutes,
        result.early_minutes,
        " ".join(item.code for item in result.exceptions),
        "; ".join(item.th for item in result.exceptions),
        "; ".join(item.en for item in result.exceptions),
        result.punch_count,
        _local(result, "first", tz),
        _local(result, "last", tz),
        "" if result.leave is None else result.leave.value,
    ]


def write_results(
    path: Path, rows: Iterable[tuple[str, DayResult]], *, tz: ZoneInfo = BANGKOK
) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(RESULT_COLUMNS)
        for staff_id, result in rows:
            writer.writerow(result_row(staff_id, result, tz=tz))


def write_periods(path: Path, closes: Iterable[tuple[str, PeriodClose]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PERIOD_COLUMNS)
        for staff_id, close in closes:
            writer.writerow(
                [
                    staff_id,
                    close.period.start.isoformat(),
                    close.period.end.isoformat(),
                    close.required_minutes,
                    close.counted_minutes,
                    close.carried_in_minutes,
                    close.balance_minutes,
                    close.carried_out_minutes,
                    "yes" if close.compliant else "no",
                ]
            )


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Thai vowel and tone marks take none."""
    return sum(1 for ch in text if unicodedata.category(ch) not in {"Mn", "Me", "Cf"})


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _share(part: int, whole: int) -> str:
    return f"{part:,} / {whole:,} ({part / whole:.1%})" if whole else "–"


def format_summary(summary: Summary) -> str:
    """The summary table printed after a run, Thai first (docs/simulation.md)."""
    period = summary.period
    name = f' "{summary.policy_name}"' if summary.policy_name else ""
    lines = [
        f"จำลองนโยบาย{name} / policy simulation{name}: {period.start} – {period.end}",
        "",
    ]
    rows: list[tuple[str, str]] = [
        ("จำนวนคน / people", f"{summary.people:,}"),
        ("จำนวนคน-วัน / person-days", f"{summary.person_days:,}"),
    ]
    rows += [
        (f"  {MODE_LABELS[mode]}", f"{summary.modes[mode]:,}")
        for mode in WorkMode
        if summary.modes[mode]
    ]
    rows.append(("สถานะ / status", ""))
    rows += [
        (f"  {STATUS_LABELS[status]} / {status.value}", _share(count, summary.person_days))
        for status in DayStatus
        if (count := summary.statuses[status])
    ]
    span = summary.mode2_span
    rows += [
        (
            "รูปแบบที่ 2 รอบที่ครบชั่วโมง / mode 2 periods meeting the hours",
            _share(summary.mode2_compliant, summary.mode2_periods),
        ),
        (
            "  รอบที่นับ (ทั้งรอบอยู่ในช่วงวันที่) / periods counted (wholly in range)",
            "–" if span is None else f"{span.start} – {span.end}",
        ),
        (
            "รูปแบบที่ 1 อัตรามาสาย / mode 1 late rate",
            _share(summary.mode1_late, summary.mode1_judged),
        ),
        ("การลงเวลาที่ใช้ / punches used", f"{summary.punches_used:,}"),
        ("การลงเวลานอกช่วงวันที่ / punches outside the range", f"{summary.punches_outside:,}"),
        (
            "การลงเวลาของผู้ที่ไม่อยู่ใน people / punches of staff not in people",
            f"{summary.unknown_staff_punches:,}",
        ),
    ]
    width = max(_width(label) for label, _value in rows)
    lines += [f"{_pad(label, width)}  {value}".rstrip() for label, value in rows]
    if summary.warnings:
        lines += ["", f"ข้อสังเกต / warnings ({len(summary.warnings)}):"]
        lines += [f"  {th}\n    {en}" for th, en in summary.warnings]
    return "\n".join(lines)
