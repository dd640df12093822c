"""Emergency operation and roll call (Guideline 2565, abnormal situations; DOMAIN.md §9).

An emergency does not rewrite anyone's arrangements: the arrangements app lays it over the
stored plans (:mod:`govflex.continuity.overlay`), so ending it restores them and past days
keep what was in force then.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Agency, Person, Position, Unit

KINDS = [
    ("epidemic", _("Epidemic")),
    ("flood", _("Flood")),
    ("fire", _("Fire")),
    ("energy", _("Energy saving or government directive")),
    ("other", _("Other emergency")),
]


class Emergency(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        DECLARED = "declared", _("Declared")
        CANCELLED = "cancelled", _("Cancelled")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    # The last day (inclusive); empty: until ended.
    end_date = models.DateField(_("last day"), null=True, blank=True)
    # Empty: the whole agency; otherwise these units and their sub-units.
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("units"))
    order = models.ForeignKey(
        "policies.OfficialDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("order"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    changed_at = models.DateTimeField(_("end last changed"), null=True, blank=True)

    class Meta:
        ordering = ("-starts_at", "-pk")
        verbose_name = _("emergency")
        verbose_name_plural = _("emergencies")
        indexes = (models.Index(fields=("agency", "status", "end_date")),)

    def __str__(self) -> str:
        return self.title


class UnitEssentials(models.Model):
    """Who stays on the normal arrangement in a unit during an emergency, and the emergency
    minimum on site when the unit is a service point."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="+")
    positions = models.ManyToManyField(
        Position, blank=True, related_name="+", verbose_name=_("essential positions")
    )
    people = models.ManyToManyField(
        Person, blank=True, related_name="+", verbose_name=_("essential people")
    )
    counter_default = models.BooleanField(
        _("public-contact positions of a counter stay on site"), default=True
    )
    emergency_minimum = models.PositiveSmallIntegerField(
        _("minimum on site during an emergency"), default=1
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("essential staff of a unit")
        verbose_name_plural = _("essential staff of units")

    def __str__(self) -> str:
        return str(self.unit_id)


ANSWERS = [
    ("safe_working", _("Safe and working")),
    ("safe_unable", _("Safe but unable to work")),
    ("need_help", _("Need help")),
]


class RollCall(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    # Empty: the whole agency; otherwise the unit and its sub-units.
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    emergency = models.ForeignKey(
        Emergency, on_delete=models.SET_NULL, null=True, blank=True, related_name="roll_calls"
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    escalate_after_minutes = models.PositiveSmallIntegerField(
        _("escalate after (minutes)"), default=30
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ("-started_at", "-pk")
        verbose_name = _("roll call")
        verbose_name_plural = _("roll calls")

    def __str__(self) -> str:
        return f"{self.pk} {self.started_at:%Y-%m-%d %H:%M}"


class RollCallEntry(models.Model):
    """One person's place in a roll call with their latest answer (earlier ones are kept in
    :class:`RollCallAnswer`)."""

    roll_call = models.ForeignKey(RollCall, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    # The unit at the start, so the board's groups do not move when someone changes unit.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=20, choices=ANSWERS, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("reported to the supervisor"), null=True, blank=True)

    class Meta:
        ordering = ("roll_call", "person")
        verbose_name = _("roll call entry")
        verbose_name_plural = _("roll call entries")
        constraints = (
            models.UniqueConstraint(fields=("roll_call", "person"), name="one_entry_per_roll_call"),
        )

    def __str__(self) -> str:
        return f"{self.roll_call_id} {self.person_id} {self.answer}"


class RollCallAnswer(models.Model):
    """Every answer given, in order (the entry holds the latest)."""

    entry = models.ForeignKey(RollCallEntry, on_delete=models.CASCADE, related_name="history")
    answer = models.CharField(_("answer"), max_length=20, choices=ANSWERS)
    note = models.CharField(_("note"), max_length=500, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ("entry", "at", "pk")
        verbose_name = _("roll call answer")
        verbose_name_plural = _("roll call answers")

    def __str__(self) -> str:
        return f"{self.entry_id} {self.answer}"
