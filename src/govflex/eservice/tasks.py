"""Background tasks of the e-service."""

from __future__ import annotations

from django_tasks import task


@task()
def send_status_email(event_id: int) -> int:
    from govflex.eservice.mail import send_status_email as send  # noqa: PLC0415

    return send(event_id)
