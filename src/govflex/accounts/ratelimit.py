"""Rate limits for the API, per token (or signed-in user) and per client address.

A fixed one-minute window counted in the cache: with several app servers, point them at one
shared cache (GOVFLEX_CACHE_URL=redis://…); with the default per-process memory cache each
process counts on its own. Over the limit the answer is 429 in the API's error format with
``Retry-After``. Limits are requests per minute; 0 switches a limit off (the default outside
production, so tests and the demo are not throttled).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from govflex.accounts.clientip import client_ip

WINDOW_S = 60


def hit(bucket: str, *, limit: int, now: float | None = None) -> int:
    """Count one request in ``bucket``; 0 if allowed, else the seconds until the window ends."""
    if limit <= 0:
        return 0
    now = time.time() if now is None else now
    window = int(now // WINDOW_S)
    key = f"ratelimit:{bucket}:{window}"
    cache = caches[settings.GOVFLEX_RATE_LIMIT_CACHE]
    cache.add(key, 0, timeout=WINDOW_S + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start again
        cache.set(key, 1, timeout=WINDOW_S + 5)
        count = 1
    if count <= limit:
        return 0
    return max(1, int((window + 1) * WINDOW_S - now) + 1)


def _caller_bucket(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        # The whole token string, hashed: only its holder can spend this token's budget.
        digest = hashlib.sha256(header[7:].strip().encode("utf-8", "replace")).hexdigest()
        return f"token:{digest[:32]}"
    user: Any = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return None


class ApiRateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            wait = hit(f"addr:{client_ip(request)}", limit=settings.GOVFLEX_API_RATE_PER_ADDRESS)
            if not wait:
                bucket = _caller_bucket(request)
                if bucket is not None:
                    wait = hit(bucket, limit=settings.GOVFLEX_API_RATE_PER_TOKEN)
            if wait:
                return _too_many(wait)
        return self.get_response(request)


def _too_many(wait: int) -> HttpResponse:
    response = JsonResponse(
        {
            "code": "rate_limited",
            "message": _("Too many requests. Wait %(seconds)d seconds and try again.")
            % {"seconds": wait},
            "details": {"retry_after": wait},
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response
