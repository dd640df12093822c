"""Login accounts and role grants: who may grant what, and grants change scope at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.common.models import AuditEntry
from govflex.org.access import access_for
from govflex.org.models import Role, RoleGrant
from govflex.org.roles import person_account_create, role_grant_add, role_grant_remove
from tests.factories import UserFactory


def test_hr_creates_a_login_and_grants_supervision(hr: Any, org: dict[str, Any]) -> None:
    person = org["person_a"]
    user = person_account_create(
        actor=hr, person=person, username="somchai", password="a-long-enough-passphrase"
    )
    role_grant_add(
        actor=hr, agency=org["agency"], user=user, role=Role.SUPERVISOR, unit=org["unit_a"]
    )
    access = access_for(user)
    assert access.supervised_paths == {org["agency"].pk: (org["unit_a"].path,)}
    assert (
        AuditEntry.objects.filter(action__in=["person.account_create", "role.grant"]).count() == 2
    )


@pytest.mark.parametrize("role", [Role.HR, Role.AUDITOR])
def test_hr_cannot_grant_hr_or_auditor(hr: Any, org: dict[str, Any], role: str) -> None:
    target = UserFactory()
    with pytest.raises(AccessDenied):
        role_grant_add(actor=hr, agency=org["agency"], user=target, role=role)


def test_admin_grants_any_role(org: dict[str, Any]) -> None:
    admin = UserFactory(is_superuser=True)
    target = UserFactory()
    role_grant_add(actor=admin, agency=org["agency"], user=target, role=Role.AUDITOR)
    assert access_for(target).has_role(org["agency"].pk, Role.AUDITOR)


def test_supervisor_grant_needs_a_unit_of_the_agency(hr: Any, org: dict[str, Any]) -> None:
    target = UserFactory()
    with pytest.raises(ValidationFailed):
        role_grant_add(actor=hr, agency=org["agency"], user=target, role=Role.SUPERVISOR)
    foreign_unit = org["foreign"].unit
    with pytest.raises(ValidationFailed):
        role_grant_add(
            actor=hr, agency=org["agency"], user=target, role=Role.SUPERVISOR, unit=foreign_unit
        )


def test_weak_password_is_refused(hr: Any, org: dict[str, Any]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        person_account_create(actor=hr, person=org["person_a"], username="x1", password="12345678")
    assert "password" in caught.value.details["fields"]


def test_granting_twice_is_a_clear_error(hr: Any, org: dict[str, Any]) -> None:
    target = UserFactory()
    role_grant_add(actor=hr, agency=org["agency"], user=target, role=Role.EXECUTIVE)
    with pytest.raises(ValidationFailed):
        role_grant_add(actor=hr, agency=org["agency"], user=target, role=Role.EXECUTIVE)


def test_removing_a_grant_is_audited(hr: Any, org: dict[str, Any]) -> None:
    target = UserFactory()
    created = role_grant_add(actor=hr, agency=org["agency"], user=target, role=Role.EXECUTIVE)
    role_grant_remove(actor=hr, grant_id=created.pk)
    assert not RoleGrant.objects.filter(pk=created.pk).exists()
    assert AuditEntry.objects.filter(action="role.revoke").exists()


def test_person_page_manages_login_and_roles(hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    person = org["person_b"]
    client.post(
        f"/org/people/{person.pk}/account/",
        {"username": "malee", "password": "a-long-enough-passphrase"},
    )
    person.refresh_from_db()
    assert person.user is not None
    client.post(f"/org/people/{person.pk}/roles/", {"role": "supervisor", "unit": org["unit_b"].pk})
    assert RoleGrant.objects.filter(
        user=person.user, role="supervisor", unit=org["unit_b"]
    ).exists()
    page = client.get(f"/org/people/{person.pk}/").content.decode()
    assert "malee" in page


def test_person_page_refuses_a_role_hr_may_not_grant(hr: Any, org: dict[str, Any]) -> None:
    client = Client()
    client.force_login(hr)
    person = org["person_b"]
    person_account_create(
        actor=hr, person=person, username="b1", password="a-long-enough-passphrase"
    )
    response = client.post(f"/org/people/{person.pk}/roles/", {"role": "auditor"})
    assert response.status_code == 403
    assert not RoleGrant.objects.filter(user__username="b1").exists()
