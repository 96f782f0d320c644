"""The summary: changes per category as a horizontal bar chart; a click filters by category.

Painted by hand (PySide6-Essentials ships no QtCharts). Counts come from the comparison; the
widget only draws them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.theme import DiffColors

ROW_HEIGHT = 22
PADDING = 6


class SummaryChart(QWidget):
    """Signals:
    category_clicked(str): a bar was clicked; "" when the selected bar was clicked again.
    """

    category_clicked = Signal(str)

    def __init__(self, colors: DiffColors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._colors = colors
        self._rows: list[tuple[str, str, int]] = []  # (category id, name, count)
        self._selected: str | None = None
        self._focus_row = 0

    def set_colors(self, colors: DiffColors) -> None:
        self._colors = colors
        self.update()

    def set_counts(self, rows: list[tuple[str, str, int]]) -> None:
        """Rows of (category id, display name, number of changes), drawn in the given order."""
        self._rows = rows
        self._focus_row = 0
        self.updateGeometry()
        self.update()

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        return list(self._rows)

    def set_selected(self, category: str | None) -> None:
        self._selected = category
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, max(len(self._rows), 1) * ROW_HEIGHT + 2 * PADDING)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, ROW_HEIGHT + 2 * PADDING)

    def row_rect(self, row: int) -> QRectF:
        return QRectF(0, PADDING + row * ROW_HEIGHT, self.width(), ROW_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(self.foregroundRole())
        if not self._rows:
            painter.setPen(pal.color(pal.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect().adjusted(PADDING, PADDING, -PADDING, -PADDING),
                Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                "No categorised changes yet.",
            )
            painter.end()
            return
        fm = QFontMetrics(self.font())
        label_w = min(
            max(fm.horizontalAdvance(name) for _, name, _ in self._rows) + 8, self.width() // 2
        )
        count_w = fm.horizontalAdvance("0000") + 6
        bar_w = max(self.width() - label_w - count_w - 2 * PADDING, 10)
        top = max(count for _, _, count in self._rows) or 1
        for i, (cid, name, count) in enumerate(self._rows):
            rect = self.row_rect(i)
            selected = cid == self._selected
            if selected:
                painter.fillRect(
                    rect,
                    pal.color(pal.ColorRole.Highlight).lighter(170)
                    if pal.color(pal.ColorRole.Window).lightness() > 128
                    else pal.color(pal.ColorRole.Highlight).darker(150),
                )
            painter.setPen(text)
            label = fm.elidedText(name, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(
                QRectF(PADDING, rect.top(), label_w - 8, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            width = bar_w * count / top
            bar = QRectF(PADDING + label_w, rect.top() + 4, max(width, 2), ROW_HEIGHT - 8)
            painter.fillRect(bar, self._colors.bar_selected if selected else self._colors.bar)
            painter.drawText(
                QRectF(bar.right() + 4, rect.top(), count_w, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                str(count),
            )
            if self.hasFocus() and i == self._focus_row:
                painter.setPen(pal.color(pal.ColorRole.Highlight))
                painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.end()

    def _row_at(self, y: float) -> int | None:
        row = int((y - PADDING) // ROW_HEIGHT)
        return row if 0 <= row < len(self._rows) and y >= PADDING else None

    def _activate(self, row: int) -> None:
        cid = self._rows[row][0]
        self.category_clicked.emit("" if cid == self._selected else cid)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position().y())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self._focus_row = row
            self._activate(row)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position().y())
        if row is not None:
            _, name, count = self._rows[row]
            self.setToolTip(f"{name}: {count} change{'s' if count != 1 else ''}. Click to filter.")
        else:
            self.setToolTip("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._rows:
            return super().keyPressEvent(event)
        key = event.key()
        if key == Qt.Key.Key_Down:
            self._focus_row = min(self._focus_row + 1, len(self._rows) - 1)
        elif key == Qt.Key.Key_Up:
            self._focus_row = max(self._focus_row - 1, 0)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self._focus_row)
        else:
            return super().keyPressEvent(event)
        self.update()
