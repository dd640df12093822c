"""The scheduled purge (``govflex privacy purge``, and the worker once a day): what is past each
agency's retention period is erased (PDPA s. 37(3)).

- raw coordinates of punches (attendance's own purge) and of roll-call answers;
- evidence files (correction evidence, off-site report attachments, work outputs): the file is
  deleted, the record stays, and a :class:`FileRemoval` row notes "file removed under
  retention"; files of records still being decided (a pending correction, a report waiting for
  review, open work) are left until they are decided;
- closed e-service requests: the citizen's personal data is erased (``eservice.erasure``), the
  anonymous figures stay.

Every step selects only rows that still hold the data, so a second run erases nothing more
(idempotent). Each agency's run with anything erased is audited with the counts. ``dry_run``
counts without changing anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from govflex.attendance.models import Correction
from govflex.attendance.services import coordinates_purge
from govflex.common.audit import audit_record
from govflex.continuity.models import RollCallAnswer, RollCallEntry
from govflex.core import retention as core
from govflex.core.retention import Kind
from govflex.eservice.erasure import erasable, request_erase_personal
from govflex.eservice.models import RequestFile
from govflex.org.models import Agency
from govflex.privacy.models import FileRemoval
from govflex.privacy.retention import periods_of
from govflex.work.models import DayReport, WorkItem, WorkOutput

OPEN_WORK = (WorkItem.Status.TODO, WorkItem.Status.DOING)


@dataclass
class PurgeReport:
    dry_run: bool
    # agency ID → kind → rows (or files) erased, or that would be in a dry run
    counts: dict[int, dict[str, int]] = field(default_factory=dict)

    def totals(self) -> dict[str, int]:
        return {k.value: sum(c.get(k.value, 0) for c in self.counts.values()) for k in Kind}


def _delete_later(storage: Any, names: Iterable[str]) -> None:
    """Delete stored files once the erasing transaction commits (a rollback loses none)."""
    names = [n for n in names if n]
    if names:
        transaction.on_commit(lambda: [storage.delete(n) for n in names])


def _roll_call_locations(agency_id: int, before: dt.datetime, dry_run: bool) -> int:
    answers = RollCallAnswer.objects.filter(
        entry__roll_call__agency_id=agency_id, at__lt=before, latitude__isnull=False
    )
    entries = RollCallEntry.objects.filter(
        roll_call__agency_id=agency_id, answered_at__lt=before, latitude__isnull=False
    )
    if dry_run:
        return answers.count() + entries.count()
    with transaction.atomic():
        return answers.update(latitude=None, longitude=None) + entries.update(
            latitude=None, longitude=None
        )


def _evidence_sets(agency_id: int, before: dt.datetime) -> list[tuple[models.QuerySet[Any], str]]:
    return [
        (
            Correction.objects.filter(person__agency_id=agency_id, created_at__lt=before)
            .exclude(status=Correction.Status.PENDING)
            .exclude(evidence=""),
            "evidence",
        ),
        (
            DayReport.objects.filter(person__agency_id=agency_id, planned_at__lt=before)
            .exclude(status=DayReport.Status.REPORTED)
            .exclude(attachment=""),
            "attachment",
        ),
        (
            WorkOutput.objects.filter(item__agency_id=agency_id, uploaded_at__lt=before)
            .exclude(item__status__in=OPEN_WORK)
            .exclude(file=""),
            "file",
        ),
    ]


def _evidence_files(agency_id: int, before: dt.datetime, now: dt.datetime, dry_run: bool) -> int:
    removed = 0
    for queryset, name in _evidence_sets(agency_id, before):
        if dry_run:
            removed += queryset.count()
            continue
        for pk in list(queryset.values_list("pk", flat=True)):
            removed += _remove_file(queryset.model, pk, name, agency_id, now)
    return removed


@transaction.atomic
def _remove_file(model: type[models.Model], pk: int, name: str, agency_id: int, now: Any) -> int:
    record = model._default_manager.select_for_update().filter(pk=pk).first()
    stored = getattr(record, name, None) if record is not None else None
    if record is None or not stored:
        return 0  # gone or already removed by a run beside this one
    file_name = stored.name
    setattr(record, name, "")
    record.save(update_fields=[name])
    FileRemoval.objects.create(
        agency_id=agency_id,
        target_type=model._meta.label_lower,
        target_id=str(pk),
        field=name,
        file_name=file_name[:300],
        removed_at=now,
    )
    _delete_later(stored.storage, [file_name])
    return 1


def _eservice_requests(agency_id: int, before: dt.datetime, dry_run: bool) -> int:
    due = erasable(agency_id=agency_id, closed_before=before)
    if dry_run:
        return due.count()
    storage = RequestFile._meta.get_field("file").storage
    erased = 0
    for request_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            _delete_later(storage, request_erase_personal(request_id=request_id))
        erased += 1
    return erased


def purge_agency(agency: Agency, *, now: dt.datetime, dry_run: bool) -> dict[str, int]:
    periods = periods_of(agency.pk)
    counts = {
        Kind.PUNCH_COORDINATES.value: coordinates_purge(
            now=now, agency_id=agency.pk, dry_run=dry_run
        )
    }
    before = core.cutoff(now, periods.roll_call_locations)
    counts[Kind.ROLL_CALL_LOCATIONS.value] = (
        _roll_call_locations(agency.pk, before, dry_run) if before is not None else 0
    )
    before = core.cutoff(now, periods.evidence_files)
    counts[Kind.EVIDENCE_FILES.value] = (
        _evidence_files(agency.pk, before, now, dry_run) if before is not None else 0
    )
    before = core.cutoff(now, periods.eservice_requests)
    counts[Kind.ESERVICE_REQUESTS.value] = (
        _eservice_requests(agency.pk, before, dry_run) if before is not None else 0
    )
    if not dry_run and any(counts.values()):
        audit_record(
            actor=None,
            action="privacy.purged",
            target=agency,
            agency_id=agency.pk,
            after={"counts": counts, "periods": asdict(periods)},
        )
    return counts


def purge(*, now: dt.datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Run (or, with ``dry_run``, count) every agency's purge."""
    now = now or timezone.now()
    report = PurgeReport(dry_run=dry_run)
    for agency in Agency.objects.order_by("pk"):
        report.counts[agency.pk] = purge_agency(agency, now=now, dry_run=dry_run)
    return report
