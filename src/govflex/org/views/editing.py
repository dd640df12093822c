"""One pattern for every HR edit screen: form parses, service decides, errors land on fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from govflex.common.errors import ValidationFailed
from govflex.org.access import access_for
from govflex.org.forms import AgencyScopedForm
from govflex.org.models import Agency


def edit_object(
    request: HttpRequest,
    *,
    agency: Agency,
    form_class: type[AgencyScopedForm],
    save: Callable[..., models.Model],
    instance: models.Model | None,
    title: str,
    success: Callable[[models.Model], str],
    cancel_url: str,
) -> HttpResponse:
    access = access_for(request.user)
    access.require(access.can_manage_org(agency.pk))
    form = form_class(request.POST or None, instance=instance, agency=agency)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.changed_data_dict()
        try:
            saved = save(actor=request.user, agency=agency, data=data, **_target(instance))
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(success(saved))
    return render(
        request,
        "org/edit.html",
        {"form": form, "title": title, "agency": agency, "cancel_url": cancel_url},
    )


def _target(instance: models.Model | None) -> dict[str, Any]:
    if instance is None:
        return {}
    return {instance._meta.model_name.replace("worksite", "site"): instance}  # type: ignore[union-attr]


def _add_errors(form: AgencyScopedForm, exc: ValidationFailed) -> None:
    fields = exc.details.get("fields", {})
    for name, errors in fields.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)
    if not fields:
        form.add_error(None, str(exc.message))
