"""Resolving a report request (kind, unit or person, date or month) within the user's scope,
and running it now or as a background export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from govflex.attendance import exports, reports
from govflex.attendance.models import ExportJob
from govflex.common.errors import NotFound, ValidationFailed
from govflex.org.access import Access, access_for
from govflex.org.models import Unit
from govflex.org.selectors import person_get, person_list, units_reportable

KINDS = ("day_sheet", "person_month", "unit_month")
FORMATS = ("xlsx", "pdf")
# Exports larger than this many person-days are built in the background.
BACKGROUND_PERSON_DAYS = 10_000
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    unit_id: int | None = None
    person_id: int | None = None
    day: dt.date | None = None
    year: int | None = None
    month: int | None = None

    def as_params(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "unit_id": self.unit_id,
            "person_id": self.person_id,
            "day": self.day.isoformat() if self.day else None,
            "year": self.year,
            "month": self.month,
        }

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> ReportRequest:
        day = dt.date.fromisoformat(params["day"]) if params.get("day") else None
        return cls(
            kind=params["kind"],
            unit_id=params.get("unit_id"),
            person_id=params.get("person_id"),
            day=day,
            year=params.get("year"),
            month=params.get("month"),
        )


def _unit(access: Access, unit_id: int) -> Unit:
    unit = units_reportable(access=access).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound
    return unit


def _need(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(details={"fields": {field: [message]}})


def build(*, access: Access, request: ReportRequest) -> reports.Report:
    if request.kind == "day_sheet":
        if request.unit_id is None or request.day is None:
            raise _need("unit", _("Choose a unit and a date."))
        unit = _unit(access, request.unit_id)
        return reports.unit_day_sheet(access=access, unit=unit, day=request.day)
    if request.year is None or request.month is None:
        raise _need("month", _("Choose a month."))
    if request.kind == "person_month":
        if request.person_id is None:
            raise _need("person", _("Choose a person."))
        person = person_get(access=access, person_id=request.person_id)
        return reports.person_month(
            access=access, person=person, year=request.year, month=request.month
        )
    if request.kind == "unit_month":
        if request.unit_id is None:
            raise _need("unit", _("Choose a unit."))
        unit = _unit(access, request.unit_id)
        return reports.unit_month(access=access, unit=unit, year=request.year, month=request.month)
    raise _need("kind", _("Choose a report."))


def size(*, access: Access, request: ReportRequest) -> int:
    """Person-days the report covers (decides now or in the background)."""
    if request.kind == "person_month":
        return 31
    if request.unit_id is None:
        return 0
    unit = _unit(access, request.unit_id)
    people = person_list(access=access, within=unit).count()
    return people * (1 if request.kind == "day_sheet" else 31)


def render_file(report: reports.Report, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise _need("format", _("Choose XLSX or PDF."))
    return exports.to_xlsx(report) if fmt == "xlsx" else exports.to_pdf(report)


def file_name(report: reports.Report, fmt: str) -> str:
    return f"govflex-{report.kind}-{report.start:%Y%m%d}.{fmt}"


@transaction.atomic
def export_job_create(*, actor: Any, request: ReportRequest, fmt: str) -> ExportJob:
    access = access_for(actor)
    size(access=access, request=request)  # NotFound when the unit or person is out of scope
    if fmt not in FORMATS:
        raise _need("format", _("Choose XLSX or PDF."))
    job = ExportJob.objects.create(
        created_by=actor,
        params={**request.as_params(), "format": fmt, "language": translation.get_language()},
    )
    from govflex.attendance.tasks import run_export  # noqa: PLC0415 - import cycle

    transaction.on_commit(lambda: run_export.enqueue(job.pk))
    return job


def export_job_run(*, job_id: int) -> ExportJob:
    job = ExportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status == ExportJob.Status.DONE:
        return job
    job.status, job.progress = ExportJob.Status.RUNNING, 10
    job.save(update_fields=["status", "progress"])
    params = dict(job.params)
    fmt = params.pop("format")
    language = params.pop("language", None) or "th"
    try:
        with translation.override(language):
            report = build(
                access=access_for(job.created_by), request=ReportRequest.from_params(params)
            )
            job.progress = 70
            job.save(update_fields=["progress"])
            content = render_file(report, fmt)
            job.filename = file_name(report, fmt)
    except (NotFound, ValidationFailed):
        job.status = ExportJob.Status.FAILED
        job.save(update_fields=["status"])
        return job
    job.file.save(job.filename, ContentFile(content), save=False)
    job.status, job.progress = ExportJob.Status.DONE, 100
    job.save(update_fields=["file", "filename", "status", "progress"])
    return job
