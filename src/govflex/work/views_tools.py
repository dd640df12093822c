"""Web pages for searching work (Thai and English) and for keeping checklist templates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govflex.common.errors import DomainError, NotFound
from govflex.org.access import access_for
from govflex.org.selectors import units_reportable
from govflex.org.views.helpers import domain_errors, form_errors
from govflex.work.checklists import template_save, templates_managed
from govflex.work.search import KINDS, search

KIND_LABELS = {
    "item": gettext_lazy("Work items"),
    "report": gettext_lazy("Off-site reports"),
    "comment": gettext_lazy("Comments"),
}


@login_required
@domain_errors
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    kinds = [k for k in request.GET.getlist("kind") if k in KINDS] or list(KINDS)
    hits = search(actor=request.user, query=query, kinds=kinds) if query else []
    return render(
        request,
        "work/search.html",
        {
            "query": query,
            "hits": hits,
            "kinds": [(k, KIND_LABELS[k], k in kinds) for k in KINDS],
            "labels": KIND_LABELS,
        },
    )


class TemplateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    unit = forms.TypedChoiceField(
        label=gettext_lazy("Offered to"), coerce=int, required=False, empty_value=None
    )
    steps = forms.CharField(
        label=gettext_lazy("Steps (one per line)"), widget=forms.Textarea(attrs={"rows": 8})
    )
    active = forms.BooleanField(label=gettext_lazy("In use"), required=False, initial=True)

    def __init__(self, *args: Any, units: list[Any], agency_wide: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("The whole agency"))] if agency_wide else []
        choices += [(u.pk, u.name_th) for u in units]
        self.fields["unit"].choices = choices  # type: ignore[attr-defined]


@login_required
@domain_errors
def templates_page(request: HttpRequest, template_id: int | None = None) -> HttpResponse:
    access = access_for(request.user)
    managed = templates_managed(actor=request.user)
    editing = managed.filter(pk=template_id).first() if template_id else None
    if template_id and editing is None:
        raise NotFound
    units = list(units_reportable(access=access))
    if not units:
        raise NotFound
    agency_id = editing.agency_id if editing else units[0].agency_id
    initial: dict[str, Any] = {"active": True}
    if editing is not None:
        initial = {
            "name": editing.name,
            "unit": editing.unit_id,
            "steps": "\n".join(editing.steps),
            "active": editing.active,
        }
    form = TemplateForm(
        request.POST or None,
        units=units,
        agency_wide=access.can_manage_org(agency_id),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next((u for u in units if u.pk == data["unit"]), None)
        try:
            template_save(
                actor=request.user,
                agency_id=unit.agency_id if unit else agency_id,
                name=data["name"],
                steps=data["steps"].splitlines(),
                unit=unit,
                template_id=editing.pk if editing else None,
                active=data["active"],
            )
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The checklist template was saved."))
            return redirect("work:templates")
    return render(
        request,
        "work/templates.html",
        {"form": form, "templates": managed.order_by("name")[:500], "editing": editing},
    )
