"""Import jobs: created by a service, run now or by the background worker."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import NotFound, ValidationFailed
from govflex.org.access import Access, access_for
from govflex.org.importing.apply import apply_rows
from govflex.org.importing.columns import Kind
from govflex.org.importing.reader import FileRejected, count_rows, read_table
from govflex.org.importing.validate import RowError, report, validate_table
from govflex.org.models import Agency, ImportJob

logger = logging.getLogger(__name__)


def import_job_create(
    *, actor: Any, agency: Agency, kind: str, filename: str, content: bytes, valid_only: bool
) -> ImportJob:
    """Store the upload and run it: small files at once, large ones in the background."""
    access = access_for(actor)
    access.require(access.can_manage_org(agency.pk))
    if kind not in {k.value for k in Kind}:
        raise ValidationFailed(
            details={"fields": {"kind": [_("Choose units, positions or people.")]}}
        )
    if len(content) > settings.GOVFLEX_IMPORT_MAX_BYTES:
        raise ValidationFailed(details={"fields": {"file": [_("The file is too large.")]}})
    with transaction.atomic():
        job = ImportJob.objects.create(
            agency=agency,
            created_by=actor,
            kind=kind,
            filename=filename[:255],
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            valid_only=valid_only,
            total_rows=count_rows(content),
        )
        audit_record(
            actor=actor,
            action="import.upload",
            target=job,
            agency_id=agency.pk,
            after={
                "kind": kind,
                "filename": job.filename,
                "sha256": job.sha256,
                "valid_only": valid_only,
            },
        )
    _dispatch(job)
    return job


def import_job_retry_valid_only(*, actor: Any, job: ImportJob) -> ImportJob:
    """Run a rejected file again, this time writing only its valid rows (explicit choice)."""
    access = access_for(actor)
    access.require(access.can_manage_org(job.agency_id))
    if job.status != ImportJob.Status.REJECTED:
        raise ValidationFailed(
            _("Only a file that was not imported because of errors can be retried.")
        )
    return import_job_create(
        actor=actor,
        agency=job.agency,
        kind=job.kind,
        filename=job.filename,
        content=bytes(job.content),
        valid_only=True,
    )


def _dispatch(job: ImportJob) -> None:
    if job.total_rows >= settings.GOVFLEX_IMPORT_BACKGROUND_ROWS:
        from govflex.org.tasks import run_import_job  # noqa: PLC0415 - avoids an import cycle

        transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    else:
        import_job_run(job_id=job.pk)


def import_job_get(*, access: Access, job_id: int) -> ImportJob:
    job = ImportJob.objects.filter(pk=job_id).defer("content").first()
    if job is None or not access.can_manage_org(job.agency_id):
        raise NotFound
    return job


def _progress(job_id: int, done: int, total: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(processed_rows=done, total_rows=total)


def import_job_run(*, job_id: int) -> ImportJob:
    """Validate, then write (or reject). Safe to run again: a finished job is left alone.

    The report is written in the uploader's language, also when a background worker runs it.
    """
    job = ImportJob.objects.select_related("created_by", "agency").get(pk=job_id)
    if job.finished:
        return job
    language = getattr(job.created_by, "language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        return _run(job)


def _run(job: ImportJob) -> ImportJob:
    actor = job.created_by
    job.status = ImportJob.Status.VALIDATING
    job.save(update_fields=["status"])
    try:
        table = read_table(bytes(job.content), job.filename, sheet=job.kind)
    except FileRejected as exc:
        return _finish(
            job,
            ImportJob.Status.REJECTED,
            {
                "total_rows": 0,
                "error_rows": 0,
                "notes": [],
                "errors": [RowError(None, "", exc.message).as_dict()],
            },
        )
    kind = Kind(job.kind)
    job.total_rows = len(table.rows)
    job.save(update_fields=["total_rows"])
    result = validate_table(kind, table, job.agency, progress=lambda d, t: _progress(job.pk, d, t))
    summary = report(result)
    if result.file_errors or (result.errors and not job.valid_only):
        return _finish(job, ImportJob.Status.REJECTED, summary)
    job.status = ImportJob.Status.WRITING
    job.processed_rows = job.total_rows
    job.save(update_fields=["status", "processed_rows"])
    try:
        counts = apply_rows(
            kind=kind,
            rows=result.valid_rows(),
            agency=job.agency,
            actor=actor,
            note=_("Import of %(file)s") % {"file": job.filename},
        )
    except Exception:
        logger.exception("import job %s failed while writing", job.pk)
        summary["errors"].append(
            RowError(None, "", _("Writing failed; nothing was imported. Try again.")).as_dict()
        )
        return _finish(job, ImportJob.Status.FAILED, summary)
    summary["counts"] = counts.as_dict()
    summary["skipped_rows"] = len(result.bad_rows)
    return _finish(job, ImportJob.Status.DONE, summary)


def _finish(job: ImportJob, status: str, summary: dict[str, Any]) -> ImportJob:
    job.status = status
    job.report = summary
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "finished_at"])
    return job
