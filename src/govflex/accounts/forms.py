from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from govflex.accounts.models import ApiToken, User
from govflex.accounts.scopes import resource_groups


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=User.Language.choices)
    thai_digits = forms.BooleanField(
        label=_("Show Thai digits (๐๑๒๓)"),
        required=False,
        help_text=_("Dates and numbers use Thai digits instead of 0–9."),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=366,
        initial=settings.API_TOKEN_DEFAULT_DAYS,
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Access.choices,
        initial=ApiToken.Access.READ,
        widget=forms.RadioSelect,
    )
    resources = forms.MultipleChoiceField(
        label=_("Resource groups"),
        choices=resource_groups,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none for every group your roles allow."),
    )
