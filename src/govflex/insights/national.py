"""The national view (what the OCSC reported to the Cabinet): for one day, across the agencies
on this deployment and those that send their figures through the API — agencies reporting,
agencies using each mode, the share of staff in each mode, agencies with at least half of their
staff off site, and attendance compliance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.core.insights import MODES, AgencyDay, NationalDay, national_day
from govflex.insights.models import ReportedAgencyDay, UnitDaySummary
from govflex.org.models import Agency

VIEW_PERMISSION = "insights.view_reportedagencyday"
SEND_PERMISSION = "insights.add_reportedagencyday"


def may_view(actor: Any) -> bool:
    return bool(actor.is_authenticated and actor.has_perm(VIEW_PERMISSION))


@dataclass(frozen=True)
class National:
    day: dt.date
    figures: NationalDay
    agencies: list[tuple[str, str, AgencyDay]]  # code, name, figures


def _local(day: dt.date) -> list[tuple[str, str, AgencyDay]]:
    names = {a.pk: (a.code, a.name_th) for a in Agency.objects.all()}
    rows = (
        UnitDaySummary.objects.filter(day=day)
        .values("agency_id")
        .annotate(
            people=Sum("people"),
            working=Sum("working"),
            compliant=Sum("compliant"),
            **{f"mode_{m}": Sum(f"mode_{m}") for m in MODES},
        )
    )
    out = []
    for row in rows:
        code, name = names[row["agency_id"]]
        modes = {m: row[f"mode_{m}"] or 0 for m in MODES}
        staff = sum(modes.values())
        if staff:
            out.append(
                (code, name, AgencyDay(code, staff, modes, row["compliant"], row["working"]))
            )
    return out


def national(*, actor: Any, day: dt.date) -> National:
    if not may_view(actor):
        raise AccessDenied(_("The national view is for the central agency."))
    local = _local(day)
    codes = {code for code, _name, _f in local}
    sent = [
        (
            r.code,
            r.name,
            AgencyDay(
                r.code,
                r.staff,
                {m: getattr(r, f"mode_{m}") for m in MODES},
                r.compliant,
                r.working,
            ),
        )
        for r in ReportedAgencyDay.objects.filter(day=day).exclude(code__in=codes)
    ]
    agencies = sorted(local + sent)
    known = Agency.objects.count() + (
        ReportedAgencyDay.objects.exclude(code__in=Agency.objects.values("code"))
        .values("code")
        .distinct()
        .count()
    )
    return National(day, national_day(known, [f for _c, _n, f in agencies]), agencies)


@transaction.atomic
def report_agency_day(
    *, actor: Any, code: str, name: str, day: dt.date, figures: dict[str, int]
) -> ReportedAgencyDay:
    """An agency's figures for one day, sent through the API (sending again replaces them)."""
    if not actor.has_perm(SEND_PERMISSION):
        raise AccessDenied(_("Sending national figures needs the integrator's permission."))
    errors: dict[str, list[str]] = {}
    if not code.strip():
        errors["code"] = [_("Give the agency code.")]
    modes = {m: int(figures.get(f"mode_{m}", 0)) for m in MODES}
    staff, working, compliant = (int(figures.get(k, 0)) for k in ("staff", "working", "compliant"))
    if min([staff, working, compliant, *modes.values()]) < 0:
        errors["figures"] = [_("Figures cannot be negative.")]
    if sum(modes.values()) > staff:
        errors["staff"] = [_("The people in the modes add up to more than the staff.")]
    if compliant > working:
        errors["compliant"] = [_("Compliant days cannot exceed working days.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    row, _created = ReportedAgencyDay.objects.update_or_create(
        code=code.strip(),
        day=day,
        defaults={
            "name": name.strip() or code.strip(),
            "staff": staff,
            "working": working,
            "compliant": compliant,
            "sent_by": actor,
            **{f"mode_{m}": modes[m] for m in MODES},
        },
    )
    audit_record(
        actor=actor,
        action="insights.national_figures_received",
        target=row,
        agency_id=None,
        after={"code": row.code, "day": day, "staff": staff},
    )
    return row
