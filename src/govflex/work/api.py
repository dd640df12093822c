"""REST endpoints for off-site day plans and reports."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.params.functions import File as FileParam

from govflex.common.api_types import ObjectId
from govflex.common.errors import NotFound
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.org.selectors import own_person, unit_get
from govflex.work.contact import check_answer, check_rows, check_send
from govflex.work.items import item_attach, item_comment, item_create, item_update
from govflex.work.items import may_see as may_see_item
from govflex.work.models import ChecklistTemplate, ContactCheck, DayReport, WorkItem
from govflex.work.reports import plan_file, report_file, report_review, reports_to_review

router = Router(tags=["off-site reports"])


class ReportOut(Schema):
    id: int
    person_id: int
    day: dt.date
    plan: str
    result: str
    outputs: str
    hours: Decimal | None
    problems: str
    has_attachment: bool
    status: str
    review_note: str


class PlanIn(Schema):
    plan: str


class ReviewIn(Schema):
    accept: bool
    note: str = ""


def _out(report: DayReport) -> dict[str, Any]:
    return {
        **{f: getattr(report, f) for f in ReportOut.model_fields if f != "has_attachment"},
        "has_attachment": bool(report.attachment),
    }


def _me(request: HttpRequest) -> Any:
    me = own_person(access=access_for(request.user))
    if me is None:
        raise NotFound
    return me


@router.get("/me/day-reports", response=list[ReportOut])
def my_reports(request: HttpRequest) -> Any:
    return [_out(r) for r in DayReport.objects.filter(person=_me(request))[:100]]


@router.put("/me/day-reports/{day}/plan", response=ReportOut)
def put_plan(request: HttpRequest, day: dt.date, payload: PlanIn) -> Any:
    """The morning plan of an off-site day (today or up to a week ahead)."""
    return _out(plan_file(actor=request.user, person=_me(request), day=day, plan=payload.plan))


@router.post("/me/day-reports/{day}/result", response=ReportOut)
def post_result(
    request: HttpRequest,
    day: dt.date,
    result: Form[str],
    outputs: Form[str] = "",
    hours: Form[Decimal | None] = None,
    problems: Form[str] = "",
    attachment: UploadedFile | None = FileParam(None),  # noqa: B008 - ninja's way to declare a file
) -> Any:
    """The result, as a multipart form (``result``, ``outputs``, ``hours``, ``problems``,
    ``attachment``)."""
    report = report_file(
        actor=request.user,
        person=_me(request),
        day=day,
        result=result,
        outputs=outputs,
        hours=hours,
        problems=problems,
        attachment=attachment,
    )
    return _out(report)


@router.get("/day-reports/to-review", response=list[ReportOut])
def to_review(request: HttpRequest) -> Any:
    return [_out(r) for r in reports_to_review(actor=request.user)[:200]]


@router.post("/day-reports/{report_id}/review", response=ReportOut)
def review(request: HttpRequest, report_id: int, payload: ReviewIn) -> Any:
    report = report_review(
        actor=request.user, report_id=report_id, accept=payload.accept, note=payload.note
    )
    return _out(report)


class ItemIn(Schema):
    unit_id: int
    title: str
    due_date: dt.date
    assignee_ids: list[ObjectId]
    description: str = ""
    expected_output: str = ""
    start_date: dt.date | None = None
    priority: str = "normal"
    recurrence: str = ""
    checklist: list[str] = Field(default_factory=list)
    template_id: int | None = None


class ItemOut(Schema):
    id: int
    unit_id: int
    title: str
    description: str
    expected_output: str
    start_date: dt.date | None
    due_date: dt.date
    priority: str
    status: str
    progress: int
    checklist: list[dict[str, Any]]
    recurrence: str
    assignee_ids: list[ObjectId]
    completed_at: dt.datetime | None
    template_id: int | None


class ItemUpdateIn(Schema):
    status: str
    progress: int = 0
    checklist_done: list[int] | None = None


class CommentIn(Schema):
    text: str


def _item_out(item: WorkItem) -> dict[str, Any]:
    fields = {f: getattr(item, f) for f in ItemOut.model_fields if f != "assignee_ids"}
    return {**fields, "assignee_ids": [p.pk for p in item.assignees.all()]}


@router.get("/me/work-items", response=list[ItemOut])
def my_items(request: HttpRequest, status: str = "") -> Any:
    items = WorkItem.objects.filter(assignees=_me(request)).prefetch_related("assignees")
    if status:
        items = items.filter(status=status)
    return [_item_out(i) for i in items[:500]]


@router.post("/work-items", response={201: ItemOut})
def create_item(request: HttpRequest, payload: ItemIn) -> Any:
    """Assign work (supervisors and HR; only to people in their scope)."""
    access = access_for(request.user)
    unit = unit_get(access=access, unit_id=payload.unit_id)
    people = list(Person.objects.filter(pk__in=payload.assignee_ids, agency_id=unit.agency_id))
    if len(people) != len(set(payload.assignee_ids)):
        raise NotFound
    item = item_create(
        actor=request.user,
        unit=unit,
        title=payload.title,
        due_date=payload.due_date,
        assignees=people,
        description=payload.description,
        expected_output=payload.expected_output,
        start_date=payload.start_date,
        priority=payload.priority,
        recurrence=payload.recurrence,
        checklist=payload.checklist,
        template=_template(request, payload.template_id),
    )
    return Status(201, _item_out(item))


def _template(request: HttpRequest, template_id: int | None) -> ChecklistTemplate | None:
    if template_id is None:
        return None
    template = ChecklistTemplate.objects.filter(
        pk=template_id, agency_id__in=access_for(request.user).agencies()
    ).first()
    if template is None:
        raise NotFound
    return template


@router.get("/work-items/{item_id}", response=ItemOut)
def get_item(request: HttpRequest, item_id: int) -> Any:
    item = WorkItem.objects.select_related("unit").filter(pk=item_id).first()
    if item is None or not may_see_item(request.user, item):
        raise NotFound
    return _item_out(item)


@router.post("/work-items/{item_id}/progress", response=ItemOut)
def update_item(request: HttpRequest, item_id: int, payload: ItemUpdateIn) -> Any:
    return _item_out(
        item_update(
            actor=request.user,
            item_id=item_id,
            status=payload.status,
            progress=payload.progress,
            checklist_done=payload.checklist_done,
        )
    )


@router.post("/work-items/{item_id}/comments", response={201: dict[str, Any]})
def comment(request: HttpRequest, item_id: int, payload: CommentIn) -> Any:
    made = item_comment(actor=request.user, item_id=item_id, text=payload.text)
    return Status(201, {"id": made.pk, "text": made.text, "created_at": made.created_at})


@router.post("/work-items/{item_id}/outputs", response={201: dict[str, Any]})
def attach(
    request: HttpRequest,
    item_id: int,
    file: UploadedFile | None = FileParam(None),  # noqa: B008 - ninja's way to declare a file
    note: Form[str] = "",
) -> Any:
    output = item_attach(actor=request.user, item_id=item_id, upload=file, note=note)
    return Status(201, {"id": output.pk, "file": output.file.name, "note": output.note})


class ContactIn(Schema):
    unit_id: int | None = None
    person_id: int | None = None
    message: str = ""
    escalate_after_minutes: int = 30


class AnswerOut(Schema):
    id: int
    person_id: int
    answered_at: dt.datetime | None
    response_seconds: int | None


class ContactOut(Schema):
    id: int
    sent_at: dt.datetime
    message: str
    answers: list[AnswerOut]


def _contact_out(check: ContactCheck) -> dict[str, Any]:
    return {
        "id": check.pk,
        "sent_at": check.sent_at,
        "message": check.message,
        "answers": [
            {
                "id": a.pk,
                "person_id": a.person_id,
                "answered_at": a.answered_at,
                "response_seconds": a.response_seconds,
            }
            for a in check_rows(check)
        ],
    }


@router.post("/contact-checks", response={201: ContactOut})
def send_check(request: HttpRequest, payload: ContactIn) -> Any:
    """Check a unit subtree (``unit_id``) or one person (``person_id``) you supervise."""
    access = access_for(request.user)
    unit = unit_get(access=access, unit_id=payload.unit_id) if payload.unit_id else None
    person = None
    if payload.person_id is not None:
        person = Person.objects.filter(pk=payload.person_id).first()
        if person is None:
            raise NotFound
    check = check_send(
        actor=request.user,
        person=person,
        unit=unit,
        message=payload.message,
        escalate_after_minutes=payload.escalate_after_minutes,
    )
    return Status(201, _contact_out(check))


@router.get("/contact-checks/{check_id}", response=ContactOut)
def get_check(request: HttpRequest, check_id: int) -> Any:
    check = ContactCheck.objects.filter(pk=check_id).first()
    access = access_for(request.user)
    if check is None or not (
        check.sent_by_id == request.user.pk or access.is_agency_reader(check.agency_id)
    ):
        raise NotFound
    return _contact_out(check)


@router.post("/contact-answers/{answer_id}", response=AnswerOut)
def answer_check(request: HttpRequest, answer_id: int) -> Any:
    """One tap: I can be reached."""
    answer = check_answer(actor=request.user, answer_id=answer_id)
    return {
        "id": answer.pk,
        "person_id": answer.person_id,
        "answered_at": answer.answered_at,
        "response_seconds": answer.response_seconds,
    }
