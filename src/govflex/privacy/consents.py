"""Consents: given against the notice version the person read, withdrawn as easily (PDPA s. 19).

Location consent also sets the user's ``location_consent_at`` through the accounts service, which
check-in and roll call read; this module keeps the history and the notice version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.accounts.services import user_set_location_consent
from govflex.common.audit import audit_record
from govflex.common.errors import NotFound, field_error
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.privacy.models import Consent, ConsentKind, NoticeKind
from govflex.privacy.notices import CurrentNotice, notice_current

# Which notice a consent is given against.
NOTICE_OF = {ConsentKind.LOCATION: NoticeKind.STAFF_LOCATION}


def _agency_id(user: Any) -> int:
    access = access_for(user)
    if access.person_id is not None:
        person = Person.objects.filter(pk=access.person_id).only("agency_id").first()
        if person is not None:
            return person.agency_id
    if access.home_agency_id is not None:
        return access.home_agency_id
    raise NotFound


def notice_for_consent(*, user: Any, kind: str) -> CurrentNotice:
    """The notice a person reads before giving this consent (their agency's current one)."""
    return notice_current(agency_id=_agency_id(user), kind=NOTICE_OF[ConsentKind(kind)])


def active_consent(*, user: Any, kind: str) -> Consent | None:
    return Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).first()


@transaction.atomic
def consent_give(*, user: Any, kind: str, notice_version: int | None = None) -> Consent:
    """Record consent against the current notice. ``notice_version`` is the version the page
    showed: when the notice changed since, the person must read the new one first. Giving it
    again while it stands returns the standing consent (a double click is one consent)."""
    if kind not in ConsentKind.values:
        raise field_error("kind", _("Choose what you consent to."))
    agency_id = _agency_id(user)
    notice = notice_current(agency_id=agency_id, kind=NOTICE_OF[ConsentKind(kind)])
    if notice_version is not None and notice_version != notice.version:
        raise field_error(
            "notice_version",
            _("The privacy notice changed after you opened the page: read it again."),
        )
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one at a time
    standing = active_consent(user=user, kind=kind)
    if standing is not None and standing.notice_id == (notice.notice.pk if notice.notice else None):
        return standing
    now = timezone.now()
    if standing is not None:  # consent to an older version is replaced by the new one
        standing.withdrawn_at = now
        standing.save(update_fields=["withdrawn_at"])
    consent = Consent.objects.create(user=user, kind=kind, notice=notice.notice, given_at=now)
    if kind == ConsentKind.LOCATION:
        user_set_location_consent(user=user, consent=True)
    audit_record(
        actor=user,
        action="privacy.consent_given",
        target=consent,
        agency_id=agency_id,
        after={"kind": kind, "notice_version": notice.version},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, user: Any, kind: str) -> Consent | None:
    """Withdraw a standing consent (nothing to do when there is none: a retry is harmless).
    What was collected with consent before stays lawful (s. 19 para. 5); new collection stops."""
    if kind not in ConsentKind.values:
        raise field_error("kind", _("Choose what you consent to."))
    standing = active_consent(user=user, kind=kind)
    if kind == ConsentKind.LOCATION and getattr(user, "location_consent_at", None) is not None:
        user_set_location_consent(user=user, consent=False)
    if standing is None:
        return None
    standing.withdrawn_at = timezone.now()
    standing.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=user,
        action="privacy.consent_withdrawn",
        target=standing,
        agency_id=_agency_id_or_none(user),
        after={"kind": kind},
    )
    return standing


def _agency_id_or_none(user: Any) -> int | None:
    try:
        return _agency_id(user)
    except NotFound:
        return None


@dataclass(frozen=True)
class ConsentLine:
    consent: Consent
    notice_version: int


def consents_of(*, user: Any) -> list[ConsentLine]:
    """The person's consents, newest first, each with the notice version it was given on."""
    rows = Consent.objects.filter(user=user).select_related("notice").order_by("-given_at", "-pk")
    return [ConsentLine(c, c.notice.version if c.notice else 0) for c in rows]
