"""Audit tools: every export of other people's personal data is logged (found by walking the URL
configuration, so a new export cannot escape); the scheduled chain verification alerts once per
break; the auditor's screen filters by actor, action, target and period and exports."""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import logging
import re
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from openpyxl import load_workbook

from govflex.attendance.models import ExportJob
from govflex.common.audit import audit_record
from govflex.common.models import AuditEntry
from govflex.continuity.models import RollCall, RollCallEntry
from govflex.notifications.models import Notification
from govflex.org import services
from govflex.org.models import Role
from govflex.policies.models import OfficialDocument
from govflex.privacy.auditwatch import audit_watch
from govflex.privacy.exportlog import ACTION
from tests.app.test_audit import make_entries
from tests.factories import UserFactory, user_with_role

# ------------------------------------------------------------------ export logging walk

# A view that hands out a file: it reads a format, sends a spreadsheet, PDF or CSV, or a file.
FILE_HINT = re.compile(
    r'GET\.get\(\s*"format"|GET\[\s*"format"|spreadsheetml|application/pdf|text/csv|'
    r"FileResponse|Content-Disposition|audit_download"
)
ROUTE_HINT = re.compile(r"\.(xlsx|pdf|csv)|fmt|format|export|download", re.IGNORECASE)

# Exports that hold no personal data of others, and why (the only way past the check).
WITHOUT_OTHERS_DATA = {
    "org:import_template": "empty import templates",
    "attendance:export_job": "the status page of a background export (its download is logged)",
    "attendance:correction_evidence": "one attachment of a record the viewer may open",
    "work:output": "one attachment of a record the viewer may open",
    "work:attachment": "one attachment of a record the viewer may open",
    "eservice:file": "one citizen's document, opened by the officers handling the request",
    "policies:assessments": "positions and work modes, no people",
    "policies:readiness_gaps": "counts per unit",
    "policies:document_file": "the official order or announcement itself",
    "insights:national": "agencies' figures, no people",
    "surveys:export": "anonymous results, never for fewer than 5 respondents",
    "surveys:export_pdf": "anonymous results, never for fewer than 5 respondents",
    "privacy:my_data_json": "one's own data (audited as privacy.own_data_exported)",
    "privacy:my_data_xlsx": "one's own data (audited as privacy.own_data_exported)",
}


def _patterns(patterns: list[Any], ns: str = "") -> Iterator[tuple[str, str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in {"api", "admin"}:  # the API serves JSON; admin is Django's
                continue
            space = f"{ns}{pattern.namespace}:" if pattern.namespace else ns
            for route, name, view in _patterns(pattern.url_patterns, space):
                yield str(pattern.pattern) + route, name, view
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield str(pattern.pattern), ns + pattern.name, pattern.callback


def export_routes() -> dict[str, str]:
    """Every named page that may hand out a file, by its name → route."""
    found = {}
    for route, name, view in _patterns(get_resolver().url_patterns):
        try:
            source = inspect.getsource(inspect.unwrap(view))
        except (OSError, TypeError):
            source = ""
        if FILE_HINT.search(source) or ROUTE_HINT.search(route):
            found[name] = route
    return found


@pytest.fixture
def world(org: dict[str, Any], hr: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    agency = org["agency"]
    job = ExportJob.objects.create(
        created_by=hr, params={"kind": "unit_month", "unit_id": org["unit_a"].pk}, status="done"
    )
    job.file.save("unit.xlsx", ContentFile(b"PK"), save=True)
    roll_call = RollCall.objects.create(agency=agency)
    RollCallEntry.objects.create(roll_call=roll_call, person=org["person_a"], unit=org["unit_a"])
    document = OfficialDocument.objects.create(
        agency=agency,
        kind="announcement",
        subject="ประกาศ",
        body="ข้อความ",
        effective_date=timezone.localdate(),
    )
    return {
        **org,
        "hr": hr,
        "auditor": user_with_role(agency, Role.AUDITOR),
        "job": job,
        "roll_call": roll_call,
        "document": document,
    }


# name → (who, the address of one export with others' data)
CASES: dict[str, Callable[[dict[str, Any]], tuple[Any, str]]] = {
    "attendance:reports": lambda w: (
        w["hr"],
        f"/attendance/reports/?kind=unit_month&unit={w['unit_a'].pk}&month=03/2569&format=xlsx",
    ),
    "attendance:export_download": lambda w: (
        w["hr"],
        f"/attendance/exports/{w['job'].pk}/download/",
    ),
    "arrangements:roster_pdf": lambda w: (
        w["hr"],
        f"/arrangements/roster.pdf?unit={w['unit_a'].pk}",
    ),
    "policies:document": lambda w: (
        w["hr"],
        f"/policies/documents/{w['document'].pk}/?format=xlsx",
    ),
    "work:evidence_unit": lambda w: (w["hr"], f"/work/evidence/units/{w['unit_a'].pk}/?format=pdf"),
    "work:evidence_person": lambda w: (
        w["hr"],
        f"/work/evidence/people/{w['person_a'].pk}/?format=xlsx",
    ),
    "insights:dashboard": lambda w: (w["hr"], f"/insights/?agency={w['agency'].pk}&format=xlsx"),
    "continuity:export": lambda w: (
        w["hr"],
        f"/continuity/roll-calls/{w['roll_call'].pk}/results.xlsx",
    ),
    "audit:list": lambda w: (w["auditor"], "/audit/?format=csv"),
}


def test_every_export_is_either_logged_or_allowed_without_others_data() -> None:
    found = set(export_routes())
    assert found - set(CASES) - set(WITHOUT_OTHERS_DATA) == set(), "an export escapes the log"
    assert (set(CASES) | set(WITHOUT_OTHERS_DATA)) - found == set(), "a listed export is gone"


@pytest.mark.parametrize("name", sorted(CASES))
def test_an_export_of_others_data_writes_one_audit_entry(name: str, world: dict[str, Any]) -> None:
    user, url = CASES[name](world)
    client = Client()
    client.force_login(user)
    before = AuditEntry.objects.filter(action=ACTION).count()
    response = client.get(url)
    assert response.status_code == 200, url
    assert "attachment" in response["Content-Disposition"]
    entries = AuditEntry.objects.filter(action=ACTION)
    assert entries.count() == before + 1
    entry = entries.latest("seq")
    assert entry.actor_id == user.pk
    assert entry.agency_id == world["agency"].pk
    assert entry.after["what"]
    assert "rows" in entry.after


# ------------------------------------------------------------------ scheduled verification


@pytest.fixture
def watchers(org: dict[str, Any]) -> dict[str, Any]:
    return {
        "auditor": user_with_role(org["agency"], Role.AUDITOR, email="auditor@example.go.th"),
        "foreign_auditor": user_with_role(org["other"], Role.AUDITOR, email="b@example.go.th"),
        "admin": UserFactory(is_superuser=True, email="admin@example.go.th"),
        "staff": user_with_role(org["agency"], Role.STAFF, email="staff@example.go.th"),
    }


def test_an_intact_chain_alerts_nobody(hr: Any, org: dict[str, Any], watchers: Any) -> None:
    make_entries(hr, org)
    watched = audit_watch()
    assert watched.verify.ok
    assert watched.alerted == 0
    assert not Notification.objects.exists()


def test_a_break_alerts_auditors_and_administrators_once(
    hr: Any, org: dict[str, Any], watchers: Any, settings: Any, caplog: Any
) -> None:
    settings.GOVFLEX_NOTIFY_EMAIL = False
    make_entries(hr, org)
    second = AuditEntry.objects.order_by("seq")[1]
    AuditEntry.objects.filter(pk=second.pk).update(note="edited later")
    with caplog.at_level(logging.ERROR, logger="govflex.audit"):
        watched = audit_watch()
    assert watched.alerted == 3
    told = set(Notification.objects.values_list("user__username", flat=True))
    expected = {watchers[k].username for k in ("auditor", "foreign_auditor", "admin")}
    assert told == expected
    assert str(second.seq) in Notification.objects.first().subject_en
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for k, u in watchers.items() if k != "staff"
    )
    assert any(
        r.levelno == logging.ERROR and str(second.seq) in r.getMessage() for r in caplog.records
    )
    # the next day's run finds the same break: nobody is told again
    again = audit_watch()
    assert again.alerted == 0
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 3


def test_the_command_alerts_and_fails_on_a_break(
    hr: Any, org: dict[str, Any], watchers: Any
) -> None:
    make_entries(hr, org)
    out = StringIO()
    call_command("privacy", "verify-audit", stdout=out)
    assert "intact" in out.getvalue()
    AuditEntry.objects.order_by("seq").last().delete()
    with pytest.raises(CommandError, match="3 people alerted"):
        call_command("privacy", "verify-audit")
    with pytest.raises(CommandError, match="already reported"):
        call_command("privacy", "verify-audit")


def test_with_e_mail_copies_on_the_alert_is_mailed_once_per_person(
    hr: Any,
    org: dict[str, Any],
    watchers: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.GOVFLEX_NOTIFY_EMAIL = True
    make_entries(hr, org)
    AuditEntry.objects.filter(seq=2).update(action="forged")
    with django_capture_on_commit_callbacks(execute=True):
        audit_watch()
    assert len(mail.outbox) == 3  # the notifications' own copies, no second message


# ------------------------------------------------------------------ the auditor's screen


@pytest.fixture
def log(org: dict[str, Any], hr: Any) -> dict[str, Any]:
    """Entries by two actors on two kinds of target; one last month; one in another agency."""
    make_entries(hr, org, count=2)
    clerk = user_with_role(org["agency"], Role.HR, username="clerk")
    person = org["person_a"]
    services.person_save(
        actor=clerk, agency=org["agency"], data={"first_name_th": "ใหม่"}, person=person
    )
    old = audit_record(
        actor=clerk, action="person.update", target=person, agency_id=org["agency"].pk
    )
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=40))
    audit_record(
        actor=clerk, action="person.update", target=org["foreign"], agency_id=org["other"].pk
    )
    return {
        "clerk": clerk,
        "person": person,
        "auditor": user_with_role(org["agency"], Role.AUDITOR),
    }


def _seqs(client: Client, query: str) -> list[int]:
    page = client.get(f"/audit/?{query}").content.decode()
    return [int(n) for n in re.findall(r"<tr><td>(\d+)</td>", page)]


def test_the_auditor_filters_by_actor_action_target_and_period(log: dict[str, Any]) -> None:
    client = Client()
    client.force_login(log["auditor"])
    person = log["person"]
    mine = AuditEntry.objects.filter(agency_id=person.agency_id)
    assert len(_seqs(client, "")) == mine.count()  # the other agency's entry is not there
    by_clerk = _seqs(client, "actor=clerk")
    assert by_clerk == list(mine.filter(actor_label="clerk").values_list("seq", flat=True))
    assert len(_seqs(client, "action=position.")) == 2
    typed = _seqs(client, "target_type=org.person")
    assert len(typed) == 2
    assert _seqs(client, f"target_type=org.person&target_id={person.pk}") == typed
    assert _seqs(client, "target_type=org.person&target_id=999999") == []
    today = timezone.localdate()
    recent = _seqs(client, f"target_type=org.person&date_from={today - dt.timedelta(days=7)}")
    assert len(recent) == 1


def test_the_auditor_exports_the_filtered_entries_as_csv_and_xlsx(log: dict[str, Any]) -> None:
    client = Client()
    client.force_login(log["auditor"])
    response = client.get("/audit/?actor=clerk&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["seq", "time", "actor"]
    assert {r[2] for r in rows[1:]} == {"clerk"}
    assert len(rows) == 3  # the update and last month's entry; not the other agency's
    response = client.get("/audit/?target_type=org.position&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["audit"]
    assert [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "position.create",
        "position.create",
    ]
    exported = AuditEntry.objects.filter(action=ACTION).order_by("seq")
    assert [e.after["scope"]["format"] for e in exported] == ["csv", "xlsx"]


def test_staff_and_hr_cannot_open_or_export_the_log(org: dict[str, Any], hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    assert client.get("/audit/?format=csv").status_code == 403
    assert not AuditEntry.objects.filter(action=ACTION).exists()
