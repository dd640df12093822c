"""Orders and announcements: draft → review → sign (an executive) → publish → acknowledge.

Correspondence regulation, forms 4 and 7; the number runs from 1 each calendar year per agency
and kind, taken under a lock of the year's counter row at publication, so two documents
published at once never share a number. A published document is immutable; a correction is a
new document that amends the old one. An order may enact a policy version: publishing it issues
the version, in force from the order's effective date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed, field_error
from govflex.core.thaidate import be_year
from govflex.notifications.services import notify
from govflex.notifications.webhooks import emit
from govflex.org.access import access_for
from govflex.org.models import Agency, Person, Role, Unit
from govflex.policies.models import (
    Acknowledgement,
    DocumentCounter,
    OfficialDocument,
    PolicyVersion,
)
from govflex.policies.services import policy_issue

EDITABLE = (OfficialDocument.Status.DRAFT, OfficialDocument.Status.IN_REVIEW)
THAI_KIND = {"order": "คำสั่ง", "announcement": "ประกาศ"}


def may_write(actor: Any, agency_id: int) -> bool:
    return access_for(actor).has_role(agency_id, Role.HR, Role.EXECUTIVE)


def may_sign(actor: Any, agency_id: int) -> bool:
    return access_for(actor).has_role(agency_id, Role.EXECUTIVE)


def _locked(agency: Agency, document_id: int) -> OfficialDocument:
    document = (
        OfficialDocument.objects.select_for_update(of=("self",))
        .filter(pk=document_id, agency=agency)
        .select_related("policy_version", "unit")
        .first()
    )
    if document is None:
        raise NotFound
    return document


@transaction.atomic
def document_save(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    subject: str,
    body: str,
    effective_date: dt.date,
    unit: Unit | None = None,
    policy_version: PolicyVersion | None = None,
    amends: OfficialDocument | None = None,
    document_id: int | None = None,
) -> OfficialDocument:
    """Create or change a draft (HR or an executive); a document in review goes back to draft."""
    if not may_write(actor, agency.pk):
        raise AccessDenied(_("Only HR or an executive can prepare orders and announcements."))
    errors: dict[str, list[str]] = {}
    if kind not in OfficialDocument.Kind.values:
        errors["kind"] = [_("Choose an order or an announcement.")]
    if not subject.strip():
        errors["subject"] = [_("Give the subject.")]
    if not body.strip():
        errors["body"] = [_("Write the text of the document.")]
    if unit is not None and unit.agency_id != agency.pk:
        errors["unit"] = [_("The unit belongs to another agency.")]
    if policy_version is not None and (
        policy_version.agency_id != agency.pk or policy_version.status != PolicyVersion.Status.DRAFT
    ):
        errors["policy_version"] = [_("Choose a draft policy version of this agency.")]
    if amends is not None and (
        amends.agency_id != agency.pk or amends.status != OfficialDocument.Status.PUBLISHED
    ):
        errors["amends"] = [_("Only a published document of this agency can be amended.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    if document_id is None:
        document = OfficialDocument(agency=agency, created_by=actor)
    else:
        document = _locked(agency, document_id)
        if document.status not in EDITABLE:
            raise field_error("status", _("A signed or published document cannot be changed."))
    document.kind, document.subject, document.body = kind, subject.strip(), body.strip()
    document.effective_date, document.unit = effective_date, unit
    document.policy_version, document.amends = policy_version, amends
    document.status = OfficialDocument.Status.DRAFT
    document.save()
    audit_record(
        actor=actor,
        action="document.saved",
        target=document,
        agency_id=agency.pk,
        after={"kind": kind, "subject": document.subject, "effective_date": effective_date},
    )
    return document


def _move(actor: Any, document: OfficialDocument, status: str, action: str, **after: Any) -> None:
    document.status = status
    document.save()
    audit_record(
        actor=actor,
        action=action,
        target=document,
        agency_id=document.agency_id,
        after={"status": status, **after},
    )


@transaction.atomic
def document_submit(*, actor: Any, agency: Agency, document_id: int) -> OfficialDocument:
    """Send a draft for review and signature."""
    if not may_write(actor, agency.pk):
        raise AccessDenied
    document = _locked(agency, document_id)
    if document.status != OfficialDocument.Status.DRAFT:
        raise field_error("status", _("Only a draft can be sent for review."))
    _move(actor, document, OfficialDocument.Status.IN_REVIEW, "document.submitted")
    return document


@transaction.atomic
def document_sign(
    *, actor: Any, agency: Agency, document_id: int, today: dt.date | None = None
) -> OfficialDocument:
    """An executive signs: their name and position are printed under the text."""
    today = today or timezone.localdate()
    if not may_sign(actor, agency.pk):
        raise AccessDenied(_("Only an executive can sign orders and announcements."))
    document = _locked(agency, document_id)
    if document.status != OfficialDocument.Status.IN_REVIEW:
        raise field_error("status", _("Only a document in review can be signed."))
    person = Person.objects.filter(user=actor).select_related("position").first()
    document.signer = actor
    document.signer_name = person.full_name_th if person else actor.get_full_name()
    document.signer_position = person.position.title_th if person else ""
    document.signed_on = today
    _move(actor, document, OfficialDocument.Status.SIGNED, "document.signed", signer=actor.username)
    return document


def _next_number(agency: Agency, kind: str, year: int) -> int:
    DocumentCounter.objects.get_or_create(agency=agency, kind=kind, year_be=year)
    counter = DocumentCounter.objects.select_for_update().get(
        agency=agency, kind=kind, year_be=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def document_publish(
    *,
    actor: Any,
    agency: Agency,
    document_id: int,
    backdate_reason: str = "",
    today: dt.date | None = None,
) -> OfficialDocument:
    """Number, publish and announce a signed document; an enacted policy version is issued."""
    today = today or timezone.localdate()
    if not may_write(actor, agency.pk):
        raise AccessDenied
    document = _locked(agency, document_id)
    if document.status != OfficialDocument.Status.SIGNED:
        raise field_error("status", _("Only a signed document can be published."))
    if document.effective_date < today and not backdate_reason.strip():
        raise field_error(
            "backdate_reason",
            _("The effective date is in the past: state the reason for backdating."),
        )
    document.year_be = be_year(today.year)
    document.number = _next_number(agency, document.kind, document.year_be)
    document.published_at = timezone.now()
    document.backdate_reason = backdate_reason.strip()
    version = document.policy_version
    if version is not None:
        # The policy takes effect on the order's effective date (issue 6).
        PolicyVersion.objects.filter(pk=version.pk).update(effective_from=document.effective_date)
        policy_issue(
            actor=document.signer or actor,
            agency=agency,
            version_id=version.pk,
            backdate_reason=backdate_reason
            or _("Enacted by order %(n)s/%(y)s") % {"n": document.number, "y": document.year_be},
            today=today,
        )
    _move(
        actor,
        document,
        OfficialDocument.Status.PUBLISHED,
        "document.published",
        number=document.number,
        year_be=document.year_be,
    )
    emit(
        agency_id=agency.pk,
        event="document.published",
        payload={
            "id": document.pk,
            "kind": document.kind,
            "number": document.number,
            "year_be": document.year_be,
            "subject": document.subject,
            "effective_date": document.effective_date.isoformat(),
            "unit": document.unit.code if document.unit else None,
            "url": f"/policies/documents/{document.pk}/",
        },
    )
    readers = audience(document)
    notify(
        users=[p.user for p in readers.select_related("user") if p.user_id],
        kind="document.published",
        th=f"{THAI_KIND[document.kind]} ที่ {document.number}/{document.year_be}"
        f" เรื่อง {document.subject}: กรุณารับทราบ",
        en=f"New {document.kind} no. {document.number}/{document.year_be}: {document.subject}"
        " — please acknowledge",
        url=f"/policies/documents/{document.pk}/",
    )
    return document


def audience(document: OfficialDocument) -> QuerySet[Person]:
    """The people a document concerns: its unit subtree, or the whole agency."""
    people = Person.objects.filter(agency_id=document.agency_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=document.effective_date)
    )
    if document.unit is not None:
        people = people.filter(unit__path__startswith=document.unit.path)
    return people


@transaction.atomic
def document_acknowledge(*, actor: Any, document: OfficialDocument) -> Acknowledgement:
    """The signed-in person confirms they have read the document (once; a repeat is a no-op)."""
    person_id = access_for(actor).person_id
    if document.status != OfficialDocument.Status.PUBLISHED:
        raise field_error("status", _("Only a published document can be acknowledged."))
    if person_id is None or not audience(document).filter(pk=person_id).exists():
        raise AccessDenied(_("This document does not concern you."))
    found, created = Acknowledgement.objects.get_or_create(document=document, person_id=person_id)
    if created:
        audit_record(
            actor=actor,
            action="document.acknowledged",
            target=document,
            agency_id=document.agency_id,
        )
    return found


def document_remind(
    *, actor: Any, document: OfficialDocument, now: dt.datetime | None = None
) -> int:
    """Notify everyone concerned who has not acknowledged yet (``actor`` None: the scheduler)."""
    if actor is not None and not may_write(actor, document.agency_id):
        raise AccessDenied
    if document.status != OfficialDocument.Status.PUBLISHED:
        raise field_error("status", _("Only a published document can be acknowledged."))
    waiting = audience(document).exclude(
        pk__in=Acknowledgement.objects.filter(document=document).values("person_id")
    )
    count = notify(
        users=[p.user for p in waiting.select_related("user") if p.user_id],
        kind="document.reminder",
        th=f"เตือน: กรุณารับทราบ{THAI_KIND[document.kind]} ที่ {document.number}/"
        f"{document.year_be} เรื่อง {document.subject}",
        en=f"Reminder: please acknowledge {document.kind} no. {document.number}/"
        f"{document.year_be}: {document.subject}",
        url=f"/policies/documents/{document.pk}/",
    )
    OfficialDocument.objects.filter(pk=document.pk).update(reminded_at=now or timezone.now())
    audit_record(
        actor=actor,
        action="document.reminded",
        target=document,
        agency_id=document.agency_id,
        after={"reminded": count},
    )
    return count


def documents_visible(*, actor: Any, agency_id: int) -> QuerySet[OfficialDocument]:
    """Published documents for everyone in the agency; drafts too for HR and executives."""
    access = access_for(actor)
    if not access.can_view_structure(agency_id):
        raise NotFound
    found = OfficialDocument.objects.filter(agency_id=agency_id).select_related(
        "unit", "policy_version"
    )
    if not may_write(actor, agency_id):
        found = found.filter(status=OfficialDocument.Status.PUBLISHED)
    return found


def document_get(*, actor: Any, document_id: int) -> OfficialDocument:
    document = OfficialDocument.objects.filter(pk=document_id).only("agency_id").first()
    if document is None:
        raise NotFound
    found = documents_visible(actor=actor, agency_id=document.agency_id).filter(pk=document_id)
    result = found.select_related("agency", "amends", "signer").first()
    if result is None:
        raise NotFound
    return result


def acknowledgement_by_unit(document: OfficialDocument) -> list[dict[str, Any]]:
    """Per unit: how many people the document concerns, how many acknowledged, who has not."""
    done = set(
        Acknowledgement.objects.filter(document=document).values_list("person_id", flat=True)
    )
    rows: dict[int, dict[str, Any]] = {}
    for person in audience(document).select_related("unit").order_by("unit__path", "staff_id"):
        row = rows.setdefault(
            person.unit_id, {"unit": person.unit, "total": 0, "done": 0, "waiting": []}
        )
        row["total"] += 1
        if person.pk in done:
            row["done"] += 1
        else:
            row["waiting"].append(person)
    return list(rows.values())


def documents_remind_unread(*, after_days: int, now: dt.datetime | None = None) -> int:
    """Remind, at most once every ``after_days``, those who have not acknowledged a document
    published at least ``after_days`` ago (run it daily: ``govflex documents remind``)."""
    now = now or timezone.now()
    due = now - dt.timedelta(days=after_days)
    documents = OfficialDocument.objects.filter(
        status=OfficialDocument.Status.PUBLISHED, published_at__lte=due
    ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=due))
    return sum(document_remind(actor=None, document=d, now=now) for d in documents)
