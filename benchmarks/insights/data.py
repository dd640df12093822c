"""One year of generated records for the dashboards benchmark, written with ``COPY``.

Every person of the demo agency gets a day result on every working day (weekdays without Thai
public holidays) of the last ``days`` days, drawn from a fixed seed per day: the work mode
(standard, staggered, counted hours, off site) and the status (mostly present; some late,
absent, on leave, off site with or without the day's report), exceptions on the days that have
one. Off-site days get their day report (filed, or only planned when it is missing); 2% of
people complete a work item each day (some after the due date); 1% of the smallest units get a
contact check each day (90% answered). Secondary indexes are dropped during the load and built
once afterwards, and foreign-key triggers are off (the rows point at real people).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

SEED = 2569
BKK = "+07"

# Per kind: status, mode, weight in 1/1000, worked, late and early minutes, punches and
# the exceptions list.
KINDS: tuple[tuple[str, str, int, int, int, int, int, str], ...] = (
    ("present", "", 480, 480, 0, 0, 2, "[]"),
    ("late", "", 40, 465, 15, 0, 2, '[{"code": "late", "minutes": 15}]'),
    ("late_and_left_early", "", 5, 440, 10, 30, 2, '[{"code": "late"}, {"code": "left_early"}]'),
    ("left_early", "", 5, 450, 0, 30, 2, '[{"code": "left_early", "minutes": 30}]'),
    ("absent", "", 15, 0, 0, 0, 0, '[{"code": "absent"}]'),
    ("on_leave", "", 50, 0, 0, 0, 0, "[]"),
    ("official_travel", "", 5, 0, 0, 0, 0, "[]"),
    ("present", "staggered", 105, 480, 0, 0, 2, "[]"),
    ("late", "staggered", 10, 470, 10, 0, 2, '[{"code": "late", "minutes": 10}]'),
    ("left_early", "staggered", 5, 455, 0, 25, 2, '[{"code": "left_early", "minutes": 25}]'),
    ("present", "counted_hours", 75, 485, 0, 0, 2, "[]"),
    ("incomplete", "counted_hours", 5, 0, 0, 0, 1, '[{"code": "missing_punch"}]'),
    ("off_site_reported", "off_site", 170, 480, 0, 0, 0, "[]"),
    ("off_site_report_missing", "off_site", 30, 0, 0, 0, 0, '[{"code": "report_missing"}]'),
)
REPORTED = next(i for i, k in enumerate(KINDS) if k[0] == "off_site_reported")
MISSING = next(i for i, k in enumerate(KINDS) if k[0] == "off_site_report_missing")
ON_SITE = {i for i, k in enumerate(KINDS) if k[6] > 0}
DAY_RESULT_COLUMNS = (
    "person_id, agency_id, unit_id_at, day, status, mode, worked_minutes, late_minutes,"
    " early_minutes, punch_count, first_punch, last_punch, exceptions, final, computed_at"
)


@dataclass
class Generated:
    days: list[dt.date]
    day_results: int
    day_reports: int
    work_items: int
    contact_answers: int
    seconds: float


def working_days(end: dt.date, days: int) -> list[dt.date]:
    from govflex.core.calendar import WorkCalendar  # noqa: PLC0415 - needs the src path

    calendar = WorkCalendar()
    return list(calendar.working_days(end - dt.timedelta(days=days - 1), end))


@contextmanager
def without_indexes(cursor: Any, table: str) -> Iterator[None]:
    """Drop the table's unique constraints and secondary indexes; build them again after."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'u'",
        (table,),
    )
    uniques = cursor.fetchall()
    for name, _definition in uniques:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s"
        " AND indexname NOT LIKE '%%pkey'",
        (table,),
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    cursor.execute("SET maintenance_work_mem = '1GB'")  # the one-off build, not the queries
    for name, definition in uniques:
        cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    for _name, definition in indexes:
        cursor.execute(definition)


def _stamp(day: dt.date, clock: str) -> str:
    return f"{day.isoformat()} {clock}{BKK}"


def _tails(day: dt.date, today: dt.date, now: str) -> list[str]:
    """Everything after ``person, agency, unit`` of a day-result line, per kind."""
    final = "f" if day >= today else "t"
    computed = now if day >= today else _stamp(day, "18:00:00")
    out = []
    for status, mode, _w, worked, late, early, punches, exceptions in KINDS:
        first = _stamp(day, f"08:{late:02d}:00") if punches else r"\N"
        last = _stamp(day, "16:30:00") if punches > 1 else r"\N"
        out.append(
            f"{day.isoformat()}\t{status}\t{mode}\t{worked}\t{late}\t{early}\t{punches}\t"
            f"{first}\t{last}\t{exceptions}\t{final}\t{computed}\n"
        )
    return out


def _people(cursor: Any, agency_id: int) -> list[tuple[int, int]]:
    cursor.execute(
        "SELECT id, unit_id FROM org_person WHERE agency_id = %s ORDER BY id", (agency_id,)
    )
    return [(int(pk), int(unit)) for pk, unit in cursor.fetchall()]


def _day_results(
    cursor: Any, agency_id: int, people: list[tuple[int, int]], days: list[dt.date], now: str
) -> tuple[int, dict[dt.date, list[int]]]:
    """The day results; returns their count and each day's kinds per person (index order)."""
    prefixes = [f"{pk}\t{agency_id}\t{unit}\t" for pk, unit in people]
    weights = [k[2] for k in KINDS]
    indices = range(len(KINDS))
    drawn: dict[dt.date, list[int]] = {}
    rows = 0
    today = days[-1]
    with cursor.copy(f"COPY attendance_dayresult ({DAY_RESULT_COLUMNS}) FROM STDIN") as copy:
        for day in days:
            rng = random.Random(f"{SEED}:{day.isoformat()}")
            kinds = rng.choices(indices, weights, k=len(people))
            tails = _tails(day, today, now)
            copy.write("".join(map(str.__add__, prefixes, [tails[k] for k in kinds])))
            drawn[day] = kinds
            rows += len(kinds)
    return rows, drawn


def _day_reports(
    cursor: Any, people: list[tuple[int, int]], drawn: dict[dt.date, list[int]]
) -> int:
    columns = (
        "person_id, day, plan, planned_at, result, outputs, hours, problems, attachment,"
        " reported_at, status, review_note, reviewed_at, search_text"
    )
    rows = 0
    with cursor.copy(f"COPY work_dayreport ({columns}) FROM STDIN") as copy:
        for day, kinds in drawn.items():
            planned = _stamp(day, "08:05:00")
            filed = (
                f"\t{day}\tแผนงานประจำวัน\t{planned}\tดำเนินการตามแผน\tรายงาน\t7.0\t\t\t"
                f"{_stamp(day, '16:20:00')}\t%s\t\t\\N\t\n"
            )
            plan_only = f"\t{day}\tแผนงานประจำวัน\t{planned}\t\t\t\\N\t\t\t\\N\tplanned\t\t\\N\t\n"
            lines = []
            for (pk, _unit), kind in zip(people, kinds, strict=True):
                if kind == REPORTED:
                    lines.append(f"{pk}{filed % ('accepted' if pk % 3 else 'reported')}")
                elif kind == MISSING:
                    lines.append(f"{pk}{plan_only}")
            copy.write("".join(lines))
            rows += len(lines)
    return rows


def _work_items(
    cursor: Any, agency_id: int, people: list[tuple[int, int]], days: list[dt.date]
) -> int:
    """2% of people complete one work item a day; one in five after its due date."""
    cursor.execute("SELECT coalesce(max(id), 0) FROM work_workitem")
    next_id = int(cursor.fetchone()[0]) + 1
    items, assignees = [], []
    for day in days:
        rng = random.Random(f"{SEED}:work:{day.isoformat()}")
        done = _stamp(day, "15:00:00")
        created = _stamp(day - dt.timedelta(days=7), "09:00:00")
        for pk, unit in rng.sample(people, len(people) // 50):
            due = day + dt.timedelta(days=rng.choice((-2, 0, 1, 2, 3)))
            items.append(
                f"{next_id}\tงานติดตาม {next_id}\t\t\t\\N\t{due}\tnormal\tdone\t100\t[]\t\t"
                f"{created}\t{done}\t{done}\t\\N\t{agency_id}\t\\N\t{unit}\t\t\\N\n"
            )
            assignees.append(f"{next_id}\t{pk}\n")
            next_id += 1
    columns = (
        "id, title, description, expected_output, start_date, due_date, priority, status,"
        " progress, checklist, recurrence, created_at, updated_at, completed_at, reminded_on,"
        " agency_id, created_by_id, unit_id, search_text, template_id"
    )
    with cursor.copy(f"COPY work_workitem ({columns}) FROM STDIN") as copy:
        copy.write("".join(items))
    with cursor.copy("COPY work_workitem_assignees (workitem_id, person_id) FROM STDIN") as copy:
        copy.write("".join(assignees))
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence('work_workitem', 'id'), max(id)) FROM work_workitem"
    )
    return len(items)


def _contact_checks(
    cursor: Any, agency_id: int, people: list[tuple[int, int]], days: list[dt.date]
) -> int:
    """Each day 1% of the units with people get a check; 90% answer within minutes."""
    members: dict[int, list[int]] = {}
    for pk, unit in people:
        members.setdefault(unit, []).append(pk)
    units = sorted(members)
    cursor.execute("SELECT coalesce(max(id), 0) FROM work_contactcheck")
    next_id = int(cursor.fetchone()[0]) + 1
    checks, answers = [], []
    for day in days:
        rng = random.Random(f"{SEED}:contact:{day.isoformat()}")
        for unit in rng.sample(units, max(1, len(units) // 100)):
            sent = dt.datetime.combine(day, dt.time(10, rng.randrange(60)))
            checks.append(
                f"{next_id}\tตรวจสอบการติดต่อ\t30\t{sent.isoformat(' ')}{BKK}\t\\N\t{agency_id}"
                f"\t\\N\t{unit}\n"
            )
            for pk in members[unit]:
                if rng.random() < 0.9:
                    answered = sent + dt.timedelta(seconds=rng.randrange(20, 1800))
                    stamp = f"{answered.isoformat(' ')}{BKK}"
                else:
                    stamp = r"\N"
                answers.append(f"{next_id}\t{pk}\t{stamp}\n")
            next_id += 1
    columns = (
        "id, message, escalate_after_minutes, sent_at, escalated_at, agency_id, sent_by_id, unit_id"
    )
    with cursor.copy(f"COPY work_contactcheck ({columns}) FROM STDIN") as copy:
        copy.write("".join(checks))
    with cursor.copy(
        "COPY work_contactanswer (contact_check_id, person_id, answered_at) FROM STDIN"
    ) as copy:
        copy.write("".join(answers))
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence('work_contactcheck', 'id'), max(id))"
        " FROM work_contactcheck"
    )
    return len(answers)


TABLES = (
    "attendance_dayresult",
    "work_dayreport",
    "work_workitem_assignees",
    "work_workitem",
    "work_contactanswer",
    "work_contactcheck",
    "insights_unitdaysummary",
)


def generate(connection: Any, agency_id: int, days: list[dt.date], now: str) -> Generated:
    """Empty the generated tables and fill them again, all in one transaction (a failed run
    leaves the tables, their indexes included, as they were)."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")  # our own database
        cursor.execute("SET session_replication_role = replica")  # rows point at real people
        people = _people(cursor, agency_id)
        with without_indexes(cursor, "attendance_dayresult"):
            rows, drawn = _day_results(cursor, agency_id, people, days, now)
        with without_indexes(cursor, "work_dayreport"):
            reports = _day_reports(cursor, people, drawn)
        del drawn
        items = _work_items(cursor, agency_id, people, days)
        answers = _contact_checks(cursor, agency_id, people, days)
        cursor.execute("SET session_replication_role = DEFAULT")
        connection.commit()
    with connection.cursor() as cursor:
        previous = connection.autocommit
        connection.autocommit = True
        for table in (*TABLES, "org_unit", "org_person", "org_position"):
            cursor.execute(f"VACUUM ANALYZE {table}")  # as autovacuum would, before queries
        connection.autocommit = previous
    return Generated(days, rows, reports, items, answers, time.perf_counter() - started)
