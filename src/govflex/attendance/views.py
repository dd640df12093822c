"""The check-in page (phone first, installable, works offline) and its fragments."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from govflex.attendance.selectors import today_for
from govflex.attendance.services import PunchInput, punch_record
from govflex.common.errors import DomainError, error_text
from govflex.core.enums import PunchSource
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import own_person
from govflex.privacy.consents import consent_give, consent_withdraw


def _me(request: HttpRequest) -> Person | None:
    return own_person(access=access_for(request.user))


@login_required
@never_cache
def checkin(request: HttpRequest) -> HttpResponse:
    person = _me(request)
    if person is None:
        return render(request, "attendance/no_person.html", status=403)
    user: Any = request.user
    return render(
        request,
        "attendance/checkin.html",
        {
            "today": today_for(person=person),
            "form_key": uuid.uuid4().hex,
            "consent": user.location_consent_at is not None,
        },
    )


@login_required
@never_cache
def today_fragment(request: HttpRequest) -> HttpResponse:
    person = _me(request)
    if person is None:
        return HttpResponse(status=403)
    return render(request, "attendance/today.html", {"today": today_for(person=person)})


@login_required
@require_POST
def punch(request: HttpRequest) -> HttpResponse:
    """The no-JavaScript path: the key was generated with the page, so a double submit is one."""
    person = _me(request)
    if person is None:
        return HttpResponse(status=403)
    try:
        _punch, created = punch_record(
            actor=request.user,
            person=person,
            data=PunchInput(idempotency_key=request.POST.get("key", ""), source=PunchSource.WEB),
        )
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        if created:
            messages.success(request, _("Your time was recorded."))
    return redirect("attendance:checkin")


@login_required
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    # Recorded by govflex.privacy against the notice version the page showed (PDPA s. 19).
    raw = request.POST.get("notice_version", "")
    try:
        if request.POST.get("consent") == "yes":
            version = int(raw) if raw.isdigit() else None
            consent_give(user=request.user, kind="location", notice_version=version)
        else:
            consent_withdraw(user=request.user, kind="location")
    except DomainError as exc:
        messages.error(request, error_text(exc))
    return redirect("attendance:checkin")


def manifest(request: HttpRequest) -> HttpResponse:
    import json  # noqa: PLC0415

    body = {
        "name": "GovFlex — ลงเวลาปฏิบัติราชการ",
        "short_name": "GovFlex",
        "lang": "th",
        "start_url": reverse("attendance:checkin"),
        "scope": reverse("attendance:checkin"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [
            {"src": static("attendance/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("attendance/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )


def service_worker(request: HttpRequest) -> HttpResponse:
    """Served under /attendance/ so its scope covers the check-in page."""
    script = render(request, "attendance/sw.js", {"version": "1"}, content_type="text/javascript")
    script["Cache-Control"] = "no-cache"
    return script
