"""Rebuilding the daily unit summaries of a long period with a few set-based statements.

``summaries.rebuild`` recomputes one day at a time: for a year of a 100,000-person agency that
is several hundred rounds of queries, each reading the day's sources again. Here each batch of
days is one ``INSERT … SELECT … GROUP BY`` over the groups of every source (day results, day
reports, completed work items, contact checks) added together, writing exactly the rows
``summaries.recompute`` writes for every unit-day of the period (tests/app/test_insights_bulk.py
compares the two). The SQL is PostgreSQL's; other databases use ``summaries.rebuild``.

The same rules as ``summaries.py``: day results count in the unit they were judged in
(``unit_id_at``), the other sources in the person's current unit; everyone is grouped by their
current position type and staff category; an absence counts as a working day only once final.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from govflex.attendance.models import DayResult
from govflex.core.enums import DayStatus
from govflex.core.evidence import COMPLIANT, LATE, NOT_COMPLIANT, REPORT_FILED
from govflex.insights import summaries
from govflex.insights.models import COUNT_FIELDS, UnitDaySummary
from govflex.org.models import Person, Position, Unit
from govflex.work.models import ContactAnswer, ContactCheck, DayReport, WorkItem

BATCH_DAYS = 31
KEY_COLUMNS = ("agency_id", "unit_id", "unit_path", "day", "position_type", "staff_category")


def _in(values: Iterable[str]) -> str:
    # Status values are our own enum constants, never user input.
    return "(" + ", ".join(f"'{v}'" for v in sorted(str(v) for v in values)) + ")"


_WORKING = (
    f"r.status IN {_in(COMPLIANT | NOT_COMPLIANT)}"
    f" AND (r.final OR r.status NOT IN {_in({DayStatus.ABSENT, DayStatus.INCOMPLETE})})"
)
DAY_RESULT_COUNTS = {
    "people": "count(*)",
    "working": f"count(*) FILTER (WHERE {_WORKING})",
    "compliant": f"count(*) FILTER (WHERE {_WORKING} AND r.status IN {_in(COMPLIANT)})",
    "late": f"count(*) FILTER (WHERE {_WORKING} AND r.status IN {_in(LATE)})",
    "absent": f"count(*) FILTER (WHERE {_WORKING} AND r.status = '{DayStatus.ABSENT}')",
    "leave": f"count(*) FILTER (WHERE r.status = '{DayStatus.ON_LEAVE}')",
    "not_yet": f"count(*) FILTER (WHERE r.status = '{DayStatus.ABSENT}' AND NOT r.final)",
    "with_exceptions": "count(*) FILTER (WHERE r.exceptions <> '[]'::jsonb)",
    "mode_standard": f"count(*) FILTER (WHERE {_WORKING} AND r.mode = '')",
    "mode_staggered": f"count(*) FILTER (WHERE {_WORKING} AND r.mode = 'staggered')",
    "mode_counted_hours": f"count(*) FILTER (WHERE {_WORKING} AND r.mode = 'counted_hours')",
    "mode_off_site": f"count(*) FILTER (WHERE {_WORKING} AND r.mode = 'off_site')",
}
REPORT_COUNTS = {"reports_filed": "count(*)"}
ITEM_COUNTS = {
    "items_completed": "count(*)",
    "items_on_time": "count(*) FILTER (WHERE (w.completed_at AT TIME ZONE %(tz)s)::date"
    " <= w.due_date)",
}
CHECK_COUNTS = {
    "contact_checks": "count(*)",
    "contact_answered": "count(a.answered_at)",
    # Whole seconds per answer (truncated, never negative), as summaries._event_counts.
    "response_seconds": "coalesce(sum(greatest(0, trunc(extract(epoch FROM"
    " a.answered_at - c.sent_at)))), 0)::bigint",
}
_KNOWN = {*DAY_RESULT_COUNTS, *REPORT_COUNTS, *ITEM_COUNTS, *CHECK_COUNTS}


def _t(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def _select(counts: dict[str, str], source: str, day: str, where: str) -> str:
    """One source's counts per unit-day group (0 for the other counts)."""
    values = ", ".join(f"{counts.get(name, '0')} AS {name}" for name in COUNT_FIELDS)
    return (
        f"SELECT u.agency_id, u.id AS unit_id, u.path AS unit_path, {day} AS day,"  # noqa: S608
        " coalesce(pos.position_type, '') AS position_type,"
        f" coalesce(p.staff_category, '') AS staff_category, {values}"
        f" FROM {source}"
        f" JOIN {_t(Position)} pos ON pos.id = p.position_id"
        f" WHERE {where} /*scope*/"
        " GROUP BY 1, 2, 3, 4, 5, 6"
    )


def _statement() -> str:
    """One INSERT of every source's groups added together (a group any source has is a row)."""
    unknown = set(COUNT_FIELDS) - _KNOWN
    if unknown:  # a new count: teach it here (and to the equality test) before using this
        raise NotImplementedError(f"bulk rebuild does not count {sorted(unknown)}")
    local_completed = "(w.completed_at AT TIME ZONE %(tz)s)::date"
    local_sent = "(c.sent_at AT TIME ZONE %(tz)s)::date"
    person, unit = _t(Person), _t(Unit)
    through = connection.ops.quote_name(WorkItem.assignees.through._meta.db_table)
    sources = [
        _select(
            DAY_RESULT_COUNTS,
            f"{_t(DayResult)} r JOIN {unit} u ON u.id = r.unit_id_at"
            f" JOIN {person} p ON p.id = r.person_id",
            "r.day",
            "r.day BETWEEN %(start)s AND %(end)s",
        ),
        _select(
            REPORT_COUNTS,
            f"{_t(DayReport)} d JOIN {person} p ON p.id = d.person_id"
            f" JOIN {unit} u ON u.id = p.unit_id",
            "d.day",
            f"d.day BETWEEN %(start)s AND %(end)s AND d.status IN {_in(REPORT_FILED)}",
        ),
        _select(
            ITEM_COUNTS,
            f"{through} t JOIN {_t(WorkItem)} w ON w.id = t.workitem_id"
            f" JOIN {person} p ON p.id = t.person_id JOIN {unit} u ON u.id = p.unit_id",
            local_completed,
            f"w.status = '{WorkItem.Status.DONE}'"
            f" AND {local_completed} BETWEEN %(start)s AND %(end)s",
        ),
        _select(
            CHECK_COUNTS,
            f"{_t(ContactAnswer)} a JOIN {_t(ContactCheck)} c ON c.id = a.contact_check_id"
            f" JOIN {person} p ON p.id = a.person_id JOIN {unit} u ON u.id = p.unit_id",
            local_sent,
            f"{local_sent} BETWEEN %(start)s AND %(end)s",
        ),
    ]
    keys = ", ".join(KEY_COLUMNS)
    sums = ", ".join(f"sum({name})" for name in COUNT_FIELDS)
    return (
        f"INSERT INTO {_t(UnitDaySummary)} ({keys}, {', '.join(COUNT_FIELDS)})"  # noqa: S608
        f" SELECT {keys}, {sums} FROM ({' UNION ALL '.join(sources)}) AS groups"
        f" GROUP BY {keys}"
    )


def _batch(start: dt.date, end: dt.date, agency_id: int | None) -> int:
    params: dict[str, dt.date | str | int] = {
        "start": start,
        "end": end,
        "tz": timezone.get_current_timezone_name(),
    }
    scope = ""
    if agency_id is not None:
        scope, params["agency"] = "AND u.agency_id = %(agency)s", agency_id
    units = f"(SELECT u.id FROM {_t(Unit)} u WHERE TRUE {scope})"  # noqa: S608 - our SQL
    with transaction.atomic(), connection.cursor() as cursor:
        # One sort or hash of a month of day results at a time, for this transaction only.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            f"DELETE FROM {_t(UnitDaySummary)} WHERE unit_id IN {units}"  # noqa: S608
            " AND day BETWEEN %(start)s AND %(end)s",
            params,
        )
        cursor.execute(_statement().replace("/*scope*/", scope), params)
        cursor.execute(
            f"SELECT count(*) FROM {_t(UnitDaySummary)} WHERE unit_id IN {units}"  # noqa: S608
            " AND day BETWEEN %(start)s AND %(end)s",
            params,
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def rebuild(*, start: dt.date, end: dt.date, agency_id: int | None = None) -> int:
    """What ``summaries.rebuild`` does (every unit-day of the period, of the agency or of all),
    a batch of days at a time; returns the summary rows the period now has."""
    if connection.vendor != "postgresql":
        return summaries.rebuild(start=start, end=end, agency_id=agency_id)
    written, day = 0, start
    while day <= end:
        last = min(day + dt.timedelta(days=BATCH_DAYS - 1), end)
        written += _batch(day, last, agency_id)
        day = last + dt.timedelta(days=1)
    summaries.roll_up_period(start=start, end=end, agency_id=agency_id)
    return written
