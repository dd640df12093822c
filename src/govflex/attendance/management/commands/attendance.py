"""``govflex attendance confirm`` and ``purge`` (schedule both) and ``recompute``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govflex.attendance.services import coordinates_purge, days_confirm, days_recompute
from govflex.core.tabular import DateFormatError, parse_date
from govflex.org.models import Agency, Person, Unit


def _date(text: str) -> dt.date:
    try:
        return parse_date(text).value
    except DateFormatError as exc:
        raise CommandError(f"Not a date: {text!r} (use 2026-03-05 or 05/03/2569)") from exc


class Command(BaseCommand):
    help = "Attendance upkeep: confirm finished days (absences), or recompute a date range."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        confirm = sub.add_parser("confirm", help="finalise days whose planned hours are over")
        confirm.add_argument("--agency", help="agency code (default: all)")
        sub.add_parser("purge", help="erase raw coordinates past each agency's retention")
        recompute = sub.add_parser("recompute", help="re-evaluate a date range")
        recompute.add_argument("--from", dest="start", required=True)
        recompute.add_argument("--to", dest="end", required=True)
        recompute.add_argument("--agency", help="agency code (default: all)")
        recompute.add_argument("--unit", help="unit code: that unit and its sub-units")

    def handle(self, *args: Any, **options: Any) -> None:
        people = Person.objects.select_related("agency", "unit").order_by("pk")
        if options.get("agency"):
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"No agency with code {options['agency']!r}")
            people = people.filter(agency=agency)
        if options["action"] == "purge":
            self.stdout.write(f"Erased coordinates of {coordinates_purge()} punches.")
            return
        if options["action"] == "confirm":
            count = days_confirm(people=people)
            self.stdout.write(f"Confirmed {count} person-days.")
            return
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError("--to is before --from")
        if options.get("unit"):
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No unit with code {options['unit']!r}")
            people = people.filter(agency_id=unit.agency_id, unit__path__startswith=unit.path)
        count = days_recompute(people=people, start=start, end=end)
        self.stdout.write(f"Recomputed {count} person-days from {start} to {end}.")
