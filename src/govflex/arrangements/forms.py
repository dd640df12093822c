"""Forms for requests, swaps, recalls, delegations and approval settings.

Forms only read input (types, required fields); every rule is checked by the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govflex.arrangements.models import PLACES, Step
from govflex.common.forms import BEDateField
from govflex.core.arrangements import mode_options
from govflex.core.enums import PlaceType, PositionType, WorkMode
from govflex.core.policy import Policy

MODE_LABELS = {
    WorkMode.STAGGERED: _("On site, staggered hours"),
    WorkMode.COUNTED_HOURS: _("On site, counted hours"),
    WorkMode.OFF_SITE: _("Off site"),
}


@dataclass(frozen=True)
class PlanChoice:
    """One option of the plan list: a mode with its slot or place, and why it is not offered."""

    value: str  # "mode|slot|place"
    label: str
    allowed: bool
    note: str


def plan_choices(policy: Policy, position_type: PositionType, *, thai: bool) -> list[PlanChoice]:
    places = dict(PLACES)
    choices: list[PlanChoice] = []
    for option in mode_options(policy, position_type):
        note = (option.note.th if thai else option.note.en) if option.note else ""
        mode_label = str(MODE_LABELS[option.mode])
        if option.mode is WorkMode.STAGGERED:
            for slot in policy.staggered.slots:
                label = f"{mode_label} {slot.label()}"
                choices.append(
                    PlanChoice(f"staggered|{slot.label()}|", label, option.allowed, note)
                )
        elif option.mode is WorkMode.COUNTED_HOURS:
            choices.append(PlanChoice("counted_hours||", mode_label, option.allowed, note))
        else:
            for place in PlaceType:
                if place in policy.off_site.allowed_places:
                    label = f"{mode_label} · {places[place.value]}"
                    choices.append(
                        PlanChoice(f"off_site||{place.value}", label, option.allowed, note)
                    )
    return choices


def plan_value(raw: str) -> dict[str, str]:
    """``"mode|slot|place"`` → the stored plan (empty: the standard day)."""
    parts = (raw or "").split("|")
    if len(parts) != 3 or not parts[0]:
        return {}
    return {"mode": parts[0], "slot": parts[1], "place": parts[2]}


class DatesRequestForm(forms.Form):
    start = BEDateField(label=_("From"))
    end = BEDateField(label=_("To"), required=False, help_text=_("Leave empty for one day."))
    plan = forms.CharField(label=_("Work mode"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class PatternRequestForm(forms.Form):
    effective_from = BEDateField(label=_("Effective from"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class SwapForm(forms.Form):
    partner = forms.TypedChoiceField(label=_("Colleague"), coerce=int)
    start = BEDateField(label=_("From"))
    end = BEDateField(label=_("To"), required=False, help_text=_("Leave empty for one day."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, colleagues: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = colleagues  # type: ignore[attr-defined]


class RecallForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False)
    person = forms.IntegerField(label=_("Or one person (staff record number)"), required=False)
    include_subunits = forms.BooleanField(
        label=_("Include sub-units"), required=False, initial=True
    )
    start = BEDateField(label=_("From"))
    end = BEDateField(label=_("To"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, units: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—"), *units]  # type: ignore[attr-defined]


class DelegationForm(forms.Form):
    delegate = forms.CharField(label=_("Delegate's user name"))
    start = BEDateField(label=_("From"))
    end = BEDateField(label=_("To"))
    note = forms.CharField(label=_("Note"), required=False)


STEP_CHOICES = Step.choices


class ApprovalSettingsForm(forms.Form):
    on_site_chain = forms.CharField(
        label=_("Chain for on-site changes"),
        help_text=_("Steps separated by commas: supervisor, unit_head, executive, hr."),
    )
    off_site_chain = forms.CharField(
        label=_("Chain for off-site days"),
        help_text=_("Steps separated by commas: supervisor, unit_head, executive, hr."),
    )
    remind_after_days = forms.IntegerField(label=_("Remind after (working days)"), min_value=0)
    escalate_after_days = forms.IntegerField(label=_("Escalate after (working days)"), min_value=0)

    @staticmethod
    def steps(raw: str) -> list[str]:
        return [part.strip() for part in raw.split(",") if part.strip()]
