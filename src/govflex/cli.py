"""The ``govflex`` console command: Django's management commands with GovFlex settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govflex.config.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(["govflex", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
