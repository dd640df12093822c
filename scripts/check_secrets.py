"""No secrets committed: detect-secrets over every tracked file, against .secrets.baseline.

Unlike detect-secrets' pre-commit hook this never rewrites the baseline (line numbers of known,
audited false positives move as files change), so `make test` leaves the tree as it was.
A new finding fails with its file and line. If it is a false positive, mark the line with
``# pragma: allowlist secret`` or refresh the baseline (`make secrets-baseline`) after checking.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from detect_secrets.core import baseline
from detect_secrets.core.secrets_collection import SecretsCollection

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / ".secrets.baseline"


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"],  # noqa: S607 - git from PATH, as in the Makefile
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def main() -> int:
    os.chdir(ROOT)  # the baseline names files relative to the repository root
    known = baseline.load(baseline.load_from_file(str(BASELINE)), str(BASELINE))
    found = SecretsCollection()
    files = tracked_files()
    for name in files:
        found.scan_file(name)
    new = found - known
    if not new:
        print(f"secrets: none found in {len(files)} tracked files (baseline: {BASELINE.name})")
        return 0
    print("secrets: possible secrets committed:", file=sys.stderr)
    for filename, secret in new:
        print(f"  {filename}:{secret.line_number}: {secret.type}", file=sys.stderr)
    print(
        "Remove them (and rotate them: they are in the history). For a false positive add "
        "`# pragma: allowlist secret` on the line, or run `make secrets-baseline` and commit it.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
