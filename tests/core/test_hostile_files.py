"""Hostile and generated files for the pure parsers (issue 10, point 7): whatever the bytes,
the terminal-log parser and the spreadsheet-text helpers answer with a result or their own
clear error (row, column, reason in Thai and English) — never another exception — and a valid
generated file, in any accepted encoding and layout, parses to exactly what was written.
The import services are tested the same way in tests/app/test_hostile_imports.py."""

from __future__ import annotations

import os
import string
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govflex.core.tabular import (
    DateFormatError,
    ParsedDate,
    UnreadableText,
    decode_text,
    parse_date,
)
from govflex.core.terminal import ParsedLog, TerminalFileError, parse_terminal_log

BANGKOK = ZoneInfo("Asia/Bangkok")
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
# GOVFLEX_FUZZ_EXAMPLES raises the count for a longer hunt (make test keeps it quick).
EXAMPLES = int(os.environ.get("GOVFLEX_FUZZ_EXAMPLES", "150"))
FILES = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ generated garbage

_user = st.text(alphabet=string.digits, min_size=1, max_size=9)
# Wall-clock times as a terminal writes them (naive, Bangkok), before NOW.
_instant = st.datetimes(
    min_value=datetime(2025, 1, 1),  # noqa: DTZ001 - a terminal's local wall clock
    max_value=datetime(2026, 3, 19, 23, 59, 59),  # noqa: DTZ001
).map(lambda d: d.replace(microsecond=0))
_junk = st.text(max_size=40)
_field = st.one_of(_junk, _user, st.sampled_from(["", " ", "0", "-1", "99", "เข้า", "ออก"]))


@st.composite
def _attlog_like(draw: st.DrawFn) -> str:
    """A line that is a valid attlog line, one with a field broken, or noise."""
    user, at, state = draw(_user), draw(_instant), draw(st.integers(0, 5))
    stamp = draw(st.sampled_from(["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]))
    fields = [user, at.strftime(stamp), "1", str(state), "0", "0"]
    for index in draw(st.lists(st.integers(0, 5), max_size=3)):
        fields[index] = draw(_field)
    return "\t".join(fields[: draw(st.integers(1, 7))])


@st.composite
def _csv_like(draw: st.DrawFn) -> str:
    """A CSV header with known, unknown or missing columns, then rows of mixed quality."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    known = ["user_id", "timestamp", "date", "time", "state", "verify", "device", "รหัส", "วันที่"]
    header = draw(st.lists(st.one_of(st.sampled_from(known), _junk), min_size=1, max_size=6))
    rows = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(
            st.lists(
                st.one_of(_field, _instant.map(lambda d: d.strftime("%d/%m/%Y %H:%M"))),
                max_size=len(header) + 2,
            )
        )
        rows.append(delimiter.join(cells))
    return "\n".join(rows)


@st.composite
def _hostile_bytes(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.binary(max_size=2000))
    lines = draw(st.lists(_attlog_like() if choice == 1 else _csv_like(), min_size=1, max_size=8))
    if choice == 3:  # huge fields and stray bytes
        lines.append("9" * draw(st.integers(100, 5000)) + "\t2026-03-01 08:00:00")
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp874"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


def _assert_clear(parsed: ParsedLog) -> None:
    for problem in parsed.errors:
        assert problem.row >= 1
        assert problem.message.th.strip()
        assert problem.message.en.strip()
    for record in parsed.records:
        assert record.at.tzinfo is not None
        assert record.at <= NOW + timedelta(minutes=10)
        assert record.user_key
        assert len(record.fingerprint) == 64


@FILES
@given(_hostile_bytes())
def test_any_bytes_parse_or_are_refused_with_a_clear_message(data: bytes) -> None:
    refused: TerminalFileError | None = None
    try:
        parsed = parse_terminal_log(data, now=NOW, device="T1")
    except TerminalFileError as exc:
        refused = exc
    if refused is not None:
        assert refused.message.th.strip()
        assert refused.message.en.strip()
    else:
        _assert_clear(parsed)


# ------------------------------------------------------------------ valid generated logs

_punches = st.lists(
    st.tuples(_user, _instant, st.integers(0, 5)), min_size=1, max_size=40, unique_by=lambda p: p
)


def _expected(punches: list[tuple[str, datetime, int]]) -> list[tuple[str, datetime, int]]:
    return [
        (user, at.replace(tzinfo=BANGKOK).astimezone(UTC), state) for user, at, state in punches
    ]


@FILES
@given(
    _punches,
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp874"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_a_valid_attlog_parses_to_what_was_written(
    punches: list[tuple[str, datetime, int]], encoding: str, newline: str
) -> None:
    text = newline.join(
        f"{user}\t{at:%Y-%m-%d %H:%M:%S}\t1\t{state}\t0\t0" for user, at, state in punches
    )
    parsed = parse_terminal_log(text.encode(encoding), now=NOW, device="T1")
    assert parsed.errors == ()
    assert parsed.format == "attlog"
    assert [(r.terminal_user_id, r.at, r.state) for r in parsed.records] == _expected(punches)
    again = parse_terminal_log(text.encode(encoding), now=NOW, device="T1")
    assert [r.fingerprint for r in again.records] == [r.fingerprint for r in parsed.records]


@FILES
@given(
    _punches,
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp874"]),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
    st.booleans(),
)
def test_a_valid_csv_log_parses_to_what_was_written_and_matches_the_attlog(
    punches: list[tuple[str, datetime, int]],
    encoding: str,
    delimiter: str,
    thai_header: bool,
    buddhist_era: bool,
) -> None:
    header = (
        ["รหัส", "วันที่", "เวลา", "สถานะ"] if thai_header else ["user_id", "date", "time", "state"]
    )
    offset = 543 if buddhist_era else 0
    lines = [delimiter.join(header)] + [
        delimiter.join(
            [user, f"{at.day:02d}/{at.month:02d}/{at.year + offset}", f"{at:%H:%M:%S}", str(state)]
        )
        for user, at, state in punches
    ]
    parsed = parse_terminal_log("\n".join(lines).encode(encoding), now=NOW, device="T1")
    assert parsed.errors == ()
    assert parsed.format == "csv"
    assert [(r.terminal_user_id, r.at, r.state) for r in parsed.records] == _expected(punches)
    attlog = "\n".join(f"{u}\t{at:%Y-%m-%d %H:%M:%S}\t1\t{s}\t0\t0" for u, at, s in punches)
    same = parse_terminal_log(attlog.encode(), now=NOW, device="T1")
    assert [r.fingerprint for r in parsed.records] == [r.fingerprint for r in same.records]


# ------------------------------------------------------------------ spreadsheet text


@FILES
@given(st.binary(max_size=500))
def test_decode_text_returns_text_or_says_it_is_not(data: bytes) -> None:
    try:
        text, encoding = decode_text(data)
    except UnreadableText:
        return
    assert isinstance(text, str)
    assert encoding in {"utf-8", "utf-8-sig", "utf-16", "cp874"}


@FILES
@given(st.one_of(st.text(max_size=30), st.from_regex(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,5}")))
def test_parse_date_returns_a_date_or_its_own_error(text: str) -> None:
    try:
        parsed = parse_date(text)
    except DateFormatError:
        return
    assert isinstance(parsed, ParsedDate)
    assert isinstance(parsed.value, date)


def test_a_lone_carriage_return_and_an_unreadable_csv_row_are_handled() -> None:
    """Both raised csv.Error out of the parser (an import crashed) before."""
    header_cr = b"user_id,date,time\rmore\n1,01/03/2026,08:00\n"
    parsed = parse_terminal_log(header_cr, now=NOW)
    assert [r.terminal_user_id for r in parsed.records] == ["1"]
    huge = "9" * 200_000  # past the csv module's field limit
    text = f"user_id,date,time\n1,01/03/2026,08:00\n2,01/03/2026,{huge}\n3,01/03/2026,09:00\n"
    parsed = parse_terminal_log(text.encode(), now=NOW)
    assert [r.terminal_user_id for r in parsed.records] == ["1", "3"]
    assert [(e.row, e.message.en) for e in parsed.errors] == [
        (3, "This row is not readable CSV (broken quotes or line breaks, or a field too long)")
    ]


def test_text_with_a_nul_character_is_not_spreadsheet_text() -> None:
    """PostgreSQL cannot store U+0000: an import quoting such a cell in its report failed."""
    for data in (b"code,name\nU1,\x00\n", "code\n\x00".encode("utf-16"), b"\xef\xbb\xbfa\x00"):
        try:
            decode_text(data)
        except UnreadableText:
            continue
        raise AssertionError(data)
