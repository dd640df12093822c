"""Concurrent writers never fork the audit chain (PostgreSQL: real parallel transactions)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from govflex.common.audit import audit_record, audit_verify
from govflex.common.models import AuditEntry

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers by itself"
)


@pytest.mark.django_db(transaction=True)
def test_parallel_appends_keep_one_unbroken_chain() -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(20):
                audit_record(actor=None, action=f"test.parallel.{n}", note=str(i))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads: list[Any] = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.filter(action__startswith="test.parallel").count() == 120
    result = audit_verify()
    assert result.ok, result.broken
