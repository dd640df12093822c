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
        files: list[tuple[str, str, str, bool]] = [
            ("--policy", "POLICY.yaml", "the policy to simulate", True),
            ("--people", "PEOPLE.csv", "who is simulated", True),
            ("--punches", "PUNCHES.csv", "the punches, e.g. a fingerprint terminal export", True),
            ("--arrangements", "ARR.csv", "modes and slots by date or weekday", False),
            ("--leave", "LEAVE.csv", "approved leave and official travel", False),
            ("--holidays", "HOL.csv", "the agency's special holidays", False),
        ]
        for option, metavar, text, required in files:
            parser.add_argument(option, metavar=metavar, required=required, help=text)
        parser.add_argument(
            "--from",
            dest="date_from",
            metavar="DATE",
            required=True,
            help="first day: 2026-03-02, 02/03/2569 or 2 มี.ค. 2569",
        )
        parser.add_argument(
            "--to", dest="date_to", metavar="DATE", required=True, help="last day, included"
        )
        parser.add_argument(
            "--out", metavar="RESULTS.csv", required=True, help="one row per person-day"
        )
        parser.add_argument(
            "--periods-out", metavar="PERIODS.csv", help="mode-2 accounting periods (optional)"
        )

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
