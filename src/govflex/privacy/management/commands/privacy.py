"""``govflex privacy purge [--dry-run]`` (schedule daily, or leave it to the worker) and
``govflex privacy verify-audit`` (verify the audit chain and alert on a break, once per break)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govflex.org.models import Agency
from govflex.privacy.auditwatch import audit_watch
from govflex.privacy.purge import purge


class Command(BaseCommand):
    help = "Privacy upkeep: erase what is past its retention period; verify the audit chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("purge", help="erase data past each agency's retention period")
        run.add_argument("--dry-run", action="store_true", help="only count what would go")
        sub.add_parser("verify-audit", help="verify the audit chain; alert auditors on a break")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify-audit":
            watched = audit_watch()
            if watched.verify.ok:
                self.stdout.write(f"Audit chain intact: {watched.verify.checked} entries.")
                return
            broken = watched.verify.broken
            assert broken is not None  # noqa: S101 - narrowed by ok
            told = f"{watched.alerted} people alerted" if watched.alerted else "already reported"
            raise CommandError(
                f"Audit chain broken at entry {broken.seq}: {broken.reason} ({told})."
            )
        dry_run = options["dry_run"]
        report = purge(dry_run=dry_run)
        codes = dict(Agency.objects.values_list("pk", "code"))
        verb = "Would erase" if dry_run else "Erased"
        for agency_id, counts in report.counts.items():
            if any(counts.values()):
                line = ", ".join(f"{kind} {count}" for kind, count in counts.items())
                self.stdout.write(f"{codes.get(agency_id, agency_id)}: {line}")
        totals = ", ".join(f"{kind} {count}" for kind, count in report.totals().items())
        self.stdout.write(f"{verb}: {totals}.")
