"""The audit log: every service write is recorded and chained; tampering is detected."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from govflex.common.audit import audit_verify
from govflex.common.models import AuditEntry
from govflex.org import services
from govflex.org.models import Role
from tests.factories import UserFactory, grant


@pytest.fixture
def hr(org: dict[str, Any]) -> Any:
    user = UserFactory(username="hr-officer")
    grant(user, org["agency"], Role.HR)
    return user


def make_entries(hr: Any, org: dict[str, Any], count: int = 3) -> None:
    for n in range(count):
        services.position_save(
            actor=hr,
            agency=org["agency"],
            data={
                "code": f"Q{n}",
                "title_th": "ตำแหน่ง",
                "mission_type": "special",
                "position_type": "support",
            },
        )


def test_a_service_write_records_actor_action_target_and_changes(
    hr: Any, org: dict[str, Any]
) -> None:
    person = org["person_a"]
    data = {"first_name_th": "ใหม่"}
    services.person_save(actor=hr, agency=org["agency"], data=data, person=person)
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.actor_label == "hr-officer"
    assert entry.agency_id == org["agency"].pk
    assert entry.target_id == str(person.pk)
    assert entry.before["first_name_th"] == "สมชาย"
    assert entry.after["first_name_th"] == "ใหม่"


def test_saving_without_changes_writes_no_entry(hr: Any, org: dict[str, Any]) -> None:
    person = org["person_a"]
    services.person_save(actor=hr, agency=org["agency"], data={}, person=person)
    assert not AuditEntry.objects.filter(action="person.update").exists()


def test_chain_verifies_when_untouched(hr: Any, org: dict[str, Any]) -> None:
    make_entries(hr, org)
    result = audit_verify()
    assert result.ok
    assert result.checked == AuditEntry.objects.count()


def test_a_changed_row_is_found(hr: Any, org: dict[str, Any]) -> None:
    make_entries(hr, org)
    second = AuditEntry.objects.order_by("seq")[1]
    AuditEntry.objects.filter(pk=second.pk).update(note="edited later")
    result = audit_verify()
    assert result.broken is not None
    assert result.broken.seq == second.seq


def test_a_deleted_row_is_found(hr: Any, org: dict[str, Any]) -> None:
    make_entries(hr, org)
    second = AuditEntry.objects.order_by("seq")[1]
    AuditEntry.objects.filter(pk=second.pk).delete()
    result = audit_verify()
    assert result.broken is not None
    assert result.broken.seq == second.seq
    assert "missing" in result.broken.reason


def test_deleting_the_newest_row_is_found(hr: Any, org: dict[str, Any]) -> None:
    make_entries(hr, org)
    AuditEntry.objects.order_by("-seq").first().delete()  # type: ignore[union-attr]
    assert not audit_verify().ok


def test_verify_command_reports_first_broken_link(hr: Any, org: dict[str, Any]) -> None:
    make_entries(hr, org)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()
    first = AuditEntry.objects.order_by("seq").first()
    assert first is not None
    AuditEntry.objects.filter(pk=first.pk).update(action="forged")
    with pytest.raises(CommandError, match=f"entry {first.seq}"):
        call_command("audit", "verify")


def test_auditor_screen_lists_and_filters_own_agency_only(hr: Any, org: dict[str, Any]) -> None:
    make_entries(hr, org)
    auditor = UserFactory()
    grant(auditor, org["agency"], Role.AUDITOR)
    outsider = UserFactory()
    grant(outsider, org["other"], Role.HR)
    services.position_save(
        actor=outsider,
        agency=org["other"],
        data={
            "code": "ZZ",
            "title_th": "ต่างกรม",
            "mission_type": "special",
            "position_type": "support",
        },
    )
    client = Client()
    client.force_login(auditor)
    page = client.get("/audit/")
    assert page.status_code == 200
    actions = {e.target_label for e in page.context["page_obj"]}
    assert "ต่างกรม" not in actions
    filtered = client.get("/audit/", {"action": "position.create", "actor": "hr-officer"})
    assert len(filtered.context["page_obj"]) == 3


def test_staff_and_hr_cannot_open_the_audit_screen(hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    assert client.get("/audit/").status_code == 403
