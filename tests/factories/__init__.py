"""factory_boy factories for the organisation. Use these, never fixture files or magic IDs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from django.contrib.auth import get_user_model

from govflex.org.models import (
    Agency,
    MissionType,
    Person,
    Position,
    PositionType,
    Role,
    RoleGrant,
    StaffCategory,
    Unit,
    WorkSite,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"agency-{n}")
    name_th = factory.Sequence(lambda n: f"กรมทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Department {n}")


class WorkSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkSite

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"S{n}")
    name = factory.Sequence(lambda n: f"สำนักงาน {n}")
    latitude = Decimal("13.764900")
    longitude = Decimal("100.538300")
    radius_m = 200


class UnitFactory(factory.django.DjangoModelFactory):
    """Creates the unit and sets its tree path the way the services do."""

    class Meta:
        model = Unit

    agency = factory.LazyAttribute(lambda o: o.parent.agency if o.parent else AgencyFactory())
    parent = None
    code = factory.Sequence(lambda n: f"U{n}")
    name_th = factory.Sequence(lambda n: f"กลุ่มงาน {n}")

    @classmethod
    def _create(cls, model_class: type[Unit], *args: Any, **kwargs: Any) -> Unit:
        unit = super()._create(model_class, *args, **kwargs)
        parent = unit.parent
        unit.path = (parent.path if parent else "/") + f"{unit.pk}/"
        unit.depth = unit.path.count("/") - 2
        unit.save(update_fields=["path", "depth"])
        return unit


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    title_th = "นักทรัพยากรบุคคล"
    mission_type = MissionType.POLICY_SUPPORT
    position_type = PositionType.SUPPORT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    unit = factory.SubFactory(UnitFactory)
    agency = factory.LazyAttribute(lambda o: o.unit.agency)
    position = factory.LazyAttribute(lambda o: PositionFactory(agency=o.unit.agency))
    staff_id = factory.Sequence(lambda n: f"{500000 + n}")
    first_name_th = "สมชาย"
    last_name_th = factory.Sequence(lambda n: f"ทดสอบ{n}")
    staff_category = StaffCategory.CIVIL_SERVANT


def grant(user: Any, agency: Agency, role: str, unit: Unit | None = None) -> RoleGrant:
    return RoleGrant.objects.create(user=user, agency=agency, role=role, unit=unit)


def user_with_role(agency: Agency, role: str, unit: Unit | None = None, **kwargs: Any) -> Any:
    """A user holding one role; staff and supervisors also get a person record."""
    user = UserFactory(**kwargs)
    if role in {Role.STAFF, Role.SUPERVISOR}:
        home = unit or UnitFactory(agency=agency)
        PersonFactory(unit=home, user=user)
    if role != Role.STAFF:
        grant(user, agency, role, unit if role == Role.SUPERVISOR else None)
    return user
