"""Erasing a closed request's personal data once the agency's retention period has passed
(PDPA s. 37(3)); called by ``govflex privacy purge``.

What identifies the citizen goes: name, e-mail, phone, the answers, the documents, and the free
text of the history (messages and notes may quote the citizen). What the figures count stays:
service, unit, status, times, SLA outcome, the kinds of history entries, the tracking code (a
random key) and the privacy-notice version accepted.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet

from govflex.eservice.models import RequestEvent, RequestFile, ServiceRequest


def erasable(*, agency_id: int, closed_before: dt.datetime) -> QuerySet[ServiceRequest]:
    """Closed requests of the agency closed before the cut-off that still hold personal data
    (so a second run finds nothing: erasing is idempotent)."""
    return ServiceRequest.objects.filter(
        agency_id=agency_id, closed_at__isnull=False, closed_at__lt=closed_before
    ).exclude(applicant_name="", applicant_email="", applicant_phone="", answers={})


@transaction.atomic
def request_erase_personal(*, request_id: int) -> list[str]:
    """Erase one request's personal fields; returns the stored files to delete once the
    transaction has committed (the caller deletes them, so a rollback loses no file)."""
    request = ServiceRequest.objects.select_for_update().get(pk=request_id)
    request.applicant_name = ""
    request.applicant_email = ""
    request.applicant_phone = ""
    request.answers = {}
    request.save(update_fields=["applicant_name", "applicant_email", "applicant_phone", "answers"])
    RequestEvent.objects.filter(request=request).update(public_message="", note="")
    files = RequestFile.objects.filter(request=request)
    names = [name for name in files.values_list("file", flat=True) if name]
    files.delete()
    return names
