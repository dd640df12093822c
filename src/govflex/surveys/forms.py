"""Forms of the set-up pages (HR): schedule and questions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govflex.common.forms import BEDateField
from govflex.surveys.models import Question, Survey


class SurveyForm(forms.Form):
    title_th = forms.CharField(label=_("Title (Thai)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    cadence = forms.ChoiceField(label=_("Schedule"), choices=Survey.Schedule.choices)
    first_opens_on = BEDateField(label=_("First round opens"))
    open_days = forms.IntegerField(
        label=_("Days each round stays open"), min_value=1, max_value=28, initial=5
    )
    report_depth = forms.IntegerField(
        label=_("Results down to unit level"),
        min_value=0,
        max_value=5,
        initial=0,
        help_text=_(
            "0 = the top-level units (divisions), 1 = one level below. Each answer is stored "
            "only with this level's unit, and groups of fewer than 5 people move up a level."
        ),
    )
    active = forms.BooleanField(label=_("Active (rounds open on schedule)"), required=False)


class QuestionForm(forms.Form):
    key = forms.CharField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Type"), choices=Question.Kind.choices)
    text_th = forms.CharField(label=_("Question (Thai)"), max_length=300)
    text_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    options = forms.CharField(
        label=_("Options (one per line: Thai | English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice question only."),
    )

    def option_labels(self) -> list[tuple[str, str]]:
        labels = []
        for line in self.cleaned_data.get("options", "").splitlines():
            th, _sep, en = line.partition("|")
            if th.strip():
                labels.append((th.strip(), en.strip()))
        return labels


def options_text(question: Question) -> str:
    return "\n".join(f"{o['th']} | {o.get('en', '')}" for o in question.options or ())
