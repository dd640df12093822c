"""Background jobs: report exports and terminal-log imports, and the terminal-user map."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Agency, Person


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
