"""Django side of ``bench_insights``: run by it in a subprocess against the bench database.

Stages already done in an earlier run are reused (recorded in the table
``bench_insights_meta`` of the bench database): the seed, the generated year, the summaries.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import time
from typing import Any

STAFF = int(os.environ.get("GOVFLEX_BENCH_STAFF", "100000"))
DAYS = int(os.environ.get("GOVFLEX_BENCH_DAYS", "365"))
REQUESTS = int(os.environ.get("GOVFLEX_BENCH_REQUESTS", "30"))
RAW_REPEAT = int(os.environ.get("GOVFLEX_BENCH_RAW_REPEAT", "5"))
# Rebuild the summaries (keeping the generated records), e.g. after a change to insights.bulk.
RESUMMARISE = os.environ.get("GOVFLEX_BENCH_RESUMMARISE", "") not in {"", "0", "false"}
SAMPLE_DAYS = 5  # days rebuilt one at a time to compare speed and rows
STALE_AFTER = dt.timedelta(days=7)  # regenerate when the year no longer ends near today
META = "bench_insights_meta"


def _meta(key: str) -> Any:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {META} WHERE key = %s", [key])  # noqa: S608
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def _remember(key: str, value: Any) -> None:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {META} (key, value) VALUES (%s, %s)"  # noqa: S608
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [key, json.dumps(value, default=str)],
        )


def _forget(*keys: str) -> None:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {META} WHERE key = ANY(%s)", [list(keys)])  # noqa: S608


def _machine() -> str:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version')")
        version = cursor.fetchone()[0]
        cursor.execute(
            "SELECT current_setting('shared_buffers'), current_setting('work_mem'),"
            " current_setting('max_parallel_workers_per_gather'), current_setting('jit')"
        )
        buffers, work_mem, parallel, jit = cursor.fetchone()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores (load average {load} at the start: other work shares them),"
        f" {memory:.0f} GiB, Python {platform.python_version()},"
        f" PostgreSQL {version} (shared_buffers {buffers}, work_mem {work_mem},"
        f" parallel workers per gather {parallel}, jit {jit}), all on this machine"
    )


def _seed() -> Any:
    from govflex.org.models import Agency  # noqa: PLC0415
    from govflex.org.seed import seed_agency  # noqa: PLC0415

    seeded = _meta("seeded")
    if seeded and seeded["staff"] != STAFF:
        raise SystemExit(
            f"the bench database holds {seeded['staff']:,} staff, not {STAFF:,}:"
            " run with GOVFLEX_BENCH_FRESH=1"
        )
    if seeded:
        agency = Agency.objects.get(code="demo")
        print(f"seed: reused ({STAFF:,} staff, seeded in {seeded['seconds']:.1f} s)")
        return agency
    started = time.perf_counter()
    result = seed_agency(staff=STAFF)
    seconds = time.perf_counter() - started
    _remember("seeded", {"staff": STAFF, "seconds": seconds})
    print(f"seed: {result.people:,} staff in {result.units:,} units, {seconds:.1f} s")
    return result.agency


def _generate(agency: Any, today: dt.date) -> list[dt.date]:
    import psycopg  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from benchmarks.insights.data import generate, working_days  # noqa: PLC0415

    done = _meta("generated")
    if done and done["days"] == DAYS and dt.date.fromisoformat(done["last"]) >= today - STALE_AFTER:
        days = [dt.date.fromisoformat(d) for d in done["list"]]
        print(
            f"data: reused — {done['day_results']:,} day results on {len(days)} working days"
            f" ({days[0]} – {days[-1]}), {done['day_reports']:,} day reports,"
            f" {done['work_items']:,} work items, {done['contact_answers']:,} contact answers"
            f" (generated in {done['seconds']:.0f} s)"
        )
        return days
    _forget("generated", "summarised")
    days = working_days(today, DAYS)
    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        made = generate(connection, agency.pk, days, timezone.now().isoformat())
    _remember(
        "generated",
        {
            "days": DAYS,
            "last": days[-1],
            "list": days,
            "day_results": made.day_results,
            "day_reports": made.day_reports,
            "work_items": made.work_items,
            "contact_answers": made.contact_answers,
            "seconds": made.seconds,
        },
    )
    print(
        f"data: {made.day_results:,} day results on {len(days)} working days"
        f" ({days[0]} – {days[-1]}), {made.day_reports:,} day reports, {made.work_items:,}"
        f" work items, {made.contact_answers:,} contact answers in {made.seconds:.0f} s"
        f" ({made.day_results / made.seconds:,.0f} day results/s, COPY, indexes built after)"
    )
    return days


def _rows(agency_id: int, day: dt.date) -> list[tuple[Any, ...]]:
    from govflex.insights.models import COUNT_FIELDS, UnitDaySummary  # noqa: PLC0415

    keys = ("unit_id", "unit_path", "position_type", "staff_category")
    rows = UnitDaySummary.objects.filter(agency_id=agency_id, day=day)
    return sorted(rows.values_list(*keys, *COUNT_FIELDS))


def _summarise(agency: Any, days: list[dt.date]) -> None:
    """The year with the bulk path (what ``govflex insights rebuild`` runs), then a few days
    again with the day-by-day ``summaries.rebuild``: its speed, and the same rows."""
    from django.db import connection  # noqa: PLC0415

    from govflex.insights import bulk, summaries  # noqa: PLC0415
    from govflex.insights.models import UnitDaySummary  # noqa: PLC0415

    done = _meta("summarised")
    if done and not RESUMMARISE:
        print(
            f"summaries: reused — {done['rows']:,} rows; bulk rebuild {done['seconds']:.0f} s"
            f" ({done['rows'] / done['seconds']:,.0f} rows/s); day by day"
            f" {done['daily_rate']:,.0f} rows/s on {done['sample_days']} days"
            f" (same rows: {done['same']})"
        )
        return
    with connection.cursor() as cursor:  # filling the table the first time, as after install
        cursor.execute(f"TRUNCATE {UnitDaySummary._meta.db_table}")
    started = time.perf_counter()
    rows = bulk.rebuild(start=days[0], end=days[-1], agency_id=agency.pk)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {UnitDaySummary._meta.db_table}")
    sample = days[:: max(1, len(days) // SAMPLE_DAYS)][:SAMPLE_DAYS]
    before = {day: _rows(agency.pk, day) for day in sample}
    started = time.perf_counter()
    daily = sum(summaries.rebuild(start=d, end=d, agency_id=agency.pk) for d in sample)
    daily_seconds = time.perf_counter() - started
    same = all(_rows(agency.pk, day) == before[day] for day in sample)
    daily_rate = daily / daily_seconds
    _remember(
        "summarised",
        {
            "rows": rows,
            "seconds": seconds,
            "daily_rate": daily_rate,
            "sample_days": len(sample),
            "same": same,
        },
    )
    print(
        f"summaries: {rows:,} rows for {len(days)} days; bulk rebuild (insights.bulk, what"
        f" `govflex insights rebuild` runs) {seconds:.0f} s = {rows / seconds:,.0f} rows/s"
    )
    print(
        f"  day by day (summaries.rebuild) on {len(sample)} sample days: {daily:,} rows in"
        f" {daily_seconds:.0f} s = {daily_rate:,.0f} rows/s (the year would take about"
        f" {rows / daily_rate / 60:.0f} min); same rows as the bulk path: {same}"
    )
    if not same:
        raise SystemExit("the bulk rebuild and summaries.recompute disagree")


def main() -> None:
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from benchmarks.insights import figures  # noqa: PLC0415

    print(f"machine: {_machine()}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META} (key text PRIMARY KEY, value text)")
    print(f"migrated in {time.perf_counter() - started:.1f} s")
    agency = _seed()
    today = timezone.localdate()
    days = _generate(agency, today)
    _summarise(agency, days)
    figures.run(agency, today, days, requests=REQUESTS, raw=RAW_REPEAT)


if __name__ == "__main__":
    main()
