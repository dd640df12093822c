"""``govflex documents remind [--after-days N]``: remind people of documents they have not
acknowledged (schedule it daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govflex.policies.documents import documents_remind_unread


class Command(BaseCommand):
    help = "Remind people of published orders and announcements they have not acknowledged."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="remind those who have not acknowledged")
        remind.add_argument("--after-days", type=int, default=3)

    def handle(self, *args: Any, **options: Any) -> None:
        count = documents_remind_unread(after_days=max(1, options["after_days"]))
        self.stdout.write(f"reminded {count} person(s)")
