"""Reading CSV exports for the policy simulation: encodings, delimiters, timestamps, windows."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from govflex.core.calendar import BANGKOK
from govflex.core.policy import TimeWindow
from govflex.simulate.errors import Problems
from govflex.simulate.table import parse_timestamp, parse_weekdays, parse_window, read_table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2026-03-02 08:25", datetime(2026, 3, 2, 1, 25, tzinfo=UTC), id="local"),
        pytest.param(
            "2026-03-02 08:25:13", datetime(2026, 3, 2, 1, 25, 13, tzinfo=UTC), id="seconds"
        ),
        pytest.param(
            "2026-03-02T08:25:00+07:00", datetime(2026, 3, 2, 1, 25, tzinfo=UTC), id="offset"
        ),
        pytest.param("2026-03-02T01:25:00Z", datetime(2026, 3, 2, 1, 25, tzinfo=UTC), id="zulu"),
        pytest.param(
            "2026-03-02 03:25:00+0900", datetime(2026, 3, 1, 18, 25, tzinfo=UTC), id="compact"
        ),
        pytest.param(
            "02/03/2569 08:25", datetime(2026, 3, 2, 1, 25, tzinfo=UTC), id="buddhist-era"
        ),
        pytest.param("2 มี.ค. 2569 8:25", datetime(2026, 3, 2, 1, 25, tzinfo=UTC), id="thai-month"),
        pytest.param("๐๒/๐๓/๒๕๖๙ ๐๘:๒๕", datetime(2026, 3, 2, 1, 25, tzinfo=UTC), id="thai-digits"),
    ],
)
def test_parse_timestamp_reads_local_and_offset_times(text: str, expected: datetime) -> None:
    assert parse_timestamp(text, tz=BANGKOK) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-03-02", "08:25", "2026-03-32 08:25", "2026-03-02 25:00", "2026-03-02 08:25+25:00", ""],
)
def test_parse_timestamp_rejects_what_is_not_a_time(text: str) -> None:
    assert parse_timestamp(text, tz=BANGKOK) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08:30-16:30", TimeWindow(time(8, 30), time(16, 30))),
        ("7:30 – 15:30", TimeWindow(time(7, 30), time(15, 30))),
        ("20:00-08:00+1", TimeWindow(time(20), time(8), overnight=True)),
        ("16:30-08:30", None),  # ends before it starts
        ("08:30", None),
        ("25:00-26:00", None),
    ],
)
def test_parse_window(text: str, expected: TimeWindow | None) -> None:
    assert parse_window(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon wed fri", {0, 2, 4}),
        ("Monday|Tuesday", {0, 1}),
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("จ. พ.", {0, 2}),
        ("พฤหัสบดี", {3}),
        ("0 6", {0, 6}),
        ("funday", None),
        ("fri-mon", None),
        ("7", None),
    ],
)
def test_parse_weekdays(text: str, expected: set[int] | None) -> None:
    found = parse_weekdays(text)
    assert (None if found is None else set(found)) == expected


def _write(tmp_path: Path, data: bytes, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp874"])
def test_read_table_decodes_thai_spreadsheet_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Staff_ID,ชื่อ,Position_Type\n650001,สมศรี,support\n"
    path = _write(tmp_path, text.encode(encoding))
    problems = Problems()
    table = read_table(path, required=("staff_id", "position_type"), problems=problems)
    assert not problems
    assert table is not None
    assert [row.values for row in table.rows] == [
        {"staff_id": "650001", "position_type": "support"}
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_read_table_finds_the_delimiter(tmp_path: Path, delimiter: str) -> None:
    text = delimiter.join(["staff_id", "timestamp"]) + "\n1" + delimiter + "2026-03-02 08:00\n"
    problems = Problems()
    table = read_table(
        _write(tmp_path, text.encode()),
        required=("staff_id",),
        optional=("timestamp",),
        problems=problems,
    )
    assert table is not None
    assert table.rows[0].get("timestamp") == "2026-03-02 08:00"


def test_read_table_numbers_rows_as_a_spreadsheet_does(tmp_path: Path) -> None:
    text = "staff_id,position_type\n1,support\n\n2,support\n3,support,extra\n"
    problems = Problems()
    table = read_table(
        _write(tmp_path, text.encode()), required=("staff_id", "position_type"), problems=problems
    )
    assert table is not None
    assert [row.number for row in table.rows] == [2, 4]  # the blank row 3 is skipped
    assert [(p.row, p.code) for p in problems.items] == [(5, "too_many_values")]


def test_read_table_names_missing_columns(tmp_path: Path) -> None:
    problems = Problems()
    path = _write(tmp_path, b"staff,position_type\n1,support\n")
    assert read_table(path, required=("staff_id", "position_type"), problems=problems) is None
    [problem] = problems.items
    assert (problem.file, problem.row, problem.column, problem.code) == (
        "people.csv",
        1,
        "staff_id",
        "column_missing",
    )
    assert "ไม่มีคอลัมน์ staff_id" in problem.th
    assert "Column staff_id is missing" in problem.en


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "file_empty"), (b"\x80\x00\x01" * 100, "file_unreadable")],
)
def test_read_table_refuses_unusable_files(tmp_path: Path, data: bytes, code: str) -> None:
    problems = Problems()
    assert read_table(_write(tmp_path, data), required=("staff_id",), problems=problems) is None
    assert [item.code for item in problems.items] == [code]


def test_read_table_reports_a_missing_file(tmp_path: Path) -> None:
    problems = Problems()
    assert read_table(tmp_path / "nope.csv", required=("staff_id",), problems=problems) is None
    assert [(item.file, item.code) for item in problems.items] == [("nope.csv", "file_missing")]
