"""REST endpoints for the signed-in user's notifications."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema

from govflex.notifications.selectors import inbox
from govflex.notifications.services import notification_read

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
