"""E-mail copies of notifications (console backend in development; SMTP by settings)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail

from govflex.notifications.models import Notification


def send_notification_emails(notification_ids: list[int]) -> int:
    """One message per notification whose reader has an e-mail address, in their language."""
    messages = []
    base = settings.GOVFLEX_BASE_URL.rstrip("/")
    for item in Notification.objects.filter(pk__in=notification_ids).select_related("user"):
        address = item.user.email
        if not address:
            continue
        language = getattr(item.user, "language", "th") or "th"
        subject = item.subject(language)
        link = f"{base}{item.url}" if item.url else base
        footer = "GovFlex — ระบบบริหารการปฏิบัติราชการวิถีใหม่"
        messages.append(
            (f"[GovFlex] {subject}", f"{subject}\n\n{link}\n\n{footer}", None, [address])
        )
    if not messages:
        return 0
    return send_mass_mail(tuple(messages), fail_silently=False)
