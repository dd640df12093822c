"""Deployment hardening (issue 10, point 6): `check --deploy` is clean in production, every page
carries a Content-Security-Policy without 'unsafe-inline', and no template needs one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

SRC = Path(__file__).resolve().parents[2] / "src" / "govflex"

PRODUCTION = {
    "GOVFLEX_ENV": "production",
    "SECRET_KEY": "deploy-check-" + "k" * 50,  # pragma: allowlist secret
    "ALLOWED_HOSTS": "govflex.example.go.th",
    "DATABASE_URL": "postgres://govflex@127.0.0.1:5432/govflex",
}


def run_check(tmp_path: Path, extra: dict[str, str] | None = None) -> Any:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GOVFLEX_", "SECURE_", "DJANGO_")) and k != "DEBUG"
    }
    env = {**clean, **PRODUCTION, "GOVFLEX_VAR_DIR": str(tmp_path), **(extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SETTINGS_MODULE": "govflex.config.settings"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_notices_a_weakened_setting(tmp_path: Path) -> None:
    """The check can fail: turning HSTS off is reported."""
    result = run_check(tmp_path, {"SECURE_HSTS_SECONDS": "0"})
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_production_settings(tmp_path: Path) -> None:
    code = (
        "import govflex.config.settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_PROXY_SSL_HEADER, s.GOVFLEX_REQUIRE_2FA, s.GOVFLEX_API_RATE_PER_TOKEN > 0, "
        "s.CORS_ALLOWED_ORIGINS)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GOVFLEX_", "SECURE_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **PRODUCTION, "GOVFLEX_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ", 4)[:4] == ["False", "True", "True", "True"]
    assert "('HTTP_X_FORWARDED_PROTO', 'https') True True []" in result.stdout


# ------------------------------------------------------------------ headers
@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/org/people/", "/api/v1/docs"])
def test_pages_carry_a_strict_content_security_policy(hr: Any, path: str) -> None:
    client = Client()
    client.force_login(hr)
    response = client.get(path)
    assert response.status_code == 200, path
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_security_headers(db: Any) -> None:
    response = Client().get("/accounts/login/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# ------------------------------------------------------------------ templates
# Templates rendered to PDF by WeasyPrint never reach a browser, so the CSP does not apply.
PDF_TEMPLATE = re.compile(r"_pdf\.html$")
INLINE = [
    ("inline <script>", re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")")),
    ("<style> element", re.compile(r"<style[\s>]")),
    ("style attribute", re.compile(r"\sstyle\s*=")),
    ("event-handler attribute", re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)),
    ("hx-on attribute", re.compile(r"\shx-on")),
    ("javascript: URL", re.compile(r"javascript:", re.IGNORECASE)),
]


def templates() -> list[Path]:
    return sorted(p for p in SRC.rglob("templates/**/*.html") if not PDF_TEMPLATE.search(p.name))


def test_no_template_has_inline_script_or_style() -> None:
    found = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        for label, pattern in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(SRC)}:{line}: {label}")
    assert templates(), "no templates found"
    assert not found, "move these into static files:\n" + "\n".join(found)


def test_the_template_check_can_fail(tmp_path: Path) -> None:
    sample = '<p style="color:red" onclick="go()">x</p><script>alert(1)</script>'
    hits = [label for label, pattern in INLINE if pattern.search(sample)]
    assert hits == ["inline <script>", "style attribute", "event-handler attribute"]
