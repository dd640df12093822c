"""``govflex insights refresh`` (the worker does it every few seconds), ``govflex insights
rebuild --from 2026-10-01 --to 2026-11-25 [--agency CODE]`` (after an import, or to fill the
summaries the first time; set-based on PostgreSQL, see insights/bulk.py) and ``govflex
insights monthly-report`` (daily: last month's executive report, once per agency);
``govflex insights demo`` (demo history, once)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from govflex.insights.bulk import rebuild
from govflex.insights.demo import demo_history
from govflex.insights.monthly import monthly_reports_due
from govflex.insights.summaries import refresh
from govflex.org.models import Agency


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from None


class Command(BaseCommand):
    help = "Dashboard summaries and the monthly executive report."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("refresh", help="summarise what changed since the last run")
        again = sub.add_parser("rebuild", help="recompute every unit-day of a period")
        again.add_argument("--from", dest="start", required=True)
        again.add_argument("--to", dest="end")
        again.add_argument("--agency", help="agency code (default: all)")
        sub.add_parser("monthly-report", help="last month's executive reports not made yet")
        demo = sub.add_parser("demo", help="demo history for the dashboards (once)")
        demo.add_argument("--days", type=int, default=60)
        demo.add_argument("--agency", default="demo", help="agency code (default: demo)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "refresh":
            self.stdout.write(f"wrote {refresh()} summary row(s)")
        elif action == "rebuild":
            start = _date(options["start"])
            end = _date(options["end"]) if options["end"] else timezone.localdate()
            if end < start:
                raise CommandError("--to is before --from")
            agency_id = None
            if options["agency"]:
                agency = Agency.objects.filter(code=options["agency"]).first()
                if agency is None:
                    raise CommandError(f"no agency with code {options['agency']}")
                agency_id = agency.pk
            self.stdout.write(f"wrote {rebuild(start=start, end=end, agency_id=agency_id)} row(s)")
        elif action == "demo":
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"no agency with code {options['agency']}: run govflex seed")
            result = demo_history(agency=agency, days=max(14, min(options["days"], 400)))
            if result.created:
                self.stdout.write(
                    f"demo history: {result.results} day results, {result.summaries} summaries"
                )
            else:
                self.stdout.write("demo history already there")
        else:
            self.stdout.write(f"made {monthly_reports_due()} monthly report(s)")
