"""The client's address, the same way for the login lockout and the API rate limits."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address the trusted reverse proxies saw.

    ``GOVFLEX_PROXY_COUNT`` says how many proxies of ours stand in front of the app (0 when it is
    reached directly). Only that many entries from the right of X-Forwarded-For are trusted: a
    client can write anything to the left of them.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "GOVFLEX_PROXY_COUNT", 0))
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < proxies:  # fewer entries than our proxies add: not through them
        return remote
    return hops[-proxies]
