"""Workarounds for bugs in the Qt binding, kept in one place.

WORKAROUND for a reference-count bug in PySide6 6.12 on Python 3.11: every ``None`` that crosses
a QVariant boundary (``QAbstractItemModel.data()`` returning None for a role it does not handle,
or ``QModelIndex.data()`` answering an unset role) releases one reference to ``None`` that was
never taken. A model view calls ``data()`` thousands of times per second, so after a while the
count reaches zero and the interpreter aborts with "Fatal Python error: none_dealloc" (at exit,
or in the middle of a session). Python 3.12 made ``None`` immortal; on older versions we give it
a reference count no session can exhaust. Reproduced by ``tests/desktop/test_qtcompat.py``.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def make_none_immortal() -> None:
    """Give ``None`` a reference count that leaked decrements cannot bring to zero."""
    if sys.version_info >= (3, 12) or getattr(make_none_immortal, "done", False):
        return
    # ob_refcnt is the first field of every object in CPython's (non-debug) object layout.
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    make_none_immortal.done = True  # type: ignore[attr-defined]
