"""Check the Thai catalogue: every message translated, placeholders kept, .mo up to date.

python scripts/check_messages.py            # check (used by `make test`)
python scripts/check_messages.py --compile  # rewrite the .mo after translating
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "src/govflex/locale/th/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def placeholders(text: str) -> set[str]:
    return {m.group(0) for m in PLACEHOLDER.finditer(text)}


def problems(po: polib.POFile) -> list[str]:
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags or not all(t.strip() for t in translations):
            found.append(f"untranslated: {entry.msgid!r}")
            continue
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        found.extend(
            f"placeholders differ: {entry.msgid!r} -> {text!r}"
            for text in translations
            if placeholders(text) - expected
            or (not entry.msgid_plural and placeholders(text) != expected)
        )
    return found


def missing_msgids(po: polib.POFile) -> list[str]:
    """Messages in the code that the catalogue lacks (``makemessages`` was not run).

    Extracts into a temporary copy of the package, so the real catalogue is not touched.
    """
    import os  # noqa: PLC0415
    import shutil  # noqa: PLC0415

    package = CATALOGUE.parents[3]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "govflex"
        shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govflex.config.settings")
        import django  # noqa: PLC0415
        from django.core.management import call_command  # noqa: PLC0415

        django.setup()
        here = Path.cwd()
        os.chdir(copy)
        try:
            call_command("makemessages", locale=["th"], no_location=True, verbosity=0)
        finally:
            os.chdir(here)
        extracted = polib.pofile(str(copy / "locale/th/LC_MESSAGES/django.po"))
    known = {(entry.msgctxt, entry.msgid) for entry in po}
    return sorted(
        entry.msgid
        for entry in extracted
        if not entry.obsolete and (entry.msgctxt, entry.msgid) not in known
    )


def main() -> int:
    po = polib.pofile(str(CATALOGUE))
    mo_path = CATALOGUE.with_suffix(".mo")
    if "--compile" in sys.argv:
        po.save_as_mofile(str(mo_path))
    errors = problems(po)
    errors += [
        f"not in the catalogue (run `make messages`): {msgid!r}" for msgid in missing_msgids(po)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "django.mo"
        po.save_as_mofile(str(fresh))
        if not mo_path.exists() or fresh.read_bytes() != mo_path.read_bytes():
            errors.append(f"{mo_path} is out of date: run `make messages`")
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} catalogue problem(s).", file=sys.stderr)
        return 1
    print(f"Thai catalogue complete: {len(po)} messages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
