"""The public pages (no sign-in): the catalogue, a service's form, the tracking page and the
answer to a question. Thai first, phone first; no inline scripts or styles (strict CSP)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST

from govflex.common.errors import DomainError, NotFound, ValidationFailed, error_text
from govflex.core.eservice.tracking import EXAMPLE, display
from govflex.eservice import ratelimit
from govflex.eservice.catalogue import (
    fields_of,
    notice_current,
    public_agencies,
    public_agency,
    public_service,
    public_services,
)
from govflex.eservice.forms import answers_form, applicant_form, token_from
from govflex.eservice.intake import (
    TrackingCodeInvalid,
    request_reply,
    request_submit,
    request_track,
)

F = TypeVar("F", bound=Callable[..., HttpResponseBase])


def _lang() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"


def public_errors(view: F) -> F:
    """Not found and too many attempts as plain public pages (429 says when to try again)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except ratelimit.RateLimited as exc:
            response = render(
                request, "eservice/public_problem.html", {"message": exc.message}, status=429
            )
            response["Retry-After"] = str(exc.details.get("retry_after", 60))
            return response
        except NotFound as exc:
            return render(
                request, "eservice/public_problem.html", {"message": exc.message}, status=404
            )

    return wrapper  # type: ignore[return-value]


@public_errors
def index(request: HttpRequest) -> HttpResponse:
    agencies = list(public_agencies())
    if len(agencies) == 1:
        return redirect("eservice_public:catalogue", agency_code=agencies[0].code)
    return render(request, "eservice/public_index.html", {"agencies": agencies})


@public_errors
def catalogue(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = public_agency(code=agency_code)
    services = [
        {"service": s, "name": s.name(_lang()), "description": s.description(_lang())}
        for s in public_services(agency=agency)
    ]
    return render(
        request, "eservice/public_catalogue.html", {"agency": agency, "services": services}
    )


@public_errors
@require_http_methods(["GET", "POST"])
def service_form(request: HttpRequest, agency_code: str, service_code: str) -> HttpResponse:
    service = public_service(agency_code=agency_code, code=service_code)
    agency = service.agency
    fields = fields_of(service)
    data = request.POST if request.method == "POST" else None
    applicant, answers = applicant_form(data), answers_form(fields, data)
    token = token_from(request.POST) if data is not None else uuid.uuid4()
    status = 200
    problems: dict[str, list[str]] = {}
    if data is not None:
        try:
            submission = request_submit(
                service=service,
                client_token=token,
                applicant=applicant.raw(),
                answers=answers.raw(),
                privacy_accepted=request.POST.get("privacy") == "yes",
                privacy_version=int(request.POST.get("notice_version") or -1)
                if (request.POST.get("notice_version") or "").isdigit()
                else -1,
                files=request.FILES.getlist("files"),
                language=_lang(),
                honeypot=request.POST.get("website", ""),
                throttle=lambda: ratelimit.require("submit", request),
            )
        except ValidationFailed as exc:
            status = 422
            problems = exc.details.get("fields", {}) or {"__all__": [error_text(exc)]}
            for name, texts in problems.items():
                target = answers if name in answers.fields else applicant
                for text in texts:
                    target.add_error(name if name in target.fields else None, str(text))
        else:
            query = urlencode({"code": display(submission.request.tracking_code), "new": "1"})
            return redirect(f"{reverse('eservice_public:track')}?{query}")
    notice = notice_current(agency_id=agency.pk)
    context = {
        "agency": agency,
        "service": service,
        "service_name": service.name(_lang()),
        "description": service.description(_lang()),
        "applicant": applicant,
        "answers": answers,
        "client_token": token,
        "notice": notice,
        "notice_text": notice.text(_lang()),
        "privacy_errors": problems.get("privacy", []),
        "file_errors": problems.get("files", []),
        "other_errors": problems.get("__all__", []),
        "privacy_checked": request.POST.get("privacy") == "yes" and "privacy" not in problems,
    }
    return render(request, "eservice/public_form.html", context, status=status)


@public_errors
def track(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("code", "")
    context: dict[str, Any] = {"code": raw, "example": EXAMPLE, "lang": _lang()}
    status = 200
    if raw:
        try:
            context["found"] = request_track(
                raw_code=raw, throttle=lambda: ratelimit.require("track", request)
            )
            context["display_code"] = display(context["found"].tracking_code)
            context["new"] = request.GET.get("new") == "1"
            context["replied"] = request.GET.get("replied") == "1"
            context["reply_token"] = uuid.uuid4()
        except TrackingCodeInvalid as exc:
            status = 422
            context["code_error"] = error_text(exc)
        except NotFound as exc:
            status = 404
            context["code_error"] = str(exc.message)
    return render(request, "eservice/public_track.html", context, status=status)


@public_errors
@require_POST
def reply(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("code", "")
    query = urlencode({"code": raw})
    try:
        request_reply(
            raw_code=raw,
            client_token=token_from(request.POST),
            message=request.POST.get("message", ""),
            files=request.FILES.getlist("files"),
            throttle=lambda: ratelimit.require("reply", request),
        )
    except TrackingCodeInvalid as exc:
        return render(
            request, "eservice/public_problem.html", {"message": error_text(exc)}, status=422
        )
    except DomainError as exc:
        if isinstance(exc, NotFound | ratelimit.RateLimited):
            raise
        found = request_track(raw_code=raw)
        context = {
            "code": raw,
            "found": found,
            "display_code": display(found.tracking_code),
            "reply_token": token_from(request.POST),
            "reply_errors": [
                text for texts in exc.details.get("fields", {}).values() for text in texts
            ]
            or [error_text(exc)],
            "reply_message": request.POST.get("message", ""),
            "lang": _lang(),
        }
        return render(request, "eservice/public_track.html", context, status=422)
    return redirect(f"{reverse('eservice_public:track')}?{query}&replied=1")
