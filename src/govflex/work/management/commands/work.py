"""``govflex work remind`` (daily): work due tomorrow and overdue work; ``govflex work
escalate`` (every few minutes): contact checks still unanswered."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govflex.work.contact import checks_escalate
from govflex.work.items import items_remind


class Command(BaseCommand):
    help = "Work upkeep: remind assignees of work due tomorrow and of overdue work."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("remind", help="remind once a day")
        sub.add_parser("escalate", help="unanswered contact checks (every few minutes)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "escalate":
            self.stdout.write(f"escalated {checks_escalate()} contact check(s)")
            return
        self.stdout.write(f"reminded about {items_remind()} work item(s)")
