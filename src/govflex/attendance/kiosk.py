"""Kiosk mode: a tablet shows a QR code that changes every 30 seconds; staff scan it with their
own phone to punch on site at the tablet's work site.

The code is a signed, time-stamped token naming the kiosk. A token older than ``TOKEN_MAX_AGE``
is refused; the same person using the same token twice is refused (the punch's idempotency key
is derived from the token, so a replay can never add a second punch).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

import segno
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.attendance.models import Kiosk, Punch
from govflex.attendance.services import PunchInput, punch_record
from govflex.common.audit import audit_record
from govflex.common.errors import NotFound, ValidationFailed
from govflex.core.enums import PunchSource
from govflex.org.access import access_for
from govflex.org.models import Person, WorkSite

ROTATE_SECONDS = 30
# A code on screen for 30 s, plus time to scan it and tap "check in" on a slow phone.
TOKEN_MAX_AGE = 75
_SALT = "govflex.attendance.kiosk"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


@transaction.atomic
def kiosk_create(*, actor: Any, site: WorkSite, name: str) -> tuple[Kiosk, str]:
    """Register a tablet for a work site; the secret for its URL is returned once."""
    access = access_for(actor)
    access.require(access.can_manage_org(site.agency_id))
    if not name.strip():
        raise ValidationFailed(details={"fields": {"name": [_("Give the kiosk a name.")]}})
    secret = secrets.token_urlsafe(24)
    kiosk = Kiosk.objects.create(
        agency_id=site.agency_id, site=site, name=name.strip()[:100], secret_hash=_hash(secret)
    )
    audit_record(
        actor=actor,
        action="kiosk.create",
        target=kiosk,
        agency_id=site.agency_id,
        after={"site": site.code, "name": kiosk.name},
    )
    return kiosk, secret


def kiosk_for_display(*, kiosk_id: int, secret: str) -> Kiosk:
    """The tablet proves itself with the secret in its URL (no staff login on the tablet)."""
    kiosk = Kiosk.objects.select_related("site").filter(pk=kiosk_id, active=True).first()
    if kiosk is None or not hmac.compare_digest(kiosk.secret_hash, _hash(secret or "")):
        raise NotFound
    return kiosk


def kiosk_token(*, kiosk: Kiosk, now: dt.datetime) -> str:
    """The token for the current 30-second window (the same all window long)."""
    window = int(now.timestamp()) // ROTATE_SECONDS
    signer = signing.TimestampSigner(salt=_SALT)
    # The signature's own timestamp is the window start, so every tablet agrees on the code.
    value = f"{kiosk.pk}.{window}"
    return signer.sign(value).replace(":", "~")


def kiosk_qr_svg(*, url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=6, border=2, dark="#000", light="#fff")


def kiosk_token_check(*, token: str, now: dt.datetime) -> Kiosk:
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        value = signer.unsign(token.replace("~", ":"))
        kiosk_id, window = (int(part) for part in value.split("."))
    except (signing.BadSignature, ValueError) as exc:
        raise ValidationFailed(
            _("This code is not valid. Scan the code on the kiosk screen.")
        ) from exc
    issued = dt.datetime.fromtimestamp(window * ROTATE_SECONDS, tz=dt.UTC)
    if not dt.timedelta(0) <= now - issued <= dt.timedelta(seconds=TOKEN_MAX_AGE):
        raise ValidationFailed(_("This code has expired. Scan the code now on the kiosk screen."))
    kiosk = Kiosk.objects.select_related("site").filter(pk=kiosk_id, active=True).first()
    if kiosk is None:
        raise ValidationFailed(_("This kiosk is no longer in use."))
    return kiosk


def kiosk_punch(*, actor: Any, person: Person, token: str, now: dt.datetime | None = None) -> Punch:
    """Punch on site at the kiosk's work site; a replayed or expired code is refused."""
    now = now or timezone.now()
    kiosk = kiosk_token_check(token=token, now=now)
    if kiosk.agency_id != person.agency_id:
        raise ValidationFailed(_("This kiosk belongs to another agency."))
    key = "kiosk-" + hashlib.sha256(token.encode()).hexdigest()[:40]
    if Punch.objects.filter(person=person, idempotency_key=key).exists():
        raise ValidationFailed(
            _("You already used this code. Scan the new code on the kiosk screen.")
        )
    stored, _created = punch_record(
        actor=actor,
        person=person,
        data=PunchInput(
            idempotency_key=key, source=PunchSource.KIOSK, on_site=True, site_id=kiosk.site_id
        ),
        now=now,
    )
    return stored
