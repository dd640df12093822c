"""The agency's catalogue of e-services and its privacy notice: kept by HR officers and
executives, read by everyone (the public sees the open services)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govflex.common.audit import audit_record, snapshot
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed, in_language
from govflex.core.eservice.forms import FormField, definition_to_data, parse_definition
from govflex.eservice.models import PrivacyNotice, Service, SlaUnit
from govflex.org.access import Access, access_for
from govflex.org.models import Agency, Role, Unit

SERVICE_FIELDS = (
    "unit",
    "code",
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "sla_amount",
    "sla_unit",
    "form_fields",
    "max_files",
    "max_file_mb",
    "files_required",
    "active",
)

# Used until the agency publishes its own (PDPA s. 23: purpose, data, retention, rights).
DEFAULT_NOTICE_TH = gettext_lazy(
    "The agency collects the personal data in this form (your name, contact details, answers "
    "and documents) only to handle your request and tell you its progress, as its public "
    "duty. Only the officers handling the request see it. It is kept as long as the records "
    "of the request must be kept, then erased. You may ask to see, correct or erase your data, "
    "or complain to the Personal Data Protection Committee."
)


def may_manage(access: Access, agency_id: int) -> bool:
    return access.has_role(agency_id, Role.HR, Role.EXECUTIVE)


def _require_manager(actor: Any, agency_id: int) -> Access:
    access = access_for(actor)
    if not access.can_view_structure(agency_id):
        raise NotFound
    if not may_manage(access, agency_id):
        raise AccessDenied(_("Only HR officers and executives manage the e-service catalogue."))
    return access


def fields_of(service: Service) -> tuple[FormField, ...]:
    """The service's form as parsed fields (a stored form is always valid)."""
    fields, _problems = parse_definition(service.form_fields)
    return fields


@transaction.atomic
def service_save(
    *,
    actor: Any,
    agency: Agency,
    unit: Unit | None,
    code: str,
    name_th: str,
    sla_amount: int,
    sla_unit: str,
    form_fields: Any,
    service_id: int | None = None,
    name_en: str = "",
    description_th: str = "",
    description_en: str = "",
    max_files: int = 3,
    max_file_mb: int = 5,
    files_required: bool = False,
    active: bool = True,
) -> Service:
    """Create or change a service; a changed form applies to requests filed from now on."""
    _require_manager(actor, agency.pk)
    service = Service(agency=agency)
    if service_id is not None:
        found = Service.objects.select_for_update().filter(pk=service_id, agency=agency).first()
        if found is None:
            raise NotFound
        service = found
    before = snapshot(service, SERVICE_FIELDS) if service.pk else None
    code = slugify(code.strip())[:40]
    fields, problems = parse_definition(form_fields)
    errors = _service_errors(
        agency=agency,
        unit=unit,
        code=code,
        name_th=name_th,
        sla_amount=sla_amount,
        sla_unit=sla_unit,
        max_files=max_files,
        max_file_mb=max_file_mb,
        files_required=files_required,
    )
    if problems:
        # One list under the form's field, each message naming the form field it is about.
        errors["form_fields"] = [in_language(problem) for problem in problems]
    if errors or unit is None:
        raise ValidationFailed(details={"fields": errors})
    service.unit = unit
    service.code = code
    service.name_th, service.name_en = name_th.strip(), name_en.strip()
    service.description_th, service.description_en = description_th.strip(), description_en
    service.sla_amount, service.sla_unit = sla_amount, sla_unit
    service.form_fields = definition_to_data(fields)
    service.max_files, service.max_file_mb = max_files, max_file_mb
    service.files_required, service.active = files_required, active
    try:
        with transaction.atomic():
            service.save()
    except IntegrityError as exc:
        raise ValidationFailed(
            details={"fields": {"code": [_("Another service of the agency has this code.")]}}
        ) from exc
    audit_record(
        actor=actor,
        action="eservice.service_saved",
        target=service,
        agency_id=agency.pk,
        before=before,
        after=snapshot(service, SERVICE_FIELDS),
    )
    return service


def _service_errors(
    *,
    agency: Agency,
    unit: Unit | None,
    code: str,
    name_th: str,
    sla_amount: int,
    sla_unit: str,
    max_files: int,
    max_file_mb: int,
    files_required: bool,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = [_("Give the service a short code (letters, digits, dashes).")]
    if not name_th.strip():
        errors["name_th"] = [_("Give the service a Thai name.")]
    if unit is None or unit.agency_id != agency.pk:
        errors["unit"] = [_("Choose the unit of this agency that handles the requests.")]
    if not 1 <= sla_amount <= 365:
        errors["sla_amount"] = [_("The service time is 1 to 365.")]
    if sla_unit not in SlaUnit.values:
        errors["sla_unit"] = [_("Choose working days or working hours.")]
    if not 0 <= max_files <= 10:
        errors["max_files"] = [_("A request takes 0 to 10 files.")]
    if not 1 <= max_file_mb <= 20:
        errors["max_file_mb"] = [_("A file may be 1 to 20 MB.")]
    if files_required and max_files == 0:
        errors["files_required"] = [_("A required document needs at least one file allowed.")]
    return errors


def services_for_staff(*, access: Access, agency_id: int) -> QuerySet[Service]:
    """Every service of the agency (open or not) for people of the agency."""
    if not access.can_view_structure(agency_id):
        raise NotFound
    return Service.objects.filter(agency_id=agency_id).select_related("unit")


def service_for_staff(*, access: Access, service_id: int) -> Service:
    service = Service.objects.select_related("unit", "agency").filter(pk=service_id).first()
    if service is None or not access.can_view_structure(service.agency_id):
        raise NotFound
    return service


# ------------------------------------------------------------------ privacy notice


@dataclass(frozen=True)
class Notice:
    version: int
    text_th: str
    text_en: str

    def text(self, lang: str) -> str:
        return self.text_th if lang == "th" else (self.text_en or self.text_th)


def notice_current(*, agency_id: int) -> Notice:
    """The newest published notice, or the built-in one (version 0) before the first."""
    found = PrivacyNotice.objects.filter(agency_id=agency_id).order_by("-version").first()
    if found is None:
        return Notice(0, str(DEFAULT_NOTICE_TH), str(DEFAULT_NOTICE_TH))
    return Notice(found.version, found.text_th, found.text_en)


@transaction.atomic
def notice_publish(*, actor: Any, agency: Agency, text_th: str, text_en: str = "") -> PrivacyNotice:
    """A new version (versions are never edited: requests name the one accepted)."""
    _require_manager(actor, agency.pk)
    if not text_th.strip():
        raise ValidationFailed(details={"fields": {"text_th": [_("Write the notice in Thai.")]}})
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one version at a time
    last = PrivacyNotice.objects.filter(agency=agency).aggregate(v=Max("version"))["v"] or 0
    notice = PrivacyNotice.objects.create(
        agency=agency,
        version=last + 1,
        text_th=text_th.strip(),
        text_en=text_en.strip(),
        published_by=actor,
    )
    audit_record(
        actor=actor,
        action="eservice.notice_published",
        target=notice,
        agency_id=agency.pk,
        after={"version": notice.version, "at": timezone.now()},
    )
    return notice


def notices(*, access: Access, agency_id: int) -> QuerySet[PrivacyNotice]:
    if not access.can_view_structure(agency_id):
        raise NotFound
    return PrivacyNotice.objects.filter(agency_id=agency_id).order_by("-version")


# ------------------------------------------------------------------ public side


def public_agency(*, code: str) -> Agency:
    """An agency that offers at least one open service."""
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not Service.objects.filter(agency=agency, active=True).exists():
        raise NotFound
    return agency


def public_agencies() -> QuerySet[Agency]:
    ids = Service.objects.filter(active=True).values("agency_id")
    return Agency.objects.filter(pk__in=ids).order_by("name_th")


def public_services(*, agency: Agency) -> QuerySet[Service]:
    return Service.objects.filter(agency=agency, active=True).order_by("name_th")


def public_service(*, agency_code: str, code: str) -> Service:
    """An open service by the agency's and its own code (one query: the form is the busy path)."""
    service = (
        Service.objects.select_related("agency")
        .filter(agency__code=agency_code, code=code, active=True)
        .first()
    )
    if service is None:
        raise NotFound
    return service
