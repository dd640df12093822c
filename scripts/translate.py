"""Refresh the Thai catalogue and fill in translations from a JSON file.

python scripts/translate.py                   # makemessages only: list what is untranslated
python scripts/translate.py th.json           # ... then fill {"English msgid": "ข้อความไทย"}
python scripts/translate.py th.json --replace # ... also change translations that exist

Several people (or sessions) may translate at once: the whole read-modify-write of the
catalogue runs under a file lock so one run never overwrites another's entries. Plural
entries take a list of two strings (Thai uses the same form for both). A message with a context
is keyed "context\u0004msgid"; its msgid alone fills it only while it is untranslated. An
existing translation is never changed unless --replace is given (a shared catalogue: the same
English word may need different Thai on different screens — give those a context instead).
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src/govflex"
CATALOGUE = PACKAGE / "locale/th/LC_MESSAGES/django.po"
LOCK = Path(os.environ.get("GOVFLEX_PO_LOCK", ROOT / "var/.po.lock"))


def _makemessages() -> None:
    govflex = ROOT / ".venv/bin/govflex"
    subprocess.run(  # noqa: S603 - a fixed command line
        [str(govflex), "makemessages", "-l", "th", "--no-obsolete", "--no-location"],
        cwd=PACKAGE,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values())) and "fuzzy" not in entry.flags


def _apply(
    po: polib.POFile, translations: dict[str, str | list[str]], *, replace: bool = False
) -> int:
    """Fill untranslated entries; an existing translation changes only with ``replace`` and
    only when named exactly (with its context), so one screen's wording cannot silently
    change another's."""
    applied = 0
    for entry in po:
        exact = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        text = translations.get(exact)
        if text is None and not _translated(entry):
            text = translations.get(entry.msgid)
        elif text is not None and _translated(entry) and not replace:
            text = None
        if text is None:
            continue
        if entry.msgid_plural:
            forms = text if isinstance(text, list) else [text, text]
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = text if isinstance(text, str) else text[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        applied += 1
    return applied


def main(argv: list[str]) -> int:
    replace = "--replace" in argv
    argv = [a for a in argv if a != "--replace"]
    translations: dict[str, str | list[str]] = {}
    if argv:
        translations = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    LOCK.parent.mkdir(exist_ok=True)
    LOCK.touch(exist_ok=True)
    with LOCK.open("r+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _makemessages()
        po = polib.pofile(str(CATALOGUE))
        applied = _apply(po, translations, replace=replace)
        po.save()
        po.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    missing = [
        e.msgid
        for e in po
        if not e.obsolete
        and ("fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values())))
    ]
    print(f"applied {applied}; untranslated {len(missing)}")
    for msgid in missing:
        print(f"  {msgid!r}", flush=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
