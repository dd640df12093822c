"""The demo agency: deterministic, realistic, with one login per role."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from govflex.org.models import Agency, Person, PositionType, Unit, WorkSite
from govflex.org.seed import seed_agency
from govflex.org.seed_logins import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_seed_builds_a_realistic_agency() -> None:
    result = seed_agency(staff=300)
    agency = result.agency
    assert Person.objects.filter(agency=agency).count() == 300
    types = set(
        Person.objects.filter(agency=agency).values_list("position__position_type", flat=True)
    )
    assert types == set(PositionType.values)
    assert Unit.objects.filter(agency=agency, is_service_point=True).exists()
    assert WorkSite.objects.filter(agency=agency).count() >= 2
    assert Unit.objects.filter(agency=agency, depth__gte=1).exists()
    heads = Person.objects.filter(agency=agency, supervisor__isnull=True)
    assert heads.count() == 1  # only the director-general reports to nobody
    assert all(" " not in p.staff_id for p in Person.objects.filter(agency=agency)[:50])


def test_seed_is_deterministic() -> None:
    seed_agency(staff=120, code="one")
    seed_agency(staff=120, code="two")
    first = list(
        Person.objects.filter(agency__code="one").values_list(
            "first_name_th", "last_name_th", "unit__code"
        )
    )
    second = list(
        Person.objects.filter(agency__code="two").values_list(
            "first_name_th", "last_name_th", "unit__code"
        )
    )
    assert first == second


def test_seed_command_is_idempotent_with_if_empty_and_prints_logins() -> None:
    out = StringIO()
    call_command("seed", "--staff", "100", stdout=out)
    assert "100 people" in out.getvalue()
    call_command("seed", "--staff", "100", "--if-empty", stdout=out)
    assert Agency.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("seed", "--staff", "100")
    logins = StringIO()
    call_command("demo_logins", stdout=logins)
    for username in ("admin", "hr", "executive", "supervisor", "staff", "auditor"):
        assert username in logins.getvalue()


def test_demo_logins_work_and_see_their_scope() -> None:
    seed_agency(staff=150)
    client = Client()
    for username in ("hr", "executive", "supervisor", "staff", "auditor", "admin"):
        assert client.login(username=username, password=DEMO_PASSWORD), username
        assert client.get("/").status_code == 200
        client.logout()
    client.login(username="supervisor", password=DEMO_PASSWORD)
    supervised = client.get("/api/v1/people?limit=1000").json()["count"]
    assert 1 < supervised < 150
    client.login(username="staff", password=DEMO_PASSWORD)
    assert client.get("/api/v1/people").json()["count"] == 1


def test_seed_refuses_too_few_staff() -> None:
    with pytest.raises(CommandError, match="at least"):
        call_command("seed", "--staff", "10")
