"""A person's data as one JSON document or one workbook (a sheet per section)."""

from __future__ import annotations

import io
import json
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from govflex.privacy.mydata import Section, Subject

FORMAT_VERSION = 1
# Excel sheet names: at most 31 characters, unique.
SHEET_NAME_LENGTH = 31


def as_document(subject: Subject, sections: list[Section]) -> dict[str, Any]:
    return {
        "format": "govflex.my-data",
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.localtime().isoformat(),
        "username": subject.user.username,
        "sections": [
            {
                "key": s.key,
                "title": str(s.title),
                "rows": s.rows,
                "truncated": s.truncated,
            }
            for s in sections
        ],
    }


def to_json(subject: Subject, sections: list[Section]) -> bytes:
    return json.dumps(as_document(subject, sections), ensure_ascii=False, indent=1).encode()


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_xlsx(subject: Subject, sections: list[Section]) -> bytes:
    """A contents sheet, then one sheet per section (header from the rows' keys)."""
    workbook = Workbook(write_only=False)
    contents = workbook.active
    assert contents is not None  # noqa: S101 - a new workbook has a sheet
    contents.title = "contents"
    contents.append(["GovFlex", subject.user.username, timezone.localtime().isoformat()])
    contents["A1"].font = Font(bold=True, size=14)
    contents.append([])
    contents.append(["sheet", "title", "rows", "truncated"])
    for cell in contents[3]:
        cell.font = Font(bold=True)
    for section in sections:
        name = section.key[:SHEET_NAME_LENGTH]
        contents.append([name, str(section.title), len(section.rows), section.truncated])
        sheet = workbook.create_sheet(name)
        header: list[str] = []
        for row in section.rows:
            header.extend(k for k in row if k not in header)
        sheet.append(header or ["—"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section.rows:
            sheet.append([_cell(row.get(k)) for k in header])
    contents.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
