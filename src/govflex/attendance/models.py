"""Punches (facts, never edited), live day results, and each agency's attendance settings."""

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
        )

    def __str__(self) -> str:
        return f"{self.person_id} {self.day} {self.status}"


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


class Correction(models.Model):
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
    created_at = models.DateTimeField(_("filed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = (models.Index(fields=("person", "day", "status")),)

    def __str__(self) -> str:
        return f"{self.person_id} {self.day} {self.kind}"


class ExportJob(models.Model):
    """A large report export built in the background; the file is downloaded when ready."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Preparing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return self.filename or str(self.pk)


class TerminalUserMap(models.Model):
    """Which person a terminal's user ID stands for (when it is not simply the staff ID)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    terminal_user_id = models.CharField(_("terminal user ID"), max_length=40)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("terminal user mapping")
        verbose_name_plural = _("terminal user mappings")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "terminal_user_id"), name="terminal_user_once_per_agency"
            ),
        )

    def __str__(self) -> str:
        return f"{self.terminal_user_id} → {self.person_id}"


class TerminalImport(models.Model):
    """One uploaded terminal log and its outcome (stored, duplicates, refused rows)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        REJECTED = "rejected", _("Not imported")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=255)
    device = models.CharField(_("terminal"), max_length=60, blank=True)
    file = models.FileField(upload_to="terminal-logs/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("terminal log import")
        verbose_name_plural = _("terminal log imports")

    def __str__(self) -> str:
        return self.filename


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


class Leave(models.Model):
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
    created_at = models.DateTimeField(_("filed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

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
