"""``govflex seed --staff N``: build the deterministic fictional demo agency."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govflex.org.seed import DEMO_AGENCY_CODE, seed_agency

MIN_STAFF = 50


class Command(BaseCommand):
    help = "Create the fictional demo agency (units, positions, people, work sites, logins)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--staff", type=int, default=300, help="number of people (default 300)")
        parser.add_argument("--seed", type=int, default=2569, help="random seed (default 2569)")
        parser.add_argument("--code", default=DEMO_AGENCY_CODE, help="agency code (default demo)")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (and succeed) when the agency already exists",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["staff"] < MIN_STAFF:
            raise CommandError(f"--staff must be at least {MIN_STAFF} (every unit needs a head).")
        started = time.perf_counter()
        result = seed_agency(staff=options["staff"], seed=options["seed"], code=options["code"])
        if not result.created:
            if options["if_empty"]:
                self.stdout.write(f"Demo agency '{options['code']}' already loaded; nothing to do.")
                return
            raise CommandError(
                f"Agency '{options['code']}' already exists ({result.people} people). "
                "Use another --code or a fresh database."
            )
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.agency.name_th}: {result.units} units, {result.people} people "
                f"in {seconds:.1f} s."
            )
        )
