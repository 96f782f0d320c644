"""The overview bar beside the comparison view: a mark per change, the visible part, clicks.

Meld's chunk map, redrawn for Qt: the marks come as 0..1 fractions computed by
``cbadiff.navigation.overview_marks``; they are painted once into a cached pixmap, invalidated
when the marks, the size or the theme change, and only the viewport handle and the current
change are painted on top at each scroll. Insertions are drawn on the right half, deletions on
the left half, replacements across the whole width and moved paragraphs as a thin strip on the
left edge, so the bar does not rely on colour.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from cbadiff.model import ChangeKind
from cbadiff.navigation import Mark, mark_at
from desktop.theme import DiffColors

BAR_WIDTH = 18
CLICK_TOLERANCE_PX = 4


class DiffMap(QWidget):
    """Signals:
    mark_clicked(int): the index (in the pair's changes) of the change whose mark was clicked.
    scroll_requested(float): a click or drag on empty bar, as a 0..1 fraction of the document.
    """

    mark_clicked = Signal(int)
    scroll_requested = Signal(float)

    def __init__(self, colors: DiffColors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffMap")
        self.setFixedWidth(BAR_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: one mark per change. Click a mark to go to the change.")
        self._colors = colors
        self._marks: tuple[Mark, ...] = ()
        self._kinds: dict[int, tuple[ChangeKind, bool]] = {}
        self._viewport = (0.0, 1.0)
        self._current: int | None = None
        self._cache: QPixmap | None = None

    def sizeHint(self) -> QSize:
        return QSize(BAR_WIDTH, 200)

    @property
    def marks(self) -> tuple[Mark, ...]:
        return self._marks

    def set_colors(self, colors: DiffColors) -> None:
        self._colors = colors
        self._cache = None
        self.update()

    def set_marks(self, marks: tuple[Mark, ...], kinds: dict[int, tuple[ChangeKind, bool]]) -> None:
        """``kinds`` maps a change index to its kind and whether it is substantive."""
        self._marks = marks
        self._kinds = kinds
        self._cache = None
        self.update()

    def set_viewport(self, start: float, end: float) -> None:
        if (start, end) != self._viewport:
            self._viewport = (start, end)
            self.update()

    def set_current(self, change: int | None) -> None:
        if change != self._current:
            self._current = change
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._cache = None
        super().resizeEvent(event)

    def _mark_rect(self, mark: Mark, h: float, w: float) -> QRectF:
        kind = self._kinds.get(mark.change, (ChangeKind.REPLACE, True))[0]
        top = mark.start * h
        height = max((mark.end - mark.start) * h, 2.0)
        if kind is ChangeKind.INSERT:
            return QRectF(w / 2, top, w / 2 - 2, height)
        if kind is ChangeKind.DELETE:
            return QRectF(2, top, w / 2 - 2, height)
        if kind is ChangeKind.MOVE:  # a whole moved paragraph: a thin bar, not a block
            return QRectF(1, top, 3, height)
        return QRectF(2, top, w - 4, height)

    def _render_cache(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self.palette().color(self.backgroundRole()).darker(104))
        painter = QPainter(pixmap)
        h, w = float(self.height()), float(self.width())
        c = self._colors
        # tall marks first, so that a moved paragraph never hides the word changes inside it
        for mark in sorted(self._marks, key=lambda m: m.start - m.end):
            kind, substantive = self._kinds.get(mark.change, (ChangeKind.REPLACE, True))
            if not substantive:
                color = c.muted_fg
            elif kind is ChangeKind.INSERT:
                color = c.insert_fg
            elif kind is ChangeKind.DELETE:
                color = c.delete_fg
            else:
                color = c.mark_replace
            painter.fillRect(self._mark_rect(mark, h, w), color)
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._cache is None or self._cache.size() != self.size() * self.devicePixelRatioF():
            self._cache = self._render_cache()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        h, w = float(self.height()), float(self.width())
        text = self.palette().color(self.foregroundRole())
        # viewport handle
        start, end = self._viewport
        handle = QRectF(0.5, start * h, w - 1, max((end - start) * h, 4.0))
        fill = QColor(text)
        fill.setAlpha(40)
        painter.fillRect(handle, fill)
        pen = QPen(text)
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.drawRect(handle)
        if self._current is not None:
            for mark in self._marks:
                if mark.change == self._current:
                    pen = QPen(text)
                    pen.setWidthF(2.0)
                    painter.setPen(pen)
                    rect = QRectF(
                        1, mark.start * h - 2, w - 2, max((mark.end - mark.start) * h, 2) + 4
                    )
                    painter.drawRect(rect)
        painter.end()

    def _fraction(self, event: QMouseEvent) -> float:
        return min(max(event.position().y() / max(self.height(), 1), 0.0), 1.0)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        fraction = self._fraction(event)
        mark = mark_at(self._marks, fraction, tolerance=CLICK_TOLERANCE_PX / max(self.height(), 1))
        if mark is not None:
            self.mark_clicked.emit(mark.change)
        else:
            self.scroll_requested.emit(fraction)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.scroll_requested.emit(self._fraction(event))
