"""``govflex surveys demo``: a monthly pulse survey for the demo agency with past rounds filled
by generated answers (fixed seed), so results, trends and dashboards have data."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from govflex.common.audit import audit_record
from govflex.core.pulse import report_node
from govflex.core.pulse_rounds import QuestionKind, add_months, last_day
from govflex.org.models import Agency, Person
from govflex.org.seed import DEMO_AGENCY_CODE
from govflex.surveys.models import Participation, Response, Round, Survey
from govflex.surveys.paths import active_people, eligible_snapshot, node_of, specs
from govflex.surveys.rounds import close_round
from govflex.surveys.setup import current_set, survey_save

DEMO_TITLE = "แบบสำรวจความเป็นอยู่และการทำงาน (รายเดือน)"
COMMENTS = (
    "อยากให้มีอุปกรณ์สำหรับประชุมออนไลน์เพิ่มขึ้น",
    "การเหลื่อมเวลาทำงานช่วยลดเวลาเดินทางได้มาก",
    "อินเทอร์เน็ตที่บ้านไม่เสถียรในบางวัน",
    "ขอให้แจ้งตารางปฏิบัติงานล่วงหน้ามากขึ้น",
    "ทำงานนอกที่ตั้งแล้วมีสมาธิมากขึ้น",
    "ภาระงานช่วงสิ้นปีงบประมาณค่อนข้างมาก",
)
MODES = (("staggered", 40), ("counted_hours", 20), ("off_site", 15), ("mixed", 25))


def _answers(rng: random.Random, questions: list[Any], lift: float) -> dict[str, str]:
    answers: dict[str, str] = {}
    for spec in questions:
        if spec.kind is QuestionKind.LIKERT:
            value = round(rng.gauss(3.2 + lift, 0.9))
            answers[spec.key] = str(min(5, max(1, value)))
        elif spec.kind is QuestionKind.CHOICE:
            options = list(spec.options)
            weights = [dict(MODES).get(option, 10) for option in options]
            answers[spec.key] = rng.choices(options, weights=weights)[0]
        elif rng.random() < 0.12:
            answers[spec.key] = rng.choice(COMMENTS)
    return answers


@transaction.atomic
def demo_survey(
    *, code: str = DEMO_AGENCY_CODE, rounds: int = 6, seed: int = 2569, today: dt.date | None = None
) -> Survey | None:
    """Create the demo survey with ``rounds`` past monthly rounds; None if it already exists."""
    today = today or timezone.localdate()
    agency = Agency.objects.get(code=code)
    if Survey.objects.filter(agency=agency, title_th=DEMO_TITLE).exists():
        return None
    hr = get_user_model().objects.get(username="hr")
    survey = survey_save(
        actor=hr,
        agency=agency,
        title_th=DEMO_TITLE,
        title_en="Well-being and work pulse (monthly)",
        cadence=Survey.Schedule.MONTHLY,
        first_opens_on=add_months(today, -rounds),
        open_days=7,
        report_depth=1,
    )
    question_set = current_set(survey)
    question_set.frozen = True
    question_set.save(update_fields=["frozen"])
    questions = specs(question_set)
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    for number in range(rounds):
        start = add_months(survey.first_opens_on, number)
        round_ = Round.objects.create(
            survey=survey,
            question_set=question_set,
            opens_on=start,
            closes_on=last_day(start, survey.open_days),
            report_depth=survey.report_depth,
            eligible=eligible_snapshot(survey, start),
        )
        eligible = {node_of(path): n for path, n in round_.eligible.items()}
        people = Person.objects.filter(active_people(agency.pk, start)).select_related("unit")
        participations, responses = [], []
        for person in people.order_by("pk"):
            if rng.random() > 0.55 + 0.05 * number:  # response rate grows round by round
                continue
            node = report_node(node_of(person.unit.path), depth=1, eligible=eligible)
            unit_id = node[-1] if node else None
            lift = 0.08 * number + (0.3 if person.unit.path.count("/") > 3 else 0.0)
            participations.append(Participation(round=round_, person=person, unit_id=unit_id))
            answers = _answers(rng, questions, lift)
            responses.append(Response(round=round_, unit_id=unit_id, answers=answers))
        Participation.objects.bulk_create(participations, batch_size=5000)
        Response.objects.bulk_create(responses, batch_size=5000)
        close_round(round_, today=round_.closes_on)
    audit_record(
        actor=None,
        action="surveys.demo_generated",
        target=survey,
        agency_id=agency.pk,
        after={"rounds": rounds, "seed": seed},
    )
    return survey
