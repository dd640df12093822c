"""Giving a signed-in person their own data. There is no way to ask for someone else's: the
subject is always the signed-in user (an HR officer answering a written request downloads
nothing here on the person's behalf; the person signs in and downloads it)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from govflex.common.audit import audit_record
from govflex.common.errors import NotFound
from govflex.privacy.mydata import Section, Subject, collect, subject_of
from govflex.privacy.mydata.render import to_json, to_xlsx

CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def my_data(*, actor: Any, fmt: str) -> tuple[Subject, list[Section]]:
    """Collect the actor's data and record that they took a copy (PDPA s. 30)."""
    if actor is None or not getattr(actor, "is_authenticated", False) or fmt not in CONTENT_TYPES:
        raise NotFound
    subject = subject_of(actor)
    sections = collect(subject)
    audit_record(
        actor=actor,
        action="privacy.own_data_exported",
        target=actor,
        agency_id=subject.person.agency_id if subject.person else None,
        after={"format": fmt, "rows": sum(len(s.rows) for s in sections)},
    )
    return subject, sections


def my_data_file(*, actor: Any, fmt: str) -> tuple[bytes, str, str]:
    """The file's bytes, content type and name."""
    subject, sections = my_data(actor=actor, fmt=fmt)
    body = to_json(subject, sections) if fmt == "json" else to_xlsx(subject, sections)
    name = f"govflex-my-data-{timezone.localdate():%Y%m%d}.{fmt}"
    return body, CONTENT_TYPES[fmt], name
