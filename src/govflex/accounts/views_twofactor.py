"""Pages for two-factor sign-in and, for system administrators, lockouts and resets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govflex.accounts import lockout, twofactor
from govflex.accounts.forms_twofactor import CodeForm, UsernameForm
from govflex.accounts.views import _safe_next
from govflex.common.errors import DomainError, error_text


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """The user's own second factor: status, backup codes, switch off (when optional)."""
    status = twofactor.two_factor_status(request.user)
    return render(request, "accounts/two_factor.html", {"status": status})


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if twofactor.has_second_factor(user) and not twofactor.session_verified(request):
        # Replacing an authenticator needs the current one first.
        return redirect("accounts:two_factor_verify")
    form = CodeForm(request.POST or None)
    device = twofactor.totp_pending(user=user)
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.totp_enrolment_confirm(
                request=request, user=user, code=form.cleaned_data["code"]
            )
        except DomainError as exc:
            form.add_error("code", error_text(exc))
        else:
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": _safe_next(request, "/"), "enrolled": True},
            )
    if device is None:
        device = twofactor.totp_enrolment_start(user=user)
    context = {
        "form": form,
        "qr": twofactor.qr_svg(device),
        "secret": twofactor.secret_text(device),
        "required": twofactor.two_factor_status(user).required,
        "next": _safe_next(request, ""),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if twofactor.session_verified(request):
        return redirect(_safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.two_factor_verify(request=request, code=form.cleaned_data["code"]):
            return redirect(_safe_next(request))
        form.add_error(
            "code",
            _(
                "The code is not correct or has been used. Wait for a new code and try again; "
                "after several wrong codes you must wait longer each time."
            ),
        )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _safe_next(request, "")},
    )


@login_required
@require_POST
def backup_codes_renew(request: HttpRequest) -> HttpResponse:
    try:
        codes = twofactor.backup_codes_renew(user=request.user)
    except DomainError as exc:
        messages.error(request, error_text(exc))
        return redirect("accounts:two_factor")
    return render(request, "accounts/backup_codes.html", {"codes": codes, "enrolled": False})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    try:
        twofactor.two_factor_disable(user=request.user)
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Two-factor sign-in was switched off."))
    return redirect("accounts:two_factor")


@login_required
def signin_admin(request: HttpRequest) -> HttpResponse:
    """System administrators: locked-out sign-ins (unlock) and second-factor resets."""
    if not getattr(request.user, "is_superuser", False):
        raise PermissionDenied
    unlock_form = UsernameForm(prefix="unlock")
    reset_form = UsernameForm(prefix="reset")
    if request.method == "POST":
        action = request.POST.get("action")
        form = UsernameForm(request.POST, prefix=action if action in {"unlock", "reset"} else "x")
        if form.is_valid():
            username = form.cleaned_data["username"]
            try:
                if action == "unlock":
                    lockout.lockout_clear(actor=request.user, username=username)
                    messages.success(request, _("%(name)s may sign in again.") % {"name": username})
                elif action == "reset":
                    twofactor.two_factor_reset(actor=request.user, username=username)
                    messages.success(
                        request,
                        _("Two-factor sign-in of %(name)s was reset; they enrol again.")
                        % {"name": username},
                    )
            except DomainError as exc:
                messages.error(request, error_text(exc))
            return redirect("accounts:signin_admin")
    return render(
        request,
        "accounts/signin_admin.html",
        {
            "locked": lockout.lockouts_current(actor=request.user),
            "unlock_form": unlock_form,
            "reset_form": reset_form,
        },
    )
