"""Citizen e-service: the agency's catalogue of services, its privacy notices, and the requests
citizens file (with their files and history).

A request is stored once per client token (the hidden token of the form the citizen filled), so
a double click or a retry returns the same tracking code instead of a second request.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from govflex.core.eservice.flow import Status as FlowStatus
from govflex.core.sla import SlaUnit as CoreSlaUnit


class SlaUnit(models.TextChoices):
    WORKING_DAYS = CoreSlaUnit.WORKING_DAYS.value, _("working days")
    WORKING_HOURS = CoreSlaUnit.WORKING_HOURS.value, _("working hours")


class Service(models.Model):
    """One service of the agency's catalogue, handled by a responsible unit's queue."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit")
    )
    code = models.SlugField(_("code"), max_length=40)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sla_amount = models.PositiveSmallIntegerField(_("service time"), default=3)
    sla_unit = models.CharField(
        _("counted in"), max_length=20, choices=SlaUnit.choices, default=SlaUnit.WORKING_DAYS
    )
    form_fields = models.JSONField(_("form fields"), default=list, blank=True)
    max_files = models.PositiveSmallIntegerField(_("files at most"), default=3)
    max_file_mb = models.PositiveSmallIntegerField(_("size of a file at most (MB)"), default=5)
    files_required = models.BooleanField(_("a document is required"), default=False)
    active = models.BooleanField(_("open for requests"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("agency", "name_th")
        verbose_name = _("e-service")
        verbose_name_plural = _("e-services")
        constraints = (
            models.UniqueConstraint(fields=("agency", "code"), name="eservice_code_per_agency"),
            models.CheckConstraint(
                condition=Q(sla_amount__gte=1, sla_amount__lte=365), name="eservice_sla_range"
            ),
            models.CheckConstraint(
                condition=Q(max_files__lte=10) & Q(max_file_mb__gte=1, max_file_mb__lte=20),
                name="eservice_file_limits",
            ),
        )

    def __str__(self) -> str:
        return self.name_th

    def name(self, lang: str) -> str:
        return self.name_th if lang == "th" else (self.name_en or self.name_th)

    def description(self, lang: str) -> str:
        return self.description_th if lang == "th" else (self.description_en or self.description_th)


class PrivacyNotice(models.Model):
    """A version of the agency's privacy notice for the e-service (PDPA s. 23: tell the data
    subject the purpose, the data kept and for how long before collecting). Versions are never
    edited; a change publishes a new one, and each request records the version accepted."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("version"))
    text_th = models.TextField(_("notice (Thai)"))
    text_en = models.TextField(_("notice (English)"), blank=True)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ("agency", "-version")
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "version"), name="eservice_notice_version_per_agency"
            ),
        )

    def __str__(self) -> str:
        return f"{self.agency_id} v{self.version}"


class RequestStatus(models.TextChoices):
    RECEIVED = FlowStatus.RECEIVED.value, _("Received")
    IN_PROGRESS = FlowStatus.IN_PROGRESS.value, _("In progress")
    INFO_REQUESTED = FlowStatus.INFO_REQUESTED.value, _("More information requested")
    COMPLETED = FlowStatus.COMPLETED.value, _("Completed")
    REJECTED = FlowStatus.REJECTED.value, pgettext_lazy("e-service", "Rejected")


class ServiceRequest(models.Model):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    # The queue it went to (the service's unit when it arrived).
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    tracking_code = models.CharField(max_length=12, unique=True)
    client_token = models.UUIDField(unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    applicant_name = models.CharField(_("full name"), max_length=300)
    applicant_email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(max_length=5, default="th")
    # The form as it was when the citizen filled it, so the answers keep their labels.
    form_snapshot = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    privacy_version = models.PositiveIntegerField(_("privacy notice version"))
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted"))
    submitted_at = models.DateTimeField(_("received"), db_index=True)
    due_at = models.DateTimeField(_("due"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    paused_at = models.DateTimeField(_("waiting for the citizen since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    sla_met = models.BooleanField(_("closed in time"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("due_at", "pk")
        verbose_name = _("e-service request")
        verbose_name_plural = _("e-service requests")
        indexes = (
            models.Index(fields=("unit", "status", "due_at"), name="eservice_queue"),
            models.Index(fields=("agency", "submitted_at"), name="eservice_received"),
            models.Index(fields=("agency", "closed_at"), name="eservice_closed"),
        )

    def __str__(self) -> str:
        return self.tracking_code


class RequestFile(models.Model):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="files")
    # Sent with the request (none) or with a reply to a question.
    event = models.ForeignKey(
        "RequestEvent", on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    file = models.FileField(upload_to="eservice/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "pk")
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.original_name


class RequestEvent(models.Model):
    """The request's history. ``public_message`` is what the citizen sees on the status page;
    ``note`` stays inside the agency (internal notes, what the citizen wrote back)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Request received")
        ACCEPTED = "accepted", _("Accepted")
        INFO_REQUESTED = "info_requested", _("More information requested")
        CITIZEN_REPLIED = "citizen_replied", _("The citizen replied")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", pgettext_lazy("e-service", "Rejected")
        NOTE = "note", _("Internal note")

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()
    status_after = models.CharField(max_length=20, choices=RequestStatus.choices)
    public_message = models.TextField(blank=True)
    note = models.TextField(blank=True)
    # A citizen's reply is stored once per form token (a retry returns the same reply).
    client_token = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ("at", "pk")
        verbose_name = _("request history entry")
        verbose_name_plural = _("request history")

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind}"
