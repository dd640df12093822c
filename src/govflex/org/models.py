"""The organisation: agencies, their unit trees, positions, people, work sites and roles.

Every record belongs to one agency; every query made for a user is scoped by
:mod:`govflex.org.access` to what that user's roles let them see.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MissionType(models.TextChoices):
    # Guideline 2565 §4.4(2): missions of service, policy/support, and special missions.
    CITIZEN_SERVICE = "citizen_service", _("Citizen service")
    POLICY_SUPPORT = "policy_support", _("Policy-making or support")
    SPECIAL = "special", _("Special mission")


class PositionType(models.TextChoices):
    # Guideline 2565 §4.4(2): the position groups an agency judges suitability by.
    PUBLIC_CONTACT = "public_contact", _("Public contact")
    SUPPORT = "support", _("Support")
    STUDY_ANALYSIS_RESEARCH = "study_analysis_research", _("Study, analysis and research")
    AREA_FIELD_WORK = "area_field_work", _("Area-specific field work")
    SUPERVISION_COMMAND = "supervision_command", _("Supervision and command")


class StaffCategory(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    GOVERNMENT_EMPLOYEE = "government_employee", _("Government employee")
    PERMANENT_EMPLOYEE = "permanent_employee", _("Permanent employee")
    TEMPORARY_EMPLOYEE = "temporary_employee", _("Temporary employee")


class Role(models.TextChoices):
    STAFF = "staff", _("Staff")
    SUPERVISOR = "supervisor", _("Supervisor")
    HR = "hr", _("HR officer")
    EXECUTIVE = "executive", _("Executive")
    AUDITOR = "auditor", _("Auditor")


class Agency(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)

    class Meta:
        ordering = ("name_th",)
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name_th


class WorkSite(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="work_sites")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    radius_m = models.PositiveIntegerField(_("radius (metres)"), default=200)

    class Meta:
        ordering = ("agency", "code")
        verbose_name = _("work site")
        verbose_name_plural = _("work sites")
        constraints = (
            models.UniqueConstraint(fields=("agency", "code"), name="worksite_code_per_agency"),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="worksite_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=Q(radius_m__gte=10, radius_m__lte=50_000), name="worksite_radius_range"
            ),
        )

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A node of the agency's unit tree (กอง, กลุ่ม, ฝ่าย …), of any depth.

    ``path`` is the chain of ancestor IDs ("/12/34/56/") so a whole subtree is one indexed
    prefix query; the services keep it right when a unit moves.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("code"), max_length=40)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    is_service_point = models.BooleanField(
        _("citizen-service counter"),
        default=False,
        help_text=_("Serves citizens in person; must stay covered during service hours."),
    )
    work_site = models.ForeignKey(
        WorkSite, on_delete=models.SET_NULL, null=True, blank=True, related_name="units"
    )
    path = models.CharField(max_length=600, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("path",)
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = (
            models.UniqueConstraint(fields=("agency", "code"), name="unit_code_per_agency"),
        )

    def __str__(self) -> str:
        return self.name_th


class Position(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="positions")
    code = models.CharField(_("code"), max_length=40)
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    line = models.CharField(_("line of work"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=100, blank=True)
    mission_type = models.CharField(_("mission type"), max_length=30, choices=MissionType.choices)
    position_type = models.CharField(
        _("position type"), max_length=30, choices=PositionType.choices
    )

    class Meta:
        ordering = ("agency", "code")
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = (
            models.UniqueConstraint(fields=("agency", "code"), name="position_code_per_agency"),
        )

    def __str__(self) -> str:
        return self.title_th


class Person(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="people")
    staff_id = models.CharField(_("staff ID"), max_length=40)
    title_th = models.CharField(_("title (Thai)"), max_length=40, blank=True)
    first_name_th = models.CharField(_("first name (Thai)"), max_length=100)
    last_name_th = models.CharField(_("last name (Thai)"), max_length=100)
    first_name_en = models.CharField(_("first name (English)"), max_length=100, blank=True)
    last_name_en = models.CharField(_("last name (English)"), max_length=100, blank=True)
    staff_category = models.CharField(
        _("staff category"), max_length=30, choices=StaffCategory.choices
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="people")
    supervisor = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        ordering = ("agency", "staff_id")
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "staff_id"), name="person_staff_id_per_agency"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="person_end_after_start",
            ),
        )
        indexes = (
            models.Index(fields=("agency", "last_name_th", "first_name_th")),
            models.Index(fields=("agency", "unit")),
        )

    def __str__(self) -> str:
        return self.full_name_th

    @property
    def full_name_th(self) -> str:
        return f"{self.title_th}{self.first_name_th} {self.last_name_th}".strip()

    @property
    def full_name_en(self) -> str:
        return f"{self.first_name_en} {self.last_name_en}".strip() or self.full_name_th


class RoleGrant(models.Model):
    """A role held by a user in an agency; a supervisor's grant names the unit they lead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="role_grants"
    )

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = (
            models.UniqueConstraint(
                fields=("user", "agency", "role", "unit"),
                condition=Q(unit__isnull=False),
                name="role_grant_unique_per_unit",
            ),
            # NULLs are distinct in unique indexes, so agency-wide grants need their own.
            models.UniqueConstraint(
                fields=("user", "agency", "role"),
                condition=Q(unit__isnull=True),
                name="role_grant_unique_agency_wide",
            ),
            models.CheckConstraint(
                condition=~Q(role="supervisor") | Q(unit__isnull=False),
                name="supervisor_grant_has_unit",
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} {self.role} {self.agency}"


class ImportJob(models.Model):
    """One uploaded file and what became of it (validation report, counts, progress)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        VALIDATING = "validating", _("Checking rows")
        WRITING = "writing", _("Writing")
        REJECTED = "rejected", _("Not imported: errors found")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64)
    valid_only = models.BooleanField(_("import valid rows only"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"

    @property
    def percent(self) -> int:
        if self.status in {self.Status.DONE, self.Status.REJECTED}:
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.REJECTED, self.Status.FAILED}
