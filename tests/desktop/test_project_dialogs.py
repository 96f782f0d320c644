"""The project dialogs, answered by clicking their buttons as a reviewer would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from cbadiff.store import SourceProblem
from desktop.dialogs.project import LocateAnswer, ask_locate, warn_read_only


def click_later(label: str, seen: list[str]) -> None:
    """Click the button named ``label`` on the dialog once it is shown (exec() blocks)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.append(box.text())
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == label:
                button.click()
                return
        raise AssertionError(f"no button {label!r}")

    QTimer.singleShot(0, press)


def problem(kind: str, *, embedded: bool) -> SourceProblem:
    return SourceProblem(
        side="new",
        path="/nowhere/proposed.docx",
        problem=kind,  # type: ignore[arg-type]
        embedded=embedded,
        message=f"The proposed draft /nowhere/proposed.docx is {kind}. Locate the file.",
    )


def test_locate_dialog_offers_the_saved_copy_when_there_is_one(qtbot: QtBot) -> None:
    seen: list[str] = []
    click_later("Use the Saved Copy", seen)
    assert ask_locate(None, problem("missing", embedded=True)) == LocateAnswer(None)
    assert seen == ["The proposed draft /nowhere/proposed.docx is missing. Locate the file."]


def test_locate_dialog_can_accept_a_changed_file_or_be_cancelled(qtbot: QtBot) -> None:
    seen: list[str] = []
    click_later("Use the Changed File", seen)
    answer = ask_locate(None, problem("changed", embedded=False))
    assert answer == LocateAnswer(Path("/nowhere/proposed.docx"), accept_changed=True)
    click_later("Cancel", seen)
    assert ask_locate(None, problem("missing", embedded=False)) is None


def test_read_only_warning_shows_the_reason_without_blocking(qtbot: QtBot) -> None:
    box = warn_read_only(None, "review.cbadiff is open read-only because it is open elsewhere.")
    qtbot.addWidget(box)
    assert box.isVisible() and "open elsewhere" in box.text()
    assert box.objectName() == "readOnlyDialog"
