"""CSV punch logs: a header row, then user, date and time, and optional state, verify, device."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time
from typing import Final
from zoneinfo import ZoneInfo

from govflex.core.calendar import local_instant
from govflex.core.messages import message
from govflex.core.tabular import DateFormatError, parse_date
from govflex.core.terminal.records import (
    Limits,
    RowProblem,
    TerminalFileError,
    TerminalRecord,
    bad_number,
    normalise_user_id,
    record_fingerprint,
)
from govflex.core.thaidate import to_arabic_digits

# Header aliases, compared after _header_key (lower case, punctuation to "_").
_CSV_ALIASES: Final[Mapping[str, str]] = {
    **dict.fromkeys(
        ("terminal_user_id", "user_id", "userid", "id", "ac_no", "enroll_no", "pin", "รหัส"),
        "terminal_user_id",
    ),
    **dict.fromkeys(("รหัสผู้ใช้", "รหัสเครื่องลงเวลา"), "terminal_user_id"),
    **dict.fromkeys(
        ("timestamp", "datetime", "date_time", "checktime", "check_time", "วันเวลา"), "timestamp"
    ),
    **dict.fromkeys(("date", "วันที่"), "date"),
    **dict.fromkeys(("time", "เวลา"), "time"),
    **dict.fromkeys(
        ("state", "direction", "status", "in_out", "inout", "checktype", "สถานะ", "เข้า_ออก"),
        "state",
    ),
    **dict.fromkeys(("verify", "verify_mode", "verifycode", "verify_code", "การยืนยัน"), "verify"),
    **dict.fromkeys(
        ("terminal", "device", "device_id", "terminal_id", "sn", "serial", "เครื่อง"), "device"
    ),
    **dict.fromkeys(("work_code", "workcode"), "work_code"),
}

# In/out words terminals and people write; digits are taken as the ZKTeco code itself.
_STATES: Final[Mapping[str, int]] = {
    **dict.fromkeys(("in", "i", "check_in", "checkin", "c_in", "เข้า"), 0),
    **dict.fromkeys(("out", "o", "check_out", "checkout", "c_out", "ออก"), 1),
    **dict.fromkeys(("break_out", "พักออก"), 2),
    **dict.fromkeys(("break_in", "พักเข้า"), 3),
    **dict.fromkeys(("ot_in", "overtime_in"), 4),
    **dict.fromkeys(("ot_out", "overtime_out"), 5),
}
_VERIFY_MODES: Final[Mapping[str, int]] = {
    **dict.fromkeys(("password", "pw", "รหัสผ่าน"), 0),
    **dict.fromkeys(("fingerprint", "finger", "fp", "ลายนิ้วมือ"), 1),
    **dict.fromkeys(("card", "บัตร"), 2),
    **dict.fromkeys(("face", "ใบหน้า"), 15),
}
_NOT_KEY: Final = re.compile(r"[^0-9a-z\u0e00-\u0e7f]+")
_CLOCK: Final = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")


def _header_key(text: str) -> str:
    return _NOT_KEY.sub("_", text.strip().lstrip("\ufeff").lower()).strip("_")


def _code(text: str, words: Mapping[str, int]) -> int | None:
    """A terminal code: empty → None, digits → that number, a known word → its code."""
    key = _header_key(to_arabic_digits(text))
    if not key:
        return None
    if key.isdigit():
        return int(key)
    return words[key]  # KeyError: not a code


def _parse_clock(text: str) -> time:
    """``8:31``, ``08:31:02``, ``08.31 น.``, Thai digits, or ISO with an offset."""
    raw = to_arabic_digits(text.strip()).removesuffix("น.").removesuffix("น").strip()
    if m := _CLOCK.match(raw):
        return time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    return time.fromisoformat(raw)


class _CsvTimes:
    """Local dates and times of a CSV to UTC instants (dates may use Buddhist-Era years)."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.dates: dict[str, date] = {}

    def date(self, text: str) -> date:
        found = self.dates.get(text)
        if found is None:
            found = self.dates[text] = parse_date(text).value
        return found

    def instant(self, date_text: str, clock_text: str) -> datetime:
        clock = _parse_clock(clock_text)
        day = self.date(date_text)
        if clock.tzinfo is not None:  # the export states its offset: trust it
            return datetime.combine(day, clock).astimezone(UTC)
        return local_instant(day, clock, self.tz)

    def split(self, text: str) -> tuple[str, str]:
        """``2026-03-05 08:31``, ``2026-03-05T08:31``, ``5 มี.ค. 2569 08:31`` → date, time."""
        raw = text.strip().removesuffix("น.").strip()
        if len(raw) > 10 and raw[10] == "T":
            return raw[:10], raw[11:]
        parts = raw.rsplit(None, 1)
        if len(parts) != 2:
            raise DateFormatError(raw)
        return parts[0], parts[1]


def _sniff_delimiter(header: str) -> str:
    return max((",", "\t", ";"), key=header.count)


def iter_csv(
    text: str, limits: Limits, tz: ZoneInfo, device: str
) -> Iterator[TerminalRecord | RowProblem]:
    """Check the header now (raising :class:`TerminalFileError`) and return the rows lazily.

    The delimiter (comma, tab or semicolon) is the one the header uses most; a row's number is
    its spreadsheet row, the header being row 1 (after any leading blank lines).
    """
    # Universal newlines: a lone CR (old Mac exports, or inside a line) would break the reader.
    lines = io.StringIO(text.lstrip("\ufeff"), newline=None)
    header_row = 0
    for header_line in lines:
        header_row += 1
        if header_line.strip():
            break
    else:
        raise TerminalFileError(message("terminal_file_empty"))
    delimiter = _sniff_delimiter(header_line)
    try:
        columns = _csv_columns(next(csv.reader([header_line], delimiter=delimiter)))
    except csv.Error as exc:
        raise TerminalFileError(message("terminal_csv_malformed")) from exc
    reader = csv.reader(lines, delimiter=delimiter)
    return _csv_rows(_readable(reader), header_row + 1, columns, limits, _CsvTimes(tz), device)


def _readable(reader: Iterator[list[str]]) -> Iterator[list[str] | None]:
    """The reader's rows; ``None`` for one it cannot read (a quote left open, a field past the
    csv module's size limit), so that row is reported and the next ones are still read."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None


def _csv_rows(
    reader: Iterator[list[str] | None],
    first_row: int,
    columns: dict[str, int],
    limits: Limits,
    times: _CsvTimes,
    device: str,
) -> Iterator[TerminalRecord | RowProblem]:
    for row, cells in enumerate(reader, start=first_row):
        if cells is None:
            yield RowProblem(row, "", message("terminal_csv_malformed"))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        yield _csv_record(row, values, limits, times, device)


def _csv_columns(header: list[str]) -> dict[str, int]:
    """Canonical column name → index; raises when the user or time columns are missing."""
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        canonical = _CSV_ALIASES.get(_header_key(name))
        if canonical is not None and canonical not in columns:
            columns[canonical] = index
    required = ["terminal_user_id"]
    if "timestamp" not in columns:
        required += ["date", "time"]
    for name in required:
        if name not in columns:
            raise TerminalFileError(message("terminal_column_missing", name=name))
    return columns


def _csv_record(
    row: int, values: dict[str, str], limits: Limits, times: _CsvTimes, device: str
) -> TerminalRecord | RowProblem:
    user = values["terminal_user_id"]
    if not user:
        return RowProblem(row, "terminal_user_id", message("terminal_user_missing"))
    if "timestamp" in values:
        column, raw = "timestamp", values["timestamp"]
    else:
        column, raw = "date", f"{values['date']} {values['time']}".strip()
    try:
        if column == "timestamp":
            at = times.instant(*times.split(raw))
        else:
            at = times.instant(values["date"], values["time"])
    except ValueError:
        return RowProblem(row, column, message("terminal_time_invalid", value=raw))
    problem = limits.problem(row, at, raw, column)
    if problem is not None:
        return problem
    codes: dict[str, int | None] = {}
    for name, words in (("state", _STATES), ("verify", _VERIFY_MODES)):
        try:
            codes[name] = _code(values.get(name, ""), words)
        except KeyError:
            return bad_number(row, name, values[name])
    device = values.get("device") or device
    key = normalise_user_id(user)
    state = codes["state"]
    fingerprint = record_fingerprint(device, key, at, state)
    work_code = values.get("work_code", "")
    verify = codes["verify"]
    return TerminalRecord(row, user, key, at, verify, state, work_code, device, fingerprint)
