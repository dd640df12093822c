"""Reading settings from the environment, with development defaults kept under ``var/``."""

import os
import secrets
from pathlib import Path


class ConfigurationError(RuntimeError):
    """A required setting is missing or malformed."""


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, *, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, *, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from exc


def secret_key(var_dir: Path, *, development: bool) -> str:
    """SECRET_KEY from the environment; in development, generated once into ``var/``."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if not development:
        raise ConfigurationError(
            "SECRET_KEY must be set in production (GOVFLEX_ENV=production). "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    path = var_dir / "secret_key.txt"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()
