"""Run slow work off the GUI thread: one job at a time, progress, cancel, stale results dropped.

The pattern is git-cola's task runner and Orange's task state, written for our own types:

* a ``QRunnable`` runs the job on ``QThreadPool``; QRunnable cannot have signals, so it owns a
  small ``QObject`` whose signals are connected to the runner with queued connections, and the
  runner's own signals are therefore always emitted on the GUI thread;
* progress from the job is throttled (at most every ``PROGRESS_INTERVAL`` seconds, plus the first
  and the last report), so a reader that reports every line cannot flood the event loop;
* each start increments a generation number and every signal carries it: a result, failure or
  progress report of an older job is dropped, and starting a new job cancels the old one;
* cancelling sets the job's :class:`~parsers.progress.CancelToken`; the job raises
  :class:`~parsers.errors.Cancelled`, which becomes the ``cancelled`` signal.

Workers never touch widgets; they only call the job function and emit signals.
"""

from __future__ import annotations

import gc
import logging
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from cbadiff.errors import CbaDiffError
from parsers.errors import Cancelled, ReadError
from parsers.progress import CancelToken, ProgressFn

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05  # seconds between progress reports that reach the GUI

Job = Callable[[ProgressFn, CancelToken], Any]

#: While a job runs, Python's full (generation 2) garbage collections are put off: one scans
#: every object of both agreements and holds the GIL for 100-200 ms, which freezes the GUI
#: thread for as long. Reading and comparing make almost no cyclic garbage (a handful of objects
#: for a 200-page pair), so nothing is lost by waiting. When the job ends, the survivors are
#: frozen (gc.freeze) so later full collections skip them too; they are still freed by reference
#: counting when the comparison is replaced.
GEN2_THRESHOLD_WHILE_BUSY = 1_000_000

#: While a job runs, the worker hands the GIL back every millisecond instead of every five: each
#: call from the GUI thread into Qt and back waits for the GIL, and at Python's default interval
#: a handler that makes a dozen such calls waited up to 60 ms for a worker in pure Python code.
SWITCH_INTERVAL_WHILE_BUSY = 0.001


class _QuietCollector:
    """Keeps the GUI thread's waits short while any job runs (full GCs put off, GIL handed back
    often); see GEN2_THRESHOLD_WHILE_BUSY and SWITCH_INTERVAL_WHILE_BUSY. Shared by every
    runner: the settings are restored when the last running job ends."""

    def __init__(self) -> None:
        self._holders = 0
        self._saved: tuple[int, int, int] = gc.get_threshold()
        self._saved_switch = sys.getswitchinterval()

    def hold(self) -> None:
        self._holders += 1
        if self._holders == 1:
            self._saved = gc.get_threshold()
            self._saved_switch = sys.getswitchinterval()
            gc.freeze()  # what exists now (the app, the previous result) is not rescanned
            first, second, _third = self._saved
            gc.set_threshold(first, second, GEN2_THRESHOLD_WHILE_BUSY)
            sys.setswitchinterval(SWITCH_INTERVAL_WHILE_BUSY)

    def release(self) -> None:
        if self._holders == 0:
            return
        self._holders -= 1
        if self._holders == 0:
            gc.freeze()
            gc.set_threshold(*self._saved)
            sys.setswitchinterval(self._saved_switch)


_COLLECTOR = _QuietCollector()  # GUI-thread only: hold/release run in JobRunner slots


#: Errors a user can cause (a bad file, a bad lexicon): shown as their message, no traceback.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (ReadError, CbaDiffError, OSError)


class _Channel(QObject):
    """The signals a runnable emits from its worker thread (QRunnable itself cannot have any)."""

    progress = Signal(int, float, str)
    finished = Signal(int, object)
    failed = Signal(int, str, bool, object)  # generation, message, expected, the exception
    cancelled = Signal(int)


class _Runnable(QRunnable):
    def __init__(self, generation: int, job: Job, token: CancelToken, channel: _Channel) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._generation = generation
        self._job = job
        self._token = token
        self._channel = channel
        self._last_report = 0.0

    def _report(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - self._last_report < PROGRESS_INTERVAL:
            return
        self._last_report = now
        self._channel.progress.emit(self._generation, float(fraction), str(message))

    def run(self) -> None:
        gen = self._generation
        try:
            self._token.raise_if_cancelled()
            result = self._job(self._report, self._token)
            self._token.raise_if_cancelled()
        except Cancelled:
            self._channel.cancelled.emit(gen)
        except EXPECTED_ERRORS as exc:
            self._channel.failed.emit(gen, str(exc) or type(exc).__name__, True, exc)
        except Exception as exc:  # a bug: reported with its traceback, the app stays up
            log.error("job failed:\n%s", traceback.format_exc())
            message = f"Internal error: {type(exc).__name__}: {exc}"
            self._channel.failed.emit(gen, message, False, exc)
        else:
            self._channel.finished.emit(gen, result)


class JobRunner(QObject):
    """Runs one job at a time on a thread pool; the latest job wins.

    Signals:
        started(): a job was started.
        progress_changed(float, str): fraction 0..1 and what the job is doing.
        finished(object): the job's result.
        failed(str, bool): the error message, and whether it is an expected (user) error.
        cancelled(): the job stopped because it was cancelled.
        idle(): no job runs any more (after finished, failed or cancelled of the current job).
    """

    started = Signal()
    progress_changed = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str, bool)
    cancelled = Signal()
    idle = Signal()

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._generation = 0
        self._token: CancelToken | None = None
        self._running = False
        self.last_error: BaseException | None = None  # of the last failed job, for callers
        self._collector = _COLLECTOR
        self._holding = False
        self._channel = _Channel(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._channel.progress.connect(self._on_channel_progress, queued)
        self._channel.finished.connect(self._on_channel_finished, queued)
        self._channel.failed.connect(self._on_channel_failed, queued)
        self._channel.cancelled.connect(self._on_channel_cancelled, queued)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def generation(self) -> int:
        return self._generation

    def start(self, job: Job) -> int:
        """Cancel any running job and start ``job(progress, cancel)``; return its generation."""
        self.cancel()
        self._generation += 1
        self._token = CancelToken()
        self._running = True
        if not self._holding:
            self._collector.hold()
            self._holding = True
        self._pool.start(_Runnable(self._generation, job, self._token, self._channel))
        self.started.emit()
        return self._generation

    def cancel(self) -> None:
        """Ask the running job to stop; its ``cancelled`` signal follows when it has stopped."""
        if self._token is not None:
            self._token.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (for shutdown and tests)."""
        return bool(self._pool.waitForDone(msecs))

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    def _finish(self) -> None:
        if self._holding:
            self._collector.release()
            self._holding = False
        self._running = False
        self._token = None
        self.idle.emit()

    def _on_channel_progress(self, generation: int, fraction: float, message: str) -> None:
        if self._current(generation) and self._running:
            self.progress_changed.emit(fraction, message)

    def _on_channel_finished(self, generation: int, result: object) -> None:
        if not self._current(generation):
            return  # a stale result from a job that was replaced: drop it
        self._finish()
        self.finished.emit(result)

    def _on_channel_failed(
        self, generation: int, message: str, expected: bool, error: object
    ) -> None:
        if not self._current(generation):
            return
        self.last_error = error if isinstance(error, BaseException) else None
        self._finish()
        self.failed.emit(message, expected)

    def _on_channel_cancelled(self, generation: int) -> None:
        if not self._current(generation):
            return
        self._finish()
        self.cancelled.emit()
