"""Building CSV and XLSX files for import tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook

PEOPLE_HEADER = (
    "staff_id",
    "title_th",
    "first_name_th",
    "last_name_th",
    "staff_category",
    "unit_code",
    "position_code",
    "supervisor_staff_id",
    "email",
    "start_date",
)


def csv_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], encoding: str = "utf-8"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "people"
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def person_row(
    n: int, unit: str = "A", position: str = "P1", boss: str = "", start: str = "01/10/2565"
) -> list[str]:
    return [
        f"{700000 + n}",
        "นาง",
        f"สมศรี{n}",
        "ใจดี",
        "ข้าราชการ",
        unit,
        position,
        boss,
        f"p{n}@example.go.th",
        start,
    ]
