"""Requests people file and supervisors decide: corrections and leave."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Person


class Decided(models.Model):
    """Who decided a request, when, and why (shared by corrections and leave)."""

    created_at = models.DateTimeField(_("filed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        abstract = True


class Correction(Decided):
    """A request to correct a day; approving it adds records, it never edits punches."""

    class Kind(models.TextChoices):
        FORGOT_PUNCH = "forgot_punch", _("Forgot to punch")
        SYSTEM_OUTAGE = "system_outage", _("System outage")
        OFFICIAL_TRAVEL = "official_travel", _("Official travel")
        WORKED_OFF_SITE = "worked_off_site", _("Worked off site")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="corrections")
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # Local times ("08:25") to add as punches, for forgotten punches and outages.
    times = models.JSONField(_("times"), default=list, blank=True)
    reason = models.TextField(_("reason"))
    evidence = models.FileField(_("evidence"), upload_to="corrections/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = (models.Index(fields=("person", "day", "status")),)

    def __str__(self) -> str:
        return f"{self.person_id} {self.day} {self.kind}"


LEAVE_TYPES = [
    ("sick", _("Sick leave")),
    ("maternity", _("Maternity leave")),
    ("paternity", _("Leave to help a wife after birth")),
    ("personal", _("Personal leave")),
    ("vacation", _("Vacation leave")),
    ("ordination_hajj", _("Ordination or Hajj leave")),
    ("study_training", _("Study or training leave")),
    ("other", _("Other leave")),
]
LEAVE_PARTS = [
    ("full_day", _("Full day")),
    ("morning", _("Morning")),
    ("afternoon", _("Afternoon")),
]


class Leave(Decided):
    """A leave request (or a leave imported from the agency's leave system)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leaves")
    leave_type = models.CharField(_("leave type"), max_length=30, choices=LEAVE_TYPES)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    part = models.CharField(
        _("part of day"), max_length=20, choices=LEAVE_PARTS, default="full_day"
    )
    child_birth = models.DateField(_("date of birth of the child"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    days = models.DecimalField(_("days"), max_digits=6, decimal_places=1, default=0)
    warnings = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    external_id = models.CharField(_("ID in the source system"), max_length=60, blank=True)

    class Meta:
        ordering = ("-start",)
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        indexes = (models.Index(fields=("person", "start", "end")),)
        constraints = (
            models.UniqueConstraint(
                fields=("person", "external_id"),
                condition=~models.Q(external_id=""),
                name="leave_import_once",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="leave_end_after_start"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person_id} {self.leave_type} {self.start}–{self.end}"


class LeaveOpening(models.Model):
    """Vacation days carried into a fiscal year from before GovFlex (imported or set by HR)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    vacation_carried_in = models.DecimalField(max_digits=5, decimal_places=1, default=0)

    class Meta:
        verbose_name = _("leave opening balance")
        constraints = (
            models.UniqueConstraint(fields=("person", "fiscal_year"), name="one_opening_per_year"),
        )

    def __str__(self) -> str:
        return f"{self.person_id} {self.fiscal_year}"
