"""Rate limits per client address for the public e-service (fixed windows in Django's cache).

The cache must be shared by every server process for the limits to hold across them: configure
a shared ``CACHES["default"]`` (e.g. Redis or the database cache) in production; the default
local-memory cache counts per process. Addresses are kept only as a keyed hash (PDPA: the
address is personal data we do not need to keep).

The client address is found the same way as for the sign-in lockout and the API limits
(:func:`govflex.accounts.clientip.client_ip`, ``GOVFLEX_PROXY_COUNT``). The API's own
per-minute limits (:mod:`govflex.accounts.ratelimit`) apply on top; these count the public
e-service's actions over longer windows (an hour for new requests).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from govflex.accounts.clientip import client_ip
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
    cache = caches[getattr(settings, "GOVFLEX_RATE_LIMIT_CACHE", "default")]
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
    verdict = hit(scope, client_ip(request) or "unknown")
    if not verdict.allowed:
        raise RateLimited(details={"retry_after": verdict.retry_after})
