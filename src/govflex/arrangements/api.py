"""REST endpoints for a person's work arrangement."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Router, Schema

from govflex.arrangements.ical import calendar_feed_renew
from govflex.arrangements.models import DayException, WeeklyPattern
from govflex.arrangements.services import exception_set, pattern_set
from govflex.common.errors import NotFound
from govflex.core.arrangements import mode_options
from govflex.core.enums import PositionType
from govflex.org.access import access_for
from govflex.org.selectors import person_get
from govflex.policies.selectors import policy_for

router = Router(tags=["arrangements"])


class DayValue(Schema):
    mode: str
    slot: str = ""
    place: str = ""


class PatternIn(Schema):
    effective_from: dt.date
    days: dict[str, DayValue]
    note: str = ""


class PatternOut(Schema):
    effective_from: dt.date
    days: dict[str, dict[str, str]]
    note: str


class ExceptionOut(Schema):
    day: dt.date
    mode: str
    slot: str
    place: str
    note: str


class ModeOptionOut(Schema):
    mode: str
    allowed: bool
    note: str


class ArrangementOut(Schema):
    person_id: int
    mode_options: list[ModeOptionOut]
    patterns: list[PatternOut]
    exceptions: list[ExceptionOut]


@router.get("/people/{person_id}/arrangement", response=ArrangementOut)
def get_arrangement(request: HttpRequest, person_id: int) -> Any:
    person = person_get(access=access_for(request.user), person_id=person_id)
    today = timezone.localdate()
    policy = policy_for(agency_id=person.agency_id, day=today, unit_id=person.unit_id)
    thai = (get_language() or "th").startswith("th")
    return {
        "person_id": person.pk,
        "mode_options": [
            {
                "mode": o.mode.value,
                "allowed": o.allowed,
                "note": (o.note.th if thai else o.note.en) if o.note else "",
            }
            for o in mode_options(policy, PositionType(person.position.position_type))
        ],
        "patterns": list(WeeklyPattern.objects.filter(person=person)),
        "exceptions": list(DayException.objects.filter(person=person, day__gte=today)),
    }


@router.put("/people/{person_id}/arrangement/pattern", response=PatternOut)
def put_pattern(request: HttpRequest, person_id: int, payload: PatternIn) -> Any:
    person = person_get(access=access_for(request.user), person_id=person_id)
    days = {key: value.dict() for key, value in payload.days.items()}
    return pattern_set(
        actor=request.user,
        person=person,
        effective_from=payload.effective_from,
        days=days,
        note=payload.note,
    )


@router.put("/people/{person_id}/arrangement/exceptions/{day}", response=ExceptionOut)
def put_exception(request: HttpRequest, person_id: int, day: dt.date, payload: DayValue) -> Any:
    person = person_get(access=access_for(request.user), person_id=person_id)
    return exception_set(actor=request.user, person=person, day=day, value=payload.dict())


class FeedOut(Schema):
    url: str


@router.post(
    "/me/calendar-feed", response=FeedOut, summary="Make (or replace) my iCalendar feed URL"
)
def renew_feed(request: HttpRequest) -> Any:
    access = access_for(request.user)
    if access.person_id is None:
        raise NotFound
    person = person_get(access=access, person_id=access.person_id)
    token = calendar_feed_renew(actor=request.user, person=person)
    return {"url": request.build_absolute_uri(reverse("arrangements:ical", args=[token]))}
