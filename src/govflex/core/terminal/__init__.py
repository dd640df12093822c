"""Punch logs exported by fingerprint and face terminals: ZKTeco ``attlog`` text and CSV.

Rules (see docs/terminal-import.md; issue 4, "Terminal import"):

- A terminal writes local wall-clock time without a zone; the instant is that time in the
  agency's zone (Asia/Bangkok by default, DOMAIN.md §3), stored in UTC.
- A terminal user ID is kept exactly as written (``terminal_user_id``); ``user_key`` is the same
  ID without leading zeros, because one export pads IDs ("000123") and another does not ("123").
  Matching to staff and the idempotency fingerprint use ``user_key``.
- The ``fingerprint`` (SHA-256 of device, user key, instant and in/out state) is the idempotency
  key: importing the same punches again, from the same file or another export, adds nothing.
- A bad row is reported with its row number and column and does not stop the good rows
  (issue 4, "Bad input"); a time more than ``max_future`` after ``now`` (default 10 minutes,
  our reading, configurable) or before ``earliest`` is refused. A file that cannot be read as a
  whole (not text, no data, a CSV without its required columns) raises
  :class:`TerminalFileError`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from govflex.core.calendar import BANGKOK
from govflex.core.messages import message
from govflex.core.tabular import UnreadableText, decode_text
from govflex.core.terminal.attlog import ATTLOG_COLUMNS, iter_attlog
from govflex.core.terminal.csvlog import iter_csv
from govflex.core.terminal.records import (
    DEFAULT_MAX_FUTURE,
    Limits,
    LogFormat,
    ParsedLog,
    RowProblem,
    TerminalFileError,
    TerminalRecord,
    map_users,
    normalise_user_id,
    record_fingerprint,
)

__all__ = [
    "ATTLOG_COLUMNS",
    "DEFAULT_MAX_FUTURE",
    "LogFormat",
    "ParsedLog",
    "RowProblem",
    "TerminalFileError",
    "TerminalRecord",
    "detect_format",
    "iter_terminal_log",
    "map_users",
    "normalise_user_id",
    "parse_terminal_log",
    "record_fingerprint",
]


def parse_terminal_log(
    data: bytes,
    *,
    now: datetime,
    tz: ZoneInfo = BANGKOK,
    device: str = "",
    max_future: timedelta = DEFAULT_MAX_FUTURE,
    earliest: datetime | None = None,
) -> ParsedLog:
    """Decode and parse a terminal log, detecting attlog or CSV from its content.

    ``device`` names the terminal the file came from (a CSV ``device`` column overrides it per
    row). Raises :class:`TerminalFileError` when the file cannot be read as a whole.
    """
    try:
        text, encoding = decode_text(data)
    except UnreadableText as exc:
        raise TerminalFileError(message("terminal_file_unreadable")) from exc
    log_format, rows = iter_terminal_log(
        text, now=now, tz=tz, device=device, max_future=max_future, earliest=earliest
    )
    records: list[TerminalRecord] = []
    errors: list[RowProblem] = []
    for item in rows:
        if isinstance(item, RowProblem):
            errors.append(item)
        else:
            records.append(item)
    if not records and not errors:
        raise TerminalFileError(message("terminal_file_empty"))
    return ParsedLog(tuple(records), tuple(errors), log_format, encoding)


def iter_terminal_log(
    text: str,
    *,
    now: datetime,
    tz: ZoneInfo = BANGKOK,
    device: str = "",
    max_future: timedelta = DEFAULT_MAX_FUTURE,
    earliest: datetime | None = None,
) -> tuple[LogFormat, Iterator[TerminalRecord | RowProblem]]:
    """The detected format and a lazy stream of records and problems, in file order.

    Streaming lets the shell write a multi-million-line file in batches without holding every
    record in memory.
    """
    limits = Limits.build(now, max_future, earliest)
    log_format = detect_format(text)
    if log_format == "attlog":
        return log_format, iter_attlog(text, limits, tz, device)
    return log_format, iter_csv(text, limits, tz, device)


_ATTLOG_LINE: Final = re.compile(r"^\s*[^\t,;]+\t\s*\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def detect_format(text: str) -> LogFormat:
    """``attlog`` when the first non-blank line is an ID, a tab and a timestamp; else ``csv``."""
    for line in io.StringIO(text):
        if line.strip():
            return "attlog" if _ATTLOG_LINE.match(line.lstrip("\ufeff")) else "csv"
    return "csv"
