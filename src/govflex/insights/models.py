"""Daily summaries per unit (kept up to date incrementally), figures other agencies send for
the national view, and the monthly executive reports sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.core.insights import Counts

COUNT_FIELDS = tuple(Counts.__dataclass_fields__)


class DayCounts(models.Model):
    """The counts of core.insights.Counts, as columns (one list for both summary tables)."""

    people = models.PositiveIntegerField(default=0)
    working = models.PositiveIntegerField(default=0)
    compliant = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    absent = models.PositiveIntegerField(default=0)
    leave = models.PositiveIntegerField(default=0)
    not_yet = models.PositiveIntegerField(default=0)
    with_exceptions = models.PositiveIntegerField(default=0)
    mode_standard = models.PositiveIntegerField(default=0)
    mode_staggered = models.PositiveIntegerField(default=0)
    mode_counted_hours = models.PositiveIntegerField(default=0)
    mode_off_site = models.PositiveIntegerField(default=0)
    reports_filed = models.PositiveIntegerField(default=0)
    items_completed = models.PositiveIntegerField(default=0)
    items_on_time = models.PositiveIntegerField(default=0)
    contact_checks = models.PositiveIntegerField(default=0)
    contact_answered = models.PositiveIntegerField(default=0)
    response_seconds = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True


class UnitDaySummary(DayCounts):
    """Counts of one unit's people of one position type and staff category on one day.

    The dashboards read these instead of scanning day results, punches and work records; the
    summariser rewrites a unit-day whenever one of its inputs changes (see summaries.py).
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=600)  # the unit's path, for subtree filters
    day = models.DateField()
    position_type = models.CharField(max_length=30, blank=True)
    staff_category = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("unit day summary")
        verbose_name_plural = _("unit day summaries")
        constraints = (
            models.UniqueConstraint(
                fields=("unit", "day", "position_type", "staff_category"),
                name="one_summary_per_unit_day_group",
            ),
        )
        indexes = (
            models.Index(fields=("agency", "day")),
            # Subtree filters are ``unit_path LIKE '/3/17/%'``: the pattern operator class lets
            # PostgreSQL use the index for that prefix whatever the database's collation.
            models.Index(
                fields=("agency", "unit_path", "day"),
                name="insights_summary_subtree",
                opclasses=("", "varchar_pattern_ops", ""),
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day} {self.position_type}/{self.staff_category}"


class SummaryCursor(models.Model):
    """How far the summariser has read each source (rows changed since are summarised again)."""

    source = models.CharField(max_length=40, unique=True)
    through = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.source} {self.through.isoformat()}"


class ReportedAgencyDay(models.Model):
    """One day's figures of an agency that does not run on this deployment, sent through the
    API for the national view (the OCSC's central report)."""

    code = models.CharField(_("agency code"), max_length=40)
    name = models.CharField(_("agency name"), max_length=300)
    day = models.DateField(_("date"))
    staff = models.PositiveIntegerField(_("staff expected to work"))
    mode_standard = models.PositiveIntegerField(default=0)
    mode_staggered = models.PositiveIntegerField(default=0)
    mode_counted_hours = models.PositiveIntegerField(default=0)
    mode_off_site = models.PositiveIntegerField(default=0)
    working = models.PositiveIntegerField(default=0)
    compliant = models.PositiveIntegerField(default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-day", "code")
        verbose_name = _("reported agency day")
        verbose_name_plural = _("reported agency days")
        constraints = (
            models.UniqueConstraint(fields=("code", "day"), name="one_report_per_agency_day"),
            models.CheckConstraint(
                condition=models.Q(compliant__lte=models.F("working")),
                name="reported_compliant_at_most_working",
            ),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.day}"


class ExecutiveReport(models.Model):
    """A monthly executive report generated and e-mailed (one per agency and month)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))  # its first day
    pdf = models.FileField(upload_to="executive-reports/%Y/")
    xlsx = models.FileField(upload_to="executive-reports/%Y/")
    sent_to = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-month",)
        verbose_name = _("executive report")
        verbose_name_plural = _("executive reports")
        constraints = (
            models.UniqueConstraint(fields=("agency", "month"), name="one_report_per_month"),
        )

    def __str__(self) -> str:
        return f"{self.agency_id} {self.month:%Y-%m}"


class UnitSubtreeDay(DayCounts):
    """The counts of a unit with everything under it (or, unit blank, of the whole agency) on
    one day: all position types and staff categories together (both blank), and — for the
    agency and its top-level units, where a filter would otherwise read every unit's
    summaries — also per position type and per staff category.

    The dashboards' most common questions — an agency's or a unit's totals, trends and child
    units over months — read a few hundred of these rows instead of summing every unit-day
    group (about 18,000 a day in an agency of 100,000). Rewritten with the day's unit summaries
    (summaries.roll_up); filters by position type or staff category read the unit summaries.
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    day = models.DateField()
    position_type = models.CharField(max_length=30, blank=True, default="")
    staff_category = models.CharField(max_length=30, blank=True, default="")

    class Meta:
        verbose_name = _("unit subtree day")
        verbose_name_plural = _("unit subtree days")
        constraints = (
            models.UniqueConstraint(
                fields=("unit", "day", "position_type", "staff_category"),
                name="one_subtree_row_per_unit_day",
            ),
            models.UniqueConstraint(
                fields=("agency", "day", "position_type", "staff_category"),
                condition=models.Q(unit__isnull=True),
                name="one_agency_row_per_day",
            ),
        )
        indexes = (models.Index(fields=("agency", "day")),)

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.unit_id} {self.day}"
