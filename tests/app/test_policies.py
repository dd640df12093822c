"""Work-mode policy versions: drafted by HR or executives, checked by the rules core, issued by
an executive, effective-dated, compared side by side; in the browser and through the API."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from govflex.common.errors import AccessDenied, Conflict, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.org.models import Role
from govflex.policies.models import PolicyVersion
from govflex.policies.selectors import policy_for
from govflex.policies.services import policy_draft_save, policy_issue, values_from_text
from tests.factories import PersonFactory, UserFactory, grant


@pytest.fixture
def executive(org: dict[str, Any]) -> Any:
    user = UserFactory()
    grant(user, org["agency"], Role.EXECUTIVE)
    return user


def _draft(actor: Any, org: dict[str, Any], day: dt.date, quota: int = 3) -> PolicyVersion:
    return policy_draft_save(
        actor=actor,
        agency=org["agency"],
        effective_from=day,
        values={"off_site": {"weekly_quota_days": quota}},
        name="นโยบายปี 2570",
    )


def test_a_version_takes_effect_from_its_date_only(
    org: dict[str, Any], hr: Any, executive: Any
) -> None:
    start = timezone.localdate() + dt.timedelta(days=10)
    draft = _draft(hr, org, start)
    # A draft is never in force.
    assert policy_for(agency_id=org["agency"].pk, day=start).off_site.weekly_quota_days == 2
    with pytest.raises(AccessDenied):  # HR drafts, only an executive issues
        policy_issue(actor=hr, agency=org["agency"], version_id=draft.pk)
    policy_issue(actor=executive, agency=org["agency"], version_id=draft.pk)
    assert policy_for(agency_id=org["agency"].pk, day=start).off_site.weekly_quota_days == 3
    before = start - dt.timedelta(days=1)
    assert policy_for(agency_id=org["agency"].pk, day=before).off_site.weekly_quota_days == 2
    with pytest.raises(ValidationFailed):  # issued versions are immutable
        policy_draft_save(
            actor=hr, agency=org["agency"], effective_from=start, values={}, version_id=draft.pk
        )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"policy.draft_saved", "policy.issued"} <= actions


def test_inconsistent_values_name_the_field(org: dict[str, Any], hr: Any) -> None:
    for values, section in (
        ({"off_site": {"weekly_quota_days": -1}}, "values.off_site"),
        ({"staggered": {"slots": ["9-5"]}}, "values.staggered"),
    ):
        with pytest.raises(ValidationFailed) as caught:
            policy_draft_save(
                actor=hr, agency=org["agency"], effective_from=timezone.localdate(), values=values
            )
        assert any(key.startswith(section) for key in caught.value.details["fields"]), section
    assert not PolicyVersion.objects.exists()
    with pytest.raises(ValidationFailed):
        values_from_text("off_site: [unclosed")
    staff = PersonFactory(unit=org["unit_a"], user=UserFactory()).user
    with pytest.raises(AccessDenied):  # staff cannot draft
        _draft(staff, org, timezone.localdate())


def test_backdating_needs_a_reason_and_two_versions_cannot_share_a_day(
    org: dict[str, Any], hr: Any, executive: Any
) -> None:
    past = timezone.localdate() - dt.timedelta(days=3)
    draft = _draft(hr, org, past)
    with pytest.raises(ValidationFailed) as caught:
        policy_issue(actor=executive, agency=org["agency"], version_id=draft.pk)
    assert "backdate_reason" in caught.value.details["fields"]
    policy_issue(
        actor=executive,
        agency=org["agency"],
        version_id=draft.pk,
        backdate_reason="มติ ครม. มีผลย้อนหลัง",
    )
    second = _draft(hr, org, past, quota=1)
    with pytest.raises(Conflict):
        policy_issue(
            actor=executive, agency=org["agency"], version_id=second.pk, backdate_reason="x"
        )
    second.refresh_from_db()
    assert second.status == PolicyVersion.Status.DRAFT


def test_pages_list_detail_compare_in_thai(org: dict[str, Any], hr: Any, executive: Any) -> None:
    first = _draft(hr, org, timezone.localdate() + dt.timedelta(days=5), quota=2)
    policy_issue(actor=executive, agency=org["agency"], version_id=first.pk)
    second = _draft(hr, org, timezone.localdate() + dt.timedelta(days=40), quota=3)
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(hr)
    listing = client.get("/policies/").content.decode()
    assert "ร่าง" in listing
    detail = client.get(f"/policies/{second.pk}/").content.decode()
    assert "งานที่ต้องติดต่อกับประชาชน" in detail or "ติดต่อ" in detail
    compare = client.get(f"/policies/compare/?a={first.pk}&b={second.pk}").content.decode()
    assert "off_site.weekly_quota_days" in compare
    # Staff read issued versions but not drafts.
    staff = PersonFactory(unit=org["unit_a"], user=UserFactory()).user
    reader = Client()
    reader.force_login(staff)
    assert reader.get(f"/policies/{first.pk}/").status_code == 200
    assert reader.get(f"/policies/{second.pk}/").status_code == 404
    # Draft through the page, with a YAML error shown beside the field.
    bad = client.post(
        "/policies/new/",
        {"effective_from": "01/01/2570", "name": "x", "values": "off_site: [oops"},
    )
    assert bad.status_code == 200
    assert "YAML" in bad.content.decode()


def test_api_draft_issue_compare(org: dict[str, Any], hr: Any, executive: Any) -> None:
    agency = org["agency"]
    api = Client()
    api.force_login(hr)
    day = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    made = api.post(
        f"/api/v1/agencies/{agency.pk}/policies",
        json.dumps({"effective_from": day, "values": {"off_site": {"weekly_quota_days": 1}}}),
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    version_id = made.json()["id"]
    refused = api.post(
        f"/api/v1/policies/{version_id}/issue", json.dumps({}), content_type="application/json"
    )
    assert refused.status_code == 403
    boss = Client()
    boss.force_login(executive)
    issued = boss.post(
        f"/api/v1/policies/{version_id}/issue", json.dumps({}), content_type="application/json"
    )
    assert issued.json()["status"] == "issued"
    other = api.post(
        f"/api/v1/agencies/{agency.pk}/policies",
        json.dumps({"effective_from": day, "values": {"off_site": {"weekly_quota_days": 2}}}),
        content_type="application/json",
    ).json()["id"]
    diff = api.get(f"/api/v1/policies/compare?a={version_id}&b={other}").json()
    assert {"path": "off_site.weekly_quota_days", "before": "1", "after": "2"} in diff
    assert api.delete(f"/api/v1/policies/{other}").status_code == 204
    outsider = Client()
    outsider.force_login(UserFactory())
    assert outsider.get(f"/api/v1/policies/{version_id}").status_code == 404


def test_a_version_for_chosen_units_applies_to_their_subtrees_only(
    org: dict[str, Any], hr: Any, executive: Any
) -> None:
    start = timezone.localdate() + dt.timedelta(days=10)
    agency_wide = _draft(hr, org, start, quota=3)
    policy_issue(actor=executive, agency=org["agency"], version_id=agency_wide.pk)
    for_a = policy_draft_save(
        actor=hr,
        agency=org["agency"],
        effective_from=start,  # the same day: the unit's version wins for its subtree
        values={"off_site": {"weekly_quota_days": 1}},
        units=[org["unit_a"]],
    )
    policy_issue(actor=executive, agency=org["agency"], version_id=for_a.pk)
    agency = org["agency"].pk
    assert policy_for(agency_id=agency, day=start).off_site.weekly_quota_days == 3
    for unit, quota in ((org["unit_a"], 1), (org["unit_a1"], 1), (org["unit_b"], 3)):
        found = policy_for(agency_id=agency, day=start, unit_id=unit.pk)
        assert found.off_site.weekly_quota_days == quota, unit.code
    # A later agency-wide version is newer, so it applies to unit A too from its date.
    later = _draft(hr, org, start + dt.timedelta(days=30), quota=2)
    policy_issue(actor=executive, agency=org["agency"], version_id=later.pk)
    after = policy_for(agency_id=agency, day=later.effective_from, unit_id=org["unit_a"].pk)
    assert after.off_site.weekly_quota_days == 2
    # Two versions for the same units on the same day conflict.
    again = policy_draft_save(
        actor=hr,
        agency=org["agency"],
        effective_from=start,
        values={},
        units=[org["unit_a"]],
    )
    with pytest.raises(Conflict):
        policy_issue(actor=executive, agency=org["agency"], version_id=again.pk)
    with pytest.raises(ValidationFailed):  # a unit of another agency
        policy_draft_save(
            actor=hr,
            agency=org["agency"],
            effective_from=start,
            values={},
            units=[org["foreign"].unit],
        )
