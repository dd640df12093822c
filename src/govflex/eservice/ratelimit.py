"""Rate limits per client address for the public e-service (fixed windows in Django's cache).

The cache must be shared by every server process for the limits to hold across them: configure
a shared ``CACHES["default"]`` (e.g. Redis or the database cache) in production; the default
local-memory cache counts per process. Addresses are kept only as a keyed hash (PDPA: the
address is personal data we do not need to keep).

Behind a reverse proxy, ``GOVFLEX_PROXY_COUNT`` says how many proxies append to
``X-Forwarded-For``; the client is the address just before them.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from govflex.common.errors import DomainError

# (requests, window in seconds) per client address; override in settings for load tests.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "submit": (10, 3600),  # new requests
    "track": (30, 600),  # status look-ups, right or wrong
    "reply": (10, 3600),  # answers to a question
}


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many attempts from your connection. Please wait and try again.")


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int


def client_address(request: HttpRequest) -> str:
    """The caller's address, skipping the trusted proxies' own entries."""
    proxies = int(getattr(settings, "GOVFLEX_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(chain) >= proxies:
            return str(chain[-proxies])
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _limits(scope: str) -> tuple[int, int]:
    configured: dict[str, Any] = getattr(settings, "GOVFLEX_ESERVICE_RATE_LIMITS", {}) or {}
    limit, window = configured.get(scope, DEFAULT_LIMITS[scope])
    return int(limit), int(window)


def hit(scope: str, address: str, *, now: float | None = None) -> Verdict:
    """Count one attempt of ``address`` in ``scope``'s current window."""
    limit, window = _limits(scope)
    if limit <= 0:
        return Verdict(allowed=True, retry_after=0)  # switched off (load tests)
    now = time.time() if now is None else now
    bucket = int(now // window)
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    key = f"govflex:rl:{scope}:{digest.hexdigest()[:32]}:{bucket}"
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 5)
            count = 1
    return Verdict(count <= limit, int(window - now % window) + 1)


def require(scope: str, request: HttpRequest) -> None:
    """Count the attempt; refuse with :class:`RateLimited` (429) above the limit."""
    verdict = hit(scope, client_address(request))
    if not verdict.allowed:
        raise RateLimited(details={"retry_after": verdict.retry_after})
