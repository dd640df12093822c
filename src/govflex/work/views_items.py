"""Web pages for work items: my board, a unit's board, assigning work, one item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from govflex.common.errors import DomainError, NotFound, error_text
from govflex.common.forms import BEDateField
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import own_person, units_reportable
from govflex.org.supervision import decidable
from govflex.org.views.helpers import domain_errors, form_errors
from govflex.work.checklists import templates_for
from govflex.work.items import (
    board_person,
    board_unit,
    item_attach,
    item_comment,
    item_create,
    item_update,
    may_see,
)
from govflex.work.models import ChecklistTemplate, WorkItem, WorkOutput


class ItemForm(forms.Form):
    unit = forms.TypedChoiceField(label=gettext_lazy("Unit"), coerce=int)
    title = forms.CharField(label=pgettext_lazy("work item", "Title"), max_length=300)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    expected_output = forms.CharField(
        label=gettext_lazy("Expected output"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    start_date = BEDateField(label=gettext_lazy("Start"), required=False)
    due_date = BEDateField(label=gettext_lazy("Due"))
    priority = forms.ChoiceField(label=gettext_lazy("Priority"), choices=WorkItem.Priority.choices)
    recurrence = forms.ChoiceField(
        label=gettext_lazy("Repeats"), choices=WorkItem.Recurrence.choices, required=False
    )
    assignees = forms.TypedMultipleChoiceField(label=gettext_lazy("Assignees"), coerce=int)
    template = forms.TypedChoiceField(
        label=gettext_lazy("Checklist template"), coerce=int, required=False, empty_value=None
    )
    checklist = forms.CharField(
        label=gettext_lazy("More checklist steps (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        units: list[Any],
        people: list[Person],
        templates: list[ChecklistTemplate],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (t.pk, f"{t.name} ({t.unit.name_th})" if t.unit else t.name) for t in templates
        ]
        self.fields["unit"].choices = [(u.pk, u.name_th) for u in units]  # type: ignore[attr-defined]
        self.fields["assignees"].choices = [(p.pk, p.full_name_th) for p in people]  # type: ignore[attr-defined]


@login_required
@domain_errors
def my_board(request: HttpRequest) -> HttpResponse:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    board = board_person(person=me, today=timezone.localdate())
    return render(request, "work/board.html", {"board": board, "title": _("My work")})


@login_required
@domain_errors
def unit_board(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    units = units_reportable(access=access)
    raw = request.GET.get("unit", "")
    unit = units.filter(pk=int(raw)).first() if raw.isdigit() else units.first()
    if unit is None:
        raise NotFound
    board = board_unit(actor=request.user, unit=unit, today=timezone.localdate())
    return render(
        request,
        "work/board.html",
        {"board": board, "title": unit.name_th, "units": units, "unit": unit},
    )


@login_required
@domain_errors
def item_new(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    units = list(units_reportable(access=access))
    people = list(
        Person.objects.filter(decidable(access, prefix=""))
        .select_related("unit")
        .order_by("unit__path", "first_name_th")[:500]
    )
    if not people:
        raise NotFound
    templates = templates_for(units=units)
    form = ItemForm(
        request.POST or None,
        units=units,
        people=people,
        templates=templates,
        initial={"priority": WorkItem.Priority.NORMAL},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next((u for u in units if u.pk == data["unit"]), None)
        chosen = [p for p in people if p.pk in set(data["assignees"])]
        try:
            if unit is None:
                raise NotFound
            item = item_create(
                actor=request.user,
                unit=unit,
                title=data["title"],
                due_date=data["due_date"],
                assignees=chosen,
                description=data["description"],
                expected_output=data["expected_output"],
                start_date=data["start_date"],
                priority=data["priority"],
                recurrence=data["recurrence"] or "",
                checklist=data["checklist"].splitlines(),
                template=next((t for t in templates if t.pk == data["template"]), None),
            )
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The work was assigned."))
            return redirect("work:item", item_id=item.pk)
    return render(request, "work/item_form.html", {"form": form})


@login_required
@domain_errors
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    item = WorkItem.objects.select_related("unit").filter(pk=item_id).first()
    if item is None or not may_see(request.user, item):
        raise NotFound
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "update":
                item_update(
                    actor=request.user,
                    item_id=item.pk,
                    status=request.POST.get("status", item.status),
                    progress=int(request.POST.get("progress") or 0),
                    checklist_done=[int(n) for n in request.POST.getlist("done") if n.isdigit()],
                )
            elif action == "comment":
                item_comment(actor=request.user, item_id=item.pk, text=request.POST.get("text", ""))
            elif action == "attach":
                item_attach(
                    actor=request.user,
                    item_id=item.pk,
                    upload=request.FILES.get("file"),
                    note=request.POST.get("note", ""),
                )
            else:
                raise NotFound
        except ValueError:
            messages.error(request, _("Progress is between 0 and 100%."))
        except DomainError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Saved."))
        return redirect("work:item", item_id=item.pk)
    return render(
        request,
        "work/item.html",
        {
            "item": item,
            "statuses": WorkItem.Status.choices,
            "overdue": item.status in {"todo", "doing"} and item.due_date < timezone.localdate(),
        },
    )


@login_required
@domain_errors
def output_file(request: HttpRequest, output_id: int) -> FileResponse:
    output = WorkOutput.objects.select_related("item__unit").filter(pk=output_id).first()
    if output is None or not output.file or not may_see(request.user, output.item):
        raise NotFound  # (an empty file: removed under the agency's retention period)
    return FileResponse(output.file.open("rb"), as_attachment=True)
