"""Parse speed: pages per second for the bundled samples and any PDF/DOCX given on the command line,
cold (first open) and warm (the same file re-opened, served by whatever cache
``parsers.read.read_agreement`` has).

Runs against a throw-away cache folder so the user's cache is neither used nor filled.

    python -m bench.bench_parse [FILE ...]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from parsers.errors import ReadError
from parsers.read import read_agreement

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
CACHE_ENV = "CBADIFF_CACHE_DIR"


def _files(argv: list[str]) -> list[Path]:
    found = sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("*.docx"))
    return found + [Path(a) for a in argv if a.lower().endswith((".pdf", ".docx"))]


def measure(path: Path) -> tuple[int, float, float, float]:
    """(pages, cold wall seconds, cold CPU seconds, warm wall seconds) for one file.

    CPU time is shown beside wall time because this machine is shared: wall time includes
    waiting for other processes, CPU time is what the reader itself costs.
    """
    start, cpu = time.perf_counter(), time.process_time()
    agreement = read_agreement(path)
    cold, cold_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    read_agreement(path)
    warm = time.perf_counter() - start
    return agreement.source.pages or 0, cold, cold_cpu, warm


def main(argv: list[str]) -> int:
    files = _files(argv)
    if not files:
        print("no files: put samples in resources/samples or pass PDF/DOCX paths")
        return 0
    saved = os.environ.get(CACHE_ENV)
    with tempfile.TemporaryDirectory(prefix="cbadiff-bench-") as cache:
        os.environ[CACHE_ENV] = cache
        try:
            print(
                f"{'file':<44} {'pages':>5} {'cold s':>7} {'pages/s':>8} "
                f"{'cpu s':>6} {'cpu p/s':>8} {'warm s':>7}"
            )
            for path in files:
                try:
                    pages, cold, cpu, warm = measure(path)
                except ReadError as exc:
                    print(f"{path.name[:44]:<44} {exc}")
                    continue
                rate = f"{pages / cold:8.0f}" if pages and cold > 0 else f"{'-':>8}"
                cpu_rate = f"{pages / cpu:8.0f}" if pages and cpu > 0 else f"{'-':>8}"
                print(
                    f"{path.name[:44]:<44} {pages:>5} {cold:7.2f} {rate} "
                    f"{cpu:6.2f} {cpu_rate} {warm:7.3f}"
                )
        finally:
            if saved is None:
                os.environ.pop(CACHE_ENV, None)
            else:
                os.environ[CACHE_ENV] = saved
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
