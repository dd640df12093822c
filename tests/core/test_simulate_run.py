"""Running the policy simulation end to end on files (no Django, no database)."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from govflex.core.calendar import DateRange
from govflex.core.enums import DayStatus, WorkMode
from govflex.core.policy import CountedHoursRules
from govflex.simulate import Summary, format_summary, run
from govflex.simulate.engine import full_periods

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "simulation"


def example_arguments(tmp_path: Path) -> dict[str, Any]:
    return {
        "policy": EXAMPLES / "policy.yaml",
        "people": EXAMPLES / "people.csv",
        "punches": EXAMPLES / "punches.csv",
        "arrangements": EXAMPLES / "arrangements.csv",
        "leave": EXAMPLES / "leave.csv",
        "holidays": EXAMPLES / "holidays.csv",
        "date_from": "2026-03-02",
        "date_to": "15/03/2569",
        "out": tmp_path / "results.csv",
        "periods_out": tmp_path / "periods.csv",
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def example(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Summary, dict[tuple[str, str], dict[str, str]], list[dict[str, str]]]:
    tmp_path = tmp_path_factory.mktemp("example")
    summary = run(**example_arguments(tmp_path))
    rows = {(row["staff_id"], row["date"]): row for row in read_csv(tmp_path / "results.csv")}
    return summary, rows, read_csv(tmp_path / "periods.csv")


@pytest.mark.parametrize(
    ("staff_id", "day", "status", "extra"),
    [
        ("650001", "2026-03-02", "present", {"worked_minutes": "493"}),  # BE and +07:00 rows
        ("650001", "2026-03-03", "holiday", {}),  # Makha Bucha, public holiday
        ("650001", "2026-03-04", "late", {"late_minutes": "17", "exception_codes": "late"}),
        ("650001", "2026-03-06", "absent", {"exceptions_th": "ไม่มีการลงเวลาปฏิบัติราชการ"}),
        ("650001", "2026-03-09", "present", {"punch_count": "2"}),  # a double tap merged
        ("650001", "2026-03-12", "left_early", {"early_minutes": "40"}),
        ("650002", "2026-03-05", "incomplete", {"exception_codes": "incomplete_punches"}),
        ("650002", "2026-03-10", "present", {"leave": "morning"}),  # arrival moved to 13:00
        ("650003", "2026-03-02", "present", {"mode": "counted_hours", "worked_minutes": "570"}),
        ("650004", "2026-03-10", "present", {"exception_codes": "outside_bandwidth"}),
        ("650004", "2026-03-13", "holiday", {}),  # the agency's special holiday
        ("650005", "2026-03-04", "off_site_reported", {"mode": "off_site"}),  # weekly pattern
        ("650005", "2026-03-09", "off_site_report_missing", {"mode": "off_site"}),  # dated row
        ("650005", "2026-03-10", "present", {"mode": "staggered"}),
        ("650006", "2026-03-05", "on_leave", {"leave": "full_day"}),
        ("650006", "2026-03-09", "official_travel", {}),
        ("650006", "2026-03-12", "present", {"leave": "afternoon"}),  # departure moved to 12:00
        ("650006", "2026-03-13", "worked_non_working_day", {"worked_minutes": "185"}),
    ],
)
def test_example_files_give_known_results(
    example: Any, staff_id: str, day: str, status: str, extra: dict[str, str]
) -> None:
    _summary, rows, _periods = example
    row = rows[staff_id, day]
    assert row["status"] == status
    assert {key: row[key] for key in extra} == extra


def test_example_summary(example: Any) -> None:
    summary, rows, _periods = example
    assert summary.people == 6
    assert summary.person_days == len(rows) == 6 * 14
    assert summary.statuses[DayStatus.LATE] == 1
    assert summary.statuses[DayStatus.HOLIDAY] == 6 * 4 + 5 * 2 + 1  # weekends, 3 and 13 Mar
    assert summary.modes[WorkMode.OFF_SITE] == 3
    assert (summary.mode2_compliant, summary.mode2_periods) == (3, 4)
    assert (summary.mode1_late, summary.mode1_judged) == (1, 25)
    assert summary.unknown_staff_punches == 1
    assert summary.punches_outside == 0
    assert summary.warnings == []


def test_example_mode2_weeks(example: Any) -> None:
    _summary, _rows, periods = example
    found = {(row["staff_id"], row["period_start"]): row for row in periods}
    # Week 1: Makha Bucha takes 8 h off 40 h; week 2: the special holiday does.
    assert found["650003", "2026-03-02"]["required_minutes"] == "1920"
    assert found["650003", "2026-03-02"]["compliant"] == "yes"
    assert found["650003", "2026-03-09"]["balance_minutes"] == "-270"
    assert found["650003", "2026-03-09"]["compliant"] == "no"
    # Afternoon leave on 11 Mar takes another 4 h off.
    assert found["650004", "2026-03-09"]["required_minutes"] == str(1920 - 240)


def test_summary_text_names_the_figures(example: Any) -> None:
    text = format_summary(example[0])
    assert "person-days" in text
    assert "3 / 4 (75.0%)" in text
    assert "1 / 25 (4.0%)" in text
    assert "มาสาย / late" in text


def write(tmp_path: Path, **texts: str) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "policy": tmp_path / "policy.yaml",
        "out": tmp_path / "results.csv",
        "date_from": "2026-03-02",
        "date_to": "2026-03-08",
    }
    (tmp_path / "policy.yaml").write_text('effective_from: "2026-03-01"\n', encoding="utf-8")
    for key, text in texts.items():
        if key.startswith("date_"):
            arguments[key] = text
            continue
        path = tmp_path / f"{key}.csv"
        path.write_text(text, encoding="utf-8")
        arguments[key] = path
    return arguments


def test_a_punch_in_two_windows_goes_to_the_earlier_day(tmp_path: Path) -> None:
    # 4 Mar is a night shift 20:00-08:00; 5 Mar the standard day. The 08:02 punch on 5 Mar lies
    # in both days' windows: it ends the night shift, so 5 Mar starts at 13:00 (late).
    arguments = write(
        tmp_path,
        people="staff_id,position_type\n1,support\n",
        arrangements="staff_id,date,mode,slot\n1,2026-03-04,staggered,20:00-08:00+1\n",
        punches=(
            "staff_id,timestamp\n"
            "1,2026-03-05 08:02\n1,2026-03-04 19:58\n1,2026-03-05 16:31\n1,2026-03-05 13:00\n"
        ),
    )
    summary = run(**arguments)
    rows = {row["date"]: row for row in read_csv(arguments["out"])}
    assert rows["2026-03-04"]["status"] == "present"
    assert rows["2026-03-04"]["worked_minutes"] == str(12 * 60 + 4)
    assert rows["2026-03-04"]["last_punch"] == "2026-03-05 08:02:00"
    assert rows["2026-03-05"]["status"] == "late"
    assert rows["2026-03-05"]["late_minutes"] == str(270)
    assert summary.punches_outside == 0


def test_the_day_before_the_range_keeps_its_night_shift(tmp_path: Path) -> None:
    arguments = write(
        tmp_path,
        people="staff_id,position_type,slot\n1,support,20:00-08:00+1\n",
        punches="staff_id,timestamp\n1,2026-03-04 19:58\n1,2026-03-05 08:02\n",
        date_from="2026-03-05",
    )
    summary = run(**arguments)
    rows = {row["date"]: row for row in read_csv(arguments["out"])}
    assert rows["2026-03-05"]["status"] == "absent"  # the 08:02 punch ended 4 Mar's shift
    assert summary.punches_outside == 2


def test_results_do_not_depend_on_the_order_of_punch_rows(tmp_path: Path) -> None:
    first = run(**example_arguments(tmp_path))
    expected = (tmp_path / "results.csv").read_bytes()
    lines = (EXAMPLES / "punches.csv").read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[1:]
    random.Random(7).shuffle(body)
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    arguments = example_arguments(tmp_path) | {"punches": shuffled, "out": tmp_path / "again.csv"}
    second = run(**arguments)
    assert (tmp_path / "again.csv").read_bytes() == expected
    assert first == second


def test_mode2_counts_only_periods_wholly_in_range(tmp_path: Path) -> None:
    punches = "staff_id,timestamp\n" + "".join(
        f"1,2026-03-{day:02d} 08:00\n1,2026-03-{day:02d} 16:00\n" for day in range(2, 21)
    )
    arguments = write(
        tmp_path,
        people="staff_id,position_type,mode\n1,support,counted_hours\n",
        punches=punches,
        date_from="2026-03-04",
        date_to="2026-03-17",
    )
    summary = run(**arguments, periods_out=tmp_path / "periods.csv")
    assert summary.mode2_span == DateRange(date(2026, 3, 9), date(2026, 3, 15))
    periods = read_csv(tmp_path / "periods.csv")
    assert [row["period_start"] for row in periods] == ["2026-03-09"]
    assert periods[0]["counted_minutes"] == str(7 * 480)  # weekend work counts too


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 3, 2), date(2026, 3, 15), (date(2026, 3, 2), date(2026, 3, 15))),
        (date(2026, 3, 3), date(2026, 3, 15), (date(2026, 3, 9), date(2026, 3, 15))),
        (date(2026, 3, 2), date(2026, 3, 14), (date(2026, 3, 2), date(2026, 3, 8))),
        (date(2026, 3, 3), date(2026, 3, 14), None),
    ],
)
def test_full_periods(start: date, end: date, expected: tuple[date, date] | None) -> None:
    found = full_periods(DateRange(start, end), CountedHoursRules())
    assert found == (None if expected is None else DateRange(*expected))


def test_a_day_in_another_mode_takes_a_day_off_the_weekly_hours(tmp_path: Path) -> None:
    # Mode 2 Monday to Thursday (4 × 8 h), mode 1 on Friday: the week needs 32 h, not 40 h.
    punches = "staff_id,timestamp\n" + "".join(
        f"1,2026-03-{day:02d} 08:30\n1,2026-03-{day:02d} 16:30\n" for day in range(9, 14)
    )
    arguments = write(
        tmp_path,
        people="staff_id,position_type,mode\n1,support,counted_hours\n",
        arrangements="staff_id,weekdays,mode\n1,fri,staggered\n",
        punches=punches,
        date_from="2026-03-09",
        date_to="2026-03-15",
    )
    summary = run(**arguments, periods_out=tmp_path / "periods.csv")
    [period] = read_csv(tmp_path / "periods.csv")
    assert (period["required_minutes"], period["counted_minutes"]) == ("1920", "1920")
    assert summary.mode2_compliant == 1


def test_warnings_for_plans_the_policy_would_not_allow(tmp_path: Path) -> None:
    arguments = write(
        tmp_path,
        people=(
            "staff_id,position_type,mode,slot\n"
            "1,area_field_work,off_site,\n"
            "2,support,staggered,10:00-18:00\n"
        ),
        punches="staff_id,timestamp\n",
    )
    summary = run(**arguments)
    assert [en for _th, en in summary.warnings] == [
        "1: the policy does not allow mode off_site for area_field_work",
        "2: slot 10:00-18:00 is not one of the policy's slots",
    ]
    assert "warnings (2)" in format_summary(summary)


def test_the_simulation_package_imports_no_django() -> None:
    code = (
        "import sys, govflex.simulate; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'ninja'} "
        "or m.startswith(('govflex.common', 'govflex.org', 'govflex.accounts', 'govflex.config')));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert found.returncode == 0, found.stdout
