"""Run the benchmarks: ``python -m benchmarks [name ...]`` (names without ``bench_``).

Each ``bench_<name>.py`` module has a ``main() -> None`` that prints its figures and the ratio
to a baseline measured in the same run. Benchmarks are never timed assertions in tests.
"""

from __future__ import annotations

import importlib
import platform
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    names = sorted(p.stem.removeprefix("bench_") for p in here.glob("bench_*.py"))
    chosen = argv or names
    unknown = set(chosen) - set(names)
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; have: {', '.join(names)}")
        return 2
    print(f"# GovFlex benchmarks on {platform.node()} — Python {platform.python_version()}")
    for name in chosen:
        print(f"\n## {name}")
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.bench_{name}").main()
        print(f"({name}: {time.perf_counter() - started:.1f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
