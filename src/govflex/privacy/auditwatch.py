"""Scheduled verification of the audit log's hash chain (``govflex privacy verify-audit``, and
the worker once a day). A break is reported to every auditor and administrator — in GovFlex
and by e-mail — and logged at ERROR, once per break: the same break found again the next day is
not reported again (a new break, at another entry, is)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from govflex.common.audit import VerifyResult, audit_verify
from govflex.notifications.services import notify
from govflex.org.models import Role
from govflex.privacy.models import AuditBreakAlert

log = logging.getLogger("govflex.audit")


@dataclass(frozen=True)
class WatchResult:
    verify: VerifyResult
    alerted: int  # people told (0: intact, or this break was already reported)


def watchers() -> QuerySet[Any]:
    """Active administrators and auditors of any agency (a broken chain concerns them all)."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(is_superuser=True) | Q(role_grants__role=Role.AUDITOR)).distinct()


def _texts(seq: int, reason: str) -> tuple[str, str]:
    th = f"ตรวจพบความผิดปกติของบันทึกการตรวจสอบ (audit log) ที่รายการ #{seq}: {reason}"
    en = f"The audit log's hash chain is broken at entry #{seq}: {reason}"
    return th, en


def _email(users: list[Any], th: str, en: str) -> None:
    """Straight to the mailbox when notifications are not copied by e-mail already."""
    base = settings.GOVFLEX_BASE_URL.rstrip("/")
    messages = [
        (
            f"[GovFlex] {en if getattr(u, 'language', 'th') == 'en' else th}",
            f"{th}\n\n{en}\n\n{base}/audit/",
            None,
            [u.email],
        )
        for u in users
        if u.email
    ]
    if messages:
        send_mass_mail(tuple(messages), fail_silently=True)


def audit_watch() -> WatchResult:
    """Verify the chain; on a break not reported before, tell the watchers."""
    result = audit_verify()
    if result.ok:
        log.info("audit chain intact", extra={"entries": result.checked})
        return WatchResult(result, 0)
    assert result.broken is not None  # noqa: S101 - narrowed by ok
    seq, reason = result.broken.seq, result.broken.reason[:200]
    log.error(
        "audit chain broken at entry %s: %s (%s entries verified before it)",
        seq,
        reason,
        result.checked,
    )
    try:
        with transaction.atomic():
            alert = AuditBreakAlert.objects.create(seq=seq, reason=reason, found_at=timezone.now())
            users = list(watchers())
            th, en = _texts(seq, reason)
            alert.notified = notify(
                users=users, kind="audit.chain_broken", th=th, en=en, url="/audit/"
            )
            alert.save(update_fields=["notified"])
    except IntegrityError:
        return WatchResult(result, 0)  # reported before
    if not settings.GOVFLEX_NOTIFY_EMAIL:
        _email(users, th, en)
    return WatchResult(result, alert.notified)
