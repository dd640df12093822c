"""Official orders (คำสั่ง) and announcements (ประกาศ), their numbering and acknowledgements.

Correspondence regulation (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. ๒๕๒๖ and amendments),
forms 4 and 7: an order's number runs from 1 each calendar year per issuer (``ที่ ๑๒/๒๕๖๙``).
Published documents are immutable; a correction is a new document that amends or cancels one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Agency, Person, Unit
from govflex.policies.models.policy import PolicyVersion


class DocumentSettings(models.Model):
    """How an agency's documents look: issuer line, digits, and the Garuda emblem."""

    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, related_name="document_settings"
    )
    issuer = models.CharField(_("issuer as printed"), max_length=200, blank=True)
    thai_digits = models.BooleanField(_("Thai digits in documents"), default=True)
    emblem = models.ImageField(_("Garuda emblem"), upload_to="emblems/", blank=True)

    class Meta:
        verbose_name = _("document settings")
        verbose_name_plural = _("document settings")

    def __str__(self) -> str:
        return str(self.agency_id)


class OfficialDocument(models.Model):
    class Kind(models.TextChoices):
        ORDER = "order", _("Order (คำสั่ง)")
        ANNOUNCEMENT = "announcement", _("Announcement (ประกาศ)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SIGNED = "signed", _("Signed")
        PUBLISHED = "published", _("Published")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    effective_date = models.DateField(_("effective date"))
    backdate_reason = models.TextField(_("reason for an effective date in the past"), blank=True)
    # Who it concerns: a unit and its sub-units, or (None) the whole agency.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    policy_version = models.ForeignKey(
        PolicyVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("policy version enacted"),
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amended_by",
        verbose_name=_("amends or cancels"),
    )
    year_be = models.PositiveSmallIntegerField(_("year (B.E.)"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "kind", "year_be", "number"),
                condition=models.Q(number__isnull=False),
                name="one_number_per_kind_year",
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} {self.number}/{self.year_be} {self.subject}"


class DocumentCounter(models.Model):
    """The last number used per agency, kind and year; locked while a number is taken."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    year_be = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "kind", "year_be"), name="one_counter_per_kind_year"
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} {self.year_be}: {self.last}"


class Acknowledgement(models.Model):
    """A person confirms they have read a published document (รับทราบ)."""

    document = models.ForeignKey(
        OfficialDocument, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="acknowledgements")
    at = models.DateTimeField(_("acknowledged"), auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = (
            models.UniqueConstraint(fields=("document", "person"), name="acknowledge_once"),
        )

    def __str__(self) -> str:
        return f"{self.document_id} {self.person_id}"
