"""Off-site day plans and result reports (Off-site regulation 2565: people working off site
plan their day and report its results; the supervisor reviews)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Person


class DayReport(models.Model):
    """One off-site day: the morning plan, the end-of-day result, and the supervisor's review."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Plan filed")
        REPORTED = "reported", _("Result reported")
        ACCEPTED = "accepted", _("Accepted")
        MORE_REQUESTED = "more_requested", _("More asked for")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="day_reports")
    day = models.DateField(_("date"))
    plan = models.TextField(_("plan for the day"))
    planned_at = models.DateTimeField(_("plan filed"), auto_now_add=True)
    result = models.TextField(_("what was done"), blank=True)
    outputs = models.TextField(_("outputs"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, null=True, blank=True)
    problems = models.TextField(_("problems"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="day-reports/%Y/%m/", blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ("-day", "person")
        verbose_name = _("off-site day report")
        verbose_name_plural = _("off-site day reports")
        constraints = (
            models.UniqueConstraint(fields=("person", "day"), name="one_report_per_person_day"),
        )

    def __str__(self) -> str:
        return f"{self.person_id} {self.day} {self.status}"
