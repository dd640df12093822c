"""Terminal punch logs: ZKTeco attlog and CSV, idempotency keys, staff mapping (issue 4)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.terminal import (
    ParsedLog,
    TerminalFileError,
    TerminalRecord,
    detect_format,
    iter_terminal_log,
    map_users,
    normalise_user_id,
    parse_terminal_log,
    record_fingerprint,
)

NOW = datetime(2026, 3, 6, 3, 0, tzinfo=UTC)  # 10:00 Bangkok
ATTLOG = (
    "     1\t2026-03-05 08:31:02\t1\t0\t0\t0\n"
    "0002\t2026-03-05 16:40:00\t15\t1\n"
    "  123\t2026-03-05 12:00:00\t2\t2\t7\t0\t0\t0\n"
)


def parse(text: str, *, max_future: timedelta = timedelta(minutes=10)) -> ParsedLog:
    return parse_terminal_log(text.encode(), now=NOW, max_future=max_future)


def bkk(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A Bangkok wall-clock time in March 2026 as a UTC instant."""
    return datetime(2026, 3, day, hour, minute, second, tzinfo=ZoneInfo("Asia/Bangkok")).astimezone(
        UTC
    )


# ---------------------------------------------------------------- attlog


def test_attlog_lines_become_utc_records_with_codes() -> None:
    parsed = parse_terminal_log(ATTLOG.encode(), now=NOW, device="SN-9")
    assert parsed.format == "attlog"
    assert parsed.encoding == "utf-8"
    assert parsed.errors == ()
    first, second, third = parsed.records
    assert first.row == 1
    assert (first.terminal_user_id, first.user_key) == ("1", "1")
    assert first.at == bkk(5, 8, 31, 2)
    assert first.at.tzinfo is UTC
    assert (first.verify, first.state, first.work_code, first.device) == (1, 0, "0", "SN-9")
    assert (second.terminal_user_id, second.user_key, second.verify, second.state) == (
        "0002",
        "2",
        15,
        1,
    )
    assert second.work_code == ""
    assert (third.state, third.work_code) == (2, "7")  # break-out, 8 columns accepted


@pytest.mark.parametrize(
    ("line", "column", "code"),
    [
        pytest.param("1\t2026-03-05 08:00:00\t1", "", "terminal_columns", id="3-columns"),
        pytest.param("1\t2026-03-05 08:00:00\t1\t0\t0\t0\t0\t0\t0", "", "terminal_columns", id="9"),
        pytest.param("garbage", "", "terminal_columns", id="no-tabs"),
        pytest.param("  \t2026-03-05 08:00:00\t1\t0", "terminal_user_id", "terminal_user_missing"),
        pytest.param("1\t2026-02-30 08:00:00\t1\t0", "timestamp", "terminal_time_invalid"),
        pytest.param("1\t05/03/2026 08:00\t1\t0", "timestamp", "terminal_time_invalid"),
        pytest.param("1\t2026-03-05\t1\t0", "timestamp", "terminal_time_invalid", id="no-time"),
        pytest.param("1\t2026-03-05 08:00:00+07:00\t1\t0", "timestamp", "terminal_time_invalid"),
        pytest.param("1\t2026-03-05 08:00:00\tx\t0", "verify", "terminal_code_invalid"),
        pytest.param("1\t2026-03-05 08:00:00\t1\t", "state", "terminal_code_invalid"),
        pytest.param("1\t2026-03-06 10:10:01\t1\t0", "timestamp", "terminal_time_future"),
    ],
)
def test_malformed_attlog_line_is_a_row_error_and_good_rows_still_parse(
    line: str, column: str, code: str
) -> None:
    good = "7\t2026-03-05 08:00:00\t1\t0"
    parsed = parse_terminal_log(f"{good}\n{line}\n{good}\n".encode(), now=NOW)
    assert [record.row for record in parsed.records] == [1, 3]
    [problem] = parsed.errors
    assert (problem.row, problem.column, problem.message.code) == (2, column, code)
    assert problem.message.th
    assert problem.message.en


def test_future_limit_is_max_future_after_now() -> None:
    at_limit = "1\t2026-03-06 10:10:00\t1\t0\n"  # exactly now + 10 min: accepted
    assert len(parse(at_limit).records) == 1
    later = parse(at_limit, max_future=timedelta(minutes=5))
    assert [e.message.param("minutes") for e in later.errors] == [5]


def test_time_before_earliest_is_refused() -> None:
    parsed = parse_terminal_log(
        b"1\t2026-02-28 23:59:59\t1\t0\n1\t2026-03-01 00:00:00\t1\t0\n",
        now=NOW,
        earliest=bkk(1, 0),
    )
    assert [r.row for r in parsed.records] == [2]
    assert [e.message.code for e in parsed.errors] == ["terminal_time_too_early"]


def test_blank_lines_are_skipped_and_short_timestamps_take_the_slow_path() -> None:
    parsed = parse_terminal_log(b"\n1\t2026-03-05 08:31\t1\t0\n\n", now=NOW)
    assert parsed.errors == ()
    [record] = parsed.records
    assert (record.row, record.at) == (2, bkk(5, 8, 31))
    assert record.fingerprint == record_fingerprint("", "1", record.at, 0)


def test_other_time_zone_is_applied_exactly_across_a_daylight_saving_switch() -> None:
    berlin = ZoneInfo("Europe/Berlin")  # switched to summer time on 29 Mar 2026
    text = "1\t2026-03-28 08:00:00\t1\t0\n1\t2026-03-29 08:00:00\t1\t0\n"
    parsed = parse_terminal_log(text.encode(), now=datetime(2026, 4, 1, tzinfo=UTC), tz=berlin)
    assert [r.at.hour for r in parsed.records] == [7, 6]


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        parse_terminal_log(ATTLOG.encode(), now=datetime(2026, 3, 6))  # noqa: DTZ001


# ---------------------------------------------------------------- whole-file problems


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (bytes(range(256)) * 4, "terminal_file_unreadable"),
        (b"", "terminal_file_empty"),
        (b"\n\n", "terminal_file_empty"),
        (b"user_id,timestamp\n", "terminal_file_empty"),
        (b"name,timestamp\nA,2026-03-05 08:00\n", "terminal_column_missing"),
        (b"user_id,date\n1,2026-03-05\n", "terminal_column_missing"),
    ],
)
def test_file_that_cannot_be_read_as_a_whole_is_refused_with_one_message(
    data: bytes, code: str
) -> None:
    with pytest.raises(TerminalFileError) as caught:
        parse_terminal_log(data, now=NOW)
    assert caught.value.message.code == code


# ---------------------------------------------------------------- CSV


def test_thai_csv_with_buddhist_era_dates_and_separate_columns() -> None:
    text = "รหัส,วันที่,เวลา,สถานะ,เครื่อง\n007,05/03/2569,08.31 น.,เข้า,HQ-1\n7,5 มี.ค. 2569,16:31,ออก,\n"
    parsed = parse_terminal_log(text.encode("cp874"), now=NOW, device="DEFAULT")
    assert (parsed.format, parsed.encoding, parsed.errors) == ("csv", "cp874", ())
    first, second = parsed.records
    assert (first.row, first.terminal_user_id, first.user_key) == (2, "007", "7")
    assert (first.at, first.state, first.device, first.verify) == (bkk(5, 8, 31), 0, "HQ-1", None)
    assert (second.at, second.state, second.device) == (bkk(5, 16, 31), 1, "DEFAULT")


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("timestamp", "2026-03-05 08:31:02", bkk(5, 8, 31, 2)),
        ("Date/Time", "2569-03-05 08:31", bkk(5, 8, 31)),
        ("datetime", "2026-03-05T08:31:02", bkk(5, 8, 31, 2)),
        ("checktime", "2026-03-05T08:31:02+00:00", datetime(2026, 3, 5, 8, 31, 2, tzinfo=UTC)),
        ("วันเวลา", "5 มีนาคม 2569 08:31 น.", bkk(5, 8, 31)),
        ("timestamp", "๕/๓/๒๕๖๙ ๐๘:๓๑", bkk(5, 8, 31)),
    ],
)
def test_csv_timestamp_forms(header: str, value: str, expected: datetime) -> None:
    parsed = parse_terminal_log(f"User ID,{header}\n1,{value}\n".encode(), now=NOW)
    assert parsed.errors == ()
    assert parsed.records[0].at == expected


@pytest.mark.parametrize(
    ("state", "verify", "expected"),
    [
        ("in", "FP", (0, 1)),
        ("C/Out", "face", (1, 15)),
        ("1", "2", (1, 2)),
        ("Break Out", "", (2, None)),
        ("", "บัตร", (None, 2)),
    ],
)
def test_csv_state_and_verify_words_become_terminal_codes(
    state: str, verify: str, expected: tuple[int | None, int | None]
) -> None:
    text = f"user_id,timestamp,direction,verify\n1,2026-03-05 08:00,{state},{verify}\n"
    [record] = parse_terminal_log(text.encode(), now=NOW).records
    assert (record.state, record.verify) == expected


def test_csv_bad_rows_are_reported_by_spreadsheet_row_and_column() -> None:
    text = (
        "ID\tDate\tTime\tState\n"  # tab-separated (Excel "Unicode text")
        "1\t2026-03-05\t08:00\tin\n"
        "\t2026-03-05\t08:00\tin\n"
        "2\t2026-13-05\t08:00\tin\n"
        "3\t2026-03-05\t25:00\tin\n"
        "4\t2026-03-05\t08:00\tsideways\n"
        "5\t2026-03-07\t08:00\tin\n"
    )
    parsed = parse_terminal_log(text.encode("utf-16"), now=NOW)
    assert parsed.encoding == "utf-16"
    assert [r.row for r in parsed.records] == [2]
    assert [(e.row, e.column, e.message.code) for e in parsed.errors] == [
        (3, "terminal_user_id", "terminal_user_missing"),
        (4, "date", "terminal_time_invalid"),
        (5, "date", "terminal_time_invalid"),
        (6, "state", "terminal_code_invalid"),
        (7, "date", "terminal_time_future"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1\t2026-03-05 08:00:00\t1\t0\n", "attlog"),
        ("\n   42\t2026-03-05 08:00:00\t1\t0\n", "attlog"),
        ("user_id,timestamp\n1,2026-03-05 08:00\n", "csv"),
        ("user_id\ttimestamp\n1\t2026-03-05 08:00\n", "csv"),
        ("", "csv"),
    ],
)
def test_format_is_detected_from_content(text: str, expected: str) -> None:
    assert detect_format(text) == expected


# ---------------------------------------------------------------- idempotency and mapping


def test_same_punch_has_the_same_fingerprint_in_attlog_and_csv_exports() -> None:
    attlog = parse_terminal_log(b"00123\t2026-03-05 08:31:00\t1\t0\n", now=NOW, device="D")
    csv_log = parse_terminal_log(
        b"user_id,date,time,state\n123,05/03/2569,08:31,in\n", now=NOW, device="D"
    )
    assert attlog.records[0].fingerprint == csv_log.records[0].fingerprint


def test_reimporting_a_file_gives_the_same_fingerprints() -> None:
    first = parse_terminal_log(ATTLOG.encode(), now=NOW, device="SN")
    again = parse_terminal_log(ATTLOG.encode(), now=NOW + timedelta(days=3), device="SN")
    assert [r.fingerprint for r in first.records] == [r.fingerprint for r in again.records]


@pytest.mark.parametrize(
    "change",
    [
        {"device": "other"},
        {"user_key": "2"},
        {"at": bkk(5, 8, 31, 3)},
        {"state": 1},
        {"state": None},
    ],
)
def test_fingerprint_changes_with_device_user_instant_or_state(change: dict[str, object]) -> None:
    base: dict[str, object] = {"device": "D", "user_key": "1", "at": bkk(5, 8, 31, 2), "state": 0}
    assert record_fingerprint(**base) != record_fingerprint(**(base | change))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "key"), [("000123", "123"), ("123", "123"), ("000", "0"), ("A007", "A007"), ("", "")]
)
def test_normalised_user_id_drops_leading_zeros(raw: str, key: str) -> None:
    assert normalise_user_id(raw) == key


def test_map_users_tries_exact_then_without_leading_zeros() -> None:
    text = "".join(
        f"{user}\t2026-03-05 08:0{minute}:00\t1\t0\n"
        for minute, user in enumerate(["0007", "7", "9", "0042"])
    )
    records = parse_terminal_log(text.encode(), now=NOW).records
    mapped, unmapped = map_users(records, {"0007": "S-EXACT", "07": "S-SEVEN", "042": "S-42"})
    assert [(staff, r.row) for staff, r in mapped] == [
        ("S-EXACT", 1),
        ("S-EXACT", 2),  # "7" → key "7" → first map entry normalising to "7"
        ("S-42", 4),
    ]
    [problem] = unmapped
    assert (problem.row, problem.column, problem.message.code) == (
        3,
        "terminal_user_id",
        "terminal_user_unmapped",
    )
    assert problem.message.param("user") == "9"


def test_iter_terminal_log_streams_records_and_problems_in_file_order() -> None:
    log_format, rows = iter_terminal_log("1\t2026-03-05 08:00:00\t1\t0\nbad\n", now=NOW)
    items = list(rows)
    assert log_format == "attlog"
    assert isinstance(items[0], TerminalRecord)
    assert items[1].row == 2


# ---------------------------------------------------------------- properties

_LOCAL = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 3, 6, 9, 59))  # noqa: DTZ001


@given(
    stamps=st.lists(_LOCAL.map(lambda d: d.replace(microsecond=0)), min_size=1, max_size=20),
    user=st.integers(min_value=0, max_value=10**9),
    pad=st.integers(min_value=0, max_value=4),
    state=st.integers(min_value=0, max_value=5),
)
def test_fast_attlog_path_agrees_with_the_exact_conversion_and_fingerprint(
    stamps: list[datetime], user: int, pad: int, state: int
) -> None:
    user_id = "0" * pad + str(user)
    text = "".join(f" {user_id}\t{s:%Y-%m-%d %H:%M:%S}\t1\t{state}\n" for s in stamps)
    parsed = parse_terminal_log(text.encode(), now=NOW, device="D")
    assert parsed.errors == ()
    for stamp, record in zip(stamps, parsed.records, strict=True):
        assert record.at == stamp.replace(tzinfo=ZoneInfo("Asia/Bangkok"))
        assert record.user_key == normalise_user_id(user_id)
        assert record.fingerprint == record_fingerprint("D", record.user_key, record.at, state)


def test_windows_line_endings_are_accepted_in_attlog_and_csv() -> None:
    attlog = parse_terminal_log(
        b"1\t2026-03-05 08:00:00\t1\t0\r\n2\t2026-03-05 08:01:00\t1\t1\r\n", now=NOW
    )
    csv_log = parse_terminal_log(b"user_id,timestamp,state\r\n1,2026-03-05 08:00,in\r\n", now=NOW)
    assert [(r.user_key, r.state) for r in attlog.records] == [("1", 0), ("2", 1)]
    assert attlog.errors == csv_log.errors == ()
    assert csv_log.records[0].fingerprint == attlog.records[0].fingerprint
