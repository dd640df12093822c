"""A person's work plan as an iCalendar feed (RFC 5545) behind a secret URL.

Each day from two weeks back to eight weeks ahead becomes one all-day event: the mode with its
slot or place, approved leave, or the holiday. Only the token's SHA-256 is stored; making a new
URL replaces the old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from icalendar import Calendar, Event

from govflex.arrangements.models import CalendarFeed
from govflex.arrangements.roster import roster_week, week_of
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound
from govflex.org.access import Access, access_for
from govflex.org.models import Person
from govflex.policies.selectors import policy_for

PAST_WEEKS = 2
FUTURE_WEEKS = 8


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, actor: Any, person: Person) -> str:
    """A new secret feed URL token for the person (only the person may ask)."""
    if access_for(actor).person_id != person.pk:
        raise AccessDenied
    token = secrets.token_urlsafe(24)
    feed, _created = CalendarFeed.objects.update_or_create(
        person=person, defaults={"token_hash": _hash(token)}
    )
    audit_record(actor=actor, action="calendar_feed.renew", target=feed, agency_id=person.agency_id)
    return token


def calendar_feed_ics(*, token: str, today: dt.date) -> bytes:
    feed = (
        CalendarFeed.objects.select_related("person__unit").filter(token_hash=_hash(token)).first()
    )
    if feed is None:
        raise NotFound
    person = feed.person
    # The feed shows what the person may see of themselves: their own plan.
    own = Access(user_id=None, person_id=person.pk, home_agency_id=person.agency_id)
    standard = policy_for(
        agency_id=person.agency_id, day=today, unit_id=person.unit_id
    ).standard_day.hours.label()
    calendar = Calendar()
    calendar.add("prodid", "-//GovFlex//Work plan//TH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"GovFlex · {person.full_name_th}")
    start = week_of(today - dt.timedelta(weeks=PAST_WEEKS))[0]
    for week in range(PAST_WEEKS + FUTURE_WEEKS + 1):
        monday = start + dt.timedelta(weeks=week)
        rows = roster_week(access=own, unit=person.unit, day=monday, standard=standard)
        for row in rows:
            if row.person.pk != person.pk:
                continue
            for cell in row.cells:
                event = Event()
                event.add("uid", f"govflex-{person.pk}-{cell.day.isoformat()}@govflex")
                event.add("summary", _summary(cell.kind, cell.text))
                event.add("dtstart", cell.day)
                event.add("dtend", cell.day + dt.timedelta(days=1))
                event.add("transp", "TRANSPARENT")
                calendar.add_component(event)
    content: bytes = calendar.to_ical()
    return content


def _summary(kind: str, text: str) -> str:
    titles = {
        "holiday": "วันหยุด",
        "leave": "ลา",
        "off_site": "นอกที่ตั้ง",
        "counted_hours": "ในที่ตั้ง นับชั่วโมงทำงาน",
        "staggered": "ในที่ตั้ง",
        "standard": "ในที่ตั้ง เวลาปกติ",
    }
    title = titles.get(kind, kind)
    return f"{title} {text}".strip() if kind != "counted_hours" else title
