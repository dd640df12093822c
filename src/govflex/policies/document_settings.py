"""An agency's document look: the issuer line, Thai or Arabic digits, the Garuda emblem."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, field_error
from govflex.org.models import Agency
from govflex.policies.documents import may_write
from govflex.policies.models import DocumentSettings

MAX_EMBLEM_BYTES = 1024 * 1024
EMBLEM_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@transaction.atomic
def document_settings_set(
    *, actor: Any, agency: Agency, issuer: str, thai_digits: bool, emblem: Any = None
) -> Any:
    """An agency's document look: issuer line, digits, Garuda emblem (PNG or JPEG, ≤ 1 MB)."""
    if not may_write(actor, agency.pk):
        raise AccessDenied
    if emblem is not None:
        head = emblem.read(16)
        emblem.seek(0)
        if emblem.size is not None and emblem.size > MAX_EMBLEM_BYTES:
            raise field_error("emblem", _("The emblem is larger than 1 MB."))
        if not any(head.startswith(signature) for signature in EMBLEM_SIGNATURES):
            raise field_error("emblem", _("The emblem must be a PNG or JPEG image."))
        try:
            with Image.open(emblem) as image:
                image.verify()
        except Exception as exc:  # any decoder error means the file is not a usable image
            raise field_error("emblem", _("The emblem must be a PNG or JPEG image.")) from exc
        emblem.seek(0)
    settings, _created = DocumentSettings.objects.get_or_create(agency=agency)
    settings.issuer, settings.thai_digits = issuer.strip(), thai_digits
    if emblem is not None:
        suffix = "png" if head.startswith(EMBLEM_SIGNATURES[0]) else "jpg"
        settings.emblem.save(f"emblem-{agency.code}.{suffix}", emblem, save=False)
    settings.save()
    audit_record(
        actor=actor,
        action="document.settings_set",
        target=settings,
        agency_id=agency.pk,
        after={"issuer": settings.issuer, "thai_digits": thai_digits, "emblem": bool(emblem)},
    )
    return settings
