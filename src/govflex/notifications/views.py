"""The notification inbox: read an item (and follow its link), or mark all read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from govflex.notifications.selectors import inbox as inbox_items
from govflex.notifications.services import notification_read, notifications_read_all
from govflex.org.views.helpers import domain_errors, paginate


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
