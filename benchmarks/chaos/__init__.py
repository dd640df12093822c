"""Fault tests (issue 10, point 7), run by ``make chaos``: see docs/reliability.md."""
