"""Benchmark-only settings: the product settings with the e-service's per-address rate limits
switched off (every submission of the load comes from one address)."""

from govflex.config.settings import *  # noqa: F403

GOVFLEX_ESERVICE_RATE_LIMITS = {"submit": (0, 1), "track": (0, 1), "reply": (0, 1)}
