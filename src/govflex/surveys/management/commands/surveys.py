"""``govflex surveys open-due`` (cron, e.g. every 15 minutes, or leave it to ``govflex
worker``): close finished rounds, open due ones, remind once. ``govflex surveys demo``: the
demo agency's survey with past rounds of generated answers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govflex.org.models import Agency
from govflex.surveys.demo import demo_survey
from govflex.surveys.rounds import rounds_upkeep


class Command(BaseCommand):
    help = "Pulse surveys: open due rounds (idempotent) or make demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("open-due", help="close finished rounds, open due ones, remind once")
        demo = sub.add_parser("demo", help="a survey with past rounds for the demo agency")
        demo.add_argument("--code", default="demo", help="agency code (default: demo)")
        demo.add_argument("--rounds", type=int, default=6)
        demo.add_argument("--seed", type=int, default=2569)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "demo":
            if not Agency.objects.filter(code=options["code"]).exists():
                raise CommandError("No such agency: run `govflex seed` first.")
            survey = demo_survey(
                code=options["code"], rounds=options["rounds"], seed=options["seed"]
            )
            if survey is None:
                self.stdout.write("the demo survey exists already")
            else:
                self.stdout.write(f"demo survey {survey.pk} with {options['rounds']} past rounds")
        done = rounds_upkeep()
        self.stdout.write(
            f"opened {done.opened}, reminded {done.reminded}, closed {done.closed} round(s)"
        )
