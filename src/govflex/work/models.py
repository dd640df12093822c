"""Off-site day plans and result reports (Off-site regulation 2565: people working off site
plan their day and report its results; the supervisor reviews)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Person


class DayReport(models.Model):
    """One off-site day: the morning plan, the end-of-day result, and the supervisor's review."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Plan filed")
        REPORTED = "reported", _("Result reported")
        ACCEPTED = "accepted", _("Accepted")
        MORE_REQUESTED = "more_requested", _("More asked for")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="day_reports")
    day = models.DateField(_("date"))
    plan = models.TextField(_("plan for the day"))
    planned_at = models.DateTimeField(_("plan filed"), auto_now_add=True)
    result = models.TextField(_("what was done"), blank=True)
    outputs = models.TextField(_("outputs"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, null=True, blank=True)
    problems = models.TextField(_("problems"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="day-reports/%Y/%m/", blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    # Normalised plan, result, outputs and problems (core.thaisearch): what search looks in.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ("-day", "person")
        verbose_name = _("off-site day report")
        verbose_name_plural = _("off-site day reports")
        constraints = (
            models.UniqueConstraint(fields=("person", "day"), name="one_report_per_person_day"),
        )
        indexes = (  # the dashboards' summariser reads reports changed since its last run
            models.Index(fields=("reported_at",)),
            models.Index(fields=("reviewed_at",)),
        )

    def __str__(self) -> str:
        return f"{self.person_id} {self.day} {self.status}"


class WorkItem(models.Model):
    """Work a supervisor assigns (Guideline 2565: assign and follow up whatever the place)."""

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Recurrence(models.TextChoices):
        NONE = "", _("Does not repeat")
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="work_items")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    expected_output = models.TextField(_("expected output"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    due_date = models.DateField(_("due"))
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TODO
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    assignees = models.ManyToManyField(
        Person, related_name="work_items", verbose_name=_("assignees")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    template = models.ForeignKey(
        "work.ChecklistTemplate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("checklist template"),
    )
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ("due_date", "-priority", "pk")
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        indexes = (
            models.Index(fields=("agency", "status", "due_date")),
            models.Index(fields=("completed_at",)),  # the dashboards' summariser
        )
        constraints = (
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="work_progress_at_most_100"
            ),
        )

    def __str__(self) -> str:
        return self.title


class ChecklistTemplate(models.Model):
    """Steps a kind of work always goes through, kept once and applied to new work items."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    # Blank: offered across the agency; otherwise to the unit's subtree.
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    steps = models.JSONField(_("steps"), default=list)
    active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "unit", "name"), name="one_checklist_template_name_per_unit"
            ),
        )

    def __str__(self) -> str:
        return self.name


class WorkComment(models.Model):
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:40]


class WorkOutput(models.Model):
    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="outputs")
    file = models.FileField(_("file"), upload_to="work-outputs/%Y/%m/")
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "pk")
        verbose_name = _("work output")
        verbose_name_plural = _("work outputs")

    def __str__(self) -> str:
        return str(self.file.name)


class ContactCheck(models.Model):
    """A supervisor checks that people working off site can be reached (Off-site regulation
    2565: reachable during working hours); each person answers with one tap."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    escalate_after_minutes = models.PositiveSmallIntegerField(
        _("escalate after (minutes)"), default=30
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    class Meta:
        ordering = ("-sent_at", "-pk")
        indexes = (models.Index(fields=("sent_at",)),)
        verbose_name = _("contact check")
        verbose_name_plural = _("contact checks")

    def __str__(self) -> str:
        return f"{self.pk} {self.sent_at:%Y-%m-%d %H:%M}"


class ContactAnswer(models.Model):
    contact_check = models.ForeignKey(
        ContactCheck, on_delete=models.CASCADE, related_name="answers"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ("contact_check", "person")
        verbose_name = _("contact answer")
        verbose_name_plural = _("contact answers")
        indexes = (models.Index(fields=("answered_at",)),)
        constraints = (
            models.UniqueConstraint(
                fields=("contact_check", "person"), name="one_answer_per_check"
            ),
        )

    def __str__(self) -> str:
        return f"{self.contact_check_id} {self.person_id}"

    @property
    def response_seconds(self) -> int | None:
        if self.answered_at is None:
            return None
        return int((self.answered_at - self.contact_check.sent_at).total_seconds())
