"""``govflex audit verify``: check the audit log's hash chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govflex.common.audit import audit_verify


class Command(BaseCommand):
    help = "Audit log tools. 'verify' reports the first broken link of the hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify()
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {result.checked} entries."))
            return
        assert result.broken is not None  # noqa: S101 - narrowed by ok
        raise CommandError(
            f"Audit chain broken at entry {result.broken.seq}: {result.broken.reason} "
            f"({result.checked} entries verified before it)."
        )
