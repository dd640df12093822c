"""Each agency's retention periods, kept by HR officers (PDPA s. 37(3): erase what is no longer
needed). Punch coordinates keep attendance's own setting, edited here with the rest so an HR
officer finds every period on one page."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from govflex.attendance.models import AttendanceSettings
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.core import retention as core
from govflex.org.access import access_for
from govflex.org.models import Agency
from govflex.privacy.models import RetentionSettings
from govflex.privacy.notices import may_manage

FIELDS = ("roll_call_location_days", "evidence_file_days", "eservice_closed_days")


def periods_of(agency_id: int) -> core.Periods:
    """The agency's periods (defaults until it sets its own)."""
    found = RetentionSettings.objects.filter(agency_id=agency_id).first()
    kept = (
        AttendanceSettings.objects.filter(agency_id=agency_id)
        .values_list("keep_coordinates_days", flat=True)
        .first()
    )
    if found is None:
        return core.Periods(punch_coordinates=kept or 0)
    return core.Periods(
        punch_coordinates=kept or 0,
        roll_call_locations=found.roll_call_location_days,
        evidence_files=found.evidence_file_days,
        eservice_requests=found.eservice_closed_days,
    )


def retention_get(*, actor: Any, agency: Agency) -> core.Periods:
    if not access_for(actor).can_view_structure(agency.pk):
        raise NotFound
    return periods_of(agency.pk)


@transaction.atomic
def retention_save(*, actor: Any, agency: Agency, periods: core.Periods) -> core.Periods:
    """Set the agency's periods (days; ``None``: kept). Coordinates of punches: 0 means none
    are stored at all, so it cannot be empty."""
    access = access_for(actor)
    if not access.can_view_structure(agency.pk):
        raise NotFound
    if not may_manage(access, agency.pk):
        raise AccessDenied(_("Only HR officers set retention periods."))
    errors: dict[str, list[str]] = {}
    checks = {
        "punch_coordinate_days": periods.punch_coordinates,
        "roll_call_location_days": periods.roll_call_locations,
        "evidence_file_days": periods.evidence_files,
        "eservice_closed_days": periods.eservice_requests,
    }
    for name, days in checks.items():
        if core.period_problem(days) is not None:
            errors[name] = [_("Give a number of days from 0 to %(max)d.") % {"max": core.MAX_DAYS}]
    if periods.punch_coordinates is None:
        errors["punch_coordinate_days"] = [_("Give a number of days (0: never store them).")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    before = periods_of(agency.pk)
    RetentionSettings.objects.update_or_create(
        agency=agency,
        defaults={
            "roll_call_location_days": periods.roll_call_locations,
            "evidence_file_days": periods.evidence_files,
            "eservice_closed_days": periods.eservice_requests,
            "updated_by": actor,
        },
    )
    AttendanceSettings.objects.update_or_create(
        agency=agency, defaults={"keep_coordinates_days": periods.punch_coordinates}
    )
    after = periods_of(agency.pk)
    if before != after:
        audit_record(
            actor=actor,
            action="privacy.retention_set",
            target=agency,
            agency_id=agency.pk,
            before=asdict(before),
            after=asdict(after),
        )
    return after
