"""Checklist templates: the steps a kind of work always goes through, kept once by HR (for the
agency) or a supervisor (for their units) and applied to new work items."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.org.access import Access, access_for
from govflex.org.models import Unit
from govflex.work.models import ChecklistTemplate

MAX_STEPS = 50
MAX_STEP_LENGTH = 300


def _may_manage(access: Access, agency_id: int, unit: Unit | None) -> bool:
    if access.can_manage_org(agency_id):
        return True
    if unit is None:
        return False  # agency-wide templates are HR's
    return any(unit.path.startswith(path) for path in access.supervised_paths.get(agency_id, ()))


def templates_managed(*, actor: Any) -> QuerySet[ChecklistTemplate]:
    """The templates the user may edit: HR's whole agency, a supervisor's units."""
    access = access_for(actor)
    if access.is_admin:
        return ChecklistTemplate.objects.select_related("unit")
    condition = Q(pk__in=[])
    hr = [a for a in access.roles if access.can_manage_org(a)]
    if hr:
        condition |= Q(agency_id__in=hr)
    for agency_id, paths in access.supervised_paths.items():
        for path in paths:
            condition |= Q(agency_id=agency_id, unit__path__startswith=path)
    return ChecklistTemplate.objects.filter(condition).select_related("unit")


def templates_for(*, units: list[Unit]) -> list[ChecklistTemplate]:
    """Active templates offered to any of these units (for the assign-work form)."""
    if not units:
        return []
    agencies = {u.agency_id for u in units}
    candidates = ChecklistTemplate.objects.filter(agency_id__in=agencies, active=True)
    return [
        t
        for t in candidates.select_related("unit")
        if t.unit is None or any(u.path.startswith(t.unit.path) for u in units)
    ]


def _clean_steps(steps: list[str], errors: dict[str, list[str]]) -> list[str]:
    cleaned = [s.strip() for s in steps if s.strip()]
    if not cleaned:
        errors["steps"] = [_("Write at least one step.")]
    elif len(cleaned) > MAX_STEPS:
        errors["steps"] = [_("At most %(count)d steps.") % {"count": MAX_STEPS}]
    elif any(len(s) > MAX_STEP_LENGTH for s in cleaned):
        errors["steps"] = [
            _("A step is at most %(count)d characters.") % {"count": MAX_STEP_LENGTH}
        ]
    return cleaned


@transaction.atomic
def template_save(
    *,
    actor: Any,
    agency_id: int,
    name: str,
    steps: list[str],
    unit: Unit | None = None,
    template_id: int | None = None,
    active: bool = True,
) -> ChecklistTemplate:
    """Create a template, or change one (``template_id``); work already assigned keeps its steps."""
    access = access_for(actor)
    template = None
    if template_id is not None:
        template = (
            templates_managed(actor=actor)
            .select_for_update(of=("self",))
            .filter(pk=template_id)
            .first()
        )
        if template is None:
            raise NotFound
        agency_id = template.agency_id
    if unit is not None and unit.agency_id != agency_id:
        raise NotFound
    if not _may_manage(access, agency_id, unit):
        raise AccessDenied(
            _("Only HR keeps agency-wide templates; supervisors keep their units' templates.")
        )
    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name:
        errors["name"] = [_("Give the template a name.")]
    cleaned = _clean_steps(steps, errors)
    clash = ChecklistTemplate.objects.filter(agency_id=agency_id, unit=unit, name=name)
    if template is not None:
        clash = clash.exclude(pk=template.pk)
    if name and clash.exists():
        errors["name"] = [_("A template with this name already exists here.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    before = None
    if template is None:
        template = ChecklistTemplate(agency_id=agency_id, created_by=actor)
    else:
        before = {"name": template.name, "steps": template.steps, "active": template.active}
    template.unit, template.name, template.steps, template.active = unit, name, cleaned, active
    template.save()
    audit_record(
        actor=actor,
        action="work.checklist_template_saved",
        target=template,
        agency_id=agency_id,
        before=before,
        after={"name": name, "steps": cleaned, "active": active},
    )
    return template
