"""Login accounts for people and role grants.

Who may grant what: a system administrator grants any role; an agency's HR officer grants the
supervisor and executive roles in that agency and creates login accounts for its people. The
HR-officer and auditor roles are granted by administrators only, so an auditor stays
independent of the people they audit.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.org.access import Access, access_for, forget_access
from govflex.org.models import Agency, Person, Role, RoleGrant, Unit

HR_GRANTABLE = frozenset({Role.SUPERVISOR, Role.EXECUTIVE})


def _fields(**errors: str) -> ValidationFailed:
    return ValidationFailed(details={"fields": {k: [v] for k, v in errors.items()}})


def can_grant(access: Access, agency_id: int, role: str) -> bool:
    if access.is_admin:
        return True
    return role in HR_GRANTABLE and access.can_manage_org(agency_id)


@transaction.atomic
def person_account_create(*, actor: Any, person: Person, username: str, password: str) -> Any:
    """Give a person a login; the password must pass the password rules."""
    access = access_for(actor)
    access.require(access.can_manage_org(person.agency_id))
    if person.user_id is not None:
        raise ValidationFailed(_("This person already has a login account."))
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise _fields(username=_("Enter a username."))
    if user_model.objects.filter(username__iexact=username).exists():
        raise _fields(username=_("This username is taken."))
    candidate = user_model(username=username, email=person.email)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise ValidationFailed(details={"fields": {"password": list(exc.messages)}}) from exc
    user = user_model.objects.create_user(
        username=username,
        password=password,
        email=person.email,
        first_name=person.first_name_th,
        last_name=person.last_name_th,
    )
    person.user = user
    person.save(update_fields=["user"])
    audit_record(
        actor=actor,
        action="person.account_create",
        target=person,
        agency_id=person.agency_id,
        after={"username": username},
    )
    return user


@transaction.atomic
def role_grant_add(
    *, actor: Any, agency: Agency, user: Any, role: str, unit: Unit | None = None
) -> RoleGrant:
    access = access_for(actor)
    if role not in Role.values or role == Role.STAFF:
        raise _fields(role=_("Choose a role to grant."))
    if not can_grant(access, agency.pk, role):
        raise AccessDenied(_("You may not grant this role."))
    if role == Role.SUPERVISOR:
        if unit is None:
            raise _fields(unit=_("A supervisor leads a unit: choose it."))
        if unit.agency_id != agency.pk:
            raise _fields(unit=_("The unit belongs to another agency."))
    else:
        unit = None
    try:
        with transaction.atomic():
            grant = RoleGrant.objects.create(user=user, agency=agency, role=role, unit=unit)
    except IntegrityError as exc:
        raise ValidationFailed(_("This role is already granted.")) from exc
    forget_access(user)
    audit_record(
        actor=actor,
        action="role.grant",
        target=grant,
        agency_id=agency.pk,
        after={"user": user.username, "role": role, "unit": unit.code if unit else None},
    )
    return grant


@transaction.atomic
def role_grant_remove(*, actor: Any, grant_id: int) -> None:
    grant = RoleGrant.objects.select_related("user", "unit").filter(pk=grant_id).first()
    access = access_for(actor)
    if grant is None or not access.can_view_structure(grant.agency_id):
        raise NotFound
    if not can_grant(access, grant.agency_id, grant.role):
        raise AccessDenied(_("You may not remove this role."))
    before = {
        "user": grant.user.username,
        "role": grant.role,
        "unit": grant.unit.code if grant.unit else None,
    }
    audit_record(
        actor=actor, action="role.revoke", target=grant, agency_id=grant.agency_id, before=before
    )
    grant.delete()
    forget_access(grant.user)


def role_grants_of(*, access: Access, person: Person) -> QuerySet[RoleGrant]:
    """The roles held by a person's login, visible to whoever can see the person."""
    if person.user_id is None or not access.can_view_person(person):
        return RoleGrant.objects.none()
    return RoleGrant.objects.filter(user_id=person.user_id).select_related("agency", "unit")
