"""Privacy (PDPA): notices and consents against a version, retention periods and the scheduled
purge (per kind, dry run, idempotent, audited), and “download my data” (own data only)."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from govflex.attendance.models import AttendanceSettings, Correction, Punch
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.continuity.models import RollCall, RollCallAnswer, RollCallEntry
from govflex.core import retention as core
from govflex.eservice.models import RequestEvent, ServiceRequest
from govflex.org.models import Role
from govflex.privacy.consents import consent_give, consent_withdraw
from govflex.privacy.models import Consent, DailyRun, FileRemoval
from govflex.privacy.notices import notice_current, notice_publish
from govflex.privacy.purge import purge
from govflex.privacy.retention import periods_of, retention_save
from govflex.privacy.tasks import run_due
from govflex.work.models import DayReport, WorkComment, WorkItem, WorkOutput
from tests.factories import PersonFactory, UserFactory, user_with_role
from tests.factories.eservice import ServiceFactory, pdf, submit

NOW = timezone.now()
OLD = NOW - dt.timedelta(days=800)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def me(org: dict[str, Any]) -> Any:
    return PersonFactory(
        unit=org["unit_a"],
        position=org["position"],
        user=UserFactory(username="malee"),
        first_name_th="มาลี",
        last_name_th="ใจดี",
    )


@pytest.fixture
def colleague(org: dict[str, Any]) -> Any:
    return PersonFactory(
        unit=org["unit_a"],
        position=org["position"],
        user=UserFactory(username="somsri"),
        staff_id="COLLEAGUE-77",
        first_name_th="สมศรี",
        last_name_th="ลับเฉพาะ",
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ------------------------------------------------------------------ notices and consent


def test_the_built_in_notice_is_version_0_until_hr_publishes(org: dict[str, Any], hr: Any) -> None:
    agency = org["agency"]
    assert notice_current(agency_id=agency.pk, kind="staff_location").version == 0
    first = notice_publish(
        actor=hr, agency=agency, kind="staff_location", purpose_th="ยืนยันสถานที่", text_th="ข้อความ"
    )
    second = notice_publish(
        actor=hr, agency=agency, kind="staff_location", purpose_th="ยืนยัน", text_th="ฉบับใหม่"
    )
    assert (first.version, second.version) == (1, 2)
    assert notice_current(agency_id=agency.pk, kind="staff_location").text_th == "ฉบับใหม่"
    assert notice_current(agency_id=agency.pk, kind="staff_general").version == 0
    assert AuditEntry.objects.filter(action="privacy.notice_published").count() == 2


def test_only_hr_of_the_agency_publishes_notices(org: dict[str, Any], me: Any) -> None:
    agency = org["agency"]
    args = {"agency": agency, "kind": "staff_general", "purpose_th": "x", "text_th": "y"}
    with pytest.raises(AccessDenied):
        notice_publish(actor=me.user, **args)
    with pytest.raises(AccessDenied):
        notice_publish(actor=user_with_role(agency, Role.EXECUTIVE), **args)
    with pytest.raises(NotFound):
        notice_publish(actor=user_with_role(org["other"], Role.HR), **args)
    with pytest.raises(ValidationFailed) as refused:
        notice_publish(actor=user_with_role(agency, Role.HR), **{**args, "text_th": " "})
    assert "text_th" in refused.value.details["fields"]


def test_the_notices_page_publishes_for_hr_and_refuses_staff(
    org: dict[str, Any], hr: Any, me: Any
) -> None:
    form = {"kind": "staff_general", "purpose_th": "บริหารงานบุคคล", "text_th": "ประกาศ"}
    url = f"/privacy/notices/?agency={org['agency'].pk}"
    assert _client(me.user).post(url, form).status_code == 403
    assert _client(hr).post(url, form).status_code == 302
    page = _client(me.user).get(url).content.decode()
    assert "บริหารงานบุคคล" in page


def test_consent_at_check_in_records_the_notice_version_shown(
    org: dict[str, Any], hr: Any, me: Any
) -> None:
    notice = notice_publish(
        actor=hr, agency=org["agency"], kind="staff_location", purpose_th="ที่ตั้ง", text_th="อ่าน"
    )
    client = _client(me.user)
    page = client.get("/attendance/").content.decode()
    assert 'name="notice_version" value="1"' in page
    assert "ที่ตั้ง" in page  # the notice is shown where consent is asked
    client.post("/attendance/consent/", {"consent": "yes", "notice_version": "1"})
    consent = Consent.objects.get(user=me.user)
    assert consent.notice == notice
    assert consent.active
    me.user.refresh_from_db()
    assert me.user.location_consent_at is not None
    client.post("/attendance/consent/", {"consent": "no"})
    consent.refresh_from_db()
    me.user.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert me.user.location_consent_at is None


def test_a_consent_to_a_notice_that_changed_meanwhile_is_refused(
    org: dict[str, Any], hr: Any, me: Any
) -> None:
    notice_publish(
        actor=hr, agency=org["agency"], kind="staff_location", purpose_th="ก", text_th="ข"
    )
    with pytest.raises(ValidationFailed):
        consent_give(user=me.user, kind="location", notice_version=0)
    assert not Consent.objects.exists()


def test_giving_twice_is_one_consent_and_withdrawing_twice_is_harmless(me: Any) -> None:
    first = consent_give(user=me.user, kind="location", notice_version=0)
    assert consent_give(user=me.user, kind="location", notice_version=0) == first
    consent_withdraw(user=me.user, kind="location")
    assert consent_withdraw(user=me.user, kind="location") is None
    assert Consent.objects.count() == 1
    assert AuditEntry.objects.filter(action="privacy.consent_withdrawn").count() == 1


def test_my_privacy_lists_consents_with_a_withdraw_button(me: Any, colleague: Any) -> None:
    consent_give(user=me.user, kind="location")
    consent_give(user=colleague.user, kind="location")
    client = _client(me.user)
    page = client.get("/privacy/").content.decode()
    assert page.count('value="no"') == 1  # one standing consent: one withdraw button
    client.post("/privacy/consent/", {"kind": "location", "consent": "no"})
    assert not Consent.objects.get(user=me.user).active
    assert Consent.objects.get(user=colleague.user).active  # only one's own


# ------------------------------------------------------------------ retention periods


def test_hr_sets_the_periods_and_punch_coordinates_follow_attendance(
    org: dict[str, Any], hr: Any, me: Any
) -> None:
    agency = org["agency"]
    assert periods_of(agency.pk) == core.Periods()
    wanted = core.Periods(punch_coordinates=14, roll_call_locations=7, evidence_files=None)
    retention_save(actor=hr, agency=agency, periods=wanted)
    assert periods_of(agency.pk) == wanted
    assert AttendanceSettings.objects.get(agency=agency).keep_coordinates_days == 14
    assert AuditEntry.objects.filter(action="privacy.retention_set").count() == 1
    with pytest.raises(AccessDenied):
        retention_save(actor=me.user, agency=agency, periods=wanted)
    with pytest.raises(ValidationFailed):
        retention_save(actor=hr, agency=agency, periods=core.Periods(evidence_files=99999))


def test_the_retention_page_saves_for_hr(org: dict[str, Any], hr: Any) -> None:
    url = f"/privacy/retention/?agency={org['agency'].pk}"
    form = {"punch_coordinate_days": "0", "roll_call_location_days": "", "evidence_file_days": "90"}
    assert _client(hr).post(url, form).status_code == 302
    assert periods_of(org["agency"].pk).evidence_files == 90
    assert periods_of(org["agency"].pk).roll_call_locations is None


# ------------------------------------------------------------------ the purge


@pytest.fixture
def stored(org: dict[str, Any], me: Any) -> dict[str, Any]:
    """Old data of every kind in agency A, plus data too young or still being decided."""
    AttendanceSettings.objects.create(agency=org["agency"], keep_coordinates_days=30)

    def punch(key: str, received: dt.datetime) -> Punch:
        return Punch.objects.create(
            person=me,
            at=received,
            source="web",
            idempotency_key=key,
            received_at=received,
            latitude=13.7,
            longitude=100.5,
        )

    old_punch, new_punch = punch("old-punch-1", OLD), punch("new-punch-1", NOW)
    roll_call = RollCall.objects.create(agency=org["agency"])
    entry = RollCallEntry.objects.create(
        roll_call=roll_call,
        person=me,
        unit=me.unit,
        answer="safe_working",
        latitude=Decimal("13.7"),
        longitude=Decimal("100.5"),
        answered_at=OLD,
    )
    answer = RollCallAnswer.objects.create(
        entry=entry, answer="safe_working", latitude=Decimal("13.7"), longitude=Decimal("100.5")
    )
    RollCallAnswer.objects.filter(pk=answer.pk).update(at=OLD)

    def correction(status: str) -> Correction:
        made = Correction(person=me, day=OLD.date(), kind="forgot_punch", reason="ลืม")
        made.status = status
        made.evidence.save("evidence.pdf", ContentFile(b"%PDF-1.4 evidence"), save=True)
        Correction.objects.filter(pk=made.pk).update(created_at=OLD)
        return made

    decided, pending = correction("approved"), correction("pending")
    report = DayReport(person=me, day=OLD.date(), plan="แผน", status="accepted")
    report.attachment.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)
    DayReport.objects.filter(pk=report.pk).update(planned_at=OLD)
    item = WorkItem.objects.create(
        agency=org["agency"], unit=org["unit_a"], title="งาน", due_date=OLD.date(), status="done"
    )
    output = WorkOutput(item=item)
    output.file.save("output.pdf", ContentFile(b"%PDF-1.4 output"), save=True)
    WorkOutput.objects.filter(pk=output.pk).update(uploaded_at=OLD)
    service = ServiceFactory(unit=org["unit_a"])
    closed, open_request = submit(service, files=[pdf()]), submit(service)
    ServiceRequest.objects.filter(pk=closed.pk).update(status="completed", closed_at=OLD)
    RequestEvent.objects.filter(request=closed).update(note="โทรหาคุณมาลี 081")
    return {
        "old_punch": old_punch,
        "new_punch": new_punch,
        "entry": entry,
        "answer": answer,
        "decided": decided,
        "pending": pending,
        "report": report,
        "output": output,
        "closed": closed,
        "open": open_request,
    }


def _counts(report: Any, agency: Any) -> dict[str, int]:
    return report.counts[agency.pk]


def test_a_dry_run_counts_every_kind_and_changes_nothing(
    org: dict[str, Any], stored: dict[str, Any]
) -> None:
    report = purge(dry_run=True)
    assert _counts(report, org["agency"]) == {
        "punch_coordinates": 1,
        "roll_call_locations": 2,  # the entry and its answer history
        "evidence_files": 3,  # the decided correction, the accepted report, the done work
        "eservice_requests": 1,
    }
    stored["old_punch"].refresh_from_db()
    assert stored["old_punch"].latitude is not None
    assert not FileRemoval.objects.exists()
    assert not AuditEntry.objects.filter(action="privacy.purged").exists()


def test_the_purge_erases_each_kind_once_and_is_audited_with_counts(
    org: dict[str, Any], stored: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = purge()
    assert _counts(first, org["agency"]) == {
        "punch_coordinates": 1,
        "roll_call_locations": 2,
        "evidence_files": 3,
        "eservice_requests": 1,
    }
    for key in ("old_punch", "new_punch", "entry", "answer"):
        stored[key].refresh_from_db()
    assert stored["old_punch"].latitude is None
    assert stored["old_punch"].on_site
    assert stored["new_punch"].latitude is not None  # inside the 30 days
    assert stored["entry"].latitude is None
    assert stored["entry"].answer == "safe_working"
    assert stored["answer"].latitude is None
    # evidence: file gone, record kept with a note; a pending correction keeps its file
    decided = Correction.objects.get(pk=stored["decided"].pk)
    assert not decided.evidence
    assert decided.status == "approved"
    assert Correction.objects.get(pk=stored["pending"].pk).evidence
    assert not DayReport.objects.get(pk=stored["report"].pk).attachment
    assert not WorkOutput.objects.get(pk=stored["output"].pk).file
    storage = stored["output"].file.storage
    assert not storage.exists(stored["output"].file.name)
    assert FileRemoval.objects.filter(target_type="work.workoutput").count() == 1
    # e-service: personal data gone, the figures' fields stay; the open request is untouched
    closed = ServiceRequest.objects.get(pk=stored["closed"].pk)
    assert (closed.applicant_name, closed.applicant_email, closed.answers) == ("", "", {})
    assert closed.status == "completed"
    assert closed.closed_at is not None
    assert not closed.files.exists()
    assert not RequestEvent.objects.filter(request=closed).exclude(note="").exists()
    assert ServiceRequest.objects.get(pk=stored["open"].pk).applicant_name == "นางสาวมาลี ใจดี"
    entry = AuditEntry.objects.get(action="privacy.purged")
    assert entry.after["counts"]["evidence_files"] == 3
    # a second run finds nothing more and writes no audit entry
    second = purge()
    assert not any(_counts(second, org["agency"]).values())
    assert AuditEntry.objects.filter(action="privacy.purged").count() == 1


def test_a_period_left_empty_keeps_the_data(
    org: dict[str, Any], hr: Any, stored: dict[str, Any]
) -> None:
    retention_save(
        actor=hr,
        agency=org["agency"],
        periods=core.Periods(30, None, None, None),
    )
    counts = _counts(purge(dry_run=True), org["agency"])
    assert counts == {
        "punch_coordinates": 1,
        "roll_call_locations": 0,
        "evidence_files": 0,
        "eservice_requests": 0,
    }


def test_the_command_reports_counts(org: dict[str, Any], stored: dict[str, Any]) -> None:
    out = StringIO()
    call_command("privacy", "purge", "--dry-run", stdout=out)
    assert "Would erase" in out.getvalue()
    assert "evidence_files 3" in out.getvalue()
    out = StringIO()
    call_command("privacy", "purge", stdout=out)
    call_command("privacy", "purge", stdout=out)
    assert out.getvalue().count("Erased") == 2
    assert "eservice_requests 0" in out.getvalue().splitlines()[-1]


def test_the_worker_runs_the_daily_jobs_once_a_day(org: dict[str, Any]) -> None:
    today = timezone.localdate()
    assert run_due(today=today) == ["privacy_purge", "audit_verify"]
    assert run_due(today=today) == []
    assert run_due(today=today + dt.timedelta(days=1)) == ["privacy_purge", "audit_verify"]
    assert DailyRun.objects.count() == 4


# ------------------------------------------------------------------ download my data


@pytest.fixture
def lives(org: dict[str, Any], me: Any, colleague: Any) -> None:
    """Both people have data of every kind the other must never see."""
    for person, word in ((me, "ของฉัน"), (colleague, "ความลับของสมศรี")):
        Punch.objects.create(
            person=person,
            at=NOW,
            source="web",
            idempotency_key=f"k-{person.pk}-1",
            received_at=NOW,
        )
        Correction.objects.create(person=person, day=NOW.date(), kind="forgot_punch", reason=word)
        DayReport.objects.create(person=person, day=NOW.date(), plan=word)
        item = WorkItem.objects.create(
            agency=org["agency"], unit=org["unit_a"], title=f"งาน {word}", due_date=NOW.date()
        )
        item.assignees.set([person])
        WorkComment.objects.create(item=item, author=person.user, text=f"ความเห็น {word}")
    consent_give(user=me.user, kind="location")


def _document(client: Client, url: str = "/privacy/my-data.json") -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200
    return json.loads(b"".join(response) if response.streaming else response.content)


def _section(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return next(s["rows"] for s in document["sections"] if s["key"] == key)


def test_my_data_holds_my_records_of_every_kind(me: Any, lives: None) -> None:
    document = _document(_client(me.user))
    keys = {s["key"] for s in document["sections"]}
    assert {
        "profile",
        "role_grants",
        "weekly_patterns",
        "arrangement_requests",
        "day_results",
        "punches",
        "leave",
        "corrections",
        "day_reports",
        "work_items",
        "work_comments",
        "contact_checks",
        "roll_calls",
        "roll_call_answers",
        "notifications",
        "consents",
        "audit_entries",
    } <= keys
    assert _section(document, "profile")[0]["first_name_th"] == "มาลี"
    assert len(_section(document, "punches")) == 1
    assert _section(document, "corrections")[0]["reason"] == "ของฉัน"
    assert _section(document, "work_comments")[0]["text"] == "ความเห็น ของฉัน"
    assert _section(document, "consents")[0]["notice_version"] == 0
    assert {e["action"] for e in _section(document, "audit_entries")} >= {"privacy.consent_given"}


def test_my_data_says_nothing_about_anyone_else(me: Any, colleague: Any, lives: None) -> None:
    text = json.dumps(_document(_client(me.user)), ensure_ascii=False)
    for trace in ("สมศรี", "ลับเฉพาะ", "COLLEAGUE-77", "somsri", "ความลับ"):
        assert trace not in text


def test_each_person_gets_only_their_own_data(me: Any, colleague: Any, lives: None) -> None:
    theirs = _document(_client(colleague.user))
    assert _section(theirs, "profile")[0]["staff_id"] == "COLLEAGUE-77"
    assert "มาลี" not in json.dumps(theirs, ensure_ascii=False)
    # HR reaches nobody's copy: there is no address naming a person
    assert Client().get("/privacy/my-data.json").status_code == 302  # sign in first


def test_my_data_as_xlsx_has_a_sheet_per_section(me: Any, lives: None) -> None:
    response = _client(me.user).get("/privacy/my-data.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert {"contents", "profile", "punches", "work_comments"} <= set(book.sheetnames)
    assert book["work_comments"]["B2"].value == "ความเห็น ของฉัน"


def test_the_api_gives_the_same_document_and_every_copy_is_audited(me: Any, lives: None) -> None:
    client = _client(me.user)
    api = client.get("/api/v1/me/data")
    assert api.status_code == 200
    assert _section(api.json(), "corrections")[0]["reason"] == "ของฉัน"
    _document(client)
    assert AuditEntry.objects.filter(action="privacy.own_data_exported").count() == 2
    assert Client().get("/api/v1/me/data").status_code == 401
