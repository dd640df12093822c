"""``govflex simulate``: judge exported punches under a policy file (docs/simulation.md).

A thin wrapper around :func:`govflex.simulate.run`; it reads files and writes files only and
never touches the database.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govflex.simulate import SimulationInputError, format_summary, run

MAX_PROBLEMS_SHOWN = 200


class Command(BaseCommand):
    help = (
        "Simulate a work-mode policy on exported punches: writes one row per person-day to "
        "--out and prints a summary. See docs/simulation.md for the file formats."
    )
    requires_system_checks = ()  # no database, no checks: files in, files out

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--policy", required=True, help="policy YAML file")
        parser.add_argument("--people", required=True, help="people CSV file")
        parser.add_argument("--punches", required=True, help="punches CSV file")
        parser.add_argument("--arrangements", help="arrangements CSV file (optional)")
        parser.add_argument("--leave", help="leave and official-travel CSV file (optional)")
        parser.add_argument("--holidays", help="agency special holidays CSV file (optional)")
        parser.add_argument(
            "--from", dest="date_from", required=True, help="first day (2026-03-02, 02/03/2569)"
        )
        parser.add_argument("--to", dest="date_to", required=True, help="last day, included")
        parser.add_argument("--out", required=True, help="results CSV to write")
        parser.add_argument("--periods-out", help="mode-2 period closes CSV to write (optional)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = run(
                policy=options["policy"],
                people=options["people"],
                punches=options["punches"],
                arrangements=options["arrangements"],
                leave=options["leave"],
                holidays=options["holidays"],
                date_from=options["date_from"],
                date_to=options["date_to"],
                out=options["out"],
                periods_out=options["periods_out"],
            )
        except SimulationInputError as exc:
            raise CommandError(
                f"ข้อมูลนำเข้ามีปัญหา {len(exc.problems)} รายการ / "
                f"{len(exc.problems)} problem(s) in the input files:\n"
                + exc.report(limit=MAX_PROBLEMS_SHOWN)
            ) from exc
        self.stdout.write(format_summary(summary))
        self.stdout.write(f"\nผลรายคน-วัน / results: {options['out']}")
