"""The auditor's export of the filtered audit log: CSV (streamed, every row) or XLSX (up to
:data:`XLSX_MAX_ROWS`; the CSV has no limit). The entries name who did what to whom, so each
export is itself recorded (govflex.privacy.exportlog)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from openpyxl import Workbook

from govflex.common.models import AuditEntry
from govflex.privacy.exportlog import log_personal_export

FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 100_000
HEADER = [
    "seq",
    "time",
    "actor",
    "actor_id",
    "agency_id",
    "action",
    "target_type",
    "target_id",
    "target",
    "before",
    "after",
    "note",
    "request_id",
    "hash",
]


def target_type_choices() -> list[tuple[str, str]]:
    """Every GovFlex model an entry can point at (no query over the log)."""
    models = [m for m in apps.get_models() if m.__module__.startswith("govflex.")]
    found = sorted(
        (m._meta.label_lower, f"{m._meta.verbose_name} ({m._meta.label_lower})") for m in models
    )
    return [("", "—"), *found]


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _row(e: AuditEntry) -> list[Any]:
    return [
        e.seq,
        timezone.localtime(e.at).isoformat(timespec="seconds"),
        e.actor_label,
        e.actor_id,
        e.agency_id,
        e.action,
        e.target_type,
        e.target_id,
        e.target_label,
        _json(e.before),
        _json(e.after),
        e.note,
        e.request_id,
        e.hash,
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so spreadsheet programs read the Thai text as UTF-8
    yield writer.writerow(HEADER)
    for entry in entries.iterator(chunk_size=2000):
        yield writer.writerow(_row(entry))


def _xlsx(entries: QuerySet[AuditEntry]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("audit")
    sheet.append(HEADER)
    for entry in entries[:XLSX_MAX_ROWS].iterator(chunk_size=2000):
        sheet.append(_row(entry))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def audit_download(
    request: HttpRequest, entries: QuerySet[AuditEntry], fmt: str, filters: dict[str, Any]
) -> HttpResponseBase:
    count = entries.count()
    rows = count if fmt == "csv" else min(count, XLSX_MAX_ROWS)
    log_personal_export(request.user, "audit.log", None, rows, {**filters, "format": fmt})
    name = f"audit-{timezone.localdate():%Y%m%d}.{fmt}"
    response: HttpResponseBase
    if fmt == "csv":
        response = StreamingHttpResponse(
            _csv_lines(entries), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            _xlsx(entries),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
