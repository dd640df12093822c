"""Background tasks of notifications: e-mail copies and webhook deliveries."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_webhook(delivery_id: int) -> str:
    from govflex.notifications.webhooks import deliver  # noqa: PLC0415

    return deliver(delivery_id)


@task()
def send_emails(notification_ids: list[int]) -> int:
    from govflex.notifications.mail import send_notification_emails  # noqa: PLC0415

    return send_notification_emails(notification_ids)
