"""``govflex continuity escalate`` (every few minutes): report people who have not answered a
roll call to their supervisor, once each."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govflex.continuity.rollcalls import roll_calls_escalate


class Command(BaseCommand):
    help = "Emergency operation upkeep: escalate unanswered roll calls."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("escalate", help="unanswered roll calls (every few minutes)")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"reported {roll_calls_escalate()} unanswered person(s)")
