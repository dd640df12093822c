"""Notifications leave the app: e-mail copies, and signed webhooks retried with back-off."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core import mail

from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.notifications.models import WebhookDelivery
from govflex.notifications.services import notify
from govflex.notifications.webhooks import MAX_ATTEMPTS, deliver, emit, subscription_create
from tests.factories import UserFactory


def test_notifications_are_copied_by_email(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    reader = UserFactory(email="somchai@example.go.th")
    silent = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[reader, silent], kind="test", th="มีคำสั่งใหม่", en="A new order", url="/x/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["somchai@example.go.th"]
    assert "มีคำสั่งใหม่" in mail.outbox[0].subject
    assert "/x/" in mail.outbox[0].body


class _Receiver(BaseHTTPRequestHandler):
    received: list[tuple[Any, bytes]] = []  # noqa: RUF012 - test collector
    status = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers, body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Any:
    _Receiver.received = []
    _Receiver.status = 200
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_webhooks_are_signed_and_retried(
    org: dict[str, Any], hr: Any, receiver: Any, django_capture_on_commit_callbacks: Any
) -> None:
    agency = org["agency"].pk
    with pytest.raises(ValidationFailed):
        subscription_create(
            actor=hr,
            agency_id=agency,
            url="http://bot.example.com/hook",
            events=["document.published"],
            may_manage=True,
        )
    with pytest.raises(ValidationFailed):
        subscription_create(
            actor=hr,
            agency_id=agency,
            url="https://bot.example.com/hook",
            events=["nope"],
            may_manage=True,
        )
    with pytest.raises(AccessDenied):
        subscription_create(
            actor=hr,
            agency_id=agency,
            url="https://bot.example.com/hook",
            events=["document.published"],
            may_manage=False,
        )
    url = f"http://127.0.0.1:{receiver.server_port}/hook"  # local http: development only
    subscription, secret = subscription_create(
        actor=hr, agency_id=agency, url=url, events=["document.published"], may_manage=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert emit(agency_id=agency, event="document.published", payload={"number": 7}) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    headers, body = _Receiver.received[0]
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-GovFlex-Signature"] == expected
    assert json.loads(body)["data"] == {"number": 7}
    # A failing receiver: each attempt is counted and the next is scheduled, then it gives up.
    _Receiver.status = 500
    failing = WebhookDelivery.objects.create(
        subscription=subscription, event="document.published", payload={}
    )
    for _ in range(MAX_ATTEMPTS):
        deliver(failing.pk)
    failing.refresh_from_db()
    assert failing.attempts == MAX_ATTEMPTS
    assert failing.status == WebhookDelivery.Status.FAILED
    assert "500" in failing.last_error
    assert emit(agency_id=agency, event="roster.published", payload={}) == 0  # not subscribed


def test_webhook_page_shows_the_secret_once(org: dict[str, Any], hr: Any) -> None:
    from django.test import Client

    from govflex.notifications.models import WebhookSubscription

    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(hr)
    bad = client.post(
        "/notifications/webhooks/",
        {"url": "http://bot.example.com/x", "events": ["document.published"]},
    )
    assert "https://" in bad.content.decode()
    made = client.post(
        "/notifications/webhooks/",
        {"url": "https://bot.example.com/x", "events": ["document.published"]},
    )
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in made.content.decode()
    assert subscription.secret not in client.get("/notifications/webhooks/").content.decode()
    client.post("/notifications/webhooks/", {"delete": subscription.pk})
    assert not WebhookSubscription.objects.exists()
    staff = Client()
    staff.force_login(UserFactory())
    assert staff.get("/notifications/webhooks/").status_code in {403, 404}
