"""``{% consent_notice "location" as notice %}``: the notice a person reads where consent is
asked (their agency's current version), for pages of other apps such as check-in."""

from __future__ import annotations

from typing import Any

from django import template

from govflex.common.errors import NotFound
from govflex.privacy.consents import notice_for_consent
from govflex.privacy.notices import CurrentNotice

register = template.Library()


@register.simple_tag(takes_context=True)
def consent_notice(context: Any, kind: str) -> CurrentNotice | None:
    request = context.get("request")
    if request is None:
        return None
    try:
        return notice_for_consent(user=request.user, kind=kind)
    except NotFound:  # no agency to read a notice from (an administrator without a record)
        return None
