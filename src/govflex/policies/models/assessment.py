"""Suitability assessments of positions (and people) for the three work modes, the agency's
editable matrix, and each person's readiness for off-site work (Guideline 2565: judge by
mission and position type; prepare equipment, infrastructure and skills)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Agency, Person, Position


class SuitabilityMatrix(models.Model):
    """The agency's edited default matrix (position type → recommended / conditional modes)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(_("matrix"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("suitability matrix")
        verbose_name_plural = _("suitability matrices")

    def __str__(self) -> str:
        return str(self.agency_id)


class Assessment(models.Model):
    """One assessment of a position (or of one person in it): the answers, the verdict per mode
    with reasons, and HR's decision (accepted as is, or overridden with a recorded reason)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for HR's decision")
        ACCEPTED = "accepted", _("Accepted")
        OVERRIDDEN = "overridden", _("Decided differently by HR")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="assessments")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    answers = models.JSONField(_("answers"))
    verdicts = models.JSONField(_("verdicts"))
    decision = models.JSONField(_("decision"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    override_reason = models.TextField(_("reason for deciding differently"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ("-assessed_at", "-pk")
        verbose_name = _("suitability assessment")
        verbose_name_plural = _("suitability assessments")
        indexes = (models.Index(fields=("position", "person", "assessed_at")),)

    def __str__(self) -> str:
        return f"{self.position_id}/{self.person_id} {self.status}"


class Readiness(models.Model):
    """What a person has for working off site (equipment, access, accounts, training)."""

    class Device(models.TextChoices):
        AGENCY = "agency", _("Agency laptop")
        OWN = "own", _("Own device")
        NONE = "none", _("No device")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="readiness")
    device = models.CharField(
        _("device"), max_length=10, choices=Device.choices, default=Device.NONE
    )
    remote_access = models.BooleanField(_("remote access / VPN"), default=False)
    e_signature = models.BooleanField(_("electronic signature"), default=False)
    e_saraban = models.BooleanField(_("e-document (e-saraban) account"), default=False)
    secure_storage = models.BooleanField(_("secure storage"), default=False)
    training = models.BooleanField(_("trained for the new ways of working"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("readiness")
        verbose_name_plural = _("readiness")

    def __str__(self) -> str:
        return str(self.person_id)

    def gaps(self) -> list[str]:
        """The items missing for off-site work (stable keys, shown translated)."""
        missing = ["device"] if self.device == self.Device.NONE else []
        keys = ("remote_access", "e_signature", "e_saraban", "secure_storage", "training")
        return missing + [key for key in keys if not getattr(self, key)]
