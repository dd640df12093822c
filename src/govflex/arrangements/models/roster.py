"""Roster optimiser runs (proposals) and each person's roster preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Agency, Person, Unit


class RosterPreference(models.Model):
    """What a person would like when a roster is proposed (the optimiser weighs it)."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="roster_preference"
    )
    slot_ranks = models.JSONField(_("preferred slots, best first"), default=list, blank=True)
    off_site_weekdays = models.JSONField(_("preferred off-site weekdays"), default=list, blank=True)
    wants_counted_hours = models.BooleanField(_("prefers counted hours"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("roster preference")
        verbose_name_plural = _("roster preferences")

    def __str__(self) -> str:
        return str(self.person_id)


class RosterProposal(models.Model):
    """One optimiser run for a unit (with its sub-units) over a period, and its answer.

    ``plans`` maps person ID → ISO date → plan (``{}`` for the standard day); ``fixed`` lists
    "person:date" keys that were already decided and cannot be edited; ``problems`` holds the
    explanations (Thai and English) when no roster meets the rules.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Solving")
        PROPOSED = "proposed", _("Proposed")
        INFEASIBLE = "infeasible", _("No roster meets the rules")
        FAILED = "failed", _("Failed")
        PUBLISHED = "published", _("Published")
        DISCARDED = "discarded", _("Discarded")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="roster_proposals")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    time_limit_s = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=10)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.JSONField(_("progress"), default=dict, blank=True)
    plans = models.JSONField(_("proposed plans"), default=dict, blank=True)
    fixed = models.JSONField(_("fixed days"), default=list, blank=True)
    edited = models.JSONField(_("edited days"), default=list, blank=True)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    gap = models.FloatField(_("optimality gap"), null=True, blank=True)
    fairness = models.JSONField(_("fairness"), default=dict, blank=True)
    problems = models.JSONField(_("explanations"), default=list, blank=True)
    first_feasible_s = models.FloatField(null=True, blank=True)
    solve_s = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("roster proposal")
        verbose_name_plural = _("roster proposals")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="proposal_end_after_start"
            ),
        )

    def __str__(self) -> str:
        return f"{self.unit_id} {self.start}–{self.end} {self.status}"
