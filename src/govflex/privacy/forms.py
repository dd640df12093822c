from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govflex.core.retention import MAX_DAYS
from govflex.privacy.models import STAFF_NOTICE_KINDS, NoticeKind


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Notice"), choices=[(k.value, NoticeKind(k).label) for k in STAFF_NOTICE_KINDS]
    )
    purpose_th = forms.CharField(label=_("Purpose (Thai)"), max_length=300)
    purpose_en = forms.CharField(label=_("Purpose (English)"), max_length=300, required=False)
    text_th = forms.CharField(
        label=_("Notice (Thai)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Say what is collected, why, on which lawful basis, who sees it, how long it is "
            "kept and how to withdraw consent or ask for a copy (PDPA s. 23)."
        ),
    )
    text_en = forms.CharField(
        label=_("Notice (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )


def _days(label: Any, *, required: bool, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=MAX_DAYS, required=required, help_text=help_text
    )


class RetentionForm(forms.Form):
    punch_coordinate_days = _days(
        _("Raw coordinates of punches (days)"),
        required=True,
        help_text=_("0: coordinates are never stored, only on site or off site and the site."),
    )
    roll_call_location_days = _days(
        _("Locations in roll-call answers (days)"),
        required=False,
        help_text=_("Empty: kept."),
    )
    evidence_file_days = _days(
        _("Evidence files (days)"),
        required=False,
        help_text=_(
            "Correction evidence, off-site report attachments and work outputs: the file is "
            "deleted, the record stays with a note. Empty: kept."
        ),
    )
    eservice_closed_days = _days(
        _("Closed e-service requests (days)"),
        required=False,
        help_text=_(
            "The citizen's name, contacts, answers and documents are erased; the figures stay. "
            "Empty: kept."
        ),
    )
