"""Importing punch logs from fingerprint/face terminals (ZKTeco attlog or CSV).

Parsing and row checks are the rules core's (govflex.core.terminal). Here: map terminal users
to people (an explicit map, else the staff ID itself), store each punch once — the record's
fingerprint is its idempotency key, so re-importing a file adds nothing — in batches, then
re-evaluate the person-days touched. Refused rows are reported with row, column and reason.

On PostgreSQL each batch is copied (``COPY``) into a temporary table and moved into the punch
table with ``INSERT … ON CONFLICT DO NOTHING RETURNING``: the unique (person, key) constraint
keeps every punch exactly once, even with two imports of one file running at once, and the
returned rows say which punches are new. Elsewhere (SQLite) batches go through ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from govflex.attendance.models import Punch, TerminalImport, TerminalUserMap
from govflex.common.audit import audit_record
from govflex.common.errors import NotFound, ValidationFailed
from govflex.core.calendar import local_date
from govflex.core.enums import PunchSource
from govflex.core.terminal import (
    RowProblem,
    TerminalFileError,
    TerminalRecord,
    normalise_user_id,
    parse_terminal_log,
)
from govflex.org.access import Access, access_for
from govflex.org.models import Agency, Person, Role

logger = logging.getLogger(__name__)
BATCH = 5000
COPY_BATCH = 50_000  # PostgreSQL: rows per COPY into the temporary table
MAX_REPORTED_ERRORS = 1000
MAX_BYTES = 512 * 1024 * 1024
# Files with more lines than this are imported by the background worker.
BACKGROUND_LINES = 20_000


def _require_hr(actor: Any, agency: Agency) -> None:
    access = access_for(actor)
    access.require(access.has_role(agency.pk, Role.HR))


def terminal_import_create(
    *, actor: Any, agency: Agency, filename: str, content: bytes, device: str = ""
) -> TerminalImport:
    _require_hr(actor, agency)
    if not content.strip():
        raise ValidationFailed(details={"fields": {"file": [_("The file is empty.")]}})
    if len(content) > MAX_BYTES:
        raise ValidationFailed(details={"fields": {"file": [_("The file is too large.")]}})
    with transaction.atomic():
        job = TerminalImport.objects.create(
            agency=agency,
            created_by=actor,
            filename=filename[:255],
            device=device[:60],
            sha256=hashlib.sha256(content).hexdigest(),
        )
        job.file.save(f"{job.pk}-{job.sha256[:12]}.log", ContentFile(content), save=True)
        audit_record(
            actor=actor,
            action="terminal_log.upload",
            target=job,
            agency_id=agency.pk,
            after={"filename": job.filename, "sha256": job.sha256, "device": job.device},
        )
    if content.count(b"\n") >= BACKGROUND_LINES:
        from govflex.attendance.tasks import run_terminal_import  # noqa: PLC0415

        transaction.on_commit(lambda: run_terminal_import.enqueue(job.pk))
        return job
    return terminal_import_run(job_id=job.pk)


def terminal_import_get(*, access: Access, job_id: int) -> TerminalImport:
    job = TerminalImport.objects.filter(pk=job_id).first()
    if job is None or not access.has_role(job.agency_id, Role.HR):
        raise NotFound
    return job


def _mapping(agency: Agency) -> tuple[dict[str, int], dict[str, int]]:
    """terminal user key → person ID, from the explicit map and, failing that, staff IDs."""
    by_staff = {
        normalise_user_id(staff_id): pk
        for staff_id, pk in Person.objects.filter(agency=agency).values_list("staff_id", "pk")
    }
    explicit = {
        normalise_user_id(terminal_id): pk
        for terminal_id, pk in TerminalUserMap.objects.filter(agency=agency).values_list(
            "terminal_user_id", "person_id"
        )
    }
    return explicit, by_staff


def _chunks(items: Iterable[TerminalRecord], size: int) -> Iterator[list[TerminalRecord]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def terminal_import_run(*, job_id: int, now: dt.datetime | None = None) -> TerminalImport:
    """Run (or re-run) an import; stored punches are never stored twice."""
    job = TerminalImport.objects.select_related("agency", "created_by").get(pk=job_id)
    if job.status == TerminalImport.Status.DONE:
        return job
    language = getattr(job.created_by, "language", None) or settings.LANGUAGE_CODE
    job.status = TerminalImport.Status.RUNNING
    job.save(update_fields=["status"])
    with translation.override(language), job.file.open("rb") as handle:
        content = handle.read()
        try:
            parsed = parse_terminal_log(content, now=now or timezone.now(), device=job.device)
        except TerminalFileError as exc:
            text = exc.message.th if language == "th" else exc.message.en
            job.status, job.report = (
                TerminalImport.Status.REJECTED,
                {"errors": [{"row": None, "column": "", "message": text}]},
            )
            job.save(update_fields=["status", "report"])
            return job
        report = _store(job, parsed.records, parsed.errors, language)
    report["format"], report["encoding"] = parsed.format, parsed.encoding
    job.status, job.report = TerminalImport.Status.DONE, report
    job.save(update_fields=["status", "report"])
    audit_record(
        actor=job.created_by,
        action="terminal_log.import",
        target=job,
        agency_id=job.agency_id,
        after={k: report[k] for k in ("rows", "stored", "duplicates", "refused", "unmapped")},
    )
    return job


def _store(
    job: TerminalImport,
    records: Iterable[TerminalRecord],
    problems: Iterable[RowProblem],
    language: str,
) -> dict[str, Any]:
    explicit, by_staff = _mapping(job.agency)
    errors = [_problem(p, language) for p in problems]
    refused = len(errors)
    stored = duplicates = unmapped = rows = 0
    touched: set[tuple[int, dt.date]] = set()
    received = timezone.now()
    copying = connection.vendor == "postgresql"
    for chunk in _chunks(records, COPY_BATCH if copying else BATCH):
        rows += len(chunk)
        pending: dict[tuple[int, str], TerminalRecord] = {}
        for record in chunk:
            person_id = explicit.get(record.user_key) or by_staff.get(record.user_key)
            if person_id is None:
                unmapped += 1
                if len(errors) < MAX_REPORTED_ERRORS:
                    errors.append(
                        {
                            "row": record.row,
                            "column": "terminal_user_id",
                            "message": _("No person is mapped to terminal user “%(id)s”.")
                            % {"id": record.terminal_user_id},
                        }
                    )
                continue
            pending[(person_id, record.fingerprint)] = record
        template = Punch(
            source=PunchSource.TERMINAL,
            on_site=True,
            received_at=received,
            recorded_by=job.created_by,
        )
        new = _copy_new(template, pending) if copying else _bulk_new(template, pending)
        stored += len(new)
        duplicates += len(pending) - len(new)
        touched.update((person_id, local_date(at)) for person_id, at in new)
    _schedule(touched)
    return {
        "rows": rows + refused,
        "stored": stored,
        "duplicates": duplicates,
        "refused": refused,
        "unmapped": unmapped,
        "errors": errors[:MAX_REPORTED_ERRORS],
    }


def _bulk_new(
    template: Punch, pending: dict[tuple[int, str], TerminalRecord]
) -> list[tuple[int, dt.datetime]]:
    """Store the punches not stored yet (any database); return (person, instant) of the new."""
    existing = set(
        Punch.objects.filter(
            person_id__in={person for person, _key in pending},
            idempotency_key__in={key for _person, key in pending},
        ).values_list("person_id", "idempotency_key")
    )
    new = [
        Punch(
            person_id=person_id,
            at=record.at,
            source=template.source,
            on_site=template.on_site,
            idempotency_key=key,
            received_at=template.received_at,
            recorded_by_id=template.recorded_by_id,
            terminal_user_id=record.terminal_user_id[:40],
        )
        for (person_id, key), record in pending.items()
        if (person_id, key) not in existing
    ]
    Punch.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    return [(punch.person_id, punch.at) for punch in new]


# Columns that vary per row; every other column takes the template punch's value.
_PER_ROW = ("person_id", "at", "idempotency_key", "terminal_user_id")


def _copy_new(
    template: Punch, pending: dict[tuple[int, str], TerminalRecord]
) -> list[tuple[int, dt.datetime]]:
    """PostgreSQL: COPY into a temporary table, then insert what is new, exactly once."""
    if not pending:
        return []
    meta = Punch._meta
    quote = connection.ops.quote_name
    fields = {f.attname: f for f in meta.concrete_fields if not f.primary_key}
    constant = [f for name, f in fields.items() if name not in _PER_ROW]
    columns = [quote(fields[name].column) for name in _PER_ROW] + [
        quote(f.column) for f in constant
    ]
    values = [f"b.{quote(fields[name].column)}" for name in _PER_ROW] + ["%s"] * len(constant)
    params = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in constant]
    with transaction.atomic(), connection.cursor() as cursor:
        # IF NOT EXISTS + TRUNCATE: inside an outer transaction the table outlives a batch.
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS govflex_terminal_batch"
            " (person_id bigint, at timestamptz, idempotency_key varchar(100),"
            " terminal_user_id varchar(40)) ON COMMIT DROP"
        )
        cursor.execute("TRUNCATE govflex_terminal_batch")
        with cursor.cursor.copy(
            "COPY govflex_terminal_batch (person_id, at, idempotency_key, terminal_user_id)"
            " FROM STDIN"
        ) as copy:
            for (person_id, key), record in pending.items():
                copy.write_row((person_id, record.at, key, record.terminal_user_id[:40]))
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)})"  # noqa: S608 - names  # nosec B608
            f" SELECT {', '.join(values)} FROM govflex_terminal_batch b"
            # In index order: each person's index pages are touched once per batch.
            " ORDER BY b.person_id, b.at"
            f" ON CONFLICT ({quote(fields['person_id'].column)},"
            f" {quote(fields['idempotency_key'].column)}) DO NOTHING"
            f" RETURNING {quote(fields['person_id'].column)}, {quote(fields['at'].column)}",
            params,
        )
        return [(int(person_id), at) for person_id, at in cursor.fetchall()]


def _problem(problem: RowProblem, language: str) -> dict[str, Any]:
    text = problem.message.th if language == "th" else problem.message.en
    return {"row": problem.row, "column": problem.column, "message": text}


def _schedule(touched: set[tuple[int, dt.date]]) -> None:
    """Re-evaluate the person-days that received punches, in batches of tasks."""
    from govflex.attendance.tasks import evaluate_person_days  # noqa: PLC0415

    pairs = sorted(touched)
    for start in range(0, len(pairs), 500):
        chunk: list[list[object]] = [
            [person, day.isoformat()] for person, day in pairs[start : start + 500]
        ]
        transaction.on_commit(partial(evaluate_person_days.enqueue, chunk))


def terminal_map_save(*, actor: Any, agency: Agency, rows: list[tuple[str, str]]) -> int:
    """Replace-or-add mappings from (terminal user ID, staff ID) pairs; all or nothing."""
    _require_hr(actor, agency)
    people = dict(Person.objects.filter(agency=agency).values_list("staff_id", "pk"))
    unknown = [staff for _terminal, staff in rows if staff not in people]
    if unknown:
        raise ValidationFailed(
            _("Unknown staff IDs: %(ids)s") % {"ids": ", ".join(sorted(set(unknown))[:20])}
        )
    with transaction.atomic():
        for terminal_id, staff in rows:
            TerminalUserMap.objects.update_or_create(
                agency=agency, terminal_user_id=terminal_id, defaults={"person_id": people[staff]}
            )
        audit_record(
            actor=actor,
            action="terminal_map.save",
            target=agency,
            agency_id=agency.pk,
            after={"mappings": len(rows)},
        )
    return len(rows)
