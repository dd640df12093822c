"""``govflex arrangements remind``: remind approvers of waiting requests and escalate those
waiting too long (schedule it, e.g. hourly from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govflex.arrangements.approvals.upkeep import requests_remind


class Command(BaseCommand):
    help = "Arrangement upkeep: remind approvers and escalate requests waiting too long."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("remind", help="remind after N working days, escalate after M")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = requests_remind()
        self.stdout.write(
            f"reminded {counts['reminded']}, escalated {counts['escalated']} waiting request(s)"
        )
