"""``govflex work remind``: remind assignees of work due tomorrow and of overdue work (daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govflex.work.items import items_remind


class Command(BaseCommand):
    help = "Work upkeep: remind assignees of work due tomorrow and of overdue work."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("remind", help="remind once a day")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"reminded about {items_remind()} work item(s)")
