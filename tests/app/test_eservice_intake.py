"""Citizen e-service, public side: filing a request (answers, documents, privacy notice), the
same request on a retry, the honeypot, rate limits, and tracking without leaking anything."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from govflex.common.errors import NotFound, ValidationFailed
from govflex.core.eservice.flow import Action
from govflex.core.eservice.tracking import display, make_code
from govflex.eservice.catalogue import notice_publish
from govflex.eservice.clock import forget_intake_contexts
from govflex.eservice.intake import (
    RequestNotFound,
    TrackingCodeInvalid,
    request_reply,
    request_submit,
    request_track,
)
from govflex.eservice.models import RequestEvent, RequestFile, ServiceRequest
from govflex.eservice.queue import request_act
from tests.factories.eservice import PDF, PNG, ServiceFactory, pdf, submit


@pytest.fixture(autouse=True)
def _clean(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # rate-limit counters of earlier tests
    forget_intake_contexts()


@pytest.fixture
def service(org: dict[str, Any]) -> Any:
    return ServiceFactory(unit=org["unit_a"], code="house")


def _post(client: Client, service: Any, **extra: Any) -> Any:
    data = {
        "client_token": str(uuid.uuid4()),
        "notice_version": "0",
        "applicant_name": "นายสมศักดิ์ รักดี",
        "applicant_email": "somsak@example.com",
        "q-house_no": "99",
        "privacy": "yes",
        "website": "",
        **extra,
    }
    return client.post(f"/e/{service.agency.code}/{service.code}/", data)


def test_a_citizen_files_a_request_and_gets_a_tracking_code(
    service: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    assert client.get(f"/e/{service.agency.code}/").status_code == 200
    page = client.get(f"/e/{service.agency.code}/{service.code}/")
    assert page.status_code == 200
    assert 'name="client_token"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, service, files=[pdf(), pdf("photo.png", PNG)])
    assert response.status_code == 302
    request = ServiceRequest.objects.get()
    assert display(request.tracking_code) in response["Location"]
    assert request.answers == {"house_no": "99"}
    assert request.unit == service.unit
    assert request.privacy_version == 0
    assert request.privacy_accepted_at is not None
    assert request.due_at > request.submitted_at
    assert sorted(f.content_type for f in request.files.all()) == ["application/pdf", "image/png"]
    assert all("somsak" not in f.file.name for f in RequestFile.objects.all())
    assert request.events.get().kind == RequestEvent.Kind.SUBMITTED
    # The receipt shows the code; the e-mail carries it too.
    receipt = client.get(response["Location"])
    assert display(request.tracking_code) in receipt.content.decode()
    assert len(mail.outbox) == 1
    assert display(request.tracking_code) in mail.outbox[0].body
    assert mail.outbox[0].to == ["somsak@example.com"]


def test_a_double_click_or_retry_returns_the_same_request(service: Any) -> None:
    token = uuid.uuid4()
    first = submit(service, client_token=token)
    again = request_submit(
        service=service,
        client_token=token,
        applicant={"applicant_name": "ใครก็ได้"},
        answers={"house_no": "1"},
        privacy_accepted=True,
        privacy_version=0,
        files=[],
    )
    assert again.created is False
    assert again.request.tracking_code == first.tracking_code
    client = Client()
    one = _post(client, service, client_token=str(token))
    assert one.status_code == 302
    assert display(first.tracking_code) in one["Location"]
    assert ServiceRequest.objects.count() == 1


def test_the_honeypot_refuses_robots_and_stores_nothing(service: Any) -> None:
    response = _post(Client(), service, website="http://spam.example")
    assert response.status_code == 422
    assert ServiceRequest.objects.count() == 0
    with pytest.raises(ValidationFailed):
        submit(service, honeypot="x")


def test_submissions_are_rate_limited_per_address(service: Any, settings: Any) -> None:
    settings.GOVFLEX_ESERVICE_RATE_LIMITS = {"submit": (2, 3600)}
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert _post(client, service).status_code == 302
    assert _post(client, service).status_code == 302
    refused = _post(client, service)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert ServiceRequest.objects.count() == 2
    # Another address is not held back.
    assert _post(Client(REMOTE_ADDR="203.0.113.10"), service).status_code == 302


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([pdf("virus.pdf", b"MZ\x90\x00 not a pdf")], "virus.pdf ไม่ใช่ไฟล์ PDF, JPEG หรือ PNG"),
        ([pdf("big.pdf", PDF + b"0" * (1024 * 1024))], "big.pdf มีขนาดเกิน 1 MB"),
        ([pdf("a.pdf"), pdf("b.pdf"), pdf("c.pdf")], "ไม่เกิน 2 ไฟล์"),
        ([pdf("empty.pdf", b"")], "empty.pdf ไม่มีข้อมูล"),
    ],
)
def test_wrong_documents_are_refused_with_the_file_named(
    service: Any, files: list[Any], message: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        submit(service, files=files)
    assert message in " ".join(refused.value.details["fields"]["files"])
    assert ServiceRequest.objects.count() == 0


def test_a_required_document_is_asked_for(org: dict[str, Any]) -> None:
    service = ServiceFactory(unit=org["unit_a"], files_required=True)
    with pytest.raises(ValidationFailed) as refused:
        submit(service)
    assert "files" in refused.value.details["fields"]


def test_bad_answers_and_missing_consent_are_all_named(service: Any) -> None:
    with pytest.raises(ValidationFailed) as refused:
        submit(
            service,
            applicant={"applicant_name": "", "applicant_email": "nope"},
            answers={"moved_on": "32/13/2569"},
            privacy_accepted=False,
        )
    fields = refused.value.details["fields"]
    assert set(fields) == {"applicant_name", "applicant_email", "house_no", "moved_on", "privacy"}
    page = _post(Client(), service, **{"q-house_no": "", "privacy": ""})
    assert page.status_code == 422
    assert ServiceRequest.objects.count() == 0


def test_a_changed_privacy_notice_must_be_accepted_again(service: Any, hr: Any) -> None:
    notice_publish(actor=hr, agency=service.agency, text_th="ประกาศความเป็นส่วนตัว ฉบับที่ ๑")
    with pytest.raises(ValidationFailed) as refused:
        submit(service, privacy_version=0)
    assert "privacy" in refused.value.details["fields"]
    request = submit(service, privacy_version=1)
    assert request.privacy_version == 1


def test_an_inactive_service_or_unknown_agency_is_not_found(org: dict[str, Any]) -> None:
    closed = ServiceFactory(unit=org["unit_a"], active=False)
    client = Client()
    assert client.get(f"/e/{closed.agency.code}/{closed.code}/").status_code == 404
    assert client.get("/e/no-such-agency/").status_code == 404


def test_tracking_shows_the_status_but_no_personal_data_or_notes(service: Any, hr: Any) -> None:
    request = submit(service)
    request_act(actor=hr, request_id=request.pk, action=Action.ACCEPT)
    from govflex.eservice.queue import request_note

    request_note(actor=hr, request_id=request.pk, text="ผู้ยื่นเคยยื่นคำขอซ้ำ")
    status = request_track(raw_code=display(request.tracking_code).lower())
    assert status.status == "in_progress"
    page = Client().get("/e/track/", {"code": display(request.tracking_code)})
    text = page.content.decode()
    assert page.status_code == 200
    assert service.name_th in text
    for secret in ("มาลี", "malee@example.com", "12/3", "ผู้ยื่นเคยยื่นคำขอซ้ำ"):
        assert secret not in text


def test_a_guessed_code_and_a_malformed_code_leak_nothing(service: Any) -> None:
    real = submit(service)
    guesses = [make_code("23456789ABC"), make_code("ZZZZZZZZZZZ")]
    guesses = [g for g in guesses if g != real.tracking_code]
    answers = []
    for guess in guesses:
        with pytest.raises(RequestNotFound) as missing:
            request_track(raw_code=guess)
        answers.append(str(missing.value.message))
        assert isinstance(missing.value, NotFound)
    assert len(set(answers)) == 1  # the same words for every well-formed miss
    typo = real.tracking_code[:-1] + ("2" if real.tracking_code[-1] != "2" else "3")
    with pytest.raises(TrackingCodeInvalid) as invalid:
        request_track(raw_code=typo)
    assert "code" in invalid.value.details["fields"]
    client = Client()
    missing_page = client.get("/e/track/", {"code": display(guesses[0])})
    assert missing_page.status_code == 404
    malformed_page = client.get("/e/track/", {"code": "ABCD-0000"})
    assert malformed_page.status_code == 422
    assert "ตรวจสอบรหัส" in malformed_page.content.decode()


def test_tracking_lookups_are_rate_limited(service: Any, settings: Any) -> None:
    settings.GOVFLEX_ESERVICE_RATE_LIMITS = {"track": (3, 600)}
    request = submit(service)
    client = Client(REMOTE_ADDR="198.51.100.7")
    codes = [make_code("23456789ABC"), "bad", display(request.tracking_code)]
    assert [client.get("/e/track/", {"code": c}).status_code for c in codes] == [404, 422, 200]
    assert client.get("/e/track/", {"code": display(request.tracking_code)}).status_code == 429


def test_the_citizen_answers_a_question_and_the_clock_runs_again(
    service: Any, hr: Any, django_capture_on_commit_callbacks: Any
) -> None:
    request = submit(service)
    asked_at = timezone.now()
    request_act(
        actor=hr,
        request_id=request.pk,
        action=Action.ASK_INFO,
        message="กรุณาส่งสำเนาทะเบียนบ้าน",
        now=asked_at,
    )
    request.refresh_from_db()
    assert request.paused_at == asked_at
    status = request_track(raw_code=request.tracking_code)
    assert status.waiting_for_citizen
    assert status.question == "กรุณาส่งสำเนาทะเบียนบ้าน"
    token = uuid.uuid4()
    later = asked_at + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        event = request_reply(
            raw_code=request.tracking_code,
            client_token=token,
            message="แนบสำเนาแล้ว",
            files=[pdf("house.pdf")],
            now=later,
        )
    again = request_reply(
        raw_code=request.tracking_code, client_token=token, message="ซ้ำ", files=[], now=later
    )
    assert again.pk == event.pk
    request.refresh_from_db()
    assert request.status == "received"  # it had not been accepted before the question
    assert request.paused_at is None
    assert request.due_at > later  # the week of waiting does not count against the agency
    assert request.files.get().event == event
    with pytest.raises(ValidationFailed):  # not waiting any more
        request_reply(
            raw_code=request.tracking_code, client_token=uuid.uuid4(), message="อีก", files=[]
        )


def test_the_reply_page_posts_the_answer(service: Any, hr: Any) -> None:
    request = submit(service)
    request_act(actor=hr, request_id=request.pk, action=Action.ASK_INFO, message="ขอรูปถ่าย")
    client = Client()
    page = client.get("/e/track/", {"code": display(request.tracking_code)})
    assert "ขอรูปถ่าย" in page.content.decode()
    empty = client.post(
        "/e/track/reply/",
        {"code": display(request.tracking_code), "client_token": str(uuid.uuid4()), "message": ""},
    )
    assert empty.status_code == 422
    sent = client.post(
        "/e/track/reply/",
        {
            "code": display(request.tracking_code),
            "client_token": str(uuid.uuid4()),
            "message": "ส่งรูปแล้ว",
        },
    )
    assert sent.status_code == 302
    assert ServiceRequest.objects.get().status == "received"
