"""Settings come from the environment; production refuses to start without a secret key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govflex.config.env import ConfigurationError, env_bool, env_list, secret_key


def load_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import govflex.config.settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.TIME_ZONE, s.LANGUAGE_CODE, s.USE_TZ)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DEBUG", "GOVFLEX_ENV"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    result = load_settings({"GOVFLEX_ENV": "production", "GOVFLEX_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_defaults_debug_off_and_reads_database_url(tmp_path: Path) -> None:
    result = load_settings(
        {
            "GOVFLEX_ENV": "production",
            "SECRET_KEY": "x" * 50,
            "GOVFLEX_VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://u@127.0.0.1:5432/govflex",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django.db.backends.postgresql",
        "Asia/Bangkok",
        "th",
        "True",
    ]


def test_development_generates_a_secret_key_once(tmp_path: Path) -> None:
    first = secret_key(tmp_path, development=True)
    assert secret_key(tmp_path, development=True) == first
    assert (tmp_path / "secret_key.txt").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("off", False), ("", True)])
def test_env_bool(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", default=True) is expected


def test_env_bool_rejects_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ConfigurationError):
        env_bool("FLAG", default=False)


def test_env_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOSTS", "a.go.th, b.go.th,")
    assert env_list("HOSTS", default=[]) == ["a.go.th", "b.go.th"]


def test_json_logs_carry_the_request_id() -> None:
    import io
    import json
    import logging

    from pythonjsonlogger.json import JsonFormatter

    from govflex.common.context import request_id_var
    from govflex.common.logging import RequestIdFilter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("%(levelname)s %(message)s %(request_id)s"))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("govflex.test.json")
    logger.addHandler(handler)
    token = request_id_var.set("req-12345678")
    try:
        logger.warning("punch stored")
    finally:
        request_id_var.reset(token)
        logger.removeHandler(handler)
    record = json.loads(stream.getvalue())
    assert record["request_id"] == "req-12345678"
    assert record["message"] == "punch stored"


def test_responses_echo_a_request_id(db: object) -> None:
    from django.test import Client

    response = Client().get("/healthz", headers={"X-Request-ID": "abcdef123456"})
    assert response["X-Request-ID"] == "abcdef123456"
    generated = Client().get("/healthz")
    assert len(generated["X-Request-ID"]) == 32
