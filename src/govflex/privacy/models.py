"""Privacy (Thailand's Personal Data Protection Act B.E. 2562, PDPA): the notices staff read,
the consents they give against a notice version, each agency's retention periods, what the
scheduled purge removed, and the daily upkeep's own bookkeeping.

Citizens' e-service notices stay in ``govflex.eservice`` (``PrivacyNotice``); this app shows and
links them rather than keeping a second copy.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govflex.core import retention


class NoticeKind(models.TextChoices):
    STAFF_LOCATION = "staff_location", _("Staff: location at check-in")
    STAFF_GENERAL = "staff_general", _("Staff: personal data in GovFlex")
    # Kept by the e-service (eservice.PrivacyNotice); listed here so pages can name it.
    CITIZEN_ESERVICE = "citizen_eservice", _("Citizens: e-service requests")


STAFF_NOTICE_KINDS = (NoticeKind.STAFF_LOCATION, NoticeKind.STAFF_GENERAL)


class Notice(models.Model):
    """A version of a privacy notice (PDPA s. 23: before or when collecting, tell the person the
    purpose, the lawful basis, what is kept and for how long, who receives it and their rights).
    Versions are never edited; a change publishes a new one, and a consent names the version the
    person read."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=NoticeKind.choices)
    version = models.PositiveIntegerField(_("version"))
    purpose_th = models.CharField(_("purpose (Thai)"), max_length=300)
    purpose_en = models.CharField(_("purpose (English)"), max_length=300, blank=True)
    text_th = models.TextField(_("notice (Thai)"))
    text_en = models.TextField(_("notice (English)"), blank=True)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ("agency", "kind", "-version")
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "kind", "version"), name="privacy_notice_version_per_kind"
            ),
            models.CheckConstraint(
                condition=~Q(kind="citizen_eservice"), name="privacy_notice_staff_kinds_only"
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"

    def purpose(self, lang: str) -> str:
        return self.purpose_th if lang == "th" else (self.purpose_en or self.purpose_th)

    def text(self, lang: str) -> str:
        return self.text_th if lang == "th" else (self.text_en or self.text_th)


class ConsentKind(models.TextChoices):
    LOCATION = "location", _("Location at check-in and roll call")


class Consent(models.Model):
    """One consent, given against a notice version and perhaps withdrawn later (PDPA s. 19:
    consent is explicit, informed, and as easy to withdraw as to give). History is kept: a
    new consent is a new row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_consents"
    )
    kind = models.CharField(_("consent"), max_length=20, choices=ConsentKind.choices)
    # None: given before notices were versioned (the built-in text on the check-in page).
    notice = models.ForeignKey(
        Notice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("notice version"),
    )
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ("user", "-given_at", "-pk")
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = (
            models.UniqueConstraint(
                fields=("user", "kind"),
                condition=Q(withdrawn_at__isnull=True),
                name="privacy_one_active_consent_per_kind",
            ),
        )

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class RetentionSettings(models.Model):
    """An agency's retention periods (days; empty: kept). Punch coordinates use attendance's
    own setting (``AttendanceSettings.keep_coordinates_days``), edited on the same page."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="retention")
    roll_call_location_days = models.PositiveIntegerField(
        _("roll-call answer locations (days)"),
        null=True,
        blank=True,
        default=retention.DEFAULT_ROLL_CALL_LOCATION_DAYS,
    )
    evidence_file_days = models.PositiveIntegerField(
        _("evidence files (days)"),
        null=True,
        blank=True,
        default=retention.DEFAULT_EVIDENCE_FILE_DAYS,
        help_text=_("Correction evidence, off-site report attachments and work outputs."),
    )
    eservice_closed_days = models.PositiveIntegerField(
        _("closed e-service requests (days)"),
        null=True,
        blank=True,
        default=retention.DEFAULT_ESERVICE_CLOSED_DAYS,
        help_text=_("The citizen's name, contacts, answers and documents; figures stay."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("retention settings")
        verbose_name_plural = _("retention settings")

    def __str__(self) -> str:
        return str(self.agency_id)


class FileRemoval(models.Model):
    """A file the purge deleted; the record it belonged to stays (this row is its note)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="+")
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=100)
    field = models.CharField(max_length=50)
    file_name = models.CharField(max_length=300)
    removed_at = models.DateTimeField(_("removed"))

    class Meta:
        ordering = ("-removed_at", "-pk")
        verbose_name = _("file removed under retention")
        verbose_name_plural = _("files removed under retention")
        indexes = (models.Index(fields=("target_type", "target_id")),)

    def __str__(self) -> str:
        return f"{self.target_type} {self.target_id} {self.field}"


class DailyRun(models.Model):
    """That a daily job ran on a day, so the worker's loop runs it once a day even when it
    restarts or several workers run (``job`` names the job)."""

    job = models.CharField(max_length=40)
    day = models.DateField()
    finished_at = models.DateTimeField()
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-day", "job")
        constraints = (models.UniqueConstraint(fields=("job", "day"), name="privacy_daily_once"),)

    def __str__(self) -> str:
        return f"{self.job} {self.day}"


class AuditBreakAlert(models.Model):
    """A break in the audit chain that was reported, so the same break is reported once."""

    seq = models.BigIntegerField()
    reason = models.CharField(max_length=200)
    found_at = models.DateTimeField()
    notified = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-found_at",)
        constraints = (
            models.UniqueConstraint(fields=("seq", "reason"), name="privacy_alert_once_per_break"),
        )

    def __str__(self) -> str:
        return f"#{self.seq} {self.reason}"
