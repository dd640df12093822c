"""Fixtures for the Django tiers (app and e2e)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def org(db: Any) -> dict[str, Any]:
    """Two agencies; agency A has units A (with sub-unit A1) and B; people in each."""
    from tests.factories import AgencyFactory, PersonFactory, PositionFactory, UnitFactory

    agency = AgencyFactory(code="a")
    other = AgencyFactory(code="b")
    unit_a = UnitFactory(agency=agency, code="A")
    unit_a1 = UnitFactory(agency=agency, parent=unit_a, code="A1")
    unit_b = UnitFactory(agency=agency, code="B")
    position = PositionFactory(agency=agency, code="P1")
    foreign_unit = UnitFactory(agency=other, code="X")
    return {
        "agency": agency,
        "other": other,
        "unit_a": unit_a,
        "unit_a1": unit_a1,
        "unit_b": unit_b,
        "position": position,
        "person_a": PersonFactory(unit=unit_a, position=position),
        "person_a1": PersonFactory(unit=unit_a1, position=position),
        "person_b": PersonFactory(unit=unit_b, position=position),
        "foreign": PersonFactory(unit=foreign_unit),
    }


@pytest.fixture(autouse=True)
def _thai_by_default() -> Iterator[None]:
    """Each test starts in Thai, whatever language an earlier test's request switched to (the
    active language belongs to the thread, and xdist runs many tests in one)."""
    from django.utils import translation

    translation.activate("th")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _inline_tasks(settings: Any) -> None:
    """Background tasks run inline, so what they do is visible to the test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.GOVFLEX_EVALUATE_INLINE = True  # live day results judged in the punch's request


@pytest.fixture
def hr(org: dict[str, Any]) -> Any:
    """An HR officer of agency A."""
    from govflex.org.models import Role
    from tests.factories import UserFactory, grant

    user = UserFactory()
    grant(user, org["agency"], Role.HR)
    return user


@pytest.fixture
def team(db: Any) -> dict[str, Any]:
    """A counter (service point, minimum 1 on site) of three under one supervisor; a division
    head above it; an executive; HR. (Arrangement requests, recalls, swaps.)"""
    from govflex.org.models import PositionType, Role
    from tests.factories import (
        AgencyFactory,
        PersonFactory,
        PositionFactory,
        UnitFactory,
        UserFactory,
        grant,
    )

    agency = AgencyFactory(code="q")
    division = UnitFactory(agency=agency, code="DIV")
    counter = UnitFactory(agency=agency, parent=division, code="CTR", is_service_point=True)
    position = PositionFactory(agency=agency, position_type=PositionType.SUPPORT)
    boss_user = UserFactory(username="boss")
    boss = PersonFactory(unit=counter, position=position, user=boss_user)
    grant(boss_user, agency, Role.SUPERVISOR, counter)
    staff = [
        PersonFactory(unit=counter, position=position, supervisor=boss, user=UserFactory())
        for _ in range(3)
    ]
    head_user = UserFactory(username="head")
    PersonFactory(unit=division, position=position, user=head_user)
    grant(head_user, agency, Role.SUPERVISOR, division)
    executive = UserFactory(username="exec")
    grant(executive, agency, Role.EXECUTIVE)
    hr = UserFactory(username="hr-q")
    grant(hr, agency, Role.HR)
    return {
        "agency": agency,
        "counter": counter,
        "boss": boss_user,
        "boss_person": boss,
        "staff": staff,
        "head": head_user,
        "executive": executive,
        "hr": hr,
    }
