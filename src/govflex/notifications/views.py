"""The notification inbox: read an item (and follow its link), or mark all read."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govflex.common.errors import AccessDenied, DomainError, NotFound
from govflex.notifications.models import WebhookSubscription
from govflex.notifications.selectors import inbox as inbox_items
from govflex.notifications.services import notification_read, notifications_read_all
from govflex.notifications.webhooks import EVENTS, subscription_create, subscription_delete
from govflex.org.access import access_for
from govflex.org.models import Role
from govflex.org.views.helpers import chosen_agency, domain_errors, form_errors, paginate


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return render(
        request, "notifications/inbox.html", paginate(request, inbox_items(actor=request.user), 30)
    )


@login_required
@require_POST
@domain_errors
def read(request: HttpRequest, notification_id: int) -> HttpResponse:
    item = notification_read(actor=request.user, notification_id=notification_id)
    safe = url_has_allowed_host_and_scheme(item.url, allowed_hosts={request.get_host()})
    return redirect(item.url if item.url and safe else "notifications:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    notifications_read_all(actor=request.user)
    return redirect("notifications:inbox")


class WebhookForm(forms.Form):
    url = forms.CharField(label=gettext_lazy("HTTPS address"), max_length=500)
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=[(event, event) for event in EVENTS],
        widget=forms.CheckboxSelectMultiple,
    )


@login_required
@domain_errors
def webhooks(request: HttpRequest) -> HttpResponse:
    """HR registers endpoints that receive agency events (shown the signing secret once)."""
    agency = chosen_agency(request)
    access = access_for(request.user)
    if not access.has_role(agency.pk, Role.HR):
        raise AccessDenied
    form = WebhookForm(request.POST or None)
    secret = ""  # no secret yet  # nosec B105
    if request.method == "POST":
        if request.POST.get("delete", "").isdigit():
            found = WebhookSubscription.objects.filter(
                pk=int(request.POST["delete"]), agency=agency
            ).first()
            if found is None:
                raise NotFound
            subscription_delete(actor=request.user, subscription_id=found.pk, may_manage=True)
            return redirect("notifications:webhooks")
        if form.is_valid():
            try:
                _subscription, secret = subscription_create(
                    actor=request.user,
                    agency_id=agency.pk,
                    url=form.cleaned_data["url"],
                    events=form.cleaned_data["events"],
                    may_manage=True,
                )
            except DomainError as exc:
                form_errors(form, exc)
            else:
                form = WebhookForm()
    items = WebhookSubscription.objects.filter(agency=agency).annotate(
        delivered=Count("deliveries", filter=Q(deliveries__status="delivered")),
        failed=Count("deliveries", filter=Q(deliveries__status="failed")),
        waiting=Count("deliveries", filter=Q(deliveries__status="pending")),
    )
    return render(
        request,
        "notifications/webhooks.html",
        {"form": form, "items": items, "secret": secret, "agency": agency},
    )
