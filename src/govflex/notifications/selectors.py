"""The reader's notifications, newest first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from govflex.notifications.models import Notification


def inbox(*, actor: Any, unread_only: bool = False) -> QuerySet[Notification]:
    items = Notification.objects.filter(user=actor)
    return items.filter(read_at__isnull=True) if unread_only else items


def unread_count(*, actor: Any) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).count()
