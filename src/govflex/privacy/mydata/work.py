"""The person's off-site reports, work, contact checks, roll calls, acknowledgements of orders
and the pulse-survey rounds they took part in (never their anonymous answers: those carry no
person, so nothing can tie them back — by design, docs/surveys.md)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from govflex.continuity.models import RollCallAnswer, RollCallEntry
from govflex.policies.models import Acknowledgement
from govflex.privacy.models import FileRemoval
from govflex.privacy.mydata import Sections, Subject, exporter
from govflex.privacy.mydata.attendance import REMOVED
from govflex.surveys.models import Participation
from govflex.work.models import ContactAnswer, DayReport, WorkComment, WorkItem, WorkOutput


def _removed(label: str, ids: list[Any]) -> set[str]:
    return set(
        FileRemoval.objects.filter(
            target_type=label, target_id__in=[str(i) for i in ids]
        ).values_list("target_id", flat=True)
    )


def _file(stored: Any, pk: int, removed: set[str]) -> str:
    return str(stored.name or (REMOVED if str(pk) in removed else ""))


@exporter("work")
def work(subject: Subject) -> Sections:
    person, user = subject.person, subject.user
    if person is not None:
        reports = list(DayReport.objects.filter(person=person).order_by("day"))
        removed = _removed("work.dayreport", [r.pk for r in reports])
        yield (
            "day_reports",
            _("Off-site day plans and reports"),
            (
                {
                    "day": r.day,
                    "plan": r.plan,
                    "result": r.result,
                    "outputs": r.outputs,
                    "hours": r.hours,
                    "problems": r.problems,
                    "attachment": _file(r.attachment, r.pk, removed),
                    "status": r.get_status_display(),
                    "review_note": r.review_note,
                    "planned_at": r.planned_at,
                    "reported_at": r.reported_at,
                    "reviewed_at": r.reviewed_at,
                }
                for r in reports
            ),
        )
        items = WorkItem.objects.filter(assignees=person).select_related("unit").order_by("pk")
        yield (
            "work_items",
            _("Work assigned to you"),
            (
                {
                    "title": i.title,
                    "description": i.description,
                    "expected_output": i.expected_output,
                    "unit": i.unit.name_th,
                    "start_date": i.start_date,
                    "due_date": i.due_date,
                    "priority": i.get_priority_display(),
                    "status": i.get_status_display(),
                    "progress": i.progress,
                    "checklist": i.checklist,
                    "created_at": i.created_at,
                    "completed_at": i.completed_at,
                }
                for i in items
            ),
        )
    outputs = list(WorkOutput.objects.filter(uploaded_by=user).select_related("item"))
    removed = _removed("work.workoutput", [o.pk for o in outputs])
    yield (
        "work_outputs",
        _("Outputs you attached"),
        (
            {
                "work": o.item.title,
                "file": _file(o.file, o.pk, removed),
                "note": o.note,
                "uploaded_at": o.uploaded_at,
            }
            for o in outputs
        ),
    )
    comments = WorkComment.objects.filter(author=user).select_related("item").order_by("pk")
    yield (
        "work_comments",
        _("Comments you wrote"),
        ({"work": c.item.title, "text": c.text, "at": c.created_at} for c in comments),
    )
    if person is None:
        return
    answers = ContactAnswer.objects.filter(person=person).select_related("contact_check")
    yield (
        "contact_checks",
        _("Contact checks"),
        (
            {
                "sent_at": a.contact_check.sent_at,
                "message": a.contact_check.message,
                "answered_at": a.answered_at,
            }
            for a in answers.order_by("contact_check__sent_at")
        ),
    )


@exporter("continuity")
def roll_calls(subject: Subject) -> Sections:
    person = subject.person
    if person is None:
        return
    entries = RollCallEntry.objects.filter(person=person).select_related("roll_call")
    yield (
        "roll_calls",
        _("Roll calls"),
        (
            {
                "started_at": e.roll_call.started_at,
                "message": e.roll_call.message,
                "answer": e.get_answer_display() if e.answer else "",
                "note": e.note,
                "latitude": e.latitude,
                "longitude": e.longitude,
                "answered_at": e.answered_at,
            }
            for e in entries.order_by("roll_call__started_at")
        ),
    )
    history = RollCallAnswer.objects.filter(entry__person=person).select_related("entry__roll_call")
    yield (
        "roll_call_answers",
        _("Roll-call answers"),
        (
            {
                "roll_call_started_at": a.entry.roll_call.started_at,
                "answer": a.get_answer_display(),
                "note": a.note,
                "latitude": a.latitude,
                "longitude": a.longitude,
                "at": a.at,
            }
            for a in history.order_by("at", "pk")
        ),
    )


@exporter("policies")
def acknowledgements(subject: Subject) -> Sections:
    person = subject.person
    if person is None:
        return
    rows = Acknowledgement.objects.filter(person=person).select_related("document")
    yield (
        "acknowledgements",
        _("Orders and announcements you acknowledged"),
        (
            {
                "document": a.document.subject,
                "kind": a.document.get_kind_display(),
                "number": a.document.number,
                "year_be": a.document.year_be,
                "acknowledged_at": a.at,
            }
            for a in rows.order_by("at")
        ),
    )


@exporter("surveys")
def surveys(subject: Subject) -> Sections:
    person = subject.person
    if person is None:
        return
    rows = Participation.objects.filter(person=person).select_related("round__survey")
    yield (
        "survey_rounds",
        _("Pulse-survey rounds you answered (the answers are anonymous and not kept with you)"),
        (
            {
                "survey": p.round.survey.title_th,
                "opens_on": p.round.opens_on,
                "closes_on": p.round.closes_on,
            }
            for p in rows.order_by("round__opens_on")
        ),
    )
