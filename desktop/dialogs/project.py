"""Dialogs for project files: a source file to locate, and the read-only warning.

Small functions over ``QMessageBox`` and ``QFileDialog``; the window calls them through
replaceable methods so that tests answer them without a modal loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cbadiff.store import SourceProblem

PROJECT_FILTER = "CBA Diff projects (*.cbadiff);;All files (*)"
AGREEMENT_FILTER = "Agreements (*.pdf *.docx *.txt);;All files (*)"


@dataclass(frozen=True)
class LocateAnswer:
    """What the reviewer chose for a missing or changed source file."""

    path: Path | None  # the file they located; None: use the saved copy, or give up
    accept_changed: bool = False  # use a file whose contents differ (compare again)


def ask_locate(
    parent: QWidget | None, problem: SourceProblem, start: str = ""
) -> LocateAnswer | None:
    """Say what is wrong with a source file and offer to locate it.

    Returns None when the reviewer cancels; ``LocateAnswer(None)`` when they chose the copy
    saved in the project.
    """
    box = QMessageBox(parent)
    box.setObjectName("locateSourceDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(
        "Source file missing" if problem.problem == "missing" else "Source file changed"
    )
    box.setText(problem.message)
    locate = box.addButton("Locate…", QMessageBox.ButtonRole.AcceptRole)
    use_changed = (
        box.addButton("Use the Changed File", QMessageBox.ButtonRole.ActionRole)
        if problem.problem == "changed"
        else None
    )
    use_copy = (
        box.addButton("Use the Saved Copy", QMessageBox.ButtonRole.ActionRole)
        if problem.embedded
        else None
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is use_copy and use_copy is not None:
        return LocateAnswer(None)
    if clicked is use_changed and use_changed is not None:
        return LocateAnswer(Path(problem.path), accept_changed=True)
    if clicked is not locate:
        return None
    folder = start or str(Path(problem.path).parent)
    path, _ = QFileDialog.getOpenFileName(
        parent, f"Locate {Path(problem.path).name}", folder, AGREEMENT_FILTER
    )
    return LocateAnswer(Path(path)) if path else None


def warn_read_only(parent: QWidget | None, message: str) -> QMessageBox:
    """A window-modal warning that the project is open elsewhere (returns at once)."""
    box = QMessageBox(parent)
    box.setObjectName("readOnlyDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Project opened read-only")
    box.setText(message)
    box.open()
    return box


def ask_project_path(parent: QWidget | None, title: str, start: str, *, save: bool) -> Path | None:
    """A project file to create or open; a name without a suffix gets ``.cbadiff``."""
    if save:
        path, _ = QFileDialog.getSaveFileName(parent, title, start, PROJECT_FILTER)
    else:
        path, _ = QFileDialog.getOpenFileName(parent, title, start, PROJECT_FILTER)
    if not path:
        return None
    chosen = Path(path)
    return chosen.with_suffix(".cbadiff") if save and not chosen.suffix else chosen
