"""Orders and announcements: draft → review → sign → publish (numbered once), enact a policy,
notify and acknowledge; pages and files."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.notifications.models import Notification
from govflex.org.models import Role
from govflex.policies.documents import (
    acknowledgement_by_unit,
    document_acknowledge,
    document_publish,
    document_remind,
    document_save,
    document_sign,
    document_submit,
)
from govflex.policies.models import OfficialDocument, PolicyVersion
from govflex.policies.selectors import policy_for
from govflex.policies.services import policy_draft_save
from tests.factories import PersonFactory, UserFactory, grant


@pytest.fixture
def executive(org: dict[str, Any]) -> Any:
    user = UserFactory(first_name="สมศักดิ์", last_name="ผู้บริหาร")
    PersonFactory(unit=org["unit_a"], position=org["position"], user=user)
    grant(user, org["agency"], Role.EXECUTIVE)
    return user


def _signed(org: dict[str, Any], hr: Any, executive: Any, **extra: Any) -> OfficialDocument:
    document = document_save(
        actor=hr,
        agency=org["agency"],
        kind="order",
        subject="การปฏิบัติราชการวิถีใหม่",
        body="ตามที่คณะรัฐมนตรีได้มีมติ ...\n\nจึงให้ปฏิบัติดังนี้",
        effective_date=extra.pop("effective_date", timezone.localdate() + dt.timedelta(days=7)),
        **extra,
    )
    document_submit(actor=hr, agency=org["agency"], document_id=document.pk)
    return document_sign(actor=executive, agency=org["agency"], document_id=document.pk)


def test_an_order_is_signed_published_numbered_and_enacts_its_policy(
    org: dict[str, Any], hr: Any, executive: Any
) -> None:
    start = timezone.localdate() + dt.timedelta(days=7)
    version = policy_draft_save(
        actor=hr,
        agency=org["agency"],
        effective_from=start + dt.timedelta(days=30),
        values={"off_site": {"weekly_quota_days": 3}},
    )
    staff = PersonFactory(unit=org["unit_a1"], position=org["position"], user=UserFactory())
    unsigned = document_save(
        actor=hr, agency=org["agency"], kind="order", subject="x", body="y", effective_date=start
    )
    document_submit(actor=hr, agency=org["agency"], document_id=unsigned.pk)
    with pytest.raises(AccessDenied):  # HR cannot sign
        document_sign(actor=hr, agency=org["agency"], document_id=unsigned.pk)
    signed = _signed(org, hr, executive, effective_date=start, policy_version=version)
    assert signed.signer_name
    published = document_publish(actor=hr, agency=org["agency"], document_id=signed.pk)
    year = timezone.localdate().year + 543
    assert (published.number, published.year_be) == (1, year)
    version.refresh_from_db()
    assert version.status == PolicyVersion.Status.ISSUED
    assert version.effective_from == start  # in force from the order's effective date
    assert policy_for(agency_id=org["agency"].pk, day=start).off_site.weekly_quota_days == 3
    assert Notification.objects.filter(user=staff.user, kind="document.published").exists()
    with pytest.raises(ValidationFailed):  # published documents are immutable
        document_save(
            actor=hr,
            agency=org["agency"],
            kind="order",
            subject="x",
            body="y",
            effective_date=start,
            document_id=published.pk,
        )
    document_acknowledge(actor=staff.user, document=published)
    document_acknowledge(actor=staff.user, document=published)  # once only
    rows = {row["unit"].pk: row for row in acknowledgement_by_unit(published)}
    assert rows[org["unit_a1"].pk]["done"] == 1
    assert document_remind(actor=hr, document=published) >= 1
    outsider = PersonFactory(unit=org["foreign"].unit, user=UserFactory())
    with pytest.raises(AccessDenied):
        document_acknowledge(actor=outsider.user, document=published)


def test_numbers_run_per_kind_and_backdating_needs_a_reason(
    org: dict[str, Any], hr: Any, executive: Any
) -> None:
    first = _signed(org, hr, executive)
    document_publish(actor=hr, agency=org["agency"], document_id=first.pk)
    past = _signed(org, hr, executive, effective_date=timezone.localdate() - dt.timedelta(days=2))
    with pytest.raises(ValidationFailed):
        document_publish(actor=hr, agency=org["agency"], document_id=past.pk)
    second = document_publish(
        actor=hr, agency=org["agency"], document_id=past.pk, backdate_reason="ตามมติที่ประชุม"
    )
    assert second.number == 2
    announcement = document_save(
        actor=hr,
        agency=org["agency"],
        kind="announcement",
        subject="ประกาศ",
        body="ข้อความ",
        effective_date=timezone.localdate(),
    )
    document_submit(actor=hr, agency=org["agency"], document_id=announcement.pk)
    document_sign(actor=executive, agency=org["agency"], document_id=announcement.pk)
    published = document_publish(actor=hr, agency=org["agency"], document_id=announcement.pk)
    assert published.number == 1  # announcements have their own series


def test_pages_and_files(org: dict[str, Any], hr: Any, executive: Any) -> None:
    signed = _signed(org, hr, executive)
    document_publish(actor=hr, agency=org["agency"], document_id=signed.pk)
    staff = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    reader = Client(HTTP_ACCEPT_LANGUAGE="th")
    reader.force_login(staff.user)
    assert "การปฏิบัติราชการวิถีใหม่" in reader.get("/policies/documents/").content.decode()
    page = reader.get(f"/policies/documents/{signed.pk}/").content.decode()
    assert "ที่ ๑/" in page
    reader.post(f"/policies/documents/{signed.pk}/action/", {"action": "acknowledge"})
    assert signed.acknowledgements.filter(person=staff).exists()
    pdf = reader.get(f"/policies/documents/{signed.pk}.pdf")
    assert pdf.content.startswith(b"%PDF")
    docx = reader.get(f"/policies/documents/{signed.pk}.docx")
    assert docx.content.startswith(b"PK")
    # Drafts are not shown to staff.
    draft = document_save(
        actor=hr,
        agency=org["agency"],
        kind="order",
        subject="ร่าง",
        body="ข้อความ",
        effective_date=timezone.localdate(),
    )
    assert reader.get(f"/policies/documents/{draft.pk}/").status_code == 404
    writer = Client(HTTP_ACCEPT_LANGUAGE="th")
    writer.force_login(hr)
    assert writer.get("/policies/documents/new/?kind=order").status_code == 200
    assert writer.get(f"/policies/documents/{draft.pk}/edit/").status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_parallel_publishing_never_shares_a_number(
    org: dict[str, Any], hr: Any, executive: Any
) -> None:
    documents = [_signed(org, hr, executive) for _ in range(4)]
    barrier = threading.Barrier(len(documents))
    errors: list[str] = []

    def publish(document_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            document_publish(actor=hr, agency=org["agency"], document_id=document_id)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(d.pk,)) for d in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(OfficialDocument.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]


def test_api_workflow(org: dict[str, Any], hr: Any, executive: Any) -> None:
    import json

    agency = org["agency"]
    writer, boss = Client(), Client()
    writer.force_login(hr)
    boss.force_login(executive)
    made = writer.post(
        f"/api/v1/agencies/{agency.pk}/documents",
        json.dumps(
            {
                "kind": "announcement",
                "subject": "หลักเกณฑ์การปฏิบัติงานนอกที่ตั้ง",
                "body": "ข้อความ",
                "effective_date": timezone.localdate().isoformat(),
                "unit_id": org["unit_a1"].pk,
            }
        ),
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    document_id = made.json()["id"]
    assert writer.post(f"/api/v1/documents/{document_id}/submit").json()["status"] == "in_review"
    assert writer.post(f"/api/v1/documents/{document_id}/sign").status_code == 403
    assert boss.post(f"/api/v1/documents/{document_id}/sign").json()["status"] == "signed"
    published = writer.post(
        f"/api/v1/documents/{document_id}/publish", json.dumps({}), content_type="application/json"
    ).json()
    assert (published["status"], published["number"]) == ("published", 1)
    staff = PersonFactory(unit=org["unit_a1"], position=org["position"], user=UserFactory())
    reader = Client()
    reader.force_login(staff.user)
    assert reader.post(f"/api/v1/documents/{document_id}/acknowledge").status_code == 200
    rows = writer.get(f"/api/v1/documents/{document_id}/acknowledgements").json()
    assert sum(row["acknowledged"] for row in rows) == 1
    assert reader.get(f"/api/v1/documents/{document_id}/file.pdf").content.startswith(b"%PDF")
    other = PersonFactory(unit=org["unit_b"], position=org["position"], user=UserFactory())
    stranger = Client()
    stranger.force_login(other.user)  # the announcement concerns unit A1 only
    assert stranger.post(f"/api/v1/documents/{document_id}/acknowledge").status_code == 403


def test_document_settings_check_the_emblem(
    org: dict[str, Any], hr: Any, tmp_path: Any, settings: Any
) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from govflex.policies.document_settings import document_settings_set

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationFailed):
        document_settings_set(
            actor=hr,
            agency=org["agency"],
            issuer="กรมทดสอบ",
            thai_digits=True,
            emblem=SimpleUploadedFile("garuda.png", b"not an image at all"),
        )
    with pytest.raises(ValidationFailed):
        document_settings_set(
            actor=hr,
            agency=org["agency"],
            issuer="กรมทดสอบ",
            thai_digits=True,
            emblem=SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024 + 1)),
        )
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "gold").save(buffer, format="PNG")
    saved = document_settings_set(
        actor=hr,
        agency=org["agency"],
        issuer="กรมทดสอบระบบ",
        thai_digits=False,
        emblem=SimpleUploadedFile("garuda.png", buffer.getvalue()),
    )
    assert saved.emblem.name.endswith(".png")
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(hr)
    response = client.post(
        "/policies/documents/settings/",
        {"issuer": "x", "emblem": SimpleUploadedFile("e.gif", b"GIF89a....")},
    )
    assert response.status_code == 200
    assert "PNG" in response.content.decode()


def test_unread_documents_are_reminded_on_schedule(
    org: dict[str, Any], hr: Any, executive: Any
) -> None:
    from io import StringIO

    from django.core.management import call_command

    from govflex.policies.documents import documents_remind_unread

    signed = _signed(org, hr, executive)
    published = document_publish(actor=hr, agency=org["agency"], document_id=signed.pk)
    reader = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    assert documents_remind_unread(after_days=3) == 0  # published just now: not yet due
    later = timezone.now() + dt.timedelta(days=4)
    assert documents_remind_unread(after_days=3, now=later) >= 1
    assert Notification.objects.filter(user=reader.user, kind="document.reminder").exists()
    assert documents_remind_unread(after_days=3, now=later) == 0  # once per period
    document_acknowledge(actor=reader.user, document=published)
    out = StringIO()
    call_command("documents", "remind", "--after-days", "3", stdout=out)
    assert "reminded" in out.getvalue()


def test_acknowledgement_export(org: dict[str, Any], hr: Any, executive: Any) -> None:
    import io

    from openpyxl import load_workbook

    signed = _signed(org, hr, executive)
    published = document_publish(actor=hr, agency=org["agency"], document_id=signed.pk)
    reader = PersonFactory(unit=org["unit_a"], position=org["position"], user=UserFactory())
    document_acknowledge(actor=reader.user, document=published)
    client = Client()
    client.force_login(hr)
    response = client.get(f"/policies/documents/{published.pk}/?format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)  # type: ignore[union-attr]
    mine = next(row for row in rows if row[1] == reader.staff_id)
    assert mine[3]  # acknowledged, with the time
    assert any(row[3] in (None, "") for row in rows[1:])  # others have not


def test_a_correction_is_a_new_document_that_amends_the_old(
    org: dict[str, Any], hr: Any, executive: Any
) -> None:
    signed = _signed(org, hr, executive)
    first = document_publish(actor=hr, agency=org["agency"], document_id=signed.pk)
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(hr)
    response = client.post(
        "/policies/documents/new/?kind=order",
        {
            "kind": "order",
            "subject": "แก้ไขคำสั่ง",
            "body": "ให้แก้ไขข้อ ๒",
            "effective_date": "01/01/2570",
            "amends": first.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    correction = OfficialDocument.objects.exclude(pk=first.pk).get()
    assert correction.amends == first
    document_submit(actor=hr, agency=org["agency"], document_id=correction.pk)
    document_sign(actor=executive, agency=org["agency"], document_id=correction.pk)
    document_publish(actor=hr, agency=org["agency"], document_id=correction.pk)
    page = client.get(f"/policies/documents/{first.pk}/").content.decode()
    assert "แก้ไขคำสั่ง" in page  # the old document points to its correction
    first.refresh_from_db()
    assert first.subject == "การปฏิบัติราชการวิถีใหม่"  # the published text never changes
