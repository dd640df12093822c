"""Forms for HR screens. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govflex.common.forms import BEDateField
from govflex.org.models import (
    Agency,
    Person,
    Position,
    PositionType,
    Role,
    StaffCategory,
    Unit,
    WorkSite,
)
from govflex.org.services import PERSON_FIELDS, POSITION_FIELDS, UNIT_FIELDS, WORK_SITE_FIELDS


class AgencyScopedForm(forms.ModelForm):  # type: ignore[type-arg]
    """Limits every choice list to the agency being edited."""

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        for name in ("parent", "unit"):
            if name in self.fields:
                qs = Unit.objects.filter(agency=agency).order_by("path")
                if name == "parent" and self.instance.pk:
                    qs = qs.exclude(path__startswith=self.instance.path)
                self.fields[name].queryset = qs  # type: ignore[attr-defined]
        if "work_site" in self.fields:
            self.fields["work_site"].queryset = WorkSite.objects.filter(agency=agency)  # type: ignore[attr-defined]
        if "position" in self.fields:
            self.fields["position"].queryset = Position.objects.filter(agency=agency)  # type: ignore[attr-defined]
        if "supervisor" in self.fields:
            bosses = Person.objects.filter(agency=agency).order_by("first_name_th")
            if self.instance.pk:
                bosses = bosses.exclude(pk=self.instance.pk)
            self.fields["supervisor"].queryset = bosses  # type: ignore[attr-defined]

    def changed_data_dict(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class UnitForm(AgencyScopedForm):
    class Meta:
        model = Unit
        fields = UNIT_FIELDS


class PositionForm(AgencyScopedForm):
    class Meta:
        model = Position
        fields = POSITION_FIELDS


class WorkSiteForm(AgencyScopedForm):
    class Meta:
        model = WorkSite
        fields = WORK_SITE_FIELDS


class PersonForm(AgencyScopedForm):
    start_date = BEDateField(label=_("start date"), required=False)
    end_date = BEDateField(label=_("end date"), required=False)

    class Meta:
        model = Person
        fields = PERSON_FIELDS


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name, staff ID or e-mail"))
    unit = forms.ModelChoiceField(
        label=_("Unit (with sub-units)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    position_type = forms.ChoiceField(
        label=_("Position type"),
        choices=[("", _("All")), *list(PositionType.choices)],
        required=False,
    )
    staff_category = forms.ChoiceField(
        label=_("Staff category"),
        choices=[("", _("All")), *list(StaffCategory.choices)],
        required=False,
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor"), required=False)
    action = forms.CharField(label=_("Action"), required=False)
    target = forms.CharField(label=_("Target"), required=False, help_text=_("Type, ID or name"))
    target_type = forms.ChoiceField(label=_("Target type"), required=False)
    target_id = forms.CharField(label=_("Target ID"), required=False, max_length=100)
    date_from = BEDateField(label=_("From"), required=False)
    date_to = BEDateField(label=_("To"), required=False)


class AccountForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; give it to the person privately."),
    )


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[(r.value, r.label) for r in Role if r != Role.STAFF]
    )
    unit = forms.ModelChoiceField(
        label=_("Unit led (supervisors only)"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency).order_by("path")  # type: ignore[attr-defined]
