"""Off-site day plans and result reports (Off-site regulation 2565: the day stands on the plan
filed in the morning and the result reported at its end; the supervisor reviews).

Each change judges the day again, so a missing or rejected report shows in the day result as
an exception (the rules core decides, by the policy's ``plan_and_report_required``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.dates import day_text
from govflex.common.errors import AccessDenied, NotFound, field_error
from govflex.core.enums import ReportState, WorkMode
from govflex.core.thaidate import format_date
from govflex.core.thaisearch import index_text
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.supervision import decidable, may_decide_for
from govflex.work.models import DayReport

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Checked by content, not by name: PDF, PNG, JPEG, and Office files (zip containers).
SIGNATURES = (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04")
PLAN_AHEAD_DAYS = 7
STATE = {
    DayReport.Status.PLANNED: ReportState.NONE,  # a plan without a result is not a report
    DayReport.Status.REPORTED: ReportState.FILED,
    DayReport.Status.ACCEPTED: ReportState.ACCEPTED,
    DayReport.Status.MORE_REQUESTED: ReportState.REJECTED,
}


def _require_off_site(person: Person, day: dt.date) -> None:
    from govflex.arrangements.selectors import arrangement_on  # noqa: PLC0415 - app order

    plan = arrangement_on(person=person, day=day)
    if plan is None or plan.mode is not WorkMode.OFF_SITE:
        raise field_error(
            "day",
            _("%(day)s is not an off-site day in your arrangement.") % {"day": day_text(day)},
        )


def _require_self(actor: Any, person: Person) -> None:
    if access_for(actor).person_id != person.pk:
        raise AccessDenied(_("You can only file your own plan and report."))


def check_attachment(attachment: Any, *, field: str = "attachment") -> None:
    """At most 10 MB, and by its content a PDF, a PNG or JPEG image, or an Office file."""
    if attachment is None:
        return
    if attachment.size is not None and attachment.size > MAX_ATTACHMENT_BYTES:
        raise field_error(field, _("The file is larger than 10 MB."))
    head = attachment.read(16)
    attachment.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES):
        raise field_error(field, _("Attach a PDF, an image (PNG, JPEG) or an Office file."))


def _rejudge(person: Person, day: dt.date) -> None:
    from govflex.attendance.services import day_result_refresh  # noqa: PLC0415 - app order

    transaction.on_commit(lambda: day_result_refresh(person=person, day=day))


@transaction.atomic
def plan_file(
    *, actor: Any, person: Person, day: dt.date, plan: str, today: dt.date | None = None
) -> DayReport:
    """The morning plan (today, or up to a week ahead); it can be revised until the result."""
    today = today or timezone.localdate()
    _require_self(actor, person)
    if not plan.strip():
        raise field_error("plan", _("Write what you plan to do."))
    if not today - dt.timedelta(days=1) <= day <= today + dt.timedelta(days=PLAN_AHEAD_DAYS):
        raise field_error("day", _("Plan today or up to a week ahead."))
    _require_off_site(person, day)
    report = DayReport.objects.select_for_update().filter(person=person, day=day).first()
    if report is not None and report.status != DayReport.Status.PLANNED:
        raise field_error("plan", _("The result is already reported; the plan stays as it was."))
    report, _created = DayReport.objects.update_or_create(
        person=person, day=day, defaults={"plan": plan.strip(), "search_text": index_text(plan)}
    )
    audit_record(actor=actor, action="work.plan_filed", target=report, agency_id=person.agency_id)
    return report


@transaction.atomic
def report_file(
    *,
    actor: Any,
    person: Person,
    day: dt.date,
    result: str,
    outputs: str = "",
    hours: Decimal | None = None,
    problems: str = "",
    attachment: Any = None,
    today: dt.date | None = None,
) -> DayReport:
    """The end-of-day result (also after the supervisor asked for more)."""
    today = today or timezone.localdate()
    _require_self(actor, person)
    if not result.strip():
        raise field_error("result", _("Write what you did."))
    if day > today:
        raise field_error("day", _("Report a day once it has come."))
    if hours is not None and not Decimal(0) <= hours <= Decimal(24):
        raise field_error("hours", _("Hours are between 0 and 24."))
    check_attachment(attachment)
    _require_off_site(person, day)
    report = DayReport.objects.select_for_update().filter(person=person, day=day).first()
    if report is None:
        raise field_error("plan", _("File the plan for the day first."))
    if report.status == DayReport.Status.ACCEPTED:
        raise field_error("result", _("The report was accepted; it can no longer change."))
    report.result, report.outputs, report.problems = result.strip(), outputs.strip(), problems
    report.hours = hours
    if attachment is not None:
        report.attachment.save(attachment.name, attachment, save=False)
    report.status, report.reported_at = DayReport.Status.REPORTED, timezone.now()
    report.search_text = index_text(report.plan, report.result, report.outputs, problems)
    report.save()
    audit_record(
        actor=actor,
        action="work.report_filed",
        target=report,
        agency_id=person.agency_id,
        after={"hours": hours, "attachment": bool(attachment)},
    )
    _rejudge(person, day)
    return report


@transaction.atomic
def report_review(*, actor: Any, report_id: int, accept: bool, note: str = "") -> DayReport:
    """The supervisor accepts, or asks for more with a comment (the day shows it until refiled)."""
    report = (
        DayReport.objects.select_for_update(of=("self",))
        .select_related("person__unit")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not may_see(actor, report):
        raise NotFound
    if not may_decide_for(access_for(actor), report.person):
        raise AccessDenied(_("Only the person's supervisor or HR can review the report."))
    if report.status != DayReport.Status.REPORTED:
        raise field_error("status", _("Only a reported result can be reviewed."))
    if not accept and not note.strip():
        raise field_error("note", _("Say what more is needed."))
    report.status = DayReport.Status.ACCEPTED if accept else DayReport.Status.MORE_REQUESTED
    report.review_note = note.strip()
    report.reviewed_by, report.reviewed_at = actor, timezone.now()
    report.save()
    audit_record(
        actor=actor,
        action="work.report_reviewed",
        target=report,
        agency_id=report.person.agency_id,
        after={"status": report.status},
        note=report.review_note,
    )
    if not accept and report.person.user_id:
        from govflex.notifications.services import notify  # noqa: PLC0415

        notify(
            users=[report.person.user],
            kind="work.report_more",
            th=f"ผู้บังคับบัญชาขอข้อมูลเพิ่มเติมในรายงานวันที่ {day_text(report.day)}",
            en="Your supervisor asks for more in the report of "
            + format_date(report.day, lang="en"),
            url="/work/reports/",
        )
    _rejudge(report.person, report.day)
    return report


def may_see(actor: Any, report: DayReport) -> bool:
    """The person, whoever may see their record, and their direct supervisor."""
    access = access_for(actor)
    return access.can_view_person(report.person) or may_decide_for(access, report.person)


def reports_to_review(*, actor: Any) -> QuerySet[DayReport]:
    access = access_for(actor)
    return (
        DayReport.objects.filter(decidable(access), status=DayReport.Status.REPORTED)
        .select_related("person__unit")
        .order_by("day", "person__staff_id")
    )


def report_state(person_id: int, day: dt.date) -> ReportState:
    """The day's report state for the rules core."""
    status = (
        DayReport.objects.filter(person_id=person_id, day=day)
        .values_list("status", flat=True)
        .first()
    )
    return STATE[DayReport.Status(status)] if status else ReportState.NONE


def report_states(
    person_ids: set[int], days: set[dt.date]
) -> dict[tuple[int, dt.date], ReportState]:
    """The report states of many person-days at once (the live evaluator's batches)."""
    return {
        (person_id, day): STATE[DayReport.Status(status)]
        for person_id, day, status in DayReport.objects.filter(
            person_id__in=person_ids, day__in=days
        ).values_list("person_id", "day", "status")
    }
