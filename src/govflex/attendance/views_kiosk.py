"""Kiosk screens: HR registers tablets; the tablet shows the code; phones scan and punch."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from govflex.attendance import kiosk as kiosks
from govflex.attendance.models import Kiosk
from govflex.common.errors import DomainError, NotFound
from govflex.org.access import access_for
from govflex.org.models import WorkSite
from govflex.org.selectors import own_person
from govflex.org.views.helpers import chosen_agency, domain_errors


class KioskForm(forms.Form):
    site = forms.ModelChoiceField(label=gettext_lazy("Work site"), queryset=WorkSite.objects.none())
    name = forms.CharField(label=gettext_lazy("Kiosk name"), max_length=100)


@login_required
@domain_errors
def kiosk_list(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    access = access_for(request.user)
    access.require(access.can_manage_org(agency.pk))
    form = KioskForm(request.POST or None)
    form.fields["site"].queryset = WorkSite.objects.filter(agency=agency)  # type: ignore[attr-defined]
    created_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            kiosk, secret = kiosks.kiosk_create(
                actor=request.user, site=form.cleaned_data["site"], name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            path = reverse("attendance:kiosk_screen", args=[kiosk.pk])
            created_url = request.build_absolute_uri(f"{path}?key={secret}")
            form = KioskForm()
            form.fields["site"].queryset = WorkSite.objects.filter(agency=agency)  # type: ignore[attr-defined]
    return render(
        request,
        "attendance/kiosk_list.html",
        {
            "agency": agency,
            "form": form,
            "kiosks": Kiosk.objects.filter(agency=agency).select_related("site"),
            "created_url": created_url,
        },
    )


def _screen_context(request: HttpRequest, kiosk_id: int) -> dict[str, object]:
    kiosk = kiosks.kiosk_for_display(kiosk_id=kiosk_id, secret=request.GET.get("key", ""))
    now = timezone.now()
    token = kiosks.kiosk_token(kiosk=kiosk, now=now)
    url = request.build_absolute_uri(reverse("attendance:scan", args=[token]))
    return {"kiosk": kiosk, "svg": kiosks.kiosk_qr_svg(url=url), "url": url, "now": now}


@never_cache
def kiosk_screen(request: HttpRequest, kiosk_id: int) -> HttpResponse:
    try:
        context = _screen_context(request, kiosk_id)
    except NotFound:
        return render(request, "404.html", status=404)
    return render(request, "attendance/kiosk_screen.html", context)


@never_cache
def kiosk_code(request: HttpRequest, kiosk_id: int) -> HttpResponse:
    try:
        context = _screen_context(request, kiosk_id)
    except NotFound:
        return HttpResponse(status=404)
    return render(request, "attendance/kiosk_code.html", context)


@login_required
@never_cache
def scan(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what will happen; POST punches (a link preview must never punch)."""
    person = own_person(access=access_for(request.user))
    if person is None:
        return render(request, "attendance/no_person.html", status=403)
    error, punched, kiosk = "", None, None
    try:
        kiosk = kiosks.kiosk_token_check(token=token, now=timezone.now())
        if request.method == "POST":
            punched = kiosks.kiosk_punch(actor=request.user, person=person, token=token)
    except DomainError as exc:
        error = str(exc.message)
    status = 400 if error else 200
    return render(
        request,
        "attendance/scan.html",
        {"kiosk": kiosk, "token": token, "error": error, "punched": punched},
        status=status,
    )
