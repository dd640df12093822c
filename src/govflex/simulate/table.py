"""Reading one CSV export: encoding, delimiter, header, rows, and typed fields.

Text is decoded by :func:`govflex.core.tabular.decode_text` (UTF-8, UTF-8 with BOM, UTF-16 or
Thai Windows-874, what Excel writes on a Thai Windows machine). The delimiter is the one of
comma, semicolon and tab that the header uses most. Headers are matched case-insensitively;
columns a format does not know are ignored (terminal exports carry many). Field parsers add a
problem and return None instead of raising, so every bad value in a file is reported at once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from govflex.core.policy import TimeWindow
from govflex.core.tabular import UnreadableText, decode_text, parse_date
from govflex.core.thaidate import THAI_WEEKDAYS, THAI_WEEKDAYS_SHORT, to_arabic_digits
from govflex.simulate.errors import Problems

_E = TypeVar("_E", bound=StrEnum)

_DELIMITERS = (",", ";", "\t")
_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*(\+1)?$")
_STAMP = re.compile(
    r"^(?P<date>.+?)[ T]+(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_TRUE = frozenset({"yes", "y", "true", "1", "ใช่", "on_site", "on"})
_FALSE = frozenset({"no", "n", "false", "0", "ไม่ใช่", "off_site", "off"})
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAYS = {
    **{name: index for index, name in enumerate(_WEEKDAY_NAMES)},
    **{name: index for index, name in enumerate(THAI_WEEKDAYS)},
    **{name: index for index, name in enumerate(THAI_WEEKDAYS_SHORT)},
    **{name.rstrip("."): index for index, name in enumerate(THAI_WEEKDAYS_SHORT)},
}


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number as a spreadsheet shows it (header = row 1) and its values."""

    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True, slots=True)
class Table:
    """A file's rows, keyed by the columns the format knows."""

    name: str
    columns: frozenset[str]
    rows: list[Row]


def _normalise(header: str) -> str:
    return header.strip().lstrip("\ufeff").strip().lower().replace(" ", "_")


def _delimiter(first_line: str) -> str:
    return max(_DELIMITERS, key=first_line.count)


def read_table(
    path: Path,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
    problems: Problems,
) -> Table | None:
    """Read ``path``; None (with the problems recorded) when the file as a whole is unusable.

    ``required`` columns must be in the header (their values may still be empty: the format's
    reader decides). Row problems are left to the caller's field parsers.
    """
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.add(name, None, "", "file_missing")
        return None
    try:
        text, _encoding = decode_text(data)
    except UnreadableText as exc:
        problems.add(name, None, "", "file_unreadable", detail=str(exc))
        return None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        problems.add(name, None, "", "file_empty")
        return None
    reader = csv.reader(lines, delimiter=_delimiter(lines[0]))
    header = [_normalise(cell) for cell in next(reader)]
    known = set(required) | set(optional)
    seen: set[str] = set()
    for column in header:
        if column in known and column in seen:
            problems.add(name, 1, column, "column_duplicate", column=column)
        seen.add(column)
    missing = [column for column in required if column not in seen]
    for column in missing:
        problems.add(name, 1, column, "column_missing", column=column)
    if missing:
        return None
    rows: list[Row] = []
    for index, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            problems.add(name, index, "", "too_many_values", count=len(cells))
            continue
        values = {
            column: cell.strip()
            for column, cell in zip(header, cells, strict=False)
            if column in known
        }
        rows.append(Row(index, values))
    return Table(name, frozenset(seen & known), rows)


class Fields:
    """Typed field parsers for the rows of one table; problems name file, row and column."""

    def __init__(self, table: Table, problems: Problems) -> None:
        self.table = table
        self.problems = problems

    def rows(self) -> Iterator[Row]:
        return iter(self.table.rows)

    def fail(self, row: Row, column: str, code: str, /, **params: str | int) -> None:
        self.problems.add(self.table.name, row.number, column, code, **params)

    def text(self, row: Row, column: str, *, required: bool = False) -> str | None:
        value = row.get(column)
        if value:
            return value
        if required:
            self.fail(row, column, "required")
        return None

    def day(self, row: Row, column: str, *, required: bool = False) -> date | None:
        value = self.text(row, column, required=required)
        if value is None:
            return None
        try:
            return parse_date(value).value
        except ValueError:
            self.fail(row, column, "invalid_date", value=value)
            return None

    def choice(
        self,
        row: Row,
        column: str,
        enum: type[_E],
        *,
        aliases: dict[str, _E] | None = None,
        required: bool = False,
    ) -> _E | None:
        value = self.text(row, column, required=required)
        if value is None:
            return None
        key = value.lower().replace("-", "_").replace(" ", "_")
        if aliases and key in aliases:
            return aliases[key]
        try:
            return enum(key)
        except ValueError:
            choices = ", ".join(item.value for item in enum)
            self.fail(row, column, "invalid_choice", value=value, choices=choices)
            return None

    def flag(self, row: Row, column: str, *, default: bool) -> bool | None:
        value = self.text(row, column)
        if value is None:
            return default
        key = value.lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        self.fail(row, column, "invalid_bool", value=value)
        return None

    def window(self, row: Row, column: str) -> TimeWindow | None:
        value = self.text(row, column)
        if value is None:
            return None
        found = parse_window(value)
        if found is None:
            self.fail(row, column, "invalid_window", value=value)
        return found

    def weekdays(self, row: Row, column: str) -> frozenset[int] | None:
        value = self.text(row, column)
        if value is None:
            return None
        found = parse_weekdays(value)
        if found is None:
            self.fail(row, column, "invalid_weekdays", value=value)
        return found

    def instant(self, row: Row, column: str, *, tz: ZoneInfo) -> datetime | None:
        value = self.text(row, column, required=True)
        if value is None:
            return None
        found = parse_timestamp(value, tz=tz)
        if found is None:
            self.fail(row, column, "invalid_timestamp", value=value)
        return found


def parse_window(text: str) -> TimeWindow | None:
    """``08:30-16:30`` or ``20:00-08:00+1`` (ends next day); None when it is not a valid window."""
    match = _WINDOW.match(to_arabic_digits(text.strip()))
    if match is None:
        return None
    h1, m1, h2, m2, next_day = match.groups()
    try:
        window = TimeWindow(time(int(h1), int(m1)), time(int(h2), int(m2)), next_day is not None)
    except ValueError:
        return None
    return window if window.is_valid else None


def parse_weekdays(text: str) -> frozenset[int] | None:
    """``mon wed fri``, ``mon|tue``, ``mon-fri``, ``จ. พ.``, ``0 2 4`` (0 is Monday)."""
    days: set[int] = set()
    for token in re.split(r"[\s|;,/]+", text.strip().lower()):
        if not token:
            continue
        if "-" in token:
            first, _, last = token.partition("-")
            start, end = _weekday(first), _weekday(last)
            if start is None or end is None or end < start:
                return None
            days.update(range(start, end + 1))
            continue
        day = _weekday(token)
        if day is None:
            return None
        days.add(day)
    return frozenset(days) or None


def _weekday(token: str) -> int | None:
    if token.isdigit():
        return int(token) if int(token) <= 6 else None
    return _WEEKDAYS.get(token) if token in _WEEKDAYS else _WEEKDAYS.get(token[:3])


def parse_timestamp(text: str, *, tz: ZoneInfo) -> datetime | None:
    """A punch time as a UTC instant; without an offset the time is local (``tz``).

    Accepts ``2026-03-02T08:25:00+07:00``, ``2026-03-02 08:25:00Z``, ``2026-03-02 08:25``,
    ``02/03/2569 08:25:13`` and ``2 มี.ค. 2569 08:25`` (dates as :func:`parse_date` reads them,
    Buddhist-Era years included; Thai digits too).
    """
    match = _STAMP.match(to_arabic_digits(text.strip()))
    if match is None:
        return None
    day = _day(match["date"])
    try:
        clock = time.fromisoformat(_pad(match["time"]))
    except ValueError:
        return None
    if day is None:
        return None
    zone: timezone | ZoneInfo = tz
    offset = match["offset"]
    if offset is not None:
        if offset.upper() == "Z":
            zone = UTC
        else:
            digits = offset[1:].replace(":", "")
            delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            if delta >= timedelta(hours=24):
                return None
            zone = timezone(-delta if offset[0] == "-" else delta)
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


@lru_cache(maxsize=4096)
def _day(text: str) -> date | None:
    """The date part of a timestamp (cached: an export repeats each date thousands of times)."""
    try:
        return parse_date(text).value
    except ValueError:
        return None


def _pad(clock: str) -> str:
    """``8:25`` -> ``08:25`` for :meth:`time.fromisoformat`."""
    return clock if clock.index(":") == 2 else f"0{clock}"
