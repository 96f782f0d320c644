"""The annotation marker: an amber note badge with a count, for the navigator and the diff view.

Amber reads on both themes and is none of the diff colours (blue insertions, vermillion
deletions); the count is printed in it and said in the tooltip, so colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

MARKER_COLOR = QColor("#e0a100")
MARKER_TEXT = QColor("#1e1e1e")
BAR_X, BAR_WIDTH = 2, 5  # inside the document's 10 px left margin, clear of the text


@cache
def note_badge(count: int) -> QIcon:
    """A small speech bubble holding ``count`` (``9+`` above nine)."""
    text = str(count) if count < 10 else "9+"
    result = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        body = QRectF(0.5, 0.5, size - 1.0, size * 0.78)
        path = QPainterPath()
        path.addRoundedRect(body, size * 0.2, size * 0.2)
        tail = QPainterPath()
        tail.moveTo(size * 0.25, body.bottom() - 1)
        tail.lineTo(size * 0.2, size - 0.5)
        tail.lineTo(size * 0.5, body.bottom() - 1)
        tail.closeSubpath()
        painter.fillPath(path.united(tail), MARKER_COLOR)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(int(size * (0.62 if len(text) == 1 else 0.5)), 7))
        painter.setFont(font)
        painter.setPen(MARKER_TEXT)
        painter.drawText(body, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        result.addPixmap(pixmap)
    return result


def annotation_count_text(count: int) -> str:
    return f"{count} annotation{'s' if count != 1 else ''}"


class MarginBars(QWidget):
    """Amber bars in a text pane's left margin beside annotated text, like a redline's change
    bars. A transparent child of the pane's viewport: it draws over the margin only and lets
    every mouse event through, so the pane itself is left as it is.
    """

    def __init__(
        self,
        pane: QAbstractScrollArea,
        span_y: Callable[[tuple[int, int]], tuple[float, float]],
    ) -> None:
        super().__init__(pane.viewport())
        self.setObjectName("annotationBars")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._pane = pane
        self._span_y = span_y
        self.spans: tuple[tuple[int, int], ...] = ()
        pane.viewport().installEventFilter(self)
        pane.verticalScrollBar().valueChanged.connect(self.update)
        self.resize(BAR_X + BAR_WIDTH, pane.viewport().height())

    def set_spans(self, spans: Sequence[tuple[int, int]]) -> None:
        spans = tuple(spans)
        if spans != self.spans:
            self.spans = spans
            self.update()

    def bar_rects(self) -> list[QRectF]:
        """Where the bars are, in viewport pixels (also for tests)."""
        offset = self._pane.verticalScrollBar().value()
        out = []
        for span in self.spans:
            top, bottom = self._span_y(span)
            out.append(QRectF(BAR_X, top - offset, BAR_WIDTH, max(bottom - top, 4.0)))
        return out

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.resize(BAR_X + BAR_WIDTH, self._pane.viewport().height())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.spans:
            return
        painter = QPainter(self)
        visible = QRectF(self.rect())
        for rect in self.bar_rects():
            if rect.intersects(visible):
                painter.fillRect(rect, MARKER_COLOR)
        painter.end()
