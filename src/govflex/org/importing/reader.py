"""Turning an uploaded file into a header and rows of text cells, with file-level errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from govflex.core.tabular import UnreadableText, decode_text

XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"


class FileRejected(Exception):
    """The whole file cannot be read; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (spreadsheet row number, cells)
    encoding: str = ""
    notes: list[str] = field(default_factory=list)


def read_table(data: bytes, filename: str = "", sheet: str | None = None) -> Table:
    """Read CSV (UTF-8, UTF-16 or Windows-874) or XLSX into a :class:`Table`."""
    if not data.strip():
        raise FileRejected(_("The file is empty."))
    if data.startswith(OLE2_MAGIC):
        raise FileRejected(
            _("This is an old Excel (.xls) file. Save it as .xlsx or CSV UTF-8 and try again.")
        )
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, sheet)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise FileRejected(_("The file is named .xlsx but is not an Excel workbook."))
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    try:
        text, encoding = decode_text(data)
    except UnreadableText as exc:
        raise FileRejected(
            _(
                "The file is not a CSV or XLSX file that can be read: it is not text in UTF-8, "
                "UTF-16 or Thai Windows-874 (TIS-620). Save it from Excel as “CSV UTF-8” or .xlsx."
            )
        ) from exc
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows_iter: Iterator[list[str]] = iter(reader)
    try:
        header = next(rows_iter)
    except StopIteration as exc:
        raise FileRejected(_("The file is empty.")) from exc
    except csv.Error as exc:
        raise FileRejected(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc
    rows: list[tuple[int, list[Any]]] = []
    try:
        for number, cells in enumerate(rows_iter, start=2):
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
    except csv.Error as exc:
        raise FileRejected(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc
    notes = []
    if encoding == "cp874":
        notes.append(_("The file was read as Thai Windows-874 (TIS-620)."))
    return Table(header=[h.strip() for h in header], rows=rows, encoding=encoding, notes=notes)


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise FileRejected(_("The Excel file is damaged or not a workbook.")) from exc
    try:
        if sheet and sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        rows_iter = worksheet.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
        if header_row is None:
            raise FileRejected(_("The file is empty."))
        header = [_cell_text(v) for v in header_row]
        while header and header[-1] == "":
            header.pop()
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(rows_iter, start=2):
            cells = [_cell_value(v) for v in values[: len(header)]]
            if any(c not in ("", None) for c in cells):
                rows.append((number, cells))
    finally:
        workbook.close()
    return Table(header=header, rows=rows, encoding="xlsx")


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time.min else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # staff IDs typed as numbers come back as 1234.0
    if isinstance(value, int | float):
        return str(value)
    return value.strip() if isinstance(value, str) else value


def count_rows(data: bytes) -> int:
    """A cheap estimate of the data rows, to decide between running now and in background."""
    if data.startswith(XLSX_MAGIC):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True)
            try:
                return max(0, (workbook.worksheets[0].max_row or 1) - 1)
            finally:
                workbook.close()
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
            return 0
    return max(0, data.count(b"\n") - 1)
