"""Punches (facts, never edited), live day results, kiosks and attendance settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.core.enums import DayStatus, PunchSource, WorkMode
from govflex.org.models import Agency, Person, WorkSite

PUNCH_SOURCES = [
    (PunchSource.WEB.value, _("Web or phone")),
    (PunchSource.KIOSK.value, _("Office kiosk")),
    (PunchSource.TERMINAL.value, _("Time terminal")),
    (PunchSource.IMPORT.value, _("Imported")),
    (PunchSource.CORRECTION.value, _("Correction")),
]
DAY_STATUSES = [
    (DayStatus.PRESENT.value, _("Present")),
    (DayStatus.LATE.value, _("Late")),
    (DayStatus.LEFT_EARLY.value, _("Left early")),
    (DayStatus.LATE_AND_LEFT_EARLY.value, _("Late and left early")),
    (DayStatus.INCOMPLETE.value, _("Incomplete punches")),
    (DayStatus.ABSENT.value, _("Absent")),
    (DayStatus.ON_LEAVE.value, _("On leave")),
    (DayStatus.HOLIDAY.value, _("Holiday")),
    (DayStatus.OFFICIAL_TRAVEL.value, _("Official travel")),
    (DayStatus.OFF_SITE_REPORTED.value, _("Off-site, reported")),
    (DayStatus.OFF_SITE_REPORT_MISSING.value, _("Off-site, report missing")),
    (DayStatus.WORKED_NON_WORKING_DAY.value, _("Worked on a non-working day")),
]
WORK_MODES = [
    (WorkMode.STAGGERED.value, _("On site, staggered hours")),
    (WorkMode.COUNTED_HOURS.value, _("On site, counted hours")),
    (WorkMode.OFF_SITE.value, _("Off site")),
]


class AttendanceSettings(models.Model):
    """Per-agency attendance settings (defaults apply while an agency has none)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="attendance")
    clock_tolerance_seconds = models.PositiveIntegerField(
        _("accepted device clock difference (seconds)"), default=300
    )
    backdate_days = models.PositiveIntegerField(_("oldest punch accepted (days back)"), default=31)
    keep_coordinates_days = models.PositiveIntegerField(
        _("keep raw coordinates for (days; 0 = never store)"), default=0
    )
    correction_window_days = models.PositiveIntegerField(
        _("corrections accepted for days up to (days back)"), default=31
    )

    class Meta:
        verbose_name = _("attendance settings")
        verbose_name_plural = _("attendance settings")

    def __str__(self) -> str:
        return str(self.agency)


class Punch(models.Model):
    """One time record. Never edited or deleted by users: a correction is a new record."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="punches")
    at = models.DateTimeField(_("time"))
    source = models.CharField(_("source"), max_length=20, choices=PUNCH_SOURCES)
    on_site = models.BooleanField(_("on site"), default=True)
    site = models.ForeignKey(
        WorkSite, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    location_checked = models.BooleanField(_("location checked"), default=False)
    distance_m = models.FloatField(_("distance to the site (m)"), null=True, blank=True)
    # Kept only when the agency keeps coordinates, and purged after that many days.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    device_time = models.DateTimeField(_("device time"), null=True, blank=True)
    clock_drift_seconds = models.IntegerField(
        _("device clock difference (s)"), null=True, blank=True
    )
    # The device clock was off by more than the agency's tolerance: the time was corrected.
    clock_flagged = models.BooleanField(_("device clock was wrong"), default=False)
    idempotency_key = models.CharField(max_length=100)
    received_at = models.DateTimeField(_("received"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    request_id = models.CharField(max_length=64, blank=True)
    terminal_user_id = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ("person", "at")
        verbose_name = _("punch")
        verbose_name_plural = _("punches")
        constraints = (
            models.UniqueConstraint(
                fields=("person", "idempotency_key"), name="punch_once_per_key"
            ),
        )
        indexes = (models.Index(fields=("person", "at")),)

    def __str__(self) -> str:
        return f"{self.person_id} {self.at.isoformat()}"


class DayResult(models.Model):
    """The current judgement of one person-day, rewritten whenever its inputs change."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="day_results")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit_id_at = models.BigIntegerField(_("unit"), db_index=True)
    day = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=40, choices=DAY_STATUSES)
    mode = models.CharField(_("work mode"), max_length=20, choices=WORK_MODES, blank=True)
    worked_minutes = models.PositiveIntegerField(_("worked minutes"), default=0)
    late_minutes = models.PositiveIntegerField(_("late minutes"), default=0)
    early_minutes = models.PositiveIntegerField(_("early minutes"), default=0)
    punch_count = models.PositiveSmallIntegerField(default=0)
    first_punch = models.DateTimeField(null=True, blank=True)
    last_punch = models.DateTimeField(null=True, blank=True)
    exceptions = models.JSONField(default=list, blank=True)
    # A day stays provisional until its working window has ended; then absences are final.
    final = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ("person", "day")
        verbose_name = _("day result")
        verbose_name_plural = _("day results")
        constraints = (
            models.UniqueConstraint(fields=("person", "day"), name="one_result_per_person_day"),
        )
        indexes = (
            models.Index(fields=("agency", "day", "status")),
            models.Index(fields=("unit_id_at", "day")),
            # The dashboards' summariser reads the results changed since its last run.
            models.Index(fields=("computed_at",)),
        )

    def __str__(self) -> str:
        return f"{self.person_id} {self.day} {self.status}"


class PendingEvaluation(models.Model):
    """A person-day to judge again because something changed (a punch, mostly).

    One row per person-day however many punches arrive before it is judged: the live evaluator
    takes many rows at a time and judges them together (``govflex.attendance.live``).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("person", "day"), name="one_pending_per_person_day"),
        )
        indexes = (models.Index(fields=("queued_at",)),)

    def __str__(self) -> str:
        return f"{self.person_id} {self.day}"


class ConfirmationCursor(models.Model):
    """Per-person watermark: days up to ``through`` are final, so no history is rescanned."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    through = models.DateField()

    class Meta:
        verbose_name = _("confirmation cursor")

    def __str__(self) -> str:
        return f"{self.person_id} {self.through}"


class Kiosk(models.Model):
    """An office tablet that shows a changing QR code people scan to punch on site."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="kiosks")
    site = models.ForeignKey(WorkSite, on_delete=models.CASCADE, related_name="kiosks")
    name = models.CharField(_("name"), max_length=100)
    # The tablet's URL carries a secret; only its hash is stored.
    secret_hash = models.CharField(max_length=64)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("agency", "name")
        verbose_name = _("kiosk")
        verbose_name_plural = _("kiosks")

    def __str__(self) -> str:
        return self.name
