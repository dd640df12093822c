"""REST endpoints for imports: upload a file, follow its job, download templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from govflex.org.access import access_for
from govflex.org.importing.columns import Kind
from govflex.org.importing.jobs import import_job_create, import_job_get
from govflex.org.importing.templates import template_csv, template_xlsx
from govflex.org.selectors import agency_or_default

router = Router(tags=["imports"])

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportJobOut(Schema):
    id: int
    agency_id: int
    kind: str
    filename: str
    status: str
    valid_only: bool
    total_rows: int
    processed_rows: int
    percent: int
    created_at: dt.datetime
    finished_at: dt.datetime | None
    report: dict[str, Any]


@router.post(
    "/imports",
    response={201: ImportJobOut, 202: ImportJobOut},
    summary="Upload units, positions or people (CSV or XLSX)",
    description=(
        "Every row is validated first. Without `valid_only`, nothing is written while any row "
        "has an error (status `rejected`, errors per row in `report.errors`). Files with "
        "10,000 rows or more run in the background (202): poll `GET /imports/{id}`."
    ),
)
def upload(
    request: HttpRequest,
    kind: Form[Kind],
    file: File[UploadedFile],
    valid_only: Form[bool] = False,
    agency_id: Form[int | None] = None,
) -> Any:
    agency = agency_or_default(access=access_for(request.user), agency_id=agency_id)
    job = import_job_create(
        actor=request.user,
        agency=agency,
        kind=kind.value,
        filename=file.name or "upload",
        content=file.read(),
        valid_only=valid_only,
    )
    job.refresh_from_db()
    return Status(201 if job.finished else 202, job)


@router.get("/imports/{job_id}", response=ImportJobOut, summary="An import job and its report")
def get_job(request: HttpRequest, job_id: int) -> Any:
    return import_job_get(access=access_for(request.user), job_id=job_id)


@router.get(
    "/imports/templates/{kind}", summary="Download an import template", response={200: None}
)
def template(request: HttpRequest, kind: Kind, format: str = "xlsx") -> HttpResponse:  # noqa: A002
    if format == "csv":
        response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(template_xlsx(kind), content_type=XLSX_TYPE)
        format = "xlsx"  # noqa: A001
    response["Content-Disposition"] = (
        f'attachment; filename="govflex-{kind.value}-template.{format}"'
    )
    return response
