"""REST endpoints for the signed-in user's notifications."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema, Status

from govflex.common.errors import AccessDenied, NotFound
from govflex.notifications.models import WebhookSubscription
from govflex.notifications.selectors import inbox
from govflex.notifications.services import notification_read
from govflex.notifications.webhooks import subscription_create, subscription_delete
from govflex.org.access import access_for
from govflex.org.models import Role

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


def _out(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "subject": item.subject(get_language() or "th"),
        "url": item.url,
        "created_at": item.created_at,
        "read_at": item.read_at,
    }


@router.get("/me/notifications", response=list[NotificationOut])
def list_notifications(request: HttpRequest, unread: bool = False, limit: int = 50) -> Any:
    items = inbox(actor=request.user, unread_only=unread)[: max(1, min(limit, 200))]
    return [_out(item) for item in items]


@router.post("/me/notifications/{notification_id}/read", response=NotificationOut)
def mark_read(request: HttpRequest, notification_id: int) -> Any:
    return _out(notification_read(actor=request.user, notification_id=notification_id))


class WebhookIn(Schema):
    url: str
    events: list[str]


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    active: bool
    created_at: dt.datetime


class WebhookCreatedOut(WebhookOut):
    secret: str


def _may_manage(request: HttpRequest, agency_id: int) -> bool:
    access = access_for(request.user)
    if not access.can_view_structure(agency_id):
        raise NotFound
    return access.has_role(agency_id, Role.HR)


@router.get("/agencies/{agency_id}/webhooks", response=list[WebhookOut])
def list_webhooks(request: HttpRequest, agency_id: int) -> Any:
    if not _may_manage(request, agency_id):
        raise AccessDenied
    return list(WebhookSubscription.objects.filter(agency_id=agency_id))


@router.post("/agencies/{agency_id}/webhooks", response={201: WebhookCreatedOut})
def create_webhook(request: HttpRequest, agency_id: int, payload: WebhookIn) -> Any:
    """Register an HTTPS endpoint; the signing secret is shown in this answer only."""
    subscription, secret = subscription_create(
        actor=request.user,
        agency_id=agency_id,
        url=payload.url,
        events=payload.events,
        may_manage=_may_manage(request, agency_id),
    )
    return Status(201, {**WebhookOut.from_orm(subscription).dict(), "secret": secret})


@router.delete("/agencies/{agency_id}/webhooks/{subscription_id}", response={204: None})
def delete_webhook(request: HttpRequest, agency_id: int, subscription_id: int) -> Any:
    found = WebhookSubscription.objects.filter(pk=subscription_id, agency_id=agency_id).exists()
    if not found:
        raise NotFound
    subscription_delete(
        actor=request.user,
        subscription_id=subscription_id,
        may_manage=_may_manage(request, agency_id),
    )
    return Status(204, None)
