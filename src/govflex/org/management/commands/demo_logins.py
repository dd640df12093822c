"""``govflex demo_logins``: print the demo accounts, one per role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from govflex.org.seed_logins import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo logins (one per role)."

    def handle(self, *args: Any, **options: Any) -> None:
        users = set(
            get_user_model()
            .objects.filter(username__in=[u for u, _r in DEMO_LOGINS])
            .values_list("username", flat=True)
        )
        self.stdout.write("")
        self.stdout.write("GovFlex demo — http://127.0.0.1:8000/")
        self.stdout.write(f"{'role':<22} {'username':<12} password")
        for username, role in DEMO_LOGINS:
            if username in users:
                self.stdout.write(f"{role:<22} {username:<12} {DEMO_PASSWORD}")
        self.stdout.write("")
