"""E-mail to citizens when their request moves on (Django's e-mail, sent by a background task
after the change is committed), in the language they used on the form."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from govflex.core.eservice.tracking import display
from govflex.core.thaidate import format_datetime
from govflex.eservice.models import RequestEvent

EMAILED = frozenset(
    {
        RequestEvent.Kind.SUBMITTED,
        RequestEvent.Kind.ACCEPTED,
        RequestEvent.Kind.INFO_REQUESTED,
        RequestEvent.Kind.COMPLETED,
        RequestEvent.Kind.REJECTED,
    }
)


def email_on_commit(event: RequestEvent) -> None:
    """Queue the citizen's e-mail for ``event`` once the transaction commits."""
    if event.kind not in EMAILED or not event.request.applicant_email:
        return
    from govflex.eservice.tasks import send_status_email  # noqa: PLC0415 - tasks import us

    transaction.on_commit(lambda: send_status_email.enqueue(event.pk))


def status_url(tracking_code: str) -> str:
    base = settings.GOVFLEX_BASE_URL.rstrip("/")
    return f"{base}/e/track/?code={display(tracking_code)}"


def send_status_email(event_id: int) -> int:
    event = (
        RequestEvent.objects.select_related("request__service", "request__agency")
        .filter(pk=event_id)
        .first()
    )
    if event is None or not event.request.applicant_email:
        return 0
    request = event.request
    lang = request.language or "th"
    with translation.override(lang):
        service = request.service.name(lang)
        code = display(request.tracking_code)
        subject = _("Your request %(code)s: %(status)s") % {
            "code": code,
            "status": RequestEvent.Kind(event.kind).label,
        }
        lines = [
            _("Dear %(name)s,") % {"name": request.applicant_name},
            "",
            _("Service: %(service)s") % {"service": service},
            _("Tracking code: %(code)s") % {"code": code},
            _("Status: %(status)s") % {"status": request.get_status_display()},
        ]
        if event.kind == RequestEvent.Kind.SUBMITTED:
            lines.append(
                _("Expected by: %(due)s")
                % {"due": format_datetime(timezone.localtime(request.due_at), lang=lang)}
            )
        if event.public_message:
            lines += ["", _("Message from the agency:"), event.public_message]
        lines += [
            "",
            _("Check the status at any time: %(url)s") % {"url": status_url(request.tracking_code)},
            "",
            _("Keep your tracking code private: whoever has it can see the status of the request."),
            _("This message was sent automatically; please do not reply to it."),
            (request.agency.name_en if lang == "en" else "") or request.agency.name_th,
        ]
    return send_mail(f"[GovFlex] {subject}", "\n".join(lines), None, [request.applicant_email])
