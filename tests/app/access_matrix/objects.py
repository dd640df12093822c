"""Objects of every kind a route's parameters name, made in each place of the world (in, out,
foreign) through the services where that is simple, else directly. Free texts carry the place's
marker, so a response that shows an object of another agency can be caught."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.app.access_matrix.world import VARIANTS, Place, World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def marker(variant: str) -> str:
    return f"zq{variant}marker"


def each(world: World, kind: str, make: Callable[[Place, str], Any]) -> None:
    world.add(kind, **{v: make(world.places[v], marker(v)) for v in VARIANTS})


def build_objects(world: World) -> None:
    world.markers = {v: marker(v) for v in VARIANTS}
    _accounts(world)
    _org(world)
    _attendance(world)
    _arrangements(world)
    _notifications(world)
    _policies(world)
    _work(world)
    _continuity(world)
    _surveys(world)
    _eservice(world)


def _agency_wide(world: World, kind: str, make: Callable[[Place, str], Any]) -> None:
    """Objects of the agency as a whole: no "out" variant (the agency is the scope)."""
    world.add(kind, **{v: make(world.places[v], marker(v)) for v in ("in", "foreign")})


# ------------------------------------------------------------------ accounts, org
def _accounts(world: World) -> None:
    from govflex.accounts.services import api_token_create

    each(world, "token", lambda p, m: api_token_create(user=p.person.user, name=m, days=30)[0])
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # a bystander's device (a role user with one would be sent to the second-factor step)
    owner = world.places["foreign"].boss
    device = TOTPDevice.objects.create(user=owner, name="matrix", confirmed=True)
    world.add("totp_device", **{"in": device})


def _org(world: World) -> None:
    from govflex.org.models import ImportJob

    def job(place: Place, mark: str) -> Any:
        return ImportJob.objects.create(
            agency=place.agency,
            created_by=place.manager,
            kind="people",
            filename=f"{mark}.csv",
            content=b"staff_id\n",
            sha256="0" * 64,
            status=ImportJob.Status.REJECTED,
            report={"errors": [], "summary": {}},
        )

    _agency_wide(world, "import_job", job)


# ------------------------------------------------------------------ attendance
def _attendance(world: World) -> None:
    from govflex.attendance.kiosk import kiosk_create
    from govflex.attendance.models import Correction, ExportJob, Leave, TerminalImport

    today = timezone.localdate()
    day = today - dt.timedelta(days=7)

    def correction(place: Place, mark: str) -> Any:
        found = Correction.objects.create(
            person=place.person, day=day, kind="forgot_punch", times=["16:40"], reason=mark
        )
        found.evidence.save(f"{mark}.pdf", ContentFile(PDF))
        return found

    def leave(place: Place, mark: str) -> Any:
        start = today + dt.timedelta(days=21)
        return Leave.objects.create(
            person=place.person, leave_type="personal", start=start, end=start, days=1, reason=mark
        )

    def export(place: Place, mark: str) -> Any:
        found = ExportJob.objects.create(created_by=place.boss, status="done", filename=mark)
        found.file.save(f"{mark}.xlsx", ContentFile(b"PK"))
        return found

    def terminal(place: Place, mark: str) -> Any:
        found = TerminalImport(
            agency=place.agency, created_by=place.manager, filename=mark, sha256="1" * 64
        )
        found.file.save(f"{mark}.dat", ContentFile(b""), save=False)
        found.status = TerminalImport.Status.DONE
        found.save()
        return found

    each(world, "correction", correction)
    each(world, "leave", leave)
    each(world, "export_job", export)
    _agency_wide(world, "terminal_job", terminal)
    kiosks = {
        v: kiosk_create(actor=world.places[v].manager, site=world.places[v].site, name=v)
        for v in ("in", "foreign")
    }
    world.add("kiosk", **{v: k for v, (k, _s) in kiosks.items()})
    world.secrets["kiosk"] = {v: s for v, (_k, s) in kiosks.items()}


# ------------------------------------------------------------------ arrangements
def _arrangements(world: World) -> None:
    from govflex.arrangements.ical import calendar_feed_renew
    from govflex.arrangements.models import ArrangementRequest, Delegation, RosterProposal

    today = timezone.localdate()
    first = today + dt.timedelta(days=14)

    def request(place: Place, mark: str) -> Any:
        return ArrangementRequest.objects.create(
            agency=place.agency,
            person=place.person,
            kind="dates",
            first_day=first,
            last_day=first,
            days={first.isoformat(): {"mode": "off_site", "place": "residence"}},
            reason=mark,
            chain=["supervisor"],
            step_since=timezone.now(),
            off_site=True,
        )

    def delegation(place: Place, mark: str) -> Any:
        return Delegation.objects.create(
            agency=place.agency,
            delegator=place.boss,
            delegate=place.manager,
            start=today,
            end=today + dt.timedelta(days=5),
            note=mark,
        )

    def proposal(place: Place, mark: str) -> Any:
        start = today + dt.timedelta(days=7 - today.weekday())
        return RosterProposal.objects.create(
            agency=place.agency,
            unit=place.unit,
            start=start,
            end=start + dt.timedelta(days=4),
            status=RosterProposal.Status.PROPOSED,
            requested_by=place.boss,
            error=mark,
        )

    each(world, "arrangement_request", request)
    each(world, "delegation", delegation)
    each(world, "proposal", proposal)
    world.secrets["ical"] = {
        v: calendar_feed_renew(actor=world.places[v].person.user, person=world.places[v].person)
        for v in VARIANTS
    }


# ------------------------------------------------------------------ notifications
def _notifications(world: World) -> None:
    from govflex.notifications.models import Notification, WebhookSubscription

    def note(place: Place, mark: str) -> Any:
        return Notification.objects.create(
            user=place.person.user, kind="test", subject_th=mark, subject_en=mark, url="/"
        )

    def hook(place: Place, mark: str) -> Any:
        return WebhookSubscription.objects.create(
            agency=place.agency,
            url=f"https://{mark}.example.org/hook",
            secret=mark,
            events=["arrangement.request_decided"],
            created_by=place.manager,
        )

    each(world, "notification", note)
    _agency_wide(world, "webhook", hook)


# ------------------------------------------------------------------ policies
def _policies(world: World) -> None:
    from govflex.policies.assessments import assessment_record
    from govflex.policies.models import OfficialDocument
    from govflex.policies.services import policy_draft_save

    today = timezone.localdate()

    def policy(place: Place, mark: str) -> Any:
        return policy_draft_save(
            actor=place.manager,
            agency=place.agency,
            effective_from=today + dt.timedelta(days=60),
            values={"off_site": {"weekly_quota_days": 2}},
            name=mark,
        )

    def document(place: Place, mark: str) -> Any:
        return OfficialDocument.objects.create(
            agency=place.agency,
            kind="announcement",
            status=OfficialDocument.Status.PUBLISHED,
            subject=mark,
            body=mark,
            effective_date=today,
            year_be=today.year + 543,
            number=1,
            signer=place.manager,
            signer_name=mark,
            signer_position=mark,
            signed_on=today,
            published_at=timezone.now(),
            created_by=place.manager,
        )

    def draft(place: Place, mark: str) -> Any:
        return OfficialDocument.objects.create(
            agency=place.agency,
            kind="order",
            subject=mark,
            body=mark,
            effective_date=today,
            created_by=place.manager,
        )

    def assessment(place: Place, mark: str) -> Any:
        return assessment_record(actor=place.manager, position=place.position, answers={})

    _agency_wide(world, "policy", policy)
    _agency_wide(world, "document", document)
    _agency_wide(world, "draft_document", draft)
    _agency_wide(world, "assessment", assessment)


# ------------------------------------------------------------------ work
def _work(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from govflex.work.contact import check_send
    from govflex.work.items import item_attach, item_create
    from govflex.work.models import ChecklistTemplate, ContactAnswer, DayReport

    today = timezone.localdate()

    def item(place: Place, mark: str) -> Any:
        return item_create(
            actor=place.boss,
            unit=place.unit,
            title=mark,
            due_date=today + dt.timedelta(days=5),
            assignees=[place.person],
        )

    each(world, "work_item", item)
    each(
        world,
        "work_output",
        lambda p, m: item_attach(
            actor=p.person.user,
            item_id=world.objects["work_item"][_variant(world, p)].pk,
            upload=SimpleUploadedFile(f"{m}.pdf", PDF, content_type="application/pdf"),
        ),
    )

    def template(place: Place, mark: str) -> Any:
        return ChecklistTemplate.objects.create(
            agency=place.agency, unit=place.unit, name=mark, steps=[mark], created_by=place.boss
        )

    def report(place: Place, mark: str) -> Any:
        found = DayReport.objects.create(
            person=place.person, day=today - dt.timedelta(days=1), plan=mark, result=mark
        )
        found.attachment.save(f"{mark}.pdf", ContentFile(PDF))
        found.status = DayReport.Status.REPORTED
        found.reported_at = timezone.now()
        found.save()
        return found

    each(world, "template", template)
    each(world, "day_report", report)
    each(world, "contact_check", lambda p, m: check_send(actor=p.boss, unit=p.unit, message=m))
    world.add(
        "contact_answer",
        **{
            v: ContactAnswer.objects.get(
                contact_check=world.objects["contact_check"][v], person=world.places[v].person
            )
            for v in VARIANTS
        },
    )


def _variant(world: World, place: Place) -> str:
    return next(v for v, p in world.places.items() if p is place)


# ------------------------------------------------------------------ continuity
def _continuity(world: World) -> None:
    from govflex.continuity.emergencies import emergency_create
    from govflex.continuity.rollcalls import roll_call_start

    def emergency(place: Place, mark: str) -> Any:
        return emergency_create(
            actor=place.manager,
            agency=place.agency,
            kind="flood",
            title=mark,
            starts_at=timezone.now() + dt.timedelta(days=30),
            end_date=timezone.localdate() + dt.timedelta(days=32),
        )

    def roll_call(place: Place, mark: str) -> Any:
        return roll_call_start(actor=place.boss, agency=place.agency, unit=place.unit, message=mark)

    _agency_wide(world, "emergency", emergency)
    each(world, "roll_call", roll_call)


# ------------------------------------------------------------------ surveys
def _surveys(world: World) -> None:
    from govflex.surveys.rounds import round_open_now
    from govflex.surveys.setup import survey_save

    def survey(place: Place, mark: str) -> Any:
        return survey_save(
            actor=place.manager,
            agency=place.agency,
            title_th=mark,
            cadence="monthly",
            first_opens_on=timezone.localdate(),
            open_days=5,
        )

    _agency_wide(world, "survey", survey)
    world.add(
        "round",
        **{
            v: round_open_now(actor=world.places[v].manager, survey_id=s.pk)
            for v, s in world.objects["survey"].items()
        },
    )


# ------------------------------------------------------------------ e-service
def _eservice(world: World) -> None:
    from tests.factories.eservice import ServiceFactory, pdf, submit

    each(world, "service", lambda p, m: ServiceFactory(unit=p.unit, name_th=m, code=f"svc-{m}"))
    each(
        world,
        "service_request",
        lambda p, m: submit(
            world.objects["service"][_variant(world, p)],
            client_token=uuid.uuid4(),
            applicant={"applicant_name": m, "applicant_email": f"{m}@example.org"},
            files=[pdf(f"{m}.pdf")],
        ),
    )
    world.add(
        "request_file",
        **{v: r.files.first() for v, r in world.objects["service_request"].items()},
    )
    world.secrets["tracking"] = {
        v: r.tracking_code for v, r in world.objects["service_request"].items()
    }
