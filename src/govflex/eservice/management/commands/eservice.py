"""``govflex eservice demo``: demo services (and a few requests) for the seeded agency."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govflex.eservice.demo import load_demo
from govflex.org.models import Agency


class Command(BaseCommand):
    help = "Citizen e-service: load demo services for the demo agency."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        demo = sub.add_parser("demo", help="add the demo services (idempotent)")
        demo.add_argument("--agency", default="demo", help="agency code (default: demo)")
        demo.add_argument("--no-requests", action="store_true", help="services only")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["agency"]
        if not Agency.objects.filter(code=code).exists():
            raise CommandError(f"No agency with code {code!r}: run `govflex seed` first.")
        result = load_demo(agency_code=code, with_requests=not options["no_requests"])
        self.stdout.write(
            f"e-service demo: {result.services} service(s), {result.requests} request(s) added;"
            f" public pages at /e/{code}/"
        )
