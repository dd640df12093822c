"""Answers while the database is away (issue 10, point 7; the restart itself is in make chaos)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client


@pytest.mark.django_db
def test_a_database_outage_is_a_503_with_retry_after(hr: Any, monkeypatch: Any) -> None:
    def away(**_kwargs: Any) -> Any:
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr("govflex.org.selectors.unit_list", away)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(hr)
    answer = client.get("/api/v1/units")
    assert answer.status_code == 503
    assert answer["Retry-After"] == "5"
    assert answer.json()["code"] == "unavailable"
    assert "briefly unavailable" in answer.json()["message"]
