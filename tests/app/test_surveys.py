"""Pulse surveys: set-up and versions, rounds opened idempotently, answering once, anonymity in
the database, suppression of groups under 5, scoping per role, pages, export and API."""

from __future__ import annotations

import datetime as dt
import io
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from govflex.common.errors import AccessDenied, Conflict, NotFound, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.notifications.models import Notification
from govflex.org.models import Role
from govflex.surveys.answers import answer_submit
from govflex.surveys.models import Participation, Response, Round, RoundSummary, Survey
from govflex.surveys.results import pulse_scores, round_results
from govflex.surveys.rounds import round_close_now, round_open_now, rounds_upkeep
from govflex.surveys.setup import current_set, question_save, survey_save
from tests.factories import PersonFactory, UserFactory, grant

GOOD = {
    "quality_of_life": "4",
    "work_life_balance": "3",
    "productivity": "5",
    "tools": "2",
    "work_mode": "off_site",
}


@pytest.fixture
def staff(org: dict[str, Any]) -> dict[str, list[Any]]:
    """Logins for 7 people in unit A, 3 in its sub-unit A1 and 5 in unit B."""
    made: dict[str, list[Any]] = {}
    for name, count in (("unit_a", 7), ("unit_a1", 3), ("unit_b", 5)):
        made[name] = [
            PersonFactory(unit=org[name], position=org["position"], user=UserFactory()).user
            for _ in range(count)
        ]
    return made


def _survey(org: dict[str, Any], hr: Any, **extra: Any) -> Survey:
    values = {
        "actor": hr,
        "agency": org["agency"],
        "title_th": "แบบสำรวจความเป็นอยู่",
        "cadence": "monthly",
        "first_opens_on": timezone.localdate(),
        "open_days": 5,
        **extra,
    }
    return survey_save(**values)


def _answer(users: list[Any], round_: Round, **changes: str) -> None:
    for user in users:
        answer_submit(actor=user, round_id=round_.pk, answers={**GOOD, **changes})


def test_setup_gives_standard_questions_and_versions_edits_after_a_round_opened(
    org: dict[str, Any], hr: Any
) -> None:
    survey = _survey(org, hr)
    first = current_set(survey)
    assert [q.key for q in first.questions.all()][:4] == [
        "quality_of_life",
        "work_life_balance",
        "productivity",
        "tools",
    ]
    question_save(actor=hr, survey_id=survey.pk, key="tools", kind="likert", text_th="อุปกรณ์เพียงพอ")
    assert current_set(survey).number == 1  # not used yet: edited in place
    round_ = round_open_now(actor=hr, survey_id=survey.pk)
    question_save(actor=hr, survey_id=survey.pk, kind="likert", text_th="ความเครียดจากงาน")
    second = current_set(survey)
    assert second.number == 2
    assert second.questions.count() == first.questions.count() + 1
    round_.refresh_from_db()
    assert round_.question_set_id == first.pk  # the open round keeps its frozen questions
    assert first.questions.get(key="tools").text_th == "อุปกรณ์เพียงพอ"
    with pytest.raises(ValidationFailed):  # a choice needs options
        question_save(actor=hr, survey_id=survey.pk, kind="choice", text_th="เลือก")
    with pytest.raises(ValidationFailed):
        _survey(org, hr, cadence="weekly", open_days=10)


def test_only_hr_and_executives_set_up(org: dict[str, Any], hr: Any) -> None:
    survey = _survey(org, hr)
    staff_user = PersonFactory(unit=org["unit_a"], user=UserFactory()).user
    with pytest.raises(AccessDenied):
        _survey(org, staff_user)
    with pytest.raises(AccessDenied):
        round_open_now(actor=staff_user, survey_id=survey.pk)
    outsider = UserFactory()
    grant(outsider, org["other"], Role.HR)
    with pytest.raises(NotFound):
        round_open_now(actor=outsider, survey_id=survey.pk)
    executive = UserFactory()
    grant(executive, org["agency"], Role.EXECUTIVE)
    assert round_open_now(actor=executive, survey_id=survey.pk).status == Round.Status.OPEN


def test_open_due_is_idempotent_notifies_reminds_once_and_closes(
    org: dict[str, Any], hr: Any, staff: dict[str, list[Any]]
) -> None:
    survey = _survey(org, hr)
    today = timezone.localdate()
    assert rounds_upkeep(today=today).opened == 1
    assert rounds_upkeep(today=today).opened == 0
    call_command("surveys", "open-due", stdout=StringIO())
    assert survey.rounds.count() == 1
    round_ = survey.rounds.get()
    users = [user for group in staff.values() for user in group]
    opened = Notification.objects.filter(kind="surveys.round_opened")
    assert opened.count() == len(users)
    assert opened.first().url == f"/surveys/rounds/{round_.pk}/"
    _answer(users[:2], round_)
    assert rounds_upkeep(today=today + dt.timedelta(days=3)).reminded == 1
    assert rounds_upkeep(today=today + dt.timedelta(days=4)).reminded == 0
    reminded = set(
        Notification.objects.filter(kind="surveys.round_reminder").values_list("user", flat=True)
    )
    assert reminded == {u.pk for u in users[2:]}  # only those who have not answered
    assert rounds_upkeep(today=today + dt.timedelta(days=5)).closed == 1
    round_.refresh_from_db()
    assert round_.status == Round.Status.CLOSED
    assert sum(RoundSummary.objects.filter(round=round_).values_list("respondents", flat=True)) == 2


def test_answer_once_with_clear_errors(
    org: dict[str, Any], hr: Any, staff: dict[str, list[Any]]
) -> None:
    round_ = round_open_now(actor=hr, survey_id=_survey(org, hr).pk)
    user = staff["unit_a"][0]
    with pytest.raises(ValidationFailed) as refused:
        answer_submit(
            actor=user, round_id=round_.pk, answers={**GOOD, "tools": "7", "work_mode": ""}
        )
    assert set(refused.value.details["fields"]) == {"tools", "work_mode"}
    answer_submit(actor=user, round_id=round_.pk, answers=GOOD)
    with pytest.raises(Conflict):
        answer_submit(actor=user, round_id=round_.pk, answers=GOOD)
    assert (Participation.objects.count(), Response.objects.count()) == (1, 1)
    foreign = PersonFactory(unit=org["foreign"].unit, user=UserFactory()).user
    with pytest.raises(NotFound):
        answer_submit(actor=foreign, round_id=round_.pk, answers=GOOD)
    round_close_now(actor=hr, round_id=round_.pk)
    with pytest.raises(ValidationFailed):
        answer_submit(actor=staff["unit_a"][1], round_id=round_.pk, answers=GOOD)


def test_nothing_links_a_response_to_a_person(
    org: dict[str, Any], hr: Any, staff: dict[str, list[Any]]
) -> None:
    fields = Response._meta.get_fields()
    assert not [f for f in fields if isinstance(f, models.DateField | models.DateTimeField)]
    related = {f.related_model for f in fields if f.is_relation}
    assert related == {Round, org["unit_a"].__class__}  # no person, no user
    assert isinstance(Response._meta.pk, models.UUIDField)
    round_ = round_open_now(actor=hr, survey_id=_survey(org, hr).pk)
    audit_before = AuditEntry.objects.count()
    notes_before = Notification.objects.count()
    _answer(staff["unit_a1"][:1], round_, tools="1")
    answer_submit(
        actor=staff["unit_a"][0], round_id=round_.pk, answers={**GOOD, "comment": "ลับเฉพาะ"}
    )
    assert AuditEntry.objects.count() == audit_before  # answering is never audited
    assert Notification.objects.count() == notes_before
    # A1 (depth 1, 3 people) is coarsened to the reporting level: unit A.
    assert set(Response.objects.values_list("unit_id", flat=True)) == {org["unit_a"].pk}
    before = set(Response.objects.values_list("pk", flat=True))
    round_close_now(actor=hr, round_id=round_.pk)
    assert before.isdisjoint(Response.objects.values_list("pk", flat=True))  # new random keys
    assert Response.objects.count() == 2
    logged = json.dumps(list(AuditEntry.objects.values("after", "before", "note")))
    assert "ลับเฉพาะ" not in logged


def test_groups_under_five_are_suppressed_and_complements_too(
    org: dict[str, Any], hr: Any, staff: dict[str, list[Any]]
) -> None:
    survey = _survey(org, hr)
    small = round_open_now(actor=hr, survey_id=survey.pk)
    _answer(staff["unit_a"][:4], small)
    assert not round_results(actor=hr, round_id=small.pk).released  # open: nothing yet
    round_close_now(actor=hr, round_id=small.pk)
    found = round_results(actor=hr, round_id=small.pk)
    assert found.focus is not None
    assert found.focus.visibility == "too_few"
    assert found.focus.figures == {}
    assert all(not row.shown for row in found.rows)

    Survey.objects.filter(pk=survey.pk).update(first_opens_on=timezone.localdate())
    bigger = Round.objects.create(
        survey=survey,
        question_set=small.question_set,
        opens_on=timezone.localdate() - dt.timedelta(days=1),
        closes_on=timezone.localdate() + dt.timedelta(days=3),
        eligible=small.eligible,
    )
    _answer(staff["unit_a"][:6], bigger, quality_of_life="5")
    _answer(staff["unit_b"][:3], bigger, quality_of_life="1")
    round_close_now(actor=hr, round_id=bigger.pk)
    found = round_results(actor=hr, round_id=bigger.pk)
    rows = {row.unit_id: row for row in found.rows}
    assert found.focus.respondents == 9
    assert found.focus.figures["quality_of_life"].mean == round((6 * 5 + 3) / 9, 2)
    assert rows[org["unit_b"].pk].visibility == "too_few"
    # Showing A (6) would reveal B as 9 - 6: A is hidden as the complement.
    assert rows[org["unit_a"].pk].visibility == "complementary"


def test_results_are_scoped_per_role(
    org: dict[str, Any], hr: Any, staff: dict[str, list[Any]]
) -> None:
    round_ = round_open_now(actor=hr, survey_id=_survey(org, hr).pk)
    _answer(staff["unit_a"] + staff["unit_a1"], round_)
    _answer(staff["unit_b"], round_)
    round_close_now(actor=hr, round_id=round_.pk)
    lead_a = UserFactory()
    grant(lead_a, org["agency"], Role.SUPERVISOR, org["unit_a"])
    seen = round_results(actor=lead_a, round_id=round_.pk)
    assert {row.unit_id for row in seen.rows} == {org["unit_a"].pk}
    assert seen.focus.respondents == 10
    with pytest.raises(NotFound):  # unit B is outside the supervisor's subtree
        round_results(actor=lead_a, round_id=round_.pk, unit_id=org["unit_b"].pk)
    lead_a1 = UserFactory()
    grant(lead_a1, org["agency"], Role.SUPERVISOR, org["unit_a1"])
    assert round_results(actor=lead_a1, round_id=round_.pk).rows == []  # below the report level
    with pytest.raises(AccessDenied):
        round_results(actor=staff["unit_a"][0], round_id=round_.pk)
    outsider = UserFactory()
    grant(outsider, org["other"], Role.HR)
    with pytest.raises(NotFound):
        round_results(actor=outsider, round_id=round_.pk)
    executive = UserFactory()
    grant(executive, org["agency"], Role.EXECUTIVE)
    everything = round_results(actor=executive, round_id=round_.pk)
    assert everything.focus.respondents == 15
    scores = pulse_scores(
        actor=lead_a,
        agency_id=org["agency"].pk,
        unit_path=org["unit_a"].path,
        start=timezone.localdate() - dt.timedelta(days=30),
        end=timezone.localdate(),
    )
    assert [(s.respondents, s.means["quality_of_life"]) for s in scores] == [(10, 4.0)]
    with pytest.raises(NotFound):
        pulse_scores(
            actor=lead_a,
            agency_id=org["agency"].pk,
            unit_path="/",
            start=timezone.localdate(),
            end=timezone.localdate(),
        )


def test_pages_answer_results_export_and_setup(
    org: dict[str, Any], hr: Any, staff: dict[str, list[Any]]
) -> None:
    survey = _survey(org, hr)
    round_ = round_open_now(actor=hr, survey_id=survey.pk)
    client = Client()
    client.force_login(staff["unit_a"][0])
    page = client.get(f"/surveys/rounds/{round_.pk}/")
    assert page.status_code == 200
    assert 'type="radio" name="quality_of_life" value="5"' in page.content.decode()
    assert "style=" not in page.content.decode()
    refused = client.post(f"/surveys/rounds/{round_.pk}/", {**GOOD, "tools": ""})
    assert refused.status_code == 422
    done = client.post(f"/surveys/rounds/{round_.pk}/", GOOD, follow=True)
    assert 'id="survey-answered"' in done.content.decode()
    assert client.get("/surveys/setup/").status_code == 403
    assert client.get(f"/surveys/results/{round_.pk}/").status_code == 403
    _answer(staff["unit_a"][1:], round_)
    hr_client = Client()
    hr_client.force_login(hr)
    assert hr_client.get("/surveys/setup/").status_code == 200
    assert hr_client.get(f"/surveys/setup/{survey.pk}/").status_code == 200
    closed = hr_client.post(
        f"/surveys/setup/{survey.pk}/", {"action": "close", "round": round_.pk}, follow=True
    )
    assert closed.status_code == 200
    results = hr_client.get(f"/surveys/results/{round_.pk}/").content.decode()
    assert 'id="results-table"' in results
    export = hr_client.get(f"/surveys/results/{round_.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(export.content))["results"]
    first = [cell.value for cell in sheet[3]]
    assert first[2] == 7  # the agency: 7 respondents
    pdf = hr_client.get(f"/surveys/results/{round_.pk}/export.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_api_open_rounds_submit_results_and_scores(
    org: dict[str, Any], hr: Any, staff: dict[str, list[Any]]
) -> None:
    round_ = round_open_now(actor=hr, survey_id=_survey(org, hr).pk)
    client = Client()
    client.force_login(staff["unit_b"][0])
    mine = client.get("/api/v1/me/pulse-rounds").json()
    assert [(r["id"], r["answered"]) for r in mine] == [(round_.pk, False)]
    assert mine[0]["questions"][4]["options"][2]["value"] == "off_site"
    url = f"/api/v1/pulse-rounds/{round_.pk}/answers"
    bad = client.post(url, {"answers": {"tools": "9"}}, content_type="application/json")
    assert bad.status_code == 422
    assert "tools" in bad.json()["details"]["fields"]
    ok = client.post(url, {"answers": GOOD}, content_type="application/json")
    assert (ok.status_code, ok.json()) == (201, {"recorded": True})
    again = client.post(url, {"answers": GOOD}, content_type="application/json")
    assert again.status_code == 409
    assert client.get(f"/api/v1/pulse-rounds/{round_.pk}/results").status_code == 403
    _answer(staff["unit_a"][:5], round_)
    round_close_now(actor=hr, round_id=round_.pk)
    hr_client = Client()
    hr_client.force_login(hr)
    body = hr_client.get(f"/api/v1/pulse-rounds/{round_.pk}/results").json()
    top = body["groups"][0]
    assert (top["unit_id"], top["respondents"], top["visibility"]) == (None, 6, "shown")
    hidden = next(g for g in body["groups"] if g["unit_id"] == org["unit_b"].pk)
    assert (hidden["respondents"], hidden["figures"]) == (None, [])
    today = timezone.localdate()
    scores = hr_client.get(
        "/api/v1/pulse-scores",
        {"agency_id": org["agency"].pk, "start": today - dt.timedelta(days=7), "end": today},
    ).json()
    assert scores[0]["respondents"] == 6


def test_demo_command_fills_past_rounds(transactional_db: Any) -> None:
    from govflex.org.seed import seed_agency

    seed_agency(staff=60)
    call_command("surveys", "demo", "--rounds", "3", stdout=StringIO())
    call_command("surveys", "demo", "--rounds", "3", stdout=StringIO())  # once only
    survey = Survey.objects.get()
    assert survey.rounds.filter(status=Round.Status.CLOSED).count() == 3
    assert survey.rounds.filter(status=Round.Status.OPEN).count() == 1  # today's round
    hr = UserFactory._meta.model.objects.get(username="hr")
    today = timezone.localdate()
    scores = pulse_scores(
        actor=hr,
        agency_id=survey.agency_id,
        start=today - dt.timedelta(days=120),
        end=today,
    )
    assert len(scores) == 3
    assert all(s.means["quality_of_life"] is not None for s in scores)


def test_a_unit_too_small_to_hide_in_is_never_stored(
    org: dict[str, Any], hr: Any, staff: dict[str, list[Any]]
) -> None:
    """Unit B with fewer than 5 people: its answers are kept at the agency level only."""
    for user in staff["unit_b"][:2]:
        user.person.end_date = timezone.localdate() - dt.timedelta(days=1)
        user.person.save()
    round_ = round_open_now(actor=hr, survey_id=_survey(org, hr).pk)
    _answer(staff["unit_b"][2:], round_)
    assert set(Response.objects.values_list("unit_id", flat=True)) == {None}
    assert round_.eligible["/"] == 16  # 18 people, 2 of them gone
