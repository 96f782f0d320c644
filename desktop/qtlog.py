"""Qt's own messages go to Python logging (logger ``qt``) instead of straight to stderr.

A warning from Qt then reaches the same log as ours, with its level; the one message the
offscreen platform prints for every window ("does not support propagateSizeHints") says nothing
about the app and is dropped, so a smoke test's log stays free of noise.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

#: Messages that are known to be harmless on a platform we run on, dropped as they come.
IGNORED = ("This plugin does not support propagateSizeHints()",)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if any(message.startswith(text) for text in IGNORED):
        return
    log.log(_LEVELS.get(kind, logging.WARNING), "%s", message)


def install() -> None:
    """Route Qt's messages to the ``qt`` logger (idempotent)."""
    qInstallMessageHandler(_handler)
