"""Reachability: a supervisor checks people, each answers with one tap, response times are kept,
and unanswered checks escalate to the sender's supervisor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.notifications.models import Notification
from govflex.org.models import Role
from govflex.work.contact import check_answer, check_send, checks_escalate
from govflex.work.models import ContactAnswer
from tests.factories import PersonFactory, UserFactory, grant


@pytest.fixture
def team(org: dict[str, Any]) -> dict[str, Any]:
    head = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    boss = PersonFactory(
        unit=org["unit_a"], position=org["position"], supervisor=head, user=UserFactory()
    )
    grant(boss.user, org["agency"], Role.SUPERVISOR, org["unit_a1"])
    workers = [
        PersonFactory(unit=org["unit_a1"], position=org["position"], user=UserFactory())
        for _ in range(2)
    ]
    return {"head": head, "boss": boss, "workers": workers, "unit": org["unit_a1"], **org}


def test_send_answer_and_escalate(team: dict[str, Any]) -> None:
    check = check_send(actor=team["boss"].user, unit=team["unit"], message="ประชุมด่วน 10 นาที")
    answers = {a.person_id: a for a in check.answers.all()}
    assert set(answers) >= {w.pk for w in team["workers"]}
    first = answers[team["workers"][0].pk]
    assert Notification.objects.filter(
        user=team["workers"][0].user, url=f"/work/contact/answer/{first.pk}/"
    ).exists()
    with pytest.raises(NotFound):  # nobody answers for someone else
        check_answer(actor=team["workers"][1].user, answer_id=first.pk)
    check_answer(actor=team["workers"][0].user, answer_id=first.pk)
    first.refresh_from_db()
    assert first.response_seconds is not None
    assert first.response_seconds >= 0
    assert checks_escalate(now=timezone.now()) == 0  # not yet due
    later = timezone.now() + dt.timedelta(minutes=31)
    assert checks_escalate(now=later) == 1
    assert Notification.objects.filter(
        user=team["head"].user, kind="work.contact_unanswered"
    ).exists()
    assert checks_escalate(now=later) == 0  # once


def test_only_people_one_supervises(team: dict[str, Any]) -> None:
    with pytest.raises(AccessDenied):
        check_send(actor=team["workers"][0].user, person=team["workers"][1])
    with pytest.raises(ValidationFailed):
        check_send(actor=team["boss"].user, unit=team["unit"], escalate_after_minutes=1)
    assert not ContactAnswer.objects.exists()


def test_pages(team: dict[str, Any]) -> None:
    boss = Client(HTTP_ACCEPT_LANGUAGE="th")
    boss.force_login(team["boss"].user)
    response = boss.post("/work/contact/", {"unit": team["unit"].pk, "minutes": "15"})
    assert response.status_code == 302
    answer = ContactAnswer.objects.get(person=team["workers"][0])
    worker = Client(HTTP_ACCEPT_LANGUAGE="th")
    worker.force_login(team["workers"][0].user)
    worker.post(f"/work/contact/answer/{answer.pk}/")
    page = boss.get(response["Location"]).content.decode()
    assert team["workers"][0].full_name_th in page
    answer.refresh_from_db()
    assert answer.answered_at is not None


def test_api(team: dict[str, Any]) -> None:
    import json

    boss = Client()
    boss.force_login(team["boss"].user)
    sent = boss.post(
        "/api/v1/contact-checks",
        json.dumps({"person_id": team["workers"][0].pk, "message": "โทรกลับด้วย"}),
        content_type="application/json",
    )
    assert sent.status_code == 201, sent.content
    answer_id = sent.json()["answers"][0]["id"]
    worker = Client()
    worker.force_login(team["workers"][0].user)
    answered = worker.post(f"/api/v1/contact-answers/{answer_id}").json()
    assert answered["response_seconds"] is not None
    follow = boss.get(f"/api/v1/contact-checks/{sent.json()['id']}").json()
    assert follow["answers"][0]["answered_at"]
    stranger = Client()
    stranger.force_login(team["workers"][1].user)
    assert stranger.post(f"/api/v1/contact-answers/{answer_id}").status_code == 404
