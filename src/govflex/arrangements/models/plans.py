"""Each person's weekly work pattern (effective-dated) and dated exceptions to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.org.models import Person

MODES = [
    ("staggered", _("On site, staggered hours")),
    ("counted_hours", _("On site, counted hours")),
    ("off_site", _("Off site")),
]
PLACES = [
    ("residence", _("Residence")),
    ("co_working", _("Co-working space")),
    ("designated", _("Place designated by the agency")),
    ("outside_premises", _("Outside the premises")),
]


class Source(models.TextChoices):
    SET = "set", _("Set by HR or the supervisor")
    REQUEST = "request", _("Approved request")
    SWAP = "swap", _("Approved swap")
    RECALL = "recall", _("Recall to the office")
    ROSTER = "roster", _("Published roster")


class WeeklyPattern(models.Model):
    """From ``effective_from`` on, what the person does on each weekday.

    ``days`` maps a weekday ("0" = Monday … "6" = Sunday) to ``{"mode", "slot", "place"}``;
    a weekday not listed follows the standard day. A newer version never changes earlier days.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="patterns")
    effective_from = models.DateField(_("effective from"))
    days = models.JSONField(_("days"), default=dict)
    note = models.TextField(_("note"), blank=True)
    request = models.ForeignKey(
        "arrangements.ArrangementRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="patterns_made",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("person", "-effective_from")
        verbose_name = _("weekly pattern")
        verbose_name_plural = _("weekly patterns")
        constraints = (
            models.UniqueConstraint(
                fields=("person", "effective_from"), name="one_pattern_per_person_per_day"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person_id} from {self.effective_from}"


class DayException(models.Model):
    """One date worked differently from the pattern."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="day_exceptions")
    day = models.DateField(_("date"))
    # Blank: the standard day on site, replacing what the pattern says (swaps, recalls).
    mode = models.CharField(_("work mode"), max_length=20, choices=MODES, blank=True)
    slot = models.CharField(_("slot"), max_length=20, blank=True)
    place = models.CharField(_("place"), max_length=20, choices=PLACES, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.SET
    )
    # The approved request, swap or recall this day came from (None: set directly).
    request = models.ForeignKey(
        "arrangements.ArrangementRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="days_made",
    )
    recall = models.ForeignKey(
        "arrangements.Recall",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="days_made",
    )
    # The plan this day replaced, kept so a recall or swap can say what it changed.
    replaced = models.JSONField(_("replaced plan"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("person", "day")
        verbose_name = _("day exception")
        verbose_name_plural = _("day exceptions")
        constraints = (
            models.UniqueConstraint(fields=("person", "day"), name="one_exception_per_person_day"),
        )

    def __str__(self) -> str:
        return f"{self.person_id} {self.day} {self.mode}"


class CalendarFeed(models.Model):
    """A person's private iCalendar feed of their work plan (the URL's token is the key)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")

    def __str__(self) -> str:
        return str(self.person_id)
