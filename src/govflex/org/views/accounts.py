"""A person's login account and roles, managed from their page."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govflex.common.errors import AccessDenied, DomainError, NotFound, error_text
from govflex.org import roles, selectors
from govflex.org.forms import AccountForm, RoleGrantForm
from govflex.org.views.helpers import access_of, domain_errors


def _attempt(request: HttpRequest, action: Callable[[], object], done: str) -> None:
    """Run a service; show its validation problems as a message (403/404 propagate)."""
    try:
        action()
    except (AccessDenied, NotFound):
        raise
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)


@login_required
@require_POST
@domain_errors
def person_account(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get(access=access_of(request), person_id=person_id)
    form = AccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a username and a password."))
    else:
        _attempt(
            request,
            lambda: roles.person_account_create(
                actor=request.user,
                person=person,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            ),
            _("The login account was created."),
        )
    return redirect("org:person", person_id=person.pk)


@login_required
@require_POST
@domain_errors
def person_role_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get(access=access_of(request), person_id=person_id)
    form = RoleGrantForm(request.POST, agency=person.agency)
    if person.user is None:
        messages.error(request, _("Create a login account first."))
    elif form.is_valid():
        _attempt(
            request,
            lambda: roles.role_grant_add(
                actor=request.user,
                agency=person.agency,
                user=person.user,
                role=form.cleaned_data["role"],
                unit=form.cleaned_data["unit"],
            ),
            _("The role was granted."),
        )
    return redirect("org:person", person_id=person.pk)


@login_required
@require_POST
@domain_errors
def person_role_remove(request: HttpRequest, person_id: int, grant_id: int) -> HttpResponse:
    person = selectors.person_get(access=access_of(request), person_id=person_id)
    if (
        not roles.role_grants_of(access=access_of(request), person=person)
        .filter(pk=grant_id)
        .exists()
    ):
        return redirect("org:person", person_id=person.pk)
    roles.role_grant_remove(actor=request.user, grant_id=grant_id)
    messages.success(request, _("The role was removed."))
    return redirect("org:person", person_id=person.pk)
