"""Benchmark-only settings: the product settings plus a bare insert endpoint (baseline (a)).

Never used by the product: the bare endpoint lives in :mod:`benchmarks.punches.urls`.
"""

from govflex.config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.punches.urls"
