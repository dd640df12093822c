"""Checking the simulation's input files: every bad row is named (file, row, column, reason in
Thai and English) and all problems are collected before the run stops."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from govflex.core.enums import LeavePart, PlaceType, PositionType, ReportState, WorkMode
from govflex.core.policy import TimeWindow
from govflex.simulate import SimulationInput, SimulationInputError, load_inputs
from govflex.simulate.formats import Absence

POLICY = 'effective_from: "2026-03-01"\nname: "test"\n'
PEOPLE = "staff_id,position_type,mode,slot\n1,support,staggered,08:00-16:00\n2,support,2,\n"
PUNCHES = "staff_id,timestamp\n1,2026-03-02 07:58\n1,2026-03-02 16:02\n"


def files(tmp_path: Path, **texts: str) -> dict[str, Any]:
    """Write the inputs (defaults above, overridden by ``texts``) and return run arguments."""
    contents = {"policy": POLICY, "people": PEOPLE, "punches": PUNCHES, **texts}
    names = {"policy": "policy.yaml"}
    arguments: dict[str, Any] = {"date_from": "2026-03-02", "date_to": "2026-03-08"}
    for key, text in contents.items():
        path = tmp_path / names.get(key, f"{key}.csv")
        path.write_text(text, encoding="utf-8")
        arguments[key] = path
    return arguments


def problems(tmp_path: Path, **texts: str) -> list[tuple[str, int | None, str, str]]:
    with pytest.raises(SimulationInputError) as caught:
        load_inputs(**files(tmp_path, **texts))
    return [(p.file, p.row, p.column, p.code) for p in caught.value.problems]


def test_valid_inputs_load(tmp_path: Path) -> None:
    inputs = load_inputs(**files(tmp_path))
    assert isinstance(inputs, SimulationInput)
    assert list(inputs.people) == ["1", "2"]
    assert inputs.people["1"].plan.arrangement is not None
    assert inputs.people["1"].plan.arrangement.slot == TimeWindow.of("08:00", "16:00")
    assert inputs.people["2"].plan.mode is WorkMode.COUNTED_HOURS
    assert len(inputs.punches["1"]) == 2
    assert inputs.policy.name == "test"


def test_malformed_people_rows_are_named_by_row_and_column(tmp_path: Path) -> None:
    people = (
        "staff_id,position_type,mode,slot,place\n"
        "1,support,staggered,,\n"  # row 2: fine
        ",support,,,\n"  # row 3: no staff ID
        "3,clerk,,,\n"  # row 4: unknown position type
        "4,support,counted_hours,08:00-16:00,\n"  # row 5: slot with counted hours
        "5,support,staggered,,residence\n"  # row 6: place with on-site work
        "6,support,4,17:00-08:00,\n"  # row 7: bad mode and bad window
        "1,support,,,\n"  # row 8: duplicate of row 2
    )
    assert problems(tmp_path, people=people, punches="staff_id,timestamp\n") == [
        ("people.csv", 3, "staff_id", "required"),
        ("people.csv", 4, "position_type", "invalid_choice"),
        ("people.csv", 5, "slot", "slot_not_for_mode"),
        ("people.csv", 6, "place", "place_only_off_site"),
        ("people.csv", 7, "mode", "invalid_choice"),
        ("people.csv", 7, "slot", "invalid_window"),
        ("people.csv", 8, "staff_id", "duplicate_row"),
    ]


def test_problem_text_is_thai_and_english(tmp_path: Path) -> None:
    people = "staff_id,position_type\n1,clerk\n"
    with pytest.raises(SimulationInputError) as caught:
        load_inputs(**files(tmp_path, people=people, punches="staff_id,timestamp\n"))
    [problem] = caught.value.problems
    assert problem.text("th").startswith("people.csv แถวที่ 2 คอลัมน์ position_type: ค่า clerk")
    assert problem.text("en").startswith("people.csv, row 2, column position_type: Value clerk")
    assert "clerk" in caught.value.report()


def test_malformed_punch_rows(tmp_path: Path) -> None:
    punches = (
        "staff_id,timestamp,source,on_site\n"
        "1,2026-03-02 07:58,terminal,yes\n"
        "1,2026-03-02,terminal,yes\n"  # row 3: no time
        "1,2026-03-02 08:00,fax,yes\n"  # row 4: unknown source
        "1,2026-03-02 08:00,web,maybe\n"  # row 5: bad flag
        ",2026-03-02 08:00,,\n"  # row 6: no staff
        "99,2026-03-02 08:00,,\n"  # someone not in people.csv: skipped, counted
    )
    assert problems(tmp_path, punches=punches) == [
        ("punches.csv", 3, "timestamp", "invalid_timestamp"),
        ("punches.csv", 4, "source", "invalid_choice"),
        ("punches.csv", 5, "on_site", "invalid_bool"),
        ("punches.csv", 6, "staff_id", "required"),
    ]


def test_punches_may_come_as_date_and_time_columns(tmp_path: Path) -> None:
    punches = "staff_id,date,time\n1,02/03/2569,07:58\n99,02/03/2569,08:00\n1,02/03/2569,16:02\n"
    inputs = load_inputs(**files(tmp_path, punches=punches))
    assert [punch.at.hour for punch in inputs.punches["1"]] == [0, 9]  # UTC
    assert inputs.unknown_staff_punches == 1


def test_punches_need_a_timestamp_or_date_and_time(tmp_path: Path) -> None:
    assert problems(tmp_path, punches="staff_id,date\n1,2026-03-02\n") == [
        ("punches.csv", 1, "timestamp", "column_missing")
    ]


def test_malformed_arrangement_rows(tmp_path: Path) -> None:
    arrangements = (
        "staff_id,date,weekdays,valid_from,valid_to,mode,slot,place,report\n"
        "1,2026-03-04,,,,off_site,,residence,filed\n"
        "1,,wed,2026-03-01,2026-03-31,off_site,,garden,\n"  # row 3: unknown place
        "1,2026-03-05,mon,,,staggered,,,\n"  # row 4: date and weekdays
        "1,,,,,staggered,,,\n"  # row 5: neither
        "1,2026-03-04,,,,staggered,,,\n"  # row 6: duplicate of row 2
        "9,2026-03-04,,,,staggered,,,\n"  # row 7: unknown staff
        "1,,fri,2026-03-31,2026-03-01,staggered,,,\n"  # row 8: span ends before it starts
        "1,2026-03-06,,2026-03-01,,staggered,,,\n"  # row 9: span on a dated row
        "1,2026-03-06,,,,,,,\n"  # row 10: no mode
    )
    assert problems(tmp_path, arrangements=arrangements) == [
        ("arrangements.csv", 3, "place", "invalid_choice"),
        ("arrangements.csv", 4, "date", "date_or_weekdays"),
        ("arrangements.csv", 5, "date", "date_or_weekdays"),
        ("arrangements.csv", 6, "date", "duplicate_row"),
        ("arrangements.csv", 7, "staff_id", "unknown_staff"),
        ("arrangements.csv", 8, "valid_to", "end_before_start"),
        ("arrangements.csv", 9, "valid_from", "only_with_weekdays"),
        ("arrangements.csv", 10, "mode", "required"),
    ]


def test_arrangements_dated_row_wins_over_patterns(tmp_path: Path) -> None:
    arrangements = (
        "staff_id,date,weekdays,mode,place,report\n"
        "1,,mon-fri,counted_hours,,\n"
        "1,,wed,off_site,residence,filed\n"
        "1,2026-03-11,,staggered,,\n"
    )
    inputs = load_inputs(**files(tmp_path, arrangements=arrangements))
    person = inputs.people["1"]
    assert inputs.plan(person, date(2026, 3, 2)).mode is WorkMode.COUNTED_HOURS
    wednesday = inputs.plan(person, date(2026, 3, 4))
    assert wednesday.mode is WorkMode.OFF_SITE
    assert wednesday.report is ReportState.FILED
    assert wednesday.arrangement is not None
    assert wednesday.arrangement.place is PlaceType.RESIDENCE
    assert inputs.plan(person, date(2026, 3, 11)).mode is WorkMode.STAGGERED
    assert inputs.plan(person, date(2026, 3, 7)) == person.plan  # Saturday: the default


def test_leave_rows(tmp_path: Path) -> None:
    leave = (
        "staff_id,date,to,part,kind\n"
        "1,2026-03-02,,morning,\n"
        "1,2026-03-02,,afternoon,\n"  # with row 2: a full day
        "1,2026-03-03,2026-03-04,,\n"  # two full days
        "2,2026-03-05,,บ่าย,ลา\n"
        "2,2026-03-06,,,official_travel\n"
    )
    inputs = load_inputs(**files(tmp_path, leave=leave))
    assert inputs.absences == {
        ("1", date(2026, 3, 2)): Absence(LeavePart.FULL_DAY),
        ("1", date(2026, 3, 3)): Absence(LeavePart.FULL_DAY),
        ("1", date(2026, 3, 4)): Absence(LeavePart.FULL_DAY),
        ("2", date(2026, 3, 5)): Absence(LeavePart.AFTERNOON),
        ("2", date(2026, 3, 6)): Absence(official_travel=True),
    }


def test_malformed_leave_rows(tmp_path: Path) -> None:
    leave = (
        "staff_id,date,to,part,kind\n"
        "1,2026-03-02,,morning,\n"
        "1,2026-03-02,,morning,\n"  # row 3: same half twice
        "1,2026-03-03,2026-03-05,morning,\n"  # row 4: half day over a span
        "1,2026-03-06,,afternoon,official_travel\n"  # row 5: half-day travel
        "1,2026-03-09,2026-03-06,,\n"  # row 6: ends before it starts
        "1,31/02/2569,,,\n"  # row 7: no such date
        "1,2026-03-10,,evening,\n"  # row 8: bad part
        "7,2026-03-10,,,\n"  # row 9: unknown staff
    )
    assert problems(tmp_path, leave=leave) == [
        ("leave.csv", 3, "date", "duplicate_row"),
        ("leave.csv", 4, "part", "half_day_range"),
        ("leave.csv", 5, "part", "travel_is_full_day"),
        ("leave.csv", 6, "to", "end_before_start"),
        ("leave.csv", 7, "date", "invalid_date"),
        ("leave.csv", 8, "part", "invalid_choice"),
        ("leave.csv", 9, "staff_id", "unknown_staff"),
    ]


def test_holidays_accept_buddhist_era_and_refuse_duplicates(tmp_path: Path) -> None:
    holidays = "date,name\n13/03/2569,วันหยุดพิเศษ\n2026-03-13,again\n2026-03-20,\n"
    assert problems(tmp_path, holidays=holidays) == [("holidays.csv", 3, "date", "duplicate_row")]
    ok = load_inputs(**files(tmp_path, holidays="date,name\n13/03/2569,วันหยุดพิเศษ\n2026-03-20,\n"))
    assert ok.holidays[date(2026, 3, 13)] == "วันหยุดพิเศษ"
    assert date(2026, 3, 20) in ok.holidays


def test_policy_problems_name_the_field(tmp_path: Path) -> None:
    policy = (
        'effective_from: "2026-03-01"\n'
        "staggered:\n"
        '  slots: ["16:30-08:30"]\n'
        "counted_hours:\n"
        "  weekly_minimum_minutes: 4000\n"
    )
    found = problems(tmp_path, policy=policy)
    assert ("policy.yaml", None, "staggered.slots[0]", "slot_end_before_start") in found
    assert (
        "policy.yaml",
        None,
        "counted_hours.weekly_minimum_minutes",
        "weekly_hours_out_of_range",
    ) in found


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("effective_from: [\n", ("policy.yaml", 2, "", "yaml_invalid")),
        ("- just\n- a list\n", ("policy.yaml", None, "", "policy_not_mapping")),
        ("name: x\n", ("policy.yaml", None, "effective_from", "required")),
    ],
)
def test_policy_file_problems(tmp_path: Path, policy: str, expected: tuple[Any, ...]) -> None:
    assert problems(tmp_path, policy=policy) == [expected]


def test_every_file_is_checked_before_stopping(tmp_path: Path) -> None:
    arguments = files(
        tmp_path,
        policy="name: x\n",
        people="staff_id,position_type\n1,clerk\n",
        punches="staff_id,timestamp\n1,yesterday\n",
        leave="staff_id,date\n1,someday\n",
        holidays="date\nnever\n",
        arrangements="staff_id,mode,date\n1,5,2026-03-02\n",
    )
    arguments |= {"date_from": "2026-03-09", "date_to": "2026-03-02"}
    with pytest.raises(SimulationInputError) as caught:
        load_inputs(**arguments)
    files_with_problems = {problem.file for problem in caught.value.problems}
    assert files_with_problems == {
        "--to",
        "policy.yaml",
        "people.csv",
        "punches.csv",
        "leave.csv",
        "holidays.csv",
        "arrangements.csv",
    }


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    arguments = files(tmp_path)
    arguments["leave"] = tmp_path / "missing.csv"
    with pytest.raises(SimulationInputError) as caught:
        load_inputs(**arguments)
    assert [(p.file, p.code) for p in caught.value.problems] == [("missing.csv", "file_missing")]


def test_windows_874_files_are_read(tmp_path: Path) -> None:
    arguments = files(tmp_path)
    people = "staff_id,ชื่อ,position_type\n1,สมศรี,support\n"
    arguments["people"].write_bytes(people.encode("cp874"))
    inputs = load_inputs(**arguments)
    assert inputs.people["1"].position_type is PositionType.SUPPORT
