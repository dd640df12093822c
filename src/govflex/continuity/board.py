"""Reading roll calls: the live board per unit, my open roll calls, the results table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from govflex.common.errors import NotFound
from govflex.continuity.models import RollCall, RollCallEntry
from govflex.continuity.rollcalls import may_follow
from govflex.core.rollcall import Answer, Reply, Tally, tally, urgency
from govflex.org.access import access_for
from govflex.org.models import Unit


def roll_call_get(*, actor: Any, roll_call_id: int) -> RollCall:
    """The starter, executives, HR and auditors see a roll call; supervisors see it when
    some of its people are in the units they lead."""
    roll_call = RollCall.objects.select_related("unit", "emergency").filter(pk=roll_call_id).first()
    if roll_call is None:
        raise NotFound
    access = access_for(actor)
    if access.is_admin or may_follow(access, roll_call):
        return roll_call
    if (
        roll_call.entries.filter(access.people_filter("person__"))
        .exclude(person_id=access.person_id or 0)
        .exists()
    ):
        return roll_call
    raise NotFound


def visible_entries(*, actor: Any, roll_call: RollCall) -> QuerySet[RollCallEntry]:
    access = access_for(actor)
    entries = roll_call.entries.select_related("person", "unit", "person__position")
    if access.is_admin or may_follow(access, roll_call):
        return entries
    return entries.filter(access.people_filter("person__"))


def roll_calls_followed(*, actor: Any) -> QuerySet[RollCall]:
    """Roll calls the actor started or may follow as an executive, HR or auditor."""
    access = access_for(actor)
    if access.is_admin:
        return RollCall.objects.select_related("unit")
    readers = [a for a in access.agencies() if access.is_agency_reader(a)]
    supervised = Q(pk__in=[])
    for agency_id, paths in access.supervised_paths.items():
        for path in paths:
            supervised |= Q(agency_id=agency_id, entries__unit__path__startswith=path)
    return (
        RollCall.objects.filter(
            Q(started_by_id=access.user_id) | Q(agency_id__in=readers) | supervised
        )
        .distinct()
        .select_related("unit")
    )


def my_open_entries(*, actor: Any) -> QuerySet[RollCallEntry]:
    access = access_for(actor)
    return RollCallEntry.objects.filter(
        person_id=access.person_id or 0, roll_call__closed_at__isnull=True
    ).select_related("roll_call")


@dataclass(frozen=True)
class UnitLine:
    unit: Unit
    tally: Tally


@dataclass(frozen=True)
class Board:
    roll_call: RollCall
    overall: Tally
    units: list[UnitLine]
    attention: list[RollCallEntry]  # need help first, then no answer
    others: list[RollCallEntry]


def board(*, actor: Any, roll_call: RollCall) -> Board:
    entries = list(visible_entries(actor=actor, roll_call=roll_call))
    replies = [
        Reply(e.person_id, e.unit_id, Answer(e.answer) if e.answer else None, bool(e.escalated_at))
        for e in entries
    ]
    overall, per_unit = tally(replies)
    units = {e.unit_id: e.unit for e in entries}
    lines = [UnitLine(units[i], per_unit[i]) for i in sorted(per_unit, key=lambda i: units[i].path)]
    ordered = sorted(entries, key=lambda e: (urgency(e.answer), e.unit.path, e.person.last_name_th))
    attention = [e for e in ordered if e.answer in ("", Answer.NEED_HELP.value)]
    others = [e for e in ordered if e.answer not in ("", Answer.NEED_HELP.value)]
    return Board(roll_call, overall, lines, attention, others)
