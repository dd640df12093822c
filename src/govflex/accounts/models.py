"""Users, their display preferences and personal API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Language(models.TextChoices):
        THAI = "th", _("Thai")
        ENGLISH = "en", _("English")

    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.THAI
    )
    thai_digits = models.BooleanField(
        _("Thai digits"), default=False, help_text=_("Show numbers and dates with Thai digits.")
    )

    location_consent_at = models.DateTimeField(
        _("location consent given"),
        null=True,
        blank=True,
        help_text=_("When the user agreed that check-in may read the device's location."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class ApiToken(models.Model):
    """A personal token for integrators. Only a SHA-256 of the secret is stored.

    ``access`` and ``resources`` narrow what the token may do (govflex.accounts.scopes); it never
    reaches further than its owner's roles.
    """

    class Access(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    access = models.CharField(
        _("access"), max_length=5, choices=Access.choices, default=Access.READ
    )
    resources = models.JSONField(
        _("resource groups"),
        default=list,
        blank=True,
        help_text=_("Empty: every resource group the owner may use."),
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
