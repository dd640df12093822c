"""Known vulnerabilities in the pinned runtime dependencies (pip-audit over requirements/lock.txt).

pip-audit asks the package registry's vulnerability data about each pinned version. Outcomes:
- a known vulnerability: fails, naming the package, version, advisory and fixed versions;
- the service does not answer (no network, or the registry reached from here does not serve
  per-version data): says so plainly, with how many packages went unchecked, and
  * fails when GOVFLEX_AUDIT_STRICT=1 (set it where the service is reachable, e.g. a release
    pipeline), or
  * otherwise ends with a loud "DEPENDENCY AUDIT NOT DONE" warning and exit 0, so that
    `make test` works offline — the warning is never a pass: nothing was checked.
See docs/security.md, "Static checks".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
PIP_AUDIT = Path(sys.executable).parent / "pip-audit"
TIMEOUT_S = 120


def run_audit() -> tuple[dict[str, object] | None, str]:
    command = [
        str(PIP_AUDIT),
        "--requirement",
        str(LOCK),
        "--no-deps",  # every dependency is pinned in the lock file
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command line
            command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return None, f"pip-audit did not finish within {TIMEOUT_S} s"
    try:
        return json.loads(done.stdout), done.stderr.strip()
    except json.JSONDecodeError:
        return None, (done.stderr or done.stdout).strip()[-2000:]


def main() -> int:
    strict = os.environ.get("GOVFLEX_AUDIT_STRICT", "").lower() in {"1", "true", "yes"}
    report, errors = run_audit()
    if report is None:
        return not_done(f"pip-audit failed: {errors}", strict=strict)
    dependencies = list(report.get("dependencies", []))  # type: ignore[call-overload]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(
                f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})",
                file=sys.stderr,
            )
    checked = len(dependencies) - len(skipped)
    if vulnerable:
        print(f"pip-audit: {len(vulnerable)} vulnerable packages; upgrade them in the lock files.")
        return 1
    if skipped:
        reason = str(skipped[0].get("skip_reason", ""))
        return not_done(
            f"{len(skipped)} of {len(dependencies)} pinned packages could not be checked "
            f"(first reason: {reason})",
            strict=strict,
            checked=checked,
        )
    print(f"pip-audit: no known vulnerabilities in {checked} pinned packages.")
    return 0


def not_done(why: str, *, strict: bool, checked: int = 0) -> int:
    line = "=" * 78
    print(
        f"{line}\nDEPENDENCY AUDIT NOT DONE: the vulnerability service did not answer.\n"
        f"{why}\nChecked without findings: {checked} packages. "
        "Nothing else was checked; this is not a pass.\n"
        f"{line}",
        file=sys.stderr,
    )
    return 1 if strict else 0


if __name__ == "__main__":
    sys.exit(main())
