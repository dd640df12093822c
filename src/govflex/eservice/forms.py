"""Forms of the e-service pages. The public forms only collect and show; the rules core checks
the answers (in the citizen's language) inside the intake service."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from govflex.core.eservice.forms import APPLICANT_FIELDS, FieldType, FormField
from govflex.eservice.models import SlaUnit

INPUT_OF = {
    FieldType.TEXT: forms.TextInput,
    FieldType.TEXTAREA: forms.Textarea,
    FieldType.DATE: forms.TextInput,
    FieldType.NUMBER: forms.TextInput,
    FieldType.EMAIL: forms.EmailInput,
    FieldType.PHONE: forms.TextInput,
}
EXTRA_ATTRS: dict[FieldType, dict[str, str]] = {
    FieldType.DATE: {"placeholder": "วว/ดด/ปปปป", "inputmode": "numeric"},
    FieldType.NUMBER: {"inputmode": "decimal"},
    FieldType.EMAIL: {"autocomplete": "email"},
    FieldType.PHONE: {"type": "tel", "inputmode": "tel", "autocomplete": "tel"},
    FieldType.TEXTAREA: {"rows": "4"},
}
AUTOCOMPLETE = {"applicant_name": "name", "applicant_email": "email", "applicant_phone": "tel"}


def _lang() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"


def _field(spec: FormField) -> forms.Field:
    lang = _lang()
    attrs = dict(EXTRA_ATTRS.get(spec.type, {}))
    if spec.name in AUTOCOMPLETE:
        attrs["autocomplete"] = AUTOCOMPLETE[spec.name]
    if spec.required:
        attrs["required"] = "required"
        attrs["aria-required"] = "true"
    help_text = spec.help(lang)
    if spec.type is FieldType.DATE:
        help_text = help_text or str(_("Day/month/year, Buddhist Era, e.g. 05/03/2569."))
    if spec.type is FieldType.CHOICE:
        choices = [(c.value, c.label_th if lang == "th" else c.label_en) for c in spec.choices]
        widget: forms.Widget = (
            forms.RadioSelect(attrs=attrs)
            if len(choices) <= 5
            else forms.Select(attrs=attrs, choices=[("", "—"), *choices])
        )
        return forms.ChoiceField(
            label=spec.label(lang),
            choices=choices if len(choices) <= 5 else [("", "—"), *choices],
            required=False,
            widget=widget,
            help_text=help_text,
        )
    return forms.CharField(
        label=spec.label(lang),
        required=False,
        widget=INPUT_OF[spec.type](attrs=attrs),
        help_text=help_text,
    )


class DefinedForm(forms.Form):
    """Fields built from a definition; every value reaches the core as typed."""

    def __init__(self, *args: Any, fields: tuple[FormField, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in fields:
            self.fields[spec.name] = _field(spec)

    def raw(self) -> dict[str, str]:
        return {name: str(self.data.get(self.add_prefix(name), "")) for name in self.fields}


def applicant_form(data: Any = None) -> DefinedForm:
    return DefinedForm(data, fields=APPLICANT_FIELDS)


def answers_form(fields: tuple[FormField, ...], data: Any = None) -> DefinedForm:
    return DefinedForm(data, fields=fields, prefix="q")


def token_from(data: Any) -> uuid.UUID:
    """The form's client token, or a new one when it is missing or mangled."""
    try:
        return uuid.UUID(str(data.get("client_token", "")))
    except ValueError:
        return uuid.uuid4()


class ServiceForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Responsible unit"), coerce=int)
    code = forms.CharField(
        label=_("Code"), max_length=40, help_text=_("Used in the address, e.g. house-registration.")
    )
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description_th = forms.CharField(
        label=_("Description (Thai)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sla_amount = forms.IntegerField(label=_("Service time"), min_value=1, max_value=365)
    sla_unit = forms.ChoiceField(label=_("Counted in"), choices=SlaUnit.choices)
    form_fields = forms.CharField(
        label=_("Form fields (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "code", "spellcheck": "false"}),
        help_text=_(
            'A list such as [{"name": "house_no", "label_th": "บ้านเลขที่", "label_en": "House '
            'number", "type": "text", "required": true}]. Types: text, textarea, date, number, '
            'email, phone, choice (with "choices": ["…", "…"]).'
        ),
    )
    max_files = forms.IntegerField(label=_("Files at most"), min_value=0, max_value=10)
    max_file_mb = forms.IntegerField(
        label=_("Size of a file at most (MB)"), min_value=1, max_value=20
    )
    files_required = forms.BooleanField(label=_("A document is required"), required=False)
    active = forms.BooleanField(label=_("Open for requests"), required=False)

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name_th) for u in units]  # type: ignore[attr-defined]

    def clean_form_fields(self) -> Any:
        text = self.cleaned_data["form_fields"].strip() or "[]"
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("The form fields are not valid JSON (line %(line)d, column %(column)d).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from exc


class NoticeForm(forms.Form):
    text_th = forms.CharField(
        label=_("Privacy notice (Thai)"), widget=forms.Textarea(attrs={"rows": 8})
    )
    text_en = forms.CharField(
        label=_("Privacy notice (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
