"""The home page: what the signed-in user can reach, with counts in their scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govflex.org import selectors
from govflex.org.views.helpers import access_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    agency = selectors.default_agency(access=access)
    person = None
    counts = {}
    if agency is not None:
        counts = {
            "units": selectors.unit_list(access=access, agency_id=agency.pk).count(),
            "people": selectors.person_list(access=access, agency_id=agency.pk).count(),
            "positions": selectors.position_list(access=access, agency_id=agency.pk).count(),
            "work_sites": selectors.work_site_list(access=access, agency_id=agency.pk).count(),
        }
    if access.person_id is not None:
        person = selectors.person_get(access=access, person_id=access.person_id)
    return render(
        request,
        "org/home.html",
        {"agency": agency, "counts": counts, "person": person, "role_labels": access.role_labels()},
    )
