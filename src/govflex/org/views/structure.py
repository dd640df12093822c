"""Units, positions and work sites: browse (everyone in the agency) and edit (HR)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from govflex.org import selectors, services
from govflex.org.forms import PositionForm, SearchForm, UnitForm, WorkSiteForm
from govflex.org.models import Unit
from govflex.org.views.editing import edit_object
from govflex.org.views.helpers import access_of, chosen_agency, domain_errors, paginate


@login_required
@domain_errors
def units(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    agency = chosen_agency(request)
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    if search:
        rows = list(selectors.unit_list(access=access, agency_id=agency.pk, search=search))
    else:
        rows = selectors.unit_tree(access=access, agency_id=agency.pk)
    return render(
        request,
        "org/units.html",
        {
            "agency": agency,
            "units": rows,
            "form": form,
            "can_edit": access.can_manage_org(agency.pk),
            "agencies": selectors.agency_list(access=access),
        },
    )


@login_required
@domain_errors
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    access = access_of(request)
    unit = selectors.unit_get(access=access, unit_id=unit_id)
    people = selectors.person_list(access=access, within=unit)
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "ancestors": _ancestors(unit),
            "children": selectors.unit_list(access=access, agency_id=unit.agency_id).filter(
                parent=unit
            ),
            "can_edit": access.can_manage_org(unit.agency_id),
            **paginate(request, people),
        },
    )


def _ancestors(unit: Unit) -> list[Unit]:
    ids = [int(part) for part in unit.path.strip("/").split("/")[:-1] if part]
    found = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


@login_required
@domain_errors
def unit_edit(request: HttpRequest, unit_id: int | None = None) -> HttpResponse:
    access = access_of(request)
    unit = selectors.unit_get(access=access, unit_id=unit_id) if unit_id else None
    agency = unit.agency if unit else chosen_agency(request)
    return edit_object(
        request,
        agency=agency,
        form_class=UnitForm,
        save=services.unit_save,
        instance=unit,
        title=_("Edit unit") if unit else _("New unit"),
        success=lambda u: reverse("org:unit", args=[u.pk]),
        cancel_url=reverse("org:unit", args=[unit.pk]) if unit else reverse("org:units"),
    )


@login_required
@domain_errors
def positions(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    agency = chosen_agency(request)
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    rows = selectors.position_list(access=access, agency_id=agency.pk, search=search)
    return render(
        request,
        "org/positions.html",
        {
            "agency": agency,
            "form": form,
            "can_edit": access.can_manage_org(agency.pk),
            **paginate(request, rows),
        },
    )


@login_required
@domain_errors
def position_edit(request: HttpRequest, position_id: int | None = None) -> HttpResponse:
    access = access_of(request)
    position = (
        selectors.position_get(access=access, position_id=position_id) if position_id else None
    )
    return edit_object(
        request,
        agency=position.agency if position else chosen_agency(request),
        form_class=PositionForm,
        save=services.position_save,
        instance=position,
        title=_("Edit position") if position else _("New position"),
        success=lambda _p: reverse("org:positions"),
        cancel_url=reverse("org:positions"),
    )


@login_required
@domain_errors
def work_sites(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    agency = chosen_agency(request)
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    rows = selectors.work_site_list(access=access, agency_id=agency.pk, search=search)
    return render(
        request,
        "org/work_sites.html",
        {
            "agency": agency,
            "form": form,
            "can_edit": access.can_manage_org(agency.pk),
            **paginate(request, rows),
        },
    )


@login_required
@domain_errors
def work_site_edit(request: HttpRequest, site_id: int | None = None) -> HttpResponse:
    access = access_of(request)
    site = selectors.work_site_get(access=access, site_id=site_id) if site_id else None
    return edit_object(
        request,
        agency=site.agency if site else chosen_agency(request),
        form_class=WorkSiteForm,
        save=services.work_site_save,
        instance=site,
        title=_("Edit work site") if site else _("New work site"),
        success=lambda _s: reverse("org:work_sites"),
        cancel_url=reverse("org:work_sites"),
    )
