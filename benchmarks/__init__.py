"""GovFlex benchmarks: `make bench` runs every ``bench_*.py`` module (or those named)."""
