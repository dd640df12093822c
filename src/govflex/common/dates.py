"""Dates in messages, in the reader's language and the Buddhist Era."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import get_language

from govflex.core.thaidate import format_date


def day_text(day: dt.date) -> str:
    """``5 มี.ค. 2569`` (Thai) or ``5 Mar B.E. 2569`` (English)."""
    thai = (get_language() or "th").startswith("th")
    return format_date(day, lang="th" if thai else "en")
