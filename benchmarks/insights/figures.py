"""The measured figures of ``bench_insights``: every dashboard page and API figure through
``django.test.Client`` (p50/p95/max), the same headline figures from the summaries and from the
raw day results, and the incremental upkeep (recompute one day, refresh after changes)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db.models import Count, Q
from django.test import Client
from django.utils import timezone

from benchmarks.insights.measure import Timing, fetch, table, timed
from govflex.attendance.models import DayResult
from govflex.core.evidence import COMPLIANT, NOT_COMPLIANT
from govflex.insights import selectors, summaries
from govflex.insights.models import SummaryCursor
from govflex.insights.today import COVERAGE_CACHE_SECONDS, coverage
from govflex.org.models import Unit
from govflex.policies.models import OfficialDocument

CHANGE_SUBJECT = "คำสั่งทดลองเพื่อวัดผล (bench_insights)"


def _users() -> dict[str, Any]:
    users = get_user_model().objects
    national, _created = users.get_or_create(username="bench_national")
    codename = "view_reportedagencyday"
    national.user_permissions.add(Permission.objects.get(codename=codename))
    return {
        "executive": users.get(username="executive"),
        "supervisor": users.get(username="supervisor"),
        "national": national,
    }


def _change(agency: Any, unit: Unit, today: dt.date) -> OfficialDocument:
    """A published order for one division, in force for the last 60 days."""
    found = OfficialDocument.objects.filter(agency=agency, subject=CHANGE_SUBJECT).first()
    if found is not None:
        return found
    return OfficialDocument.objects.create(
        agency=agency,
        kind=OfficialDocument.Kind.ORDER,
        status=OfficialDocument.Status.PUBLISHED,
        subject=CHANGE_SUBJECT,
        body="ทดลองให้ปฏิบัติงานนอกสถานที่ได้สัปดาห์ละสองวัน",
        effective_date=today - dt.timedelta(days=60),
        unit=unit,
        published_at=timezone.now(),
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _requests(agency: Any, today: dt.date, requests: int) -> list[Timing]:
    users = _users()
    division = Unit.objects.get(agency=agency, code="R1")
    leaf = Unit.objects.filter(agency=agency, code__startswith="R1-", children__isnull=True)
    leaf_unit = leaf.order_by("code").first()
    change = _change(agency, division, today)
    executive = _client(users["executive"])
    supervisor = _client(users["supervisor"])
    national = _client(users["national"])
    year = f"start={today - dt.timedelta(days=364)}&end={today}"
    api = f"/api/v1/agencies/{agency.pk}"
    plan: list[tuple[str, Client, str]] = [
        ("page /insights/ 30 days", executive, "/insights/?days=30"),
        ("page /insights/ 90 days", executive, "/insights/?days=90"),
        ("page /insights/ 365 days by day", executive, "/insights/?days=365&by=day"),
        ("page /insights/ 365 days by week", executive, "/insights/?days=365&by=week"),
        ("page /insights/ 365 days by month", executive, "/insights/?days=365&by=month"),
        ("page 365 days, unit R1 (division)", executive, f"/insights/?days=365&unit={division.pk}"),
        ("page 30 days, leaf unit (people)", executive, f"/insights/?days=30&unit={leaf_unit.pk}"),
        (
            "page 365 days, position type public_contact",
            executive,
            "/insights/?days=365&position_type=public_contact",
        ),
        ("page 90 days, supervisor (SVC subtree)", supervisor, "/insights/?days=90"),
        (
            "page /insights/evaluation/ one order",
            executive,
            f"/insights/evaluation/?change=order:{change.pk}",
        ),
        ("page /insights/national/", national, "/insights/national/"),
        ("API dashboard 30 days", executive, f"{api}/dashboard"),
        ("API dashboard 365 days", executive, f"{api}/dashboard?{year}"),
        ("API dashboard 365 days, supervisor", supervisor, f"{api}/dashboard?{year}"),
        ("API dashboard/today", executive, f"{api}/dashboard/today"),
        ("API dashboard/trend 365 by day", executive, f"{api}/dashboard/trend?{year}&by=day"),
        ("API dashboard/trend 365 by week", executive, f"{api}/dashboard/trend?{year}&by=week"),
        ("API dashboard/trend 365 by month", executive, f"{api}/dashboard/trend?{year}&by=month"),
        ("API dashboard/units 365 days", executive, f"{api}/dashboard/units?{year}"),
        (
            "API dashboard/units 365, unit R1",
            executive,
            f"{api}/dashboard/units?{year}&unit_id={division.pk}",
        ),
        (
            "API dashboard/people 365, leaf unit",
            executive,
            f"{api}/dashboard/people?{year}&unit_id={leaf_unit.pk}",
        ),
        ("API evaluation/changes", executive, f"{api}/evaluation/changes"),
        ("API evaluation one order", executive, f"{api}/evaluation?change=order:{change.pk}"),
        ("API national", national, "/api/v1/national"),
    ]
    out = []
    for label, client, url in plan:
        timing = timed(label, fetch(client, url), requests)
        print(f"  {label}: p50 {timing.p50:,.0f} ms, p95 {timing.p95:,.0f} ms", flush=True)
        out.append(timing)
    return out


_WORKING = Q(status__in=[s.value for s in COMPLIANT | NOT_COMPLIANT])


def raw_trend(filters: selectors.Filters) -> list[dict[str, Any]]:
    """The trend's headline counts per day straight from the day results."""
    return list(
        DayResult.objects.filter(
            agency_id=filters.agency_id, day__gte=filters.start, day__lte=filters.end
        )
        .values("day")
        .annotate(
            people=Count("pk"),
            working=Count("pk", filter=_WORKING),
            compliant=Count("pk", filter=Q(status__in=[s.value for s in COMPLIANT])),
            mode_off_site=Count("pk", filter=_WORKING & Q(mode="off_site")),
        )
        .order_by("day")
    )


def _compare(agency: Any, today: dt.date, repeat: int) -> list[tuple[str, Timing, Timing, bool]]:
    division = Unit.objects.get(agency=agency, code="R1")
    year = selectors.Filters(agency.pk, today - dt.timedelta(days=364), today)
    month = selectors.Filters(agency.pk, today - dt.timedelta(days=29), today)
    unit_year = selectors.Filters(agency.pk, year.start, today, division)
    rows = []
    for label, filters in (
        ("totals, agency, 30 days", month),
        ("totals, agency, 365 days", year),
        ("totals, division R1, 365 days", unit_year),
    ):
        fast = timed(f"summary {label}", lambda f=filters: selectors.totals(f), repeat)
        raw = timed(f"raw {label}", lambda f=filters: selectors.raw_totals(f), repeat, warm=1)
        counts, direct = selectors.totals(filters), selectors.raw_totals(filters)
        # raw_totals' "working" also counts today's absences that are not final yet; the
        # summaries count those only once final (summaries._final): compare the rest.
        same = all(getattr(counts, k) == v for k, v in direct.items() if k != "working")
        rows.append((label, fast, raw, same))
        print(f"  {label}: summary p50 {fast.p50:,.0f} ms, raw p50 {raw.p50:,.0f} ms", flush=True)
    fast = timed("summary trend", lambda: selectors.trend(year, "day"), repeat)
    raw = timed("raw trend", lambda: raw_trend(year), repeat, warm=1)
    by_day = dict(selectors.trend(year, "day"))
    same = all(
        by_day[r["day"]].people == r["people"] and by_day[r["day"]].compliant == r["compliant"]
        for r in raw_trend(year)
    )
    rows.append(("trend per day, agency, 365 days", fast, raw, same))
    print(f"  trend: summary p50 {fast.p50:,.0f} ms, raw p50 {raw.p50:,.0f} ms", flush=True)
    return rows


def _upkeep(agency: Any, today: dt.date, days: list[dt.date]) -> None:
    """What keeping the summaries current costs: one day of every unit, and a refresh after
    1,000 day results changed (what the worker does every few seconds)."""
    units = list(Unit.objects.filter(agency=agency).values_list("pk", flat=True))
    day = days[-1]
    started = time.perf_counter()
    written = summaries.recompute((u, day) for u in units)
    seconds = time.perf_counter() - started
    print(
        f"recompute one day ({day}) of all {len(units):,} units: {written:,} rows in"
        f" {seconds:.2f} s"
    )
    now = timezone.now()
    SummaryCursor.objects.update_or_create(source="all", defaults={"through": now})
    changed = list(
        DayResult.objects.filter(agency=agency, day=day)
        .order_by("person_id")
        .values_list("pk", flat=True)[:1000]
    )
    DayResult.objects.filter(pk__in=changed).update(computed_at=timezone.now())
    started = time.perf_counter()
    written = summaries.refresh()
    seconds = time.perf_counter() - started
    print(
        f"refresh after {len(changed):,} day results changed: {written:,} summary rows"
        f" rewritten in {seconds:.2f} s (incremental; the worker runs it every 15 s)"
    )


def _coverage_cold(agency: Any, today: dt.date) -> None:
    """Today's service-point coverage is cached for a minute per process (today.py): what the
    request that computes it pays."""
    cache.clear()
    started = time.perf_counter()
    points = coverage(selectors.Filters(agency.pk, today, today), today)
    seconds = time.perf_counter() - started
    print(
        f"today's coverage of {len(points)} service points, computed (not cached):"
        f" {seconds * 1000:,.0f} ms; cached for {COVERAGE_CACHE_SECONDS} s per process after"
    )


def run(agency: Any, today: dt.date, days: list[dt.date], *, requests: int, raw: int) -> None:
    _upkeep(agency, today, days)
    _coverage_cold(agency, today)
    print(f"requests ({requests} timed after 2 warm-up, django.test.Client, one process):")
    timings = _requests(agency, today, requests)
    print(f"summary against raw day results (each {raw} times after 1 warm-up, in-process):")
    compared = _compare(agency, today, raw)
    print()
    print(table(timings))
    met = sum(t.met for t in timings)
    print(f"\n{met} of {len(timings)} figures meet p95 ≤ 300 ms")
    print()
    print("| same figure | summaries p50 ms | raw table p50 ms | summary / raw | same counts |")
    print("|---|---:|---:|---:|---|")
    for label, fast, slow, same in compared:
        print(
            f"| {label} | {fast.p50:,.1f} | {slow.p50:,.0f} | {fast.p50 / slow.p50:.3f}"
            f" ({slow.p50 / fast.p50:,.0f}× faster) | {'yes' if same else 'NO'} |"
        )
