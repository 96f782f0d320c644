"""Run every ``bench/bench_*.py`` module's ``main(argv)`` in name order.

``make bench ARGS="a.pdf b.pdf"`` passes the files on to each benchmark that measures files.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import bench


def main(argv: list[str]) -> int:
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    for name in names:
        print(f"== {name}", flush=True)
        module = importlib.import_module(f"bench.{name}")
        module.main(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
