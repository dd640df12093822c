"""Reading the audit log, scoped: auditors see their agencies' entries, admins see all."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from govflex.common.errors import AccessDenied
from govflex.common.models import AuditEntry
from govflex.org.access import Access
from govflex.org.models import Role


def audit_entries(
    *,
    access: Access,
    actor: str = "",
    action: str = "",
    target: str = "",
    target_type: str = "",
    target_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.all()
    if not access.is_admin:
        agencies = [a for a in access.roles if access.has_role(a, Role.AUDITOR)]
        if not agencies:
            raise AccessDenied
        qs = qs.filter(agency_id__in=agencies)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if action:
        qs = qs.filter(action__icontains=action)
    if target:
        qs = qs.filter(
            Q(target_type__icontains=target)
            | Q(target_id=target)
            | Q(target_label__icontains=target)
        )
    if target_type:
        qs = qs.filter(target_type=target_type)
    if target_id:
        qs = qs.filter(target_id=target_id)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(
            at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return qs.order_by("-seq")
