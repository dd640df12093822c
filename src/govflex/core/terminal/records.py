"""Terminal-log records, row problems, idempotency keys and the mapping to staff IDs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from hashlib import sha256
from typing import Final, Literal, NamedTuple

from govflex.core.messages import Message, message

LogFormat = Literal["attlog", "csv"]

DEFAULT_MAX_FUTURE: Final = timedelta(minutes=10)


class TerminalRecord(NamedTuple):
    """One punch read from a terminal log.

    A named tuple (like :class:`~govflex.core.records.DayResult`): a month of a large agency is
    millions of rows, and a tuple is several times cheaper to create than a frozen dataclass.
    ``row`` is the line number (attlog) or spreadsheet row, header included (CSV); ``at`` is an
    aware UTC instant; ``verify`` and ``state`` are the terminal's codes as integers (ZKTeco
    state: 0 check-in, 1 check-out, 2 break-out, 3 break-in, 4 OT-in, 5 OT-out), None when the
    file does not say.
    """

    row: int
    terminal_user_id: str
    user_key: str
    at: datetime
    verify: int | None
    state: int | None
    work_code: str
    device: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A refused row: its number, the column at fault ("" for the whole row) and the reason."""

    row: int
    column: str
    message: Message


@dataclass(frozen=True, slots=True)
class ParsedLog:
    records: tuple[TerminalRecord, ...]
    errors: tuple[RowProblem, ...]
    format: LogFormat
    encoding: str


class TerminalFileError(ValueError):
    """The file as a whole cannot be imported; ``message`` says why in Thai and English."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.en)
        self.message = reason


# ---------------------------------------------------------------- keys


def normalise_user_id(terminal_user_id: str) -> str:
    """The ID without leading zeros ("000123" → "123"; "000" → "0"); other IDs unchanged."""
    return terminal_user_id.lstrip("0") or ("0" if terminal_user_id else "")


def record_fingerprint(device: str, user_key: str, at: datetime, state: int | None) -> str:
    """The idempotency key of a punch: the same punch gives the same key in any export."""
    seconds = int(at.timestamp())
    stamp = f"{seconds}.{at.microsecond:06d}" if at.microsecond else str(seconds)
    state_text = "" if state is None else str(state)
    return sha256(f"{device}\x1f{user_key}\x1f{stamp}\x1f{state_text}".encode()).hexdigest()


# ---------------------------------------------------------------- row checks


@dataclass(frozen=True, slots=True)
class Limits:
    latest: datetime
    earliest: datetime | None
    max_future_minutes: int

    @classmethod
    def build(cls, now: datetime, max_future: timedelta, earliest: datetime | None) -> Limits:
        for value in (now, earliest):
            if value is not None and (value.tzinfo is None or value.utcoffset() is None):
                raise ValueError(f"naive datetime {value.isoformat()}: pass an aware instant")
        return cls(now + max_future, earliest, int(max_future.total_seconds() // 60))

    def problem(
        self, row: int, at: datetime, raw: str, column: str = "timestamp"
    ) -> RowProblem | None:
        if at > self.latest:
            reason = message("terminal_time_future", value=raw, minutes=self.max_future_minutes)
            return RowProblem(row, column, reason)
        if self.earliest is not None and at < self.earliest:
            earliest = self.earliest.astimezone(UTC).isoformat(timespec="seconds")
            reason = message("terminal_time_too_early", value=raw, earliest=earliest)
            return RowProblem(row, column, reason)
        return None


def bad_time(row: int, raw: str) -> RowProblem:
    return RowProblem(row, "timestamp", message("terminal_time_invalid", value=raw))


def bad_number(row: int, column: str, raw: str) -> RowProblem:
    return RowProblem(row, column, message("terminal_code_invalid", column=column, value=raw))


# ---------------------------------------------------------------- staff mapping


def map_users(
    records: Iterable[TerminalRecord], mapping: Mapping[str, str]
) -> tuple[tuple[tuple[str, TerminalRecord], ...], tuple[RowProblem, ...]]:
    """Pair records with staff IDs through the agency's terminal-user → staff map.

    The map is tried with the ID exactly as written, then with both sides without leading
    zeros ("00123" in the file matches "123" in the map and the other way round). Records of
    unmapped users become problems, one per row, so the report can list them.
    """
    normalised: dict[str, str] = {}
    for terminal_id, staff in mapping.items():
        # Two map entries that differ only in leading zeros: the first one wins.
        normalised.setdefault(normalise_user_id(terminal_id.strip()), staff)
    mapped: list[tuple[str, TerminalRecord]] = []
    unmapped: list[RowProblem] = []
    for record in records:
        staff_id = mapping.get(record.terminal_user_id) or normalised.get(record.user_key)
        if staff_id is None:
            reason = message("terminal_user_unmapped", user=record.terminal_user_id)
            unmapped.append(RowProblem(record.row, "terminal_user_id", reason))
        else:
            mapped.append((staff_id, record))
    return tuple(mapped), tuple(unmapped)
