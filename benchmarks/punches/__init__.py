"""Helpers for ``bench_punches``: the benchmark-only server settings, load and probes."""
