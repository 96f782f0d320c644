"""A drop zone for one agreement: a caption, the file name, a Browse button, drag and drop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

SUFFIXES = {".pdf", ".docx", ".txt"}


def dropped_files(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


class FileSlot(QFrame):
    """Signals:
    file_dropped(str): a file was dropped on the slot.
    browse_requested(): the Browse button was pressed.
    """

    file_dropped = Signal(str)
    browse_requested = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileSlot")
        self.setProperty("dragOver", False)
        self.setAcceptDrops(True)
        self.caption = QLabel(caption)
        self.caption.setObjectName("slotCaption")
        self.name = QLabel("Drop a PDF, DOCX or TXT file here")
        self.name.setObjectName("slotName")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a long file name is cut, not allowed to widen the window (its tooltip has it whole)
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.name.setMinimumWidth(80)
        self.button = QPushButton("Browse…")
        self.button.setObjectName("slotBrowse")
        self.button.setToolTip(f"Choose the {caption.lower()}")
        self.button.clicked.connect(self.browse_requested)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.caption)
        texts.addWidget(self.name)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 6, 4)
        lay.addLayout(texts, 1)
        lay.addWidget(self.button)
        self.path: Path | None = None

    def set_path(self, path: Path | None) -> None:
        self.path = path
        if path is None:
            self.name.setText("Drop a PDF, DOCX or TXT file here")
            self.setToolTip("")
        else:
            self.name.setText(path.name)
            self.setToolTip(str(path))

    def _set_drag_over(self, on: bool) -> None:
        self.setProperty("dragOver", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
            self._set_drag_over(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drag_over(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drag_over(False)
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.file_dropped.emit(str(files[0]))
