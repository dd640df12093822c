"""Form fields shared by every app: dates typed in the Buddhist Era or the Gregorian calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govflex.core.tabular import DateFormatError, parse_date
from govflex.core.thaidate import be_year


class BEDateInput(forms.TextInput):
    """Shows a date as dd/mm/yyyy with the Buddhist-Era year (what Thai users type)."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}"
        return super().format_value(value)


class BEDateField(forms.DateField):
    widget = BEDateInput
    default_error_messages = {  # noqa: RUF012 - Django's own pattern
        "invalid": _(
            "Enter a date as day/month/year, e.g. 05/03/2569 (Buddhist Era) or 2026-03-05."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Day/month/year, Buddhist Era, e.g. 05/03/2569."))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "วว/ดด/ปปปป")
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value)).value
        except DateFormatError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
