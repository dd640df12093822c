"""Importing approved leave from an agency's existing leave system (CSV), all or nothing.

Columns: staff_id, leave_type, start, end, part (optional: full_day/morning/afternoon),
external_id (the record's ID in the source system; re-importing it adds nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.attendance.models import Leave
from govflex.attendance.services import day_result_refresh
from govflex.common.audit import audit_record
from govflex.common.errors import ValidationFailed
from govflex.core.enums import LeavePart
from govflex.core.leave import LeaveType
from govflex.core.tabular import DateFormatError, UnreadableText, decode_text, parse_date
from govflex.org.access import access_for
from govflex.org.models import Agency, Person, Role

REQUIRED = ("staff_id", "leave_type", "start", "end")


def _date(raw: str) -> dt.date | None:
    try:
        return parse_date(raw).value
    except DateFormatError:
        return None


def leave_import(*, actor: Any, agency: Agency, content: bytes) -> dict[str, Any]:
    access = access_for(actor)
    access.require(access.has_role(agency.pk, Role.HR))
    try:
        text, _encoding = decode_text(content)
    except UnreadableText as exc:
        raise ValidationFailed(_("The file is not a readable CSV.")) from exc
    # newline="" lets the csv module read line breaks itself (a lone CR raised csv.Error).
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ValidationFailed(
                _("Required columns are missing: %(cols)s") % {"cols": ", ".join(missing)}
            )
        return _read_rows(actor, agency, reader)
    except csv.Error as exc:  # e.g. a field past the csv module's size limit
        raise ValidationFailed(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc


def _read_rows(actor: Any, agency: Agency, reader: csv.DictReader[str]) -> dict[str, Any]:
    people = {p.staff_id: p for p in Person.objects.filter(agency=agency)}
    errors: list[dict[str, Any]] = []
    rows: list[Leave] = []
    for number, row in enumerate(reader, start=2):
        problems = _row_problems(row, people)
        errors += [{"row": number, "column": c, "message": m} for c, m in problems]
        if problems:
            continue
        external = (row.get("external_id") or "").strip() or hashlib.sha256(
            "|".join(row.get(c, "") for c in REQUIRED).encode()
        ).hexdigest()[:40]
        rows.append(
            Leave(
                person=people[row["staff_id"].strip()],
                leave_type=row["leave_type"].strip(),
                start=_date(row["start"]) or dt.date.min,
                end=_date(row["end"]) or dt.date.min,
                part=(row.get("part") or "").strip() or LeavePart.FULL_DAY,
                status=Leave.Status.APPROVED,
                external_id=external,
                reason=_("Imported"),
            )
        )
    if errors:
        raise ValidationFailed(_("Nothing was imported."), details={"rows": errors})
    return _write(actor, agency, rows)


def _row_problems(row: dict[str, str], people: dict[str, Person]) -> list[tuple[str, str]]:
    problems = []
    if (row.get("staff_id") or "").strip() not in people:
        problems.append(("staff_id", _("Unknown staff ID.")))
    if (row.get("leave_type") or "").strip() not in {t.value for t in LeaveType}:
        problems.append(("leave_type", _("Unknown leave type.")))
    start, end = _date(row.get("start") or ""), _date(row.get("end") or "")
    if start is None:
        problems.append(("start", _("Not a date.")))
    if end is None:
        problems.append(("end", _("Not a date.")))
    if start and end and end < start:
        problems.append(("end", _("The end is before the start.")))
    part = (row.get("part") or "").strip()
    if part and part not in {p.value for p in LeavePart}:
        problems.append(("part", _("Use full_day, morning or afternoon.")))
    if part in {LeavePart.MORNING, LeavePart.AFTERNOON} and start != end:
        problems.append(("part", _("A half day is a one-day leave.")))
    return problems


@transaction.atomic
def _write(actor: Any, agency: Agency, rows: list[Leave]) -> dict[str, Any]:
    existing = set(
        Leave.objects.filter(person__agency=agency)
        .exclude(external_id="")
        .values_list("person_id", "external_id")
    )
    new = [leave for leave in rows if (leave.person.pk, leave.external_id) not in existing]
    Leave.objects.bulk_create(new, batch_size=1000)
    audit_record(
        actor=actor,
        action="leave.import",
        target=agency,
        agency_id=agency.pk,
        after={"rows": len(rows), "created": len(new)},
    )

    def reevaluate() -> None:
        for leave in new:
            day = leave.start
            while day <= min(leave.end, timezone.localdate()):
                day_result_refresh(person=leave.person, day=day)
                day += dt.timedelta(days=1)

    transaction.on_commit(reevaluate)
    return {"rows": len(rows), "created": len(new), "duplicates": len(rows) - len(new)}
