"""GUI responsiveness: event-loop stalls during a comparison, and time to show an article.

Opens two agreements in the real main window (offscreen unless a display is set), runs the
comparison, and records the longest gap between ticks of a 10 ms heartbeat timer on the GUI
thread from the moment the files are opened until the result is shown. Then selects every
article pair in turn and measures how long it takes until the pair is shown and painted (the
first screenful; a long article's remainder is appended in slices afterwards), and the longest
stall while the remainder is appended and the overview bar drawn.

Targets (issue 5): no stall over 100 ms; an article shown in under 100 ms.

Usage: ``python -m bench.bench_gui [OLD NEW] [--generated] [--trace]``. ``--trace`` prints
every stall over 50 ms with the progress message shown at that moment and, sampled by a watcher
thread while the stall lasts, where the GUI thread and the worker threads were (their stacks). Without files it uses the IATSE
2018 -> 2021 pair from ../shared/corpus when present (``--generated`` skips it), else two
generated 200-page agreements.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

HEARTBEAT_MS = 10
TRACE_GAP_MS = 50.0
STALL_TARGET_MS = 100.0
SHOW_TARGET_MS = 100.0
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "iatse-basic-agreement"
IATSE = (
    CORPUS / "IATSE_2018-2021_Basic_Agreement.pdf",
    CORPUS / "IATSE_Basic_Agreement_2021-2024.pdf",
)


def _inputs(argv: list[str]) -> tuple[Path, Path, str]:
    files = [Path(a) for a in argv if not a.startswith("-")]
    if len(files) >= 2:
        return files[0], files[1], "given files"
    if "--generated" not in argv and all(p.exists() for p in IATSE):
        return IATSE[0], IATSE[1], "IATSE 2018 -> 2021 (corpus)"
    from tests.desktop.agreements import write_agreements

    folder = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    pair = write_agreements(folder, articles=400, clauses=6, pages=200)
    return pair.old, pair.new, "generated 200-page agreements"


class Heartbeat:
    """A 10 ms timer on the GUI thread; the longest gap between ticks is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.gaps: list[float] = []
        self.message = ""  # the progress message shown, for --trace
        self.origin = time.perf_counter()
        self.long: list[tuple[float, float, str]] = []  # (ended at s, gap ms, message)

    def start(self) -> None:
        self.gaps = []
        self.long = []
        self.last = self.origin = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._tick()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1000
        self.gaps.append(gap)
        if gap > TRACE_GAP_MS:
            self.long.append((now - self.origin, gap, self.message))
        self.last = now

    @property
    def longest(self) -> float:
        return max(self.gaps, default=0.0)


class StallSampler:
    """A watcher thread: while the heartbeat is late by more than ``TRACE_GAP_MS``, it records
    the stacks of the GUI thread and of every other Python thread (the worker), every 10 ms.

    It needs the GIL to sample, so a stall caused by another thread holding the GIL shows up as
    few samples, taken when that thread let go."""

    def __init__(self, heartbeat: Heartbeat) -> None:
        self.heartbeat = heartbeat
        self.main_id = threading.get_ident()
        self.samples: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(1)

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(0.01):
            now = time.perf_counter()
            late = (now - self.heartbeat.last) * 1000
            if late < TRACE_GAP_MS:
                continue
            parts = []
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                who = "GUI" if ident == self.main_id else f"thread {ident}"
                stack = traceback.extract_stack(frame)[-6:]
                lines = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in stack]
                parts.append(f"  [{who}] " + " <- ".join(reversed(lines)))
            self.samples.append((now - self.heartbeat.origin, "\n".join(parts)))


def _print_trace(heartbeat: Heartbeat, sampler: StallSampler) -> None:
    print(f"stalls over {TRACE_GAP_MS:.0f} ms (seconds from the start, gap, progress message):")
    for ended, gap, message in heartbeat.long:
        print(f"  {ended:7.3f} s  {gap:6.1f} ms  {message}")
        began = ended - gap / 1000
        for at, stacks in sampler.samples:
            if began <= at <= ended + 0.005:
                print(f"    sample at {at:7.3f} s:\n{stacks}")


def main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.mainwindow import MainWindow

    old, new, label = _inputs(argv)
    app = QApplication.instance() or QApplication(["bench_gui"])
    settings_dir = tempfile.mkdtemp(prefix="bench-gui-settings-")
    settings = QSettings(str(Path(settings_dir) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1600, 950)
    window.show()
    app.processEvents()
    loop = QEventLoop()
    QTimer.singleShot(500, loop.quit)  # the window is painted before the user opens files
    loop.exec()

    heartbeat = Heartbeat()
    outcome: dict[str, object] = {}
    window.controller.comparison_ready.connect(lambda c: (outcome.update(ok=c), loop.quit()))
    window.controller.failed.connect(lambda m: (outcome.update(error=m), loop.quit()))
    window.controller.progress_changed.connect(lambda _f, m: setattr(heartbeat, "message", m))
    window.controller.comparison_ready.connect(
        lambda _c: setattr(heartbeat, "message", "(result arrived: shown in the window)")
    )
    trace = "--trace" in argv
    sampler = StallSampler(heartbeat)
    if trace:
        sampler.start()
    started = time.perf_counter()
    heartbeat.start()
    window.open_files(old, new)
    loop.exec()
    # let the first article be painted too: the result arriving is part of "the comparison"
    QTimer.singleShot(200, loop.quit)
    loop.exec()
    heartbeat.stop()
    elapsed = time.perf_counter() - started
    if trace:
        sampler.stop()
        _print_trace(heartbeat, sampler)
    if "error" in outcome:
        print(f"bench_gui: comparison failed: {outcome['error']}", file=sys.stderr)
        return 1
    comparison = window.controller.comparison
    assert comparison is not None
    compare_stall = heartbeat.longest
    ticks = len(heartbeat.gaps)

    # Showing articles: select each pair (unchanged ones too) and paint it.
    window.show_unchanged_action.setChecked(True)
    shows: list[tuple[float, int]] = []
    after_stalls: list[float] = []
    complete: list[float] = []
    for row in range(len(comparison.pairs)):
        t0 = time.perf_counter()
        window.navigator.select_pair(row)
        window.view.repaint()  # synchronous paint of what the reader sees
        shows.append(((time.perf_counter() - t0) * 1000, row))
        # the rest of a long article is appended in slices, then the overview bar is drawn:
        # the event loop must stay live meanwhile
        heartbeat.start()
        while window.view.rendering:
            QTimer.singleShot(20, loop.quit)
            loop.exec()
        complete.append((time.perf_counter() - t0) * 1000)
        QTimer.singleShot(60, loop.quit)
        loop.exec()
        heartbeat.stop()
        after_stalls.append(heartbeat.longest)
    window.close()

    show_times = sorted(t for t, _ in shows)
    worst_ms, worst_row = max(shows)
    worst = comparison.pairs[worst_row]
    chars = sum(len((b.new or b.old).text) for b in worst.blocks if (b.new or b.old) is not None)
    p95 = show_times[int(0.95 * (len(show_times) - 1))]
    print(f"input: {label}: {old.name} -> {new.name}")
    print(
        f"comparison: {elapsed:.2f} s, {len(comparison.pairs)} pairs, "
        f"{sum(len(p.changes) for p in comparison.pairs)} changes"
    )
    print(
        f"longest GUI stall during the comparison: {compare_stall:.1f} ms "
        f"({ticks} heartbeats of {HEARTBEAT_MS} ms; target < {STALL_TARGET_MS:.0f} ms) "
        f"{'OK' if compare_stall < STALL_TARGET_MS else 'OVER TARGET'}"
    )
    print(
        f"show an article: median {statistics.median(show_times):.1f} ms, p95 {p95:.1f} ms, "
        f"max {worst_ms:.1f} ms (pair {worst.id}, {len(worst.blocks)} blocks, {chars} chars; "
        f"target < {SHOW_TARGET_MS:.0f} ms) {'OK' if worst_ms < SHOW_TARGET_MS else 'OVER TARGET'}"
    )
    print(
        f"whole article built (a long one's remainder is appended in slices after the first "
        f"screen): max {max(complete):.1f} ms; longest stall meanwhile and while the overview "
        f"bar is drawn: {max(after_stalls):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
