"""Pulse surveys (issue 8): a short recurring questionnaire on quality of life, work-life
balance, productivity and tools, answered anonymously.

Anonymity is built into the tables (docs/surveys.md): a :class:`Response` holds no person, no
user and no time, only the round, a coarsened unit and the answers, under a random UUID key;
the separate :class:`Participation` row (person, round) stops a second answer and gives the
response rate. Nothing joins the two.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govflex.core.pulse_rounds import Cadence, QuestionKind


class Survey(models.Model):
    class Schedule(models.TextChoices):
        WEEKLY = Cadence.WEEKLY.value, _("Every week")
        BIWEEKLY = Cadence.BIWEEKLY.value, _("Every two weeks")
        MONTHLY = Cadence.MONTHLY.value, _("Every month")

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    cadence = models.CharField(_("schedule"), max_length=10, choices=Schedule.choices)
    first_opens_on = models.DateField(_("first round opens"))
    open_days = models.PositiveSmallIntegerField(_("days each round stays open"), default=5)
    report_depth = models.PositiveSmallIntegerField(
        _("results reported down to unit level"),
        default=0,
        help_text=_("0 = the top-level units (divisions), 1 = one level below, and so on."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("agency", "-active", "title_th")
        verbose_name = _("pulse survey")
        verbose_name_plural = _("pulse surveys")

    def __str__(self) -> str:
        return self.title_th

    def title(self, language: str) -> str:
        return self.title_th if language.startswith("th") or not self.title_en else self.title_en


class QuestionSet(models.Model):
    """A numbered version of a survey's questions; frozen once a round has used it."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="question_sets")
    number = models.PositiveIntegerField(_("version"))
    frozen = models.BooleanField(_("in use (frozen)"), default=False)

    class Meta:
        ordering = ("survey", "number")
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")
        constraints = (
            models.UniqueConstraint(fields=("survey", "number"), name="question_set_number"),
        )

    def __str__(self) -> str:
        return f"{self.survey_id} v{self.number}"


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = QuestionKind.LIKERT.value, _("Scale 1–5")
        CHOICE = QuestionKind.CHOICE.value, _("One choice")
        TEXT = QuestionKind.TEXT.value, _("Free text (optional)")

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    # Stable across versions, so the trend over rounds compares the same question.
    key = models.SlugField(_("key"), max_length=40)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    text_th = models.CharField(_("question (Thai)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    # For a choice question: a list of options, each with its value and Thai and English labels.
    options = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        ordering = ("question_set", "position", "pk")
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = (
            models.UniqueConstraint(fields=("question_set", "key"), name="question_key_per_set"),
        )

    def __str__(self) -> str:
        return self.text_th

    def text(self, language: str) -> str:
        return self.text_th if language.startswith("th") or not self.text_en else self.text_en


class Round(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="rounds")
    question_set = models.ForeignKey(QuestionSet, on_delete=models.PROTECT, related_name="rounds")
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    # Reporting depth and head counts as they were when the round opened: the response rate's
    # denominator, and the groups respondents are coarsened to ({"/12/34/": 18, "/": 300}).
    report_depth = models.PositiveSmallIntegerField(default=0)
    eligible = models.JSONField(default=dict)
    reminded = models.BooleanField(default=False)

    class Meta:
        ordering = ("survey", "-opens_on")
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = (
            models.UniqueConstraint(fields=("survey", "opens_on"), name="one_round_per_start"),
        )

    def __str__(self) -> str:
        return f"{self.survey} {self.opens_on}"


class Participation(models.Model):
    """That a person answered a round — never what. No time is kept (it could be matched
    with the order of responses); a random key hides the order of rows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    # The same coarsened group as the response (for response rates per unit).
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = (
            models.UniqueConstraint(fields=("round", "person"), name="answer_once_per_round"),
        )

    def __str__(self) -> str:
        return f"{self.round_id}"


class Response(models.Model):
    """One anonymous answer set: no person, no user, no time; a random key, no ordering.
    ``unit`` is the reported group the respondent belonged to (None: the agency as a whole)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answers = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("anonymous response")
        verbose_name_plural = _("anonymous responses")
        indexes = (models.Index(fields=("round", "unit")),)

    def __str__(self) -> str:
        return f"{self.round_id}"


class RoundSummary(models.Model):
    """Counts per reported group of a closed round (what results and trends read)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="summaries")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    respondents = models.PositiveIntegerField()
    counts = models.JSONField(default=dict)  # question key -> value -> count

    class Meta:
        verbose_name = _("round summary")
        verbose_name_plural = _("round summaries")
        indexes = (models.Index(fields=("round", "unit")),)

    def __str__(self) -> str:
        return f"{self.round_id} {self.unit_id}"
