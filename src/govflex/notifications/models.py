"""Messages to people inside GovFlex: decisions on their requests, recalls, new rosters.

Each notification carries its text in Thai and English (chosen by the reader's language when
shown) and a link to what it is about; reading it marks it read, nothing else changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=60)
    subject_th = models.CharField(_("subject (Thai)"), max_length=300)
    subject_en = models.CharField(_("subject (English)"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = (models.Index(fields=("user", "read_at")),)

    def __str__(self) -> str:
        return self.subject_th

    def subject(self, language: str) -> str:
        return self.subject_th if language.startswith("th") else self.subject_en
