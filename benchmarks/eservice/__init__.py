"""Helpers of bench_eservice (settings and the open-loop load generator)."""
