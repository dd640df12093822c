"""Sign-in, language switch, preferences and personal API tokens."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govflex.accounts import services
from govflex.accounts.forms import ApiTokenForm, PreferencesForm
from govflex.accounts.models import ApiToken
from govflex.common.errors import DomainError


def _safe_next(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch between Thai and English; saved on the user, or in a cookie before sign-in."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_safe_next(request))
    if language not in dict(settings.LANGUAGES):
        return response
    user: Any = request.user
    if user.is_authenticated:
        services.user_set_preferences(user=user, language=language, thai_digits=user.thai_digits)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PreferencesForm(
        request.POST or None, initial={"language": user.language, "thai_digits": user.thai_digits}
    )
    token_form = ApiTokenForm()
    if request.method == "POST" and form.is_valid():
        services.user_set_preferences(
            user=user,
            language=form.cleaned_data["language"],
            thai_digits=form.cleaned_data["thai_digits"],
        )
        translation.activate(user.language)
        messages.success(request, _("Your preferences were saved."))
        response = redirect("accounts:preferences")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        return response
    return render(
        request,
        "accounts/preferences.html",
        {"form": form, "token_form": token_form, "tokens": ApiToken.objects.filter(user=user)},
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, plain = services.api_token_create(
                user=user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                access=form.cleaned_data["access"],
                resources=form.cleaned_data["resources"],
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            return render(request, "accounts/token_created.html", {"token": token, "plain": plain})
    else:
        messages.error(request, _("Check the token name and the number of days."))
    return redirect("accounts:preferences")


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user: Any = request.user
    try:
        services.api_token_revoke(user=user, token_id=token_id)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("accounts:preferences")
