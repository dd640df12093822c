"""The monthly executive report: last month's dashboard for the whole agency, as PDF and XLSX,
stored and e-mailed to the agency's executives (once per agency and month, whoever asks)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.core import thaidate
from govflex.insights import exports
from govflex.insights.dashboard import build
from govflex.insights.models import ExecutiveReport
from govflex.insights.selectors import Filters
from govflex.org.models import Agency, Role, RoleGrant

log = logging.getLogger(__name__)


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


def monthly_report(*, agency: Agency, today: dt.date) -> ExecutiveReport | None:
    """Make and send last month's report for the agency; None if it was already made."""
    start, end = previous_month(today)
    if ExecutiveReport.objects.filter(agency=agency, month=start).exists():
        return None
    recipients = sorted(
        set(
            RoleGrant.objects.filter(agency=agency, role=Role.EXECUTIVE)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    with translation.override("th"):
        board = build(Filters(agency.pk, start, end), "week", with_people=False)
        month = f"{thaidate.THAI_MONTHS[start.month - 1]} {thaidate.be_year(start.year)}"
        title = _("Monthly executive report %(month)s: %(agency)s") % {
            "month": month,
            "agency": agency.name_th,
        }
        pdf, xlsx = exports.dashboard_pdf(board, title), exports.dashboard_xlsx(board, title)
    try:
        with transaction.atomic():
            report = ExecutiveReport(agency=agency, month=start, sent_to=recipients)
            report.pdf.save(f"{agency.code}-{start:%Y-%m}.pdf", ContentFile(pdf), save=False)
            report.xlsx.save(f"{agency.code}-{start:%Y-%m}.xlsx", ContentFile(xlsx), save=False)
            report.save()
            audit_record(
                actor=None,
                action="insights.monthly_report_made",
                target=report,
                agency_id=agency.pk,
                after={"month": start, "sent_to": recipients},
            )
    except IntegrityError:
        return None  # another worker made it at the same moment
    if recipients:
        message = EmailMessage(
            subject=title,
            body=_("The monthly report on new-normal work is attached (PDF and XLSX)."),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        message.attach(f"{agency.code}-{start:%Y-%m}.pdf", pdf, "application/pdf")
        message.attach(f"{agency.code}-{start:%Y-%m}.xlsx", xlsx, exports.XLSX_TYPE)
        message.send(fail_silently=False)
    return report


def monthly_reports_due(*, today: dt.date | None = None) -> int:
    """Every agency's report for last month, if not made yet (run daily or from the worker)."""
    today = today or timezone.localdate()
    made = 0
    for agency in Agency.objects.all():
        try:
            made += monthly_report(agency=agency, today=today) is not None
        except Exception:  # one agency's failure must not stop the others; retried next run
            log.exception("monthly report failed", extra={"agency": agency.code})
    return made
