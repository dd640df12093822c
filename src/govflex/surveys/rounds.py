"""Rounds of a pulse survey: opened on schedule (``govflex surveys open-due``, idempotent),
announced to staff, reminded once before the last day, closed and summarised.

Closing also rewrites the round's anonymous responses in random order under new random keys,
so not even the physical order of rows (or PostgreSQL's transaction IDs) is left to match
against the participation rows written in the same transactions (docs/surveys.md).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import NotFound, ValidationFailed
from govflex.core.pulse import tally
from govflex.core.pulse_rounds import (
    Cadence,
    QuestionKind,
    due_start,
    last_day,
    reminder_due,
)
from govflex.core.thaidate import format_date
from govflex.notifications.services import notify
from govflex.org.models import Person
from govflex.surveys.models import Participation, Response, Round, RoundSummary, Survey
from govflex.surveys.paths import active_people, eligible_snapshot, specs
from govflex.surveys.setup import current_set, survey_for_manager


@dataclass(frozen=True)
class Upkeep:
    opened: int = 0
    reminded: int = 0
    closed: int = 0


def _staff_users(survey: Survey, day: dt.date, *, exclude_round: Round | None = None) -> list[Any]:
    people = Person.objects.filter(active_people(survey.agency_id, day), user__isnull=False)
    if exclude_round is not None:
        answered = Participation.objects.filter(round=exclude_round).values("person_id")
        people = people.exclude(pk__in=answered)
    return [p.user for p in people.select_related("user")]


def _open(survey: Survey, start: dt.date, *, actor: Any = None) -> Round:
    question_set = current_set(survey)
    if not question_set.frozen:
        question_set.frozen = True
        question_set.save(update_fields=["frozen"])
    round_ = Round.objects.create(
        survey=survey,
        question_set=question_set,
        opens_on=start,
        closes_on=last_day(start, survey.open_days),
        report_depth=survey.report_depth,
        eligible=eligible_snapshot(survey, start),
    )
    audit_record(
        actor=actor,
        action="surveys.round_opened",
        target=round_,
        agency_id=survey.agency_id,
        after={"opens_on": start, "closes_on": round_.closes_on, "version": question_set.number},
    )
    url = reverse("surveys:answer", args=[round_.pk])
    notify(
        users=_staff_users(survey, start),
        kind="surveys.round_opened",
        th=f"แบบสำรวจ {survey.title_th} เปิดให้ตอบแล้ว ถึง {format_date(round_.closes_on)}"
        " (ไม่ระบุตัวผู้ตอบ)",
        en=f"{survey.title_en or survey.title_th} is open until "
        f"{format_date(round_.closes_on, lang='en')} (anonymous)",
        url=url,
    )
    return round_


def close_round(round_: Round, *, actor: Any = None, today: dt.date) -> None:
    """Summarise per reported group, rewrite the responses anonymously, mark closed."""
    keys = [s.key for s in specs(round_.question_set) if s.kind is not QuestionKind.TEXT]
    rows = list(Response.objects.filter(round=round_).values_list("unit_id", "answers"))
    by_unit: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for unit_id, answers in rows:
        by_unit[unit_id].append(answers)
    RoundSummary.objects.filter(round=round_).delete()
    summaries = []
    for group, answer_sets in by_unit.items():
        part = tally(answer_sets, keys)
        summaries.append(
            RoundSummary(round=round_, unit_id=group, respondents=part.n, counts=part.counts)
        )
    RoundSummary.objects.bulk_create(summaries)
    # Anonymity: new random keys, random physical order (see the module's docstring).
    secrets.SystemRandom().shuffle(rows)
    Response.objects.filter(round=round_).delete()
    Response.objects.bulk_create(
        Response(round=round_, unit_id=unit_id, answers=answers) for unit_id, answers in rows
    )
    round_.status = Round.Status.CLOSED
    round_.closes_on = min(round_.closes_on, today)
    round_.save(update_fields=["status", "closes_on"])
    audit_record(
        actor=actor,
        action="surveys.round_closed",
        target=round_,
        agency_id=round_.survey.agency_id,
        after={"responses": len(rows), "closes_on": round_.closes_on},
    )


def _remind(round_: Round) -> int:
    survey = round_.survey
    sent = notify(
        users=_staff_users(survey, round_.closes_on, exclude_round=round_),
        kind="surveys.round_reminder",
        th=f"เตือน: แบบสำรวจ {survey.title_th} ปิดรับคำตอบ {format_date(round_.closes_on)}",
        en=f"Reminder: {survey.title_en or survey.title_th} closes "
        f"{format_date(round_.closes_on, lang='en')}",
        url=reverse("surveys:answer", args=[round_.pk]),
    )
    round_.reminded = True
    round_.save(update_fields=["reminded"])
    return sent


def rounds_upkeep(*, today: dt.date | None = None) -> Upkeep:
    """Close rounds past their last day, open the rounds due today, remind once. Safe to run as
    often as wanted (cron or the worker): each step checks and locks before it writes."""
    today = today or timezone.localdate()
    opened = reminded = closed = 0
    for round_id in Round.objects.filter(status=Round.Status.OPEN, closes_on__lt=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            round_ = Round.objects.select_for_update().select_related("survey").get(pk=round_id)
            if round_.status == Round.Status.OPEN:
                close_round(round_, today=round_.closes_on)
                closed += 1
    for survey_id in Survey.objects.filter(active=True).values_list("pk", flat=True):
        with transaction.atomic():
            survey = Survey.objects.select_for_update().get(pk=survey_id)
            cadence = Cadence(survey.cadence)
            start = due_start(survey.first_opens_on, cadence, survey.open_days, today)
            busy = survey.rounds.filter(status=Round.Status.OPEN).exists()
            if start is None or busy or survey.rounds.filter(opens_on=start).exists():
                continue
            try:
                with transaction.atomic():
                    _open(survey, start)
            except IntegrityError:  # another runner opened it first
                continue
            opened += 1
    for round_id in Round.objects.filter(
        status=Round.Status.OPEN, reminded=False, opens_on__lte=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            round_ = Round.objects.select_for_update().select_related("survey").get(pk=round_id)
            days = (round_.closes_on - round_.opens_on).days + 1
            if not round_.reminded and reminder_due(round_.opens_on, days, today):
                _remind(round_)
                reminded += 1
    return Upkeep(opened=opened, reminded=reminded, closed=closed)


@transaction.atomic
def round_open_now(*, actor: Any, survey_id: int, today: dt.date | None = None) -> Round:
    """HR opens a round today, outside the schedule (when none is open)."""
    today = today or timezone.localdate()
    survey = survey_for_manager(actor, survey_id, lock=True)
    if survey.rounds.filter(status=Round.Status.OPEN).exists():
        raise ValidationFailed(_("A round of this survey is already open."))
    if survey.rounds.filter(opens_on=today).exists():
        raise ValidationFailed(_("A round of this survey already opened today."))
    return _open(survey, today, actor=actor)


@transaction.atomic
def round_close_now(*, actor: Any, round_id: int, today: dt.date | None = None) -> Round:
    """HR closes a round early; its results are released (groups of 5 or more)."""
    round_ = Round.objects.select_for_update().select_related("survey").filter(pk=round_id).first()
    if round_ is None:
        raise NotFound
    survey_for_manager(actor, round_.survey_id)
    if round_.status != Round.Status.OPEN:
        raise ValidationFailed(_("This round is already closed."))
    close_round(round_, actor=actor, today=today or timezone.localdate())
    return round_
