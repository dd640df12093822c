"""Drafting and issuing work-mode policy versions (Guideline 2565: the agency decides its modes,
slots, counted-hours rules, off-site criteria and service coverage).

HR officers and executives draft; only an executive issues. Values are checked by the rules
core (``policy_from_mapping`` validates every field and says where a value is wrong). An issued
version is immutable and in force from its effective date; days before it keep their results.
An effective date in the past needs a stated reason, and the days from that date to today are
judged again in the background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.dates import day_text
from govflex.common.errors import AccessDenied, Conflict, NotFound, ValidationFailed, refusal
from govflex.core.policy import PolicyError, policy_from_mapping, policy_to_mapping
from govflex.org.access import access_for
from govflex.org.models import Agency, Role, Unit
from govflex.policies.models import PolicyVersion

MAX_TEXT = 200_000


def may_draft(actor: Any, agency_id: int) -> bool:
    return access_for(actor).has_role(agency_id, Role.HR, Role.EXECUTIVE)


def may_issue(actor: Any, agency_id: int) -> bool:
    return access_for(actor).has_role(agency_id, Role.EXECUTIVE)


def values_from_text(text: str) -> Mapping[str, Any]:
    """A policy typed as YAML (or JSON, which is YAML too)."""
    if len(text) > MAX_TEXT:
        raise ValidationFailed(details={"fields": {"values": [_("The policy text is too long.")]}})
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise ValidationFailed(
            details={"fields": {"values": [_("Not valid YAML (line %(line)d).") % {"line": line}]}}
        ) from exc
    if not isinstance(data, Mapping):
        raise ValidationFailed(
            details={"fields": {"values": [_("The policy must be a mapping of sections.")]}}
        )
    return data


def checked_values(values: Mapping[str, Any], effective_from: dt.date) -> dict[str, Any]:
    """The values as the core reads them (defaults filled in), or every problem with its path."""
    try:
        policy = policy_from_mapping({**values, "effective_from": effective_from.isoformat()})
    except PolicyError as exc:
        raise refusal(exc.messages, prefix="values") from exc
    mapping = policy_to_mapping(policy)
    mapping.pop("effective_from", None)
    return mapping


@transaction.atomic
def policy_draft_save(
    *,
    actor: Any,
    agency: Agency,
    effective_from: dt.date,
    values: Mapping[str, Any],
    name: str = "",
    note: str = "",
    version_id: int | None = None,
    units: list[Unit] | None = None,
) -> PolicyVersion:
    """Create or change a draft (HR or an executive); ``units`` limit it to those subtrees."""
    if not may_draft(actor, agency.pk):
        raise AccessDenied(_("Only HR or an executive can draft policies."))
    units = list(units or [])
    if any(unit.agency_id != agency.pk for unit in units):
        raise ValidationFailed(
            details={"fields": {"units": [_("The unit belongs to another agency.")]}}
        )
    checked = checked_values(values, effective_from)
    if version_id is None:
        version = PolicyVersion(agency=agency, status=PolicyVersion.Status.DRAFT, created_by=actor)
        before: dict[str, Any] | None = None
    else:
        version = _draft(agency, version_id)
        before = {"effective_from": version.effective_from, "name": version.name}
    version.effective_from, version.name, version.note = effective_from, name.strip(), note
    version.values = checked
    version.save()
    version.units.set(units)
    audit_record(
        actor=actor,
        action="policy.draft_saved",
        target=version,
        agency_id=agency.pk,
        before=before,
        after={
            "effective_from": effective_from,
            "name": version.name,
            "units": [unit.code for unit in units],
        },
    )
    return version


def _draft(agency: Agency, version_id: int) -> PolicyVersion:
    version = PolicyVersion.objects.select_for_update().filter(pk=version_id, agency=agency).first()
    if version is None:
        raise NotFound
    if version.status != PolicyVersion.Status.DRAFT:
        raise ValidationFailed(
            details={
                "fields": {"status": [_("An issued version cannot be changed; draft a new one.")]}
            }
        )
    return version


@transaction.atomic
def policy_draft_delete(*, actor: Any, agency: Agency, version_id: int) -> None:
    if not may_draft(actor, agency.pk):
        raise AccessDenied(_("Only HR or an executive can draft policies."))
    version = _draft(agency, version_id)
    audit_record(
        actor=actor,
        action="policy.draft_deleted",
        target=version,
        agency_id=agency.pk,
        before={"effective_from": version.effective_from, "name": version.name},
    )
    version.delete()


@transaction.atomic
def policy_issue(
    *,
    actor: Any,
    agency: Agency,
    version_id: int,
    backdate_reason: str = "",
    today: dt.date | None = None,
) -> PolicyVersion:
    """Put a draft in force from its effective date (an executive)."""
    today = today or timezone.localdate()
    if not may_issue(actor, agency.pk):
        raise AccessDenied(_("Only an executive can issue a policy."))
    version = _draft(agency, version_id)
    if version.effective_from < today and not backdate_reason.strip():
        raise ValidationFailed(
            details={
                "fields": {
                    "backdate_reason": [
                        _("The effective date is in the past: state the reason for backdating.")
                    ]
                }
            }
        )
    checked_values(version.values, version.effective_from)  # still valid under today's core
    # Two issues at once for the same agency wait for each other here.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    scope = set(version.units.values_list("pk", flat=True))
    for other in PolicyVersion.objects.filter(
        agency=agency, status=PolicyVersion.Status.ISSUED, effective_from=version.effective_from
    ).prefetch_related("units"):
        others = {unit.pk for unit in other.units.all()}
        if (not scope and not others) or (scope & others):
            raise Conflict(
                _("Another issued version already takes effect on %(day)s.")
                % {"day": day_text(version.effective_from)}
            )
    version.status = PolicyVersion.Status.ISSUED
    version.issued_at, version.issued_by = timezone.now(), actor
    version.backdate_reason = backdate_reason.strip()
    version.save()
    audit_record(
        actor=actor,
        action="policy.issued",
        target=version,
        agency_id=agency.pk,
        after={
            "effective_from": version.effective_from,
            "name": version.name,
            "backdate_reason": version.backdate_reason,
        },
    )
    if version.effective_from <= today:
        _recompute_later(agency, version.effective_from, today)
    return version


def _recompute_later(agency: Agency, start: dt.date, today: dt.date) -> None:
    """Days from the effective date to today are judged again under the new version."""
    following = (
        PolicyVersion.objects.filter(
            agency=agency, status=PolicyVersion.Status.ISSUED, effective_from__gt=start
        )
        .order_by("effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    end = min(today, following - dt.timedelta(days=1)) if following else today
    from govflex.policies.tasks import recompute_agency  # noqa: PLC0415 - tasks import services

    transaction.on_commit(
        lambda: recompute_agency.enqueue(agency.pk, start.isoformat(), end.isoformat())
    )
