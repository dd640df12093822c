"""People: search and browse (scoped), view a person, edit (HR)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from govflex.org import roles, selectors, services
from govflex.org.forms import AccountForm, PeopleFilterForm, PersonForm, RoleGrantForm
from govflex.org.views.editing import edit_object
from govflex.org.views.helpers import access_of, chosen_agency, domain_errors, paginate


@login_required
@domain_errors
def people(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    agency = chosen_agency(request)
    units = selectors.unit_list(access=access, agency_id=agency.pk)
    form = PeopleFilterForm(request.GET or None, units=units)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.person_list(
        access=access,
        agency_id=agency.pk,
        search=filters.get("q", ""),
        within=filters.get("unit"),
        position_type=filters.get("position_type", ""),
        staff_category=filters.get("staff_category", ""),
    )
    return render(
        request,
        "org/people.html",
        {
            "agency": agency,
            "form": form,
            "can_edit": access.can_manage_org(agency.pk),
            **paginate(request, rows),
        },
    )


@login_required
@domain_errors
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    access = access_of(request)
    person = selectors.person_get(access=access, person_id=person_id)
    can_edit = access.can_manage_org(person.agency_id)
    return render(
        request,
        "org/person_detail.html",
        {
            "person": person,
            "can_edit": can_edit,
            "reports": selectors.person_list(access=access).filter(supervisor=person),
            "grants": roles.role_grants_of(access=access, person=person),
            "account_form": AccountForm() if can_edit and person.user_id is None else None,
            "role_form": RoleGrantForm(agency=person.agency)
            if can_edit and person.user_id
            else None,
        },
    )


@login_required
@domain_errors
def person_edit(request: HttpRequest, person_id: int | None = None) -> HttpResponse:
    access = access_of(request)
    person = selectors.person_get(access=access, person_id=person_id) if person_id else None
    return edit_object(
        request,
        agency=person.agency if person else chosen_agency(request),
        form_class=PersonForm,
        save=services.person_save,
        instance=person,
        title=_("Edit person") if person else _("New person"),
        success=lambda p: reverse("org:person", args=[p.pk]),
        cancel_url=reverse("org:person", args=[person.pk]) if person else reverse("org:people"),
    )
