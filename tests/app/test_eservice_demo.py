"""`govflex eservice demo`: demo services for the seeded agency, worked by the demo logins."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from govflex.eservice.models import Service, ServiceRequest
from govflex.eservice.queue import queue
from govflex.org.seed import seed_agency

pytestmark = pytest.mark.django_db


def test_demo_services_load_once_and_reach_the_service_centre_queue() -> None:
    seed_agency(staff=100)
    out = StringIO()
    call_command("eservice", "demo", stdout=out)
    assert "3 service(s), 2 request(s)" in out.getvalue()
    call_command("eservice", "demo", stdout=out)
    assert Service.objects.count() == 3
    assert ServiceRequest.objects.count() == 2
    users = get_user_model().objects
    for username in ("staff", "supervisor", "hr", "executive"):
        assert queue(actor=users.get(username=username)).count() == 2, username
    assert queue(actor=users.get(username="auditor")).count() == 0


def test_demo_needs_the_seeded_agency() -> None:
    with pytest.raises(CommandError, match="seed"):
        call_command("eservice", "demo", "--agency", "nowhere")
