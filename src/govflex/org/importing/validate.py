"""Checking every row before anything is written."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from govflex.common.audit import jsonable
from govflex.core.tabular import DateFormatError, Era, parse_date
from govflex.core.thaidate import format_date
from govflex.org.importing.columns import COLUMNS, KEY_COLUMN, CellType, Column, Kind
from govflex.org.importing.reader import Table
from govflex.org.models import Agency, Person, Position, Unit, WorkSite

_TRUE = {"yes", "y", "true", "1", "ใช่", "x", "✓"}
_FALSE = {"no", "n", "false", "0", "ไม่ใช่", "ไม่", ""}


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the whole file
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Validated:
    kind: Kind
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    total: int = 0

    @property
    def bad_rows(self) -> set[int]:
        return {e.row for e in self.errors if e.row is not None}

    @property
    def file_errors(self) -> list[RowError]:
        return [e for e in self.errors if e.row is None]

    def valid_rows(self) -> list[tuple[int, dict[str, Any]]]:
        bad = self.bad_rows
        return [(n, values) for n, values in self.rows if n not in bad]


def _normalise_header(text: str) -> str:
    return text.strip().strip("*").strip().lower()


def _header_map(kind: Kind, header: list[str], result: Validated) -> dict[str, int] | None:
    lookup: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for name in (column.key, *column.aliases):
            lookup[_normalise_header(name)] = column.key
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        key = lookup.get(_normalise_header(title))
        if key is None:
            if title:
                result.notes.append(
                    _("Column “%(name)s” is not used and was ignored.") % {"name": title}
                )
            continue
        if key in positions:
            result.errors.append(RowError(None, key, _("The column appears twice.")))
        positions[key] = index
    missing = [c.key for c in COLUMNS[kind] if c.required and c.key not in positions]
    for key in missing:
        result.errors.append(RowError(None, key, _("A required column is missing.")))
    return None if missing or result.errors else positions


class _EraNotes:
    """Collects one example of each era assumption, so the report says what was assumed."""

    def __init__(self) -> None:
        self.examples: dict[Era, tuple[int, str, dt.date]] = {}

    def add(self, era: Era, row: int, raw: str, value: dt.date) -> None:
        self.examples.setdefault(era, (row, raw, value))

    def notes(self) -> list[str]:
        result = []
        for era, (row, raw, value) in sorted(self.examples.items()):
            shown = format_date(value, lang="en")
            if era is Era.BUDDHIST:
                message = _(
                    "Dates with a year above 2400 were read as Buddhist Era "
                    "(e.g. row %(row)s: “%(raw)s” → %(date)s)."
                )
            else:
                message = _(
                    "Dates with a year of 2400 or less were read as Gregorian "
                    "(e.g. row %(row)s: “%(raw)s” → %(date)s)."
                )
            result.append(message % {"row": row, "raw": raw, "date": shown})
        return result


def _parse_cell(column: Column, raw: Any, eras: _EraNotes, row: int) -> tuple[Any, str | None]:
    """(value, error message or None)."""
    text = raw.strip() if isinstance(raw, str) else raw
    if text in ("", None):
        return _empty_value(column)
    if column.cell is CellType.DATE:
        return _date_cell(text, eras, row)
    text = str(text)
    if column.cell is CellType.BOOL:
        return _bool_cell(text)
    if column.cell is CellType.CHOICE and column.choices is not None:
        return _match_choice(column, text)
    if len(text) > column.max_length:
        return None, _("Too long: at most %(n)s characters.") % {"n": column.max_length}
    if column.cell is CellType.EMAIL:
        try:
            validate_email(text)
        except ValidationError:
            return None, _("“%(value)s” is not an e-mail address.") % {"value": text}
    return text, None


def _empty_value(column: Column) -> tuple[Any, str | None]:
    if column.required:
        return None, _("This value is required.")
    if column.cell is CellType.BOOL:
        return False, None
    return (None if column.cell is CellType.DATE else ""), None


def _date_cell(value: Any, eras: _EraNotes, row: int) -> tuple[Any, str | None]:
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    try:
        parsed = parse_date(str(value))
    except DateFormatError:
        return None, _(
            "“%(value)s” is not a date. Use day/month/year such as 05/03/2569 "
            "(Buddhist Era) or 2026-03-05."
        ) % {"value": value}
    if parsed.era_assumed:
        eras.add(parsed.era, row, str(value), parsed.value)
    return parsed.value, None


def _bool_cell(text: str) -> tuple[Any, str | None]:
    lowered = text.lower()
    if lowered in _TRUE:
        return True, None
    if lowered in _FALSE:
        return False, None
    return None, _("Use yes or no (ใช่ / ไม่ใช่).")


@functools.cache
def _choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Every accepted spelling (code, Thai label, English label) → the stored value."""
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[str(value).lower()] = value
        for language in ("th", "en"):
            with translation.override(language):
                lookup[str(label).strip().lower()] = value
    return lookup


def _match_choice(column: Column, text: str) -> tuple[Any, str | None]:
    assert column.choices is not None  # noqa: S101 - narrowed by the caller
    value = _choice_lookup(column.choices).get(text.strip().lower())
    if value is not None:
        return value, None
    allowed = ", ".join(str(v) for v in column.choices.values)
    return None, _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed}


def validate_table(
    kind: Kind,
    table: Table,
    agency: Agency,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Validated:
    result = Validated(kind=kind, total=len(table.rows))
    result.notes.extend(table.notes)
    positions = _header_map(kind, table.header, result)
    if positions is None:
        return result
    eras = _EraNotes()
    columns = COLUMNS[kind]
    for index, (number, cells) in enumerate(table.rows, start=1):
        values: dict[str, Any] = {}
        for column in columns:
            position = positions.get(column.key)
            raw = cells[position] if position is not None and position < len(cells) else ""
            value, error = _parse_cell(column, raw, eras, number)
            if error:
                result.errors.append(RowError(number, column.key, error))
            values[column.key] = value
        result.rows.append((number, values))
        if progress is not None and index % 1000 == 0:
            progress(index, len(table.rows))
    result.notes.extend(eras.notes())
    _check_duplicates(result)
    CROSS_CHECKS[kind](result, agency)
    result.errors.sort(key=lambda e: (e.row or 0, e.column))
    return result


def _check_duplicates(result: Validated) -> None:
    key = KEY_COLUMN[result.kind]
    seen: dict[str, list[int]] = defaultdict(list)
    for number, values in result.rows:
        if values.get(key):
            seen[str(values[key]).lower()].append(number)
    for rows in seen.values():
        if len(rows) > 1:
            listed = ", ".join(str(r) for r in rows)
            for row in rows:
                result.errors.append(
                    RowError(
                        row, key, _("The same value appears in rows %(rows)s.") % {"rows": listed}
                    )
                )


def _check_units(result: Validated, agency: Agency) -> None:
    existing = set(Unit.objects.filter(agency=agency).values_list("code", flat=True))
    sites = set(WorkSite.objects.filter(agency=agency).values_list("code", flat=True))
    in_file = {str(v["code"]): n for n, v in result.rows if v.get("code")}
    parent_of = {
        str(v["code"]): v.get("parent_code") or "" for _n, v in result.rows if v.get("code")
    }
    for number, values in result.rows:
        parent = values.get("parent_code") or ""
        if parent and parent not in existing and parent not in in_file:
            result.errors.append(
                RowError(
                    number, "parent_code", _("Unknown unit code “%(code)s”.") % {"code": parent}
                )
            )
        if parent and parent == values.get("code"):
            result.errors.append(
                RowError(number, "parent_code", _("A unit cannot be its own parent."))
            )
        site = values.get("work_site_code") or ""
        if site and site not in sites:
            result.errors.append(
                RowError(
                    number,
                    "work_site_code",
                    _("Unknown work site code “%(code)s”.") % {"code": site},
                )
            )
    for code, number in in_file.items():
        if _has_cycle(code, parent_of):
            result.errors.append(
                RowError(number, "parent_code", _("The parent units form a loop."))
            )


def _has_cycle(start: str, parent_of: dict[str, str]) -> bool:
    seen = {start}
    current = parent_of.get(start, "")
    while current:
        if current in seen:
            return current == start
        seen.add(current)
        current = parent_of.get(current, "")
    return False


def _check_positions(result: Validated, agency: Agency) -> None:
    """Positions reference nothing else; cell checks and duplicates are enough."""


def _check_people(result: Validated, agency: Agency) -> None:
    units = set(Unit.objects.filter(agency=agency).values_list("code", flat=True))
    positions = set(Position.objects.filter(agency=agency).values_list("code", flat=True))
    people = set(Person.objects.filter(agency=agency).values_list("staff_id", flat=True))
    in_file = {str(v["staff_id"]) for _n, v in result.rows if v.get("staff_id")}
    for number, values in result.rows:
        unit = values.get("unit_code")
        if unit and unit not in units:
            result.errors.append(
                RowError(number, "unit_code", _("Unknown unit code “%(code)s”.") % {"code": unit})
            )
        position = values.get("position_code")
        if position and position not in positions:
            result.errors.append(
                RowError(
                    number,
                    "position_code",
                    _("Unknown position code “%(code)s”.") % {"code": position},
                )
            )
        boss = values.get("supervisor_staff_id")
        if boss and boss not in people and boss not in in_file:
            result.errors.append(
                RowError(
                    number, "supervisor_staff_id", _("Unknown staff ID “%(id)s”.") % {"id": boss}
                )
            )
        if boss and boss == values.get("staff_id"):
            result.errors.append(
                RowError(number, "supervisor_staff_id", _("A person cannot supervise themselves."))
            )
        start, end = values.get("start_date"), values.get("end_date")
        if start and end and end < start:
            result.errors.append(
                RowError(number, "end_date", _("The end date is before the start date."))
            )


CROSS_CHECKS: dict[Kind, Callable[[Validated, Agency], None]] = {
    Kind.UNITS: _check_units,
    Kind.POSITIONS: _check_positions,
    Kind.PEOPLE: _check_people,
}


def report(result: Validated) -> dict[str, Any]:
    """The validation report as JSON (stored on the job, returned by the API)."""
    summary: dict[str, Any] = jsonable(
        {
            "total_rows": result.total,
            "error_rows": len(result.bad_rows),
            "errors": [e.as_dict() for e in result.errors],
            "notes": result.notes,
        }
    )
    return summary
