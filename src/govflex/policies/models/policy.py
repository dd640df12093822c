"""Effective-dated work-mode policy versions and the agency's working calendar.

A version's values are the rules core's policy as a plain mapping (``policy_to_mapping``), so
what is stored is exactly what the core validates and evaluates. Issuing, comparing and
enacting versions by official order is issue 6; attendance reads the version in force.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Agency, Unit


class PolicyVersion(models.Model):
    """One version of the agency's work-mode policy.

    A draft can be edited and is never in force; an issued version is immutable and in force
    from ``effective_from`` until the next issued version (a new version never changes the days
    before its effective date).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="policy_versions")
    effective_from = models.DateField(_("effective from"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    values = models.JSONField(_("values"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    note = models.TextField(_("note"), blank=True)
    # Empty: the whole agency; otherwise these units and their sub-units.
    units = models.ManyToManyField(
        Unit, blank=True, related_name="policy_versions", verbose_name=_("units")
    )
    backdate_reason = models.TextField(_("reason for an effective date in the past"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("agency", "-effective_from")
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        # Two issued versions for the same scope may not take effect on the same day: checked
        # by the service under a lock of the agency row (scopes are sets of units).
        indexes = (models.Index(fields=("agency", "status", "effective_from")),)

    def __str__(self) -> str:
        return f"{self.agency} {self.effective_from}"


class SpecialHoliday(models.Model):
    """A holiday the Cabinet or the agency declares (announced at short notice)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="special_holidays")
    day = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ("agency", "day")
        verbose_name = _("special holiday")
        verbose_name_plural = _("special holidays")
        constraints = (
            models.UniqueConstraint(fields=("agency", "day"), name="one_special_holiday_per_day"),
        )

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class UnitOpenDay(models.Model):
    """A citizen-service unit that stays open on a holiday (its head's decision)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="open_days")
    day = models.DateField(_("date"))

    class Meta:
        ordering = ("unit", "day")
        verbose_name = _("stays-open day")
        verbose_name_plural = _("stays-open days")
        constraints = (models.UniqueConstraint(fields=("unit", "day"), name="unit_open_day_once"),)

    def __str__(self) -> str:
        return f"{self.unit} {self.day}"
