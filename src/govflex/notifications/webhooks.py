"""Outgoing webhooks: agency events as JSON, signed with HMAC-SHA256, retried with back-off.

The receiver checks ``X-GovFlex-Signature: sha256=<hex>`` — the HMAC of the raw body with the
subscription's secret — and may use ``X-GovFlex-Delivery`` to ignore repeats (a delivery can be
sent again after a timeout, so receivers must be idempotent).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.notifications.models import WebhookDelivery, WebhookSubscription

EVENTS = ("document.published", "arrangement.recall", "roster.published")
MAX_ATTEMPTS = 6
TIMEOUT_SECONDS = 10
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    local = parts.hostname in LOCAL_HOSTS and settings.GOVFLEX_ENV != "production"
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ValidationFailed(
            details={
                "fields": {
                    "url": [
                        _(
                            "The address must start with https:// (http only for localhost "
                            "in development)."
                        )
                    ]
                }
            }
        )
    if not parts.hostname:
        raise ValidationFailed(details={"fields": {"url": [_("Not a web address.")]}})


@transaction.atomic
def subscription_create(
    *, actor: Any, agency_id: int, url: str, events: list[str], may_manage: bool
) -> tuple[WebhookSubscription, str]:
    """Register an endpoint; the signing secret is returned once (store it at the receiver)."""
    if not may_manage:
        raise AccessDenied(_("Only HR can manage webhooks."))
    _check_url(url.strip())
    unknown = sorted(set(events) - set(EVENTS))
    if not events or unknown:
        raise ValidationFailed(
            details={
                "fields": {"events": [_("Choose from: %(events)s") % {"events": ", ".join(EVENTS)}]}
            }
        )
    secret = secrets.token_urlsafe(32)
    subscription = WebhookSubscription.objects.create(
        agency_id=agency_id,
        url=url.strip(),
        secret=secret,
        events=sorted(set(events)),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="webhook.subscribed",
        target=subscription,
        agency_id=agency_id,
        after={"url": subscription.url, "events": subscription.events},
    )
    return subscription, secret


@transaction.atomic
def subscription_delete(*, actor: Any, subscription_id: int, may_manage: bool) -> None:
    subscription = WebhookSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        raise NotFound
    if not may_manage:
        raise AccessDenied
    audit_record(
        actor=actor,
        action="webhook.deleted",
        target=subscription,
        agency_id=subscription.agency_id,
        before={"url": subscription.url},
    )
    subscription.delete()


def emit(*, agency_id: int, event: str, payload: dict[str, Any]) -> int:
    """Queue the event for every active subscription of the agency (after the commit)."""
    deliveries = [
        WebhookDelivery.objects.create(subscription=subscription, event=event, payload=payload)
        for subscription in WebhookSubscription.objects.filter(agency_id=agency_id, active=True)
        if event in subscription.events
    ]
    from govflex.notifications.tasks import deliver_webhook  # noqa: PLC0415 - tasks import us

    ids = [delivery.pk for delivery in deliveries]

    def send() -> None:
        for pk in ids:
            deliver_webhook.enqueue(pk)

    if ids:
        transaction.on_commit(send)
    return len(ids)


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 2 min, 8 min, 32 min, ~2 h between attempts."""
    return dt.timedelta(seconds=30 * 4 ** max(0, attempts - 1))


def deliver(delivery_id: int) -> str:
    """Send one delivery; on failure schedule the next attempt, up to ``MAX_ATTEMPTS``."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "skipped"
    body = json.dumps(
        {"event": delivery.event, "delivery": delivery.pk, "data": delivery.payload},
        ensure_ascii=False,
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - https (or local http) checked at subscription
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "X-GovFlex-Event": delivery.event,
            "X-GovFlex-Delivery": str(delivery.pk),
            "X-GovFlex-Signature": signature(delivery.subscription.secret, body),
        },
    )
    delivery.attempts += 1
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - scheme checked  # nosec B310
            ok = 200 <= response.status < 300
            error = "" if ok else f"HTTP {response.status}"
    except (urllib.error.URLError, OSError) as exc:
        ok, error = False, str(exc)[:500]
    if ok:
        delivery.status, delivery.delivered_at, delivery.last_error = (
            WebhookDelivery.Status.DELIVERED,
            timezone.now(),
            "",
        )
    else:
        delivery.last_error = error
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = WebhookDelivery.Status.FAILED
    delivery.save()
    if not ok and delivery.status == WebhookDelivery.Status.PENDING:
        from govflex.notifications.tasks import deliver_webhook  # noqa: PLC0415

        # The database queue runs it later; a backend that cannot defer (tests) leaves the
        # next attempt to whoever calls deliver again.
        if deliver_webhook.get_backend().supports_defer:
            later = timezone.now() + backoff(delivery.attempts)
            deliver_webhook.using(run_after=later).enqueue(delivery.pk)
    return delivery.status
