"""Privacy notices for staff, versioned per agency and kind; HR officers publish new versions.

Citizens' e-service notice is the e-service's own (``govflex.eservice.catalogue``): it is read
from there, never copied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed
from govflex.org.access import Access, access_for
from govflex.org.models import Agency, Role
from govflex.privacy.models import STAFF_NOTICE_KINDS, Notice, NoticeKind

# Used until the agency publishes its own (PDPA s. 23: purpose, basis, data, period, rights).
BUILT_IN = {
    NoticeKind.STAFF_LOCATION: (
        gettext_lazy("Confirm at check-in whether you are at a work site"),
        gettext_lazy(
            "With your consent (PDPA s. 19), check-in reads your device's location once to "
            "decide whether you are at one of the agency's work sites. GovFlex keeps “on site” or "
            "“off site” and the site; raw coordinates are kept only if the agency has set a "
            "retention period, and erased after it. Roll-call answers may carry your location "
            "during an emergency, erased after the agency's period. Only you, your supervisors "
            "and HR see it. Without consent your time is recorded as planned. You may withdraw "
            "at any time on the check-in page or under “My privacy”."
        ),
    ),
    NoticeKind.STAFF_GENERAL: (
        gettext_lazy("Manage work arrangements, attendance and work as the agency's duty"),
        gettext_lazy(
            "The agency keeps your personal record, work arrangements, attendance, leave, "
            "requests, work and reports to run the OCSC new-normal work guideline and the "
            "off-site work regulation — its public duty and your employment (PDPA s. 24(3) and "
            "(4)). Your supervisors, HR officers, executives and auditors of the agency see what "
            "their role needs. Records are kept as government records must be; evidence files "
            "and coordinates are erased after the agency's retention periods. You may download "
            "your data under “My privacy”, ask HR to correct it, and complain to the Personal "
            "Data Protection Committee."
        ),
    ),
}


@dataclass(frozen=True)
class CurrentNotice:
    """The notice in force: a published version, or the built-in text (version 0)."""

    kind: str
    version: int
    purpose_th: str
    purpose_en: str
    text_th: str
    text_en: str
    notice: Notice | None = None

    def purpose(self, lang: str) -> str:
        return self.purpose_th if lang == "th" else (self.purpose_en or self.purpose_th)

    def text(self, lang: str) -> str:
        return self.text_th if lang == "th" else (self.text_en or self.text_th)

    @property
    def kind_label(self) -> str:
        return str(NoticeKind(self.kind).label)

    @property
    def local_purpose(self) -> str:
        """In the reader's language (for templates)."""
        return self.purpose(_lang())

    @property
    def local_text(self) -> str:
        return self.text(_lang())


def _lang() -> str:
    return "th" if (translation.get_language() or "th").startswith("th") else "en"


def may_manage(access: Access, agency_id: int) -> bool:
    return access.has_role(agency_id, Role.HR)


def notice_current(*, agency_id: int, kind: str) -> CurrentNotice:
    if kind not in STAFF_NOTICE_KINDS:
        raise NotFound
    found = Notice.objects.filter(agency_id=agency_id, kind=kind).order_by("-version").first()
    if found is None:
        purpose, text = BUILT_IN[NoticeKind(kind)]
        # The built-in text exists in both languages through the catalogue.
        with translation.override("th"):
            purpose_th, text_th = str(purpose), str(text)
        with translation.override("en"):
            purpose_en, text_en = str(purpose), str(text)
        return CurrentNotice(kind, 0, purpose_th, purpose_en, text_th, text_en)
    return CurrentNotice(
        kind,
        found.version,
        found.purpose_th,
        found.purpose_en,
        found.text_th,
        found.text_en,
        found,
    )


def notice_versions(*, access: Access, agency_id: int, kind: str) -> QuerySet[Notice]:
    if not access.can_view_structure(agency_id):
        raise NotFound
    return Notice.objects.filter(agency_id=agency_id, kind=kind).order_by("-version")


@transaction.atomic
def notice_publish(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    purpose_th: str,
    text_th: str,
    purpose_en: str = "",
    text_en: str = "",
) -> Notice:
    """A new version; earlier ones stay as they were (consents name the one read)."""
    access = access_for(actor)
    if not access.can_view_structure(agency.pk):
        raise NotFound
    if not may_manage(access, agency.pk):
        raise AccessDenied(_("Only HR officers publish privacy notices."))
    errors: dict[str, list[str]] = {}
    if kind not in STAFF_NOTICE_KINDS:
        errors["kind"] = [_("Choose the kind of notice.")]
    if not purpose_th.strip():
        errors["purpose_th"] = [_("Write the purpose in Thai.")]
    if not text_th.strip():
        errors["text_th"] = [_("Write the notice in Thai.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one version at a time
    last = Notice.objects.filter(agency=agency, kind=kind).aggregate(v=Max("version"))["v"] or 0
    notice = Notice.objects.create(
        agency=agency,
        kind=kind,
        version=last + 1,
        purpose_th=purpose_th.strip()[:300],
        purpose_en=purpose_en.strip()[:300],
        text_th=text_th.strip(),
        text_en=text_en.strip(),
        published_by=actor,
    )
    audit_record(
        actor=actor,
        action="privacy.notice_published",
        target=notice,
        agency_id=agency.pk,
        after={"kind": kind, "version": notice.version, "purpose": notice.purpose_th},
    )
    return notice
