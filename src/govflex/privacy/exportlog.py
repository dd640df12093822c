"""One audit entry for every export of other people's personal data (PDPA s. 37(1) and s. 39:
the controller keeps its processing secure and on record; an auditor can see who took which
people's data out of the system, when, and how much).

Every export view calls :func:`log_personal_export` right before it returns the file. This
module imports only the audit log, so any app (``org`` included) may call it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from govflex.common.audit import audit_record
from govflex.common.models import AuditEntry

ACTION = "privacy.personal_data_exported"


def log_personal_export(
    actor: Any,
    what: str,
    agency_id: int | None,
    rows: int | None,
    scope: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``actor`` exported ``what`` (e.g. ``"attendance.report"``) of the agency:
    ``rows`` people or rows (``None`` when the file's size is not known here) and ``scope``
    (unit, period, format — what identifies the selection). Without ``agency_id`` the entry
    goes to the actor's own agency, so that agency's auditors see it."""
    if agency_id is None:
        from govflex.org.access import access_for  # noqa: PLC0415 - org may import this module

        access = access_for(actor)
        agencies = access.agencies()
        agency_id = access.home_agency_id or (min(agencies) if len(agencies) == 1 else None)
    return audit_record(
        actor=actor,
        action=ACTION,
        target_label=what,
        agency_id=agency_id,
        after={"what": what, "rows": rows, "scope": dict(scope or {})},
    )
