"""Progress reporting and cancellation shared by every long job.

Readers live in the bottom layer, so the cancel/progress primitives live here too; ``cbadiff.jobs``
builds on them. A job reports ``(fraction, message)`` through a plain callback and polls a
:class:`CancelToken`, so the same code serves the CLI (no callback) and the GUI (a worker thread
that forwards progress through a queued signal).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from parsers.errors import Cancelled

ProgressFn = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    """Progress sink for callers that do not display progress."""


@dataclass
class CancelToken:
    """A flag a GUI thread sets and a worker polls; thread-safe by way of threading.Event."""

    _event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def scaled(progress: ProgressFn, start: float, end: float) -> ProgressFn:
    """Map a sub-job's 0..1 progress into ``start..end`` of its parent's progress."""

    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * max(0.0, min(1.0, fraction)), message)

    return report
