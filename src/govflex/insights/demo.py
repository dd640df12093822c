"""Demo history for the dashboards: past day results of the demo agency, one published order
to evaluate, and figures from a few fictional agencies for the national view.

Deterministic (a fixed seed) and written once: ``govflex insights demo`` does nothing when the
agency already has results before today. The order concerns one division and took effect
halfway through the period, and the people it concerns work off site more from then on, so the
policy evaluation has something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from govflex.attendance.models import DayResult
from govflex.common.audit import audit_record
from govflex.core.thaidate import be_year
from govflex.insights.models import ReportedAgencyDay
from govflex.insights.summaries import rebuild
from govflex.org.models import Agency, Person, Unit
from govflex.policies.models import OfficialDocument
from govflex.policies.selectors import unit_calendar

FICTIONAL = (
    ("dept-a", "กรมตัวอย่างหนึ่ง (สมมติ)", 1200, 0.55),
    ("dept-b", "กรมตัวอย่างสอง (สมมติ)", 800, 0.25),
    ("office-c", "สำนักงานตัวอย่างสาม (สมมติ)", 300, 0.10),
)


@dataclass(frozen=True)
class DemoResult:
    days: int
    results: int
    summaries: int
    created: bool


def _status(rng: random.Random, mode: str) -> str:
    roll = rng.random()
    if roll < 0.04:
        return "on_leave"
    if mode == "off_site":
        return "off_site_report_missing" if roll < 0.10 else "off_site_reported"
    if roll < 0.06:
        return "absent"
    return "late" if roll < 0.14 else "present"


def _mode(rng: random.Random, off_site_share: float) -> str:
    roll = rng.random()
    if roll < off_site_share:
        return "off_site"
    return rng.choice(("", "", "staggered", "counted_hours"))


def demo_history(*, agency: Agency, days: int = 60, seed: int = 2569) -> DemoResult:
    today = timezone.localdate()
    start = today - dt.timedelta(days=days)
    if DayResult.objects.filter(agency=agency, day__lt=today).exists():
        return DemoResult(days, 0, 0, created=False)
    rng = random.Random(seed)  # noqa: S311 - demo data, not security  # nosec B311
    calendar = unit_calendar(agency_id=agency.pk, unit_id=None)
    division = Unit.objects.filter(agency=agency, parent__isnull=False).order_by("path").first()
    switch = start + dt.timedelta(days=days // 2)
    people = list(Person.objects.filter(agency=agency).select_related("unit"))
    now = timezone.now()
    rows = []
    day = start
    while day < today:
        if calendar.is_working_day(day):
            for person in people:
                concerned = division is not None and person.unit.path.startswith(division.path)
                share = 0.45 if concerned and day >= switch else 0.15
                mode = _mode(rng, share)
                status = _status(rng, mode)
                rows.append(
                    DayResult(
                        person=person,
                        agency=agency,
                        unit_id_at=person.unit_id,
                        day=day,
                        status=status,
                        mode=mode if status != "on_leave" else "",
                        worked_minutes=0 if status in ("absent", "on_leave") else 480,
                        late_minutes=rng.randint(5, 40) if status == "late" else 0,
                        punch_count=0 if status in ("absent", "on_leave") else 2,
                        exceptions=[{"code": "demo_absent"}] if status == "absent" else [],
                        final=True,
                        computed_at=now,
                    )
                )
        day += dt.timedelta(days=1)
    with transaction.atomic():
        DayResult.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
        if division is not None:
            _demo_order(agency, division, switch)
        for code, name, staff, share in FICTIONAL:
            _fictional_agency(code, name, staff, share, today - dt.timedelta(days=1), rng)
        audit_record(
            actor=None,
            action="insights.demo_history",
            target=agency,
            agency_id=agency.pk,
            after={"days": days, "results": len(rows)},
        )
    written = rebuild(start=start, end=today, agency_id=agency.pk)
    return DemoResult(days, len(rows), written, created=True)


def _demo_order(agency: Agency, division: Unit, effective: dt.date) -> None:
    year = be_year(effective.year)
    last = (
        OfficialDocument.objects.filter(agency=agency, kind="order", year_be=year)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    OfficialDocument.objects.create(
        agency=agency,
        kind=OfficialDocument.Kind.ORDER,
        status=OfficialDocument.Status.PUBLISHED,
        subject=f"ให้{division.name_th}ปฏิบัติงานนอกที่ตั้งได้ไม่เกินสองวันต่อสัปดาห์ (ข้อมูลสาธิต)",
        body="ข้อมูลสาธิตสำหรับการประเมินผลนโยบาย",
        effective_date=effective,
        unit=division,
        number=(last or 0) + 1,
        year_be=year,
        signer_name="ผู้อำนวยการ (สมมติ)",
        signed_on=effective,
        published_at=timezone.now(),
    )


def _fictional_agency(
    code: str, name: str, staff: int, share: float, day: dt.date, rng: random.Random
) -> None:
    off_site = int(staff * share)
    staggered = int((staff - off_site) * 0.3)
    working = staff - int(staff * 0.04)
    ReportedAgencyDay.objects.update_or_create(
        code=code,
        day=day,
        defaults={
            "name": name,
            "staff": staff,
            "mode_off_site": off_site,
            "mode_staggered": staggered,
            "mode_standard": staff - off_site - staggered,
            "working": working,
            "compliant": working - rng.randint(0, working // 10),
        },
    )
