"""Lists for the survey pages (scoped): the surveys HR manages, the rounds a reader may open."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from govflex.common.errors import AccessDenied, NotFound
from govflex.org.access import access_for
from govflex.org.models import Agency
from govflex.surveys.models import Round, Survey
from govflex.surveys.results import results_scope
from govflex.surveys.setup import may_manage


def surveys_managed(*, actor: Any, agency: Agency) -> QuerySet[Survey]:
    access = access_for(actor)
    if not access.can_view_structure(agency.pk):
        raise NotFound
    if not may_manage(access, agency.pk):
        raise AccessDenied
    return Survey.objects.filter(agency=agency).annotate(round_count=Count("rounds"))


def rounds_readable(*, actor: Any, agency: Agency) -> QuerySet[Round]:
    """Rounds whose results the actor may read (whole agency or a supervised subtree)."""
    results_scope(access_for(actor), agency.pk)
    return (
        Round.objects.filter(survey__agency=agency)
        .select_related("survey")
        .annotate(participant_count=Count("participations"))
        .order_by("-opens_on", "-pk")
    )


def can_read_results(actor: Any, agency_id: int) -> bool:
    try:
        results_scope(access_for(actor), agency_id)
    except (AccessDenied, NotFound):
        return False
    return True
