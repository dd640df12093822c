"""Requests for arrangements, their approval chain, delegations, recalls, and the agency's
approval settings.

Off-site regulation 2565: the head of agency decides off-site work and may order people back to
the office; the default chain (supervisor, then the unit head or the executive's delegate for
off-site days) follows that (DOMAIN.md §4), and each agency can change it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Agency, Person, Unit


class Step(models.TextChoices):
    """Who may decide one step of a chain."""

    SUPERVISOR = "supervisor", _("Supervisor")
    UNIT_HEAD = "unit_head", _("Unit head or the executive's delegate")
    EXECUTIVE = "executive", _("Executive")
    HR = "hr", _("HR officer")


def default_on_site_chain() -> list[str]:
    return [Step.SUPERVISOR.value]


def default_off_site_chain() -> list[str]:
    return [Step.SUPERVISOR.value, Step.UNIT_HEAD.value]


class ApprovalSettings(models.Model):
    """An agency's approval chains and when waiting requests are reminded and escalated."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="approval")
    on_site_chain = models.JSONField(_("chain for on-site changes"), default=default_on_site_chain)
    off_site_chain = models.JSONField(_("chain for off-site days"), default=default_off_site_chain)
    remind_after_days = models.PositiveSmallIntegerField(
        _("remind the approver after (working days)"), default=2
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate to the next level after (working days)"), default=3
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("approval settings")
        verbose_name_plural = _("approval settings")

    def __str__(self) -> str:
        return str(self.agency_id)


class ArrangementRequest(models.Model):
    """A person asks for a pattern change, for specific dates, or to swap days with a colleague.

    ``days`` holds the asked-for plans: for a pattern, weekday ("0" = Monday) → plan from
    ``effective_from``; for dates and swaps, ISO date → plan. A swap's ``partner_days`` are the
    plans the partner takes in exchange (the requester's current plans on those dates).
    """

    class Kind(models.TextChoices):
        PATTERN = "pattern", _("Change of weekly pattern")
        DATES = "dates", _("Specific dates")
        SWAP = "swap", _("Swap with a colleague")

    class Status(models.TextChoices):
        AWAITING_PARTNER = "awaiting_partner", _("Waiting for the colleague's consent")
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DECLINED = "declined", _("Declined by the colleague")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="arrangement_requests"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"), null=True, blank=True)
    days = models.JSONField(_("asked-for plans"), default=dict)
    partner = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="swaps_offered"
    )
    partner_days = models.JSONField(_("partner's plans"), default=dict, blank=True)
    partner_answered_at = models.DateTimeField(_("colleague answered"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    chain = models.JSONField(_("approval chain"), default=list)
    step = models.PositiveSmallIntegerField(_("current step"), default=0)
    step_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    off_site = models.BooleanField(_("includes off-site days"), default=False)
    created_at = models.DateTimeField(_("filed"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    override_reason = models.TextField(_("override reason"), blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("arrangement request")
        verbose_name_plural = _("arrangement requests")
        indexes = (
            models.Index(fields=("agency", "status")),
            models.Index(fields=("person", "status")),
        )
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(kind="swap") | models.Q(partner__isnull=False),
                name="swap_has_partner",
            ),
            models.CheckConstraint(
                condition=models.Q(partner__isnull=True) | ~models.Q(partner=models.F("person")),
                name="swap_not_with_oneself",
            ),
        )

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.first_day}"

    @property
    def current_step(self) -> str | None:
        if self.status != self.Status.PENDING or self.step >= len(self.chain):
            return None
        return str(self.chain[self.step])


class RequestDecision(models.Model):
    """One step decided: who, for whom (a delegate acts for the delegator), what and why."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        OVERRIDDEN = "overridden", _("Approved by executive override")

    request = models.ForeignKey(
        ArrangementRequest, on_delete=models.CASCADE, related_name="decisions"
    )
    step = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=20, choices=Step.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("request", "step", "at")
        verbose_name = _("request decision")
        verbose_name_plural = _("request decisions")
        constraints = (
            models.UniqueConstraint(fields=("request", "step"), name="one_decision_per_step"),
        )

    def __str__(self) -> str:
        return f"{self.request_id}#{self.step} {self.outcome}"


class Delegation(models.Model):
    """While away, an approver lets someone else decide in their place (from start to end)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegations_given"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegations_held"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ("-start", "-pk")
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="delegation_end_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(delegate=models.F("delegator")),
                name="delegation_not_to_oneself",
            ),
        )

    def __str__(self) -> str:
        return f"{self.delegator_id}→{self.delegate_id} {self.start}–{self.end}"


class Recall(models.Model):
    """An order to work on site on given dates (Off-site regulation 2565: the head of agency may
    call people back); it overrides arrangements and approved requests for those dates."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="recalls"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="recalls"
    )
    include_subunits = models.BooleanField(_("include sub-units"), default=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    reason = models.TextField(_("reason"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    people_affected = models.PositiveIntegerField(_("people affected"), default=0)
    days_changed = models.PositiveIntegerField(_("days changed"), default=0)

    class Meta:
        ordering = ("-issued_at", "-pk")
        verbose_name = _("recall")
        verbose_name_plural = _("recalls")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="recall_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(person__isnull=False),
                name="recall_names_unit_or_person",
            ),
        )

    def __str__(self) -> str:
        return f"recall {self.start}–{self.end}"
