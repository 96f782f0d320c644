"""Cancellable, progress-reporting jobs: the one threading model of the core.

The primitives live in :mod:`parsers.progress` because readers sit in the bottom layer; this
module is where the core and its callers (CLI, GUI workers) take them from, plus the small
helpers the comparison pipeline needs. A job is a plain function taking ``progress`` and
``cancel``; the GUI runs it on a worker thread and forwards progress through a queued signal.
"""

from __future__ import annotations

from parsers.errors import Cancelled
from parsers.progress import CancelToken, ProgressFn, no_progress, scaled

__all__ = ["CancelToken", "Cancelled", "ProgressFn", "check_cancel", "no_progress", "scaled"]


def check_cancel(cancel: CancelToken | None) -> None:
    """Raise :class:`Cancelled` when ``cancel`` is set; a no-op without a token."""
    if cancel is not None:
        cancel.raise_if_cancelled()
