"""REST endpoints for off-site day plans and reports."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Form, Router, Schema
from ninja.files import UploadedFile
from ninja.params.functions import File as FileParam

from govflex.common.errors import NotFound
from govflex.org.access import access_for
from govflex.org.selectors import own_person
from govflex.work.models import DayReport
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
