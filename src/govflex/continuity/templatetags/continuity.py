"""``{% emergency_notice person %}``: why today is off site (or not) during an emergency."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from govflex.continuity.selectors import notice_for

register = template.Library()


@register.inclusion_tag("continuity/includes/notice.html")
def emergency_notice(person: Any, day: Any = None) -> dict[str, Any]:
    if person is None:
        return {"notice": None}
    return {"notice": notice_for(person=person, day=day or timezone.localdate())}
