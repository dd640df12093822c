"""Sending and reading notifications. Senders call :func:`notify` inside their transaction, so
a notification exists exactly when the change it announces was committed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
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
    if settings.GOVFLEX_NOTIFY_EMAIL and rows:
        from govflex.notifications.tasks import send_emails  # noqa: PLC0415 - tasks import us

        # bulk_create returns the keys on PostgreSQL and on SQLite 3.35+ (RETURNING).
        ids = [row.pk for row in rows]
        transaction.on_commit(lambda: send_emails.enqueue(ids))
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
