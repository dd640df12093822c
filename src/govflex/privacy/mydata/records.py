"""Consents, notifications and the person's own entries in the audit log."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from govflex.common.models import AuditEntry
from govflex.notifications.models import Notification
from govflex.privacy.models import Consent
from govflex.privacy.mydata import Sections, Subject, exporter


@exporter("privacy")
def consents(subject: Subject) -> Sections:
    rows = Consent.objects.filter(user=subject.user).select_related("notice")
    yield (
        "consents",
        _("Consents"),
        (
            {
                "kind": c.get_kind_display(),
                "notice_version": c.notice.version if c.notice else 0,
                "given_at": c.given_at,
                "withdrawn_at": c.withdrawn_at,
            }
            for c in rows.order_by("given_at", "pk")
        ),
    )


@exporter("notifications")
def notifications(subject: Subject) -> Sections:
    rows = Notification.objects.filter(user=subject.user).order_by("created_at", "pk")
    yield (
        "notifications",
        _("Notifications"),
        (
            {
                "kind": n.kind,
                "subject_th": n.subject_th,
                "subject_en": n.subject_en,
                "link": n.url,
                "sent_at": n.created_at,
                "read_at": n.read_at,
            }
            for n in rows.iterator(chunk_size=2000)
        ),
    )


@exporter("audit")
def audit(subject: Subject) -> Sections:
    """What the person did, as the audit log recorded it. The target is given by type and ID
    only: the label and the before/after values may describe other people."""
    rows = AuditEntry.objects.filter(actor_id=subject.user.pk).order_by("seq")
    yield (
        "audit_entries",
        _("Your actions in the audit log"),
        (
            {
                "seq": e.seq,
                "at": e.at,
                "action": e.action,
                "target_type": e.target_type,
                "target_id": e.target_id,
            }
            for e in rows.iterator(chunk_size=2000)
        ),
    )
