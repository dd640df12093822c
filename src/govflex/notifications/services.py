"""Sending and reading notifications. Senders call :func:`notify` inside their transaction, so
a notification exists exactly when the change it announces was committed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from govflex.common.errors import NotFound
from govflex.notifications.models import Notification


def notify(*, users: Iterable[Any], kind: str, th: str, en: str, url: str = "") -> int:
    """One notification per distinct user (people without a login are skipped)."""
    seen: set[int] = set()
    rows = []
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(user=user, kind=kind, subject_th=th[:300], subject_en=en[:300], url=url)
        )
    Notification.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def notification_read(*, actor: Any, notification_id: int) -> Notification:
    """Mark one of the reader's own notifications read (someone else's is 'not found')."""
    item = Notification.objects.filter(user=actor, pk=notification_id).first()
    if item is None:
        raise NotFound
    if item.read_at is None:
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
    return item


def notifications_read_all(*, actor: Any) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
