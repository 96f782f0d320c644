"""Helpers for tests that drive a real main window through a project on the bundled samples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from desktop.mainwindow import MainWindow
from desktop.project_actions import ProjectActions

TIMEOUT = 30_000


def placed(w: MainWindow) -> bool:
    """The window shows its project and the project controller is idle."""
    c = w.projects.controller
    return c.shows_project() and not c.busy


def answer_path(projects: ProjectActions, path: Path) -> None:
    """Answer ``path`` whenever the window asks where a project file goes (no dialog)."""
    projects.ask_project_path = lambda _title, *, save: path  # type: ignore[method-assign]


def new_project(qtbot: QtBot, w: MainWindow, samples: tuple[Path, Path], path: Path) -> None:
    """Compare ``samples`` in ``w``, keep the comparison as a new project at ``path``, wait."""
    with qtbot.waitSignal(w.controller.comparison_ready, timeout=TIMEOUT):
        w.open_files(*samples)
    answer_path(w.projects, path)
    w.projects.new_project_action.trigger()
    qtbot.waitUntil(lambda: placed(w), timeout=TIMEOUT)


def drop(widget: Any, path: Path) -> QDropEvent:
    """Drop ``path`` on ``widget`` as a left-button copy from a file manager; the event."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)
    return event
