"""Template filters for Buddhist-Era dates and optional Thai digits (loaded as builtins)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone, translation

from govflex.common.context import display_var
from govflex.core import thaidate

register = template.Library()


def _lang() -> str:
    return "th" if (translation.get_language() or "th").startswith("th") else "en"


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, dt.date) else None


@register.filter
def bedate(value: dt.date | dt.datetime | None) -> str:
    """``5 มี.ค. 2569``."""
    day = _as_date(value)
    if day is None:
        return ""
    return thaidate.format_date(day, lang=_lang(), thai_digits=display_var.get().thai_digits)


@register.filter
def bedate_long(value: dt.date | dt.datetime | None) -> str:
    """``5 มีนาคม 2569``."""
    day = _as_date(value)
    if day is None:
        return ""
    return thaidate.format_date(
        day, long=True, lang=_lang(), thai_digits=display_var.get().thai_digits
    )


@register.filter
def bedatetime(value: dt.datetime | None) -> str:
    """``5 มี.ค. 2569 08:30 น.`` in local time."""
    if not isinstance(value, dt.datetime):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return thaidate.format_datetime(local, lang=_lang(), thai_digits=display_var.get().thai_digits)


@register.filter
def thnum(value: object) -> str:
    """A number (or any text) with Thai digits when the user chose them."""
    if value is None:
        return ""
    text = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
    return thaidate.to_thai_digits(text) if display_var.get().thai_digits else text
