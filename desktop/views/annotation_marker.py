"""The annotation marker: an amber note badge with a count, for the navigator and the diff view.

Amber reads on both themes and is none of the diff colours (blue insertions, vermillion
deletions); the count is printed in it and said in the tooltip, so colour is never the only cue.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap

MARKER_COLOR = QColor("#e0a100")
MARKER_TEXT = QColor("#1e1e1e")


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
