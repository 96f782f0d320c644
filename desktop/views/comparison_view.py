"""The diff view: old and new side by side (or one inline redline), an overview bar, sync scroll.

Thin by design (Meld's FileDiff is the counter-example): documents are built by
:mod:`desktop.views.document_render`, scroll positions are mapped by :mod:`cbadiff.syncmap` and
the overview marks are computed by :mod:`cbadiff.navigation`; this module measures the layout,
moves scroll bars and forwards clicks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QHelpEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cbadiff.annotations import Annotation
from cbadiff.model import ArticlePair, Change
from cbadiff.navigation import counts_as_substantive, overview_marks, scroll_value_for
from cbadiff.navigation import viewport_fraction as _viewport_fraction
from cbadiff.syncmap import SyncMap, synced_value
from desktop.views.annotation_marker import MARKER_COLOR, MarginBars
from desktop.views.diff_map import DiffMap
from desktop.views.document_render import (
    CosmeticMode,
    PaneRenderer,
    RenderedPane,
    RenderStyle,
    Side,
    describe_change,
)
from parsers.model import Unit

#: Characters and rows built before an article is first shown: more than a full screen.
FIRST_SLICE_CHARS = 4_000
FIRST_SLICE_ROWS = 40
#: The rest is appended in slices of at most this long, between events.
STREAM_SLICE_SECONDS = 0.012
STREAM_STEP_CHARS = 2_000
#: A comment longer than this is cut in a tooltip (the panel shows it whole).
TOOLTIP_COMMENT_CHARS = 240


def describe_annotations(annotations: Sequence[Annotation]) -> str:
    """The tooltip lines for a change's annotations: author, status, comment, member note."""
    if not annotations:
        return ""

    def cut(text: str) -> str:
        text = " ".join(text.split())
        return (
            text if len(text) <= TOOLTIP_COMMENT_CHARS else text[: TOOLTIP_COMMENT_CHARS - 1] + "…"
        )

    n = len(annotations)
    lines = [f"{n} annotation{'s' if n != 1 else ''}:"]
    for a in annotations:
        who = a.author or "unknown reviewer"
        lines.append(f"• {who} — {a.status or 'no status'}")
        if a.comment:
            lines.append(f"   {cut(a.comment)}")
        if a.member_note:
            lines.append(f"   Member note: {cut(a.member_note)}")
    return "\n".join(lines)


class DocumentPane(QTextBrowser):
    """A read-only view of one rendered document that reports clicks and hovers on changes.

    Signals:
        change_clicked(str): the id of the change under a mouse click.
    """

    change_clicked = Signal(str)
    resized = Signal()

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"pane_{side.value}")
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # Break lines between words only: the default also breaks inside a word, which cut a
        # table's narrow column labels ("Classificat|ion") instead of widening the column.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.rendered: RenderedPane | None = None
        self.lookup: Callable[[str], Change | None] = lambda cid: None
        self.annotations_of: Callable[[str], Sequence[Annotation]] = lambda cid: ()
        self.tooltip_text = ""  # the last tooltip shown (plain text), for tests
        self.viewport().installEventFilter(self)
        self.viewport().setMouseTracking(True)

    def set_rendered(self, rendered: RenderedPane | None) -> None:
        self.rendered = rendered
        self.setExtraSelections([])
        if rendered is None:
            self.clear()
        else:
            self.setDocument(rendered.document)

    def hit(self, pos: QPoint) -> str | None:
        """The change id under a viewport position, if the mouse is on marked text."""
        if self.rendered is None:
            return None
        point = pos + QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        position = self.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        return self.rendered.change_at(position) if position >= 0 else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport():
            if event.type() == QEvent.Type.ToolTip:
                assert isinstance(event, QHelpEvent)
                cid = self.hit(event.pos())
                change = self.lookup(cid) if cid else None
                if change is not None and cid is not None:
                    self.tooltip_text = describe_change(change)
                    notes = describe_annotations(self.annotations_of(cid))
                    if notes:
                        self.tooltip_text += "\n\n" + notes
                    QToolTip.showText(event.globalPos(), self.tooltip_text, self.viewport())
                else:
                    self.tooltip_text = ""
                    QToolTip.hideText()
                return True
            if event.type() == QEvent.Type.MouseButtonRelease:
                assert isinstance(event, QMouseEvent)
                if (
                    event.button() == Qt.MouseButton.LeftButton
                    and not self.textCursor().hasSelection()
                ):
                    cid = self.hit(event.position().toPoint())
                    if cid:
                        self.change_clicked.emit(cid)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    # -- layout measurements -------------------------------------------------------------------
    def position_y(self, position: int) -> tuple[float, float]:
        """Top and bottom (document pixels) of the line holding character ``position``."""
        doc = self.document()
        block = doc.findBlock(position)
        if not block.isValid():
            return (0.0, 0.0)
        rect = doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position()) if layout else None
        if line is None or not line.isValid():
            return (rect.top(), rect.bottom())
        return (rect.top() + line.y(), rect.top() + line.y() + line.height())

    def span_y(self, span: tuple[int, int]) -> tuple[float, float]:
        top = self.position_y(span[0])[0]
        bottom = self.position_y(max(span[1] - 1, span[0]))[1]
        return (top, max(bottom, top))

    def row_top(self, position: int) -> float:
        """Top (document pixels) of the row starting at ``position``: its paragraph, or the
        table drawn there."""
        doc = self.document()
        layout = doc.documentLayout()
        cursor = QTextCursor(doc)
        cursor.setPosition(min(position + 1, doc.characterCount() - 1))
        table = cursor.currentTable()
        if table is not None and table.firstPosition() <= position + 1:
            return float(layout.frameBoundingRect(table).top())
        block = doc.findBlock(position)
        return float(layout.blockBoundingRect(block).top()) if block.isValid() else 0.0

    def row_extents(self) -> list[tuple[float, float]]:
        """(top, bottom) of every aligned row, a row running to where the next one starts."""
        if self.rendered is None:
            return []
        tops = [self.row_top(p) for p in self.rendered.row_starts[: self.rendered.rows]]
        bottoms = [*tops[1:], self.total_height()]
        return [(top, max(top, bottom)) for top, bottom in zip(tops, bottoms, strict=True)]

    def total_height(self) -> float:
        return float(self.document().size().height())

    def center_on(self, y: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(int(max(0.0, y - bar.pageStep() / 2)))


class ComparisonView(QWidget):
    """Two synchronised panes (or one inline redline) for the selected pair, plus its overview.

    Signals:
        change_clicked(str): a change was clicked in a pane or on the overview bar.
    """

    change_clicked = Signal(str)

    def __init__(self, style: RenderStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonView")
        self._style = style
        self._inline = False
        self._pair: ArticlePair | None = None
        self._old_units: list[Unit] = []
        self._new_units: list[Unit] = []
        self._changes: dict[str, Change] = {}
        self._current: str | None = None
        self._sync: dict[Side, SyncMap] = {}
        self._locked = False
        self._renderers: dict[DocumentPane, PaneRenderer] = {}
        self._restore_fraction: float | None = None
        self._sources = ("", "")
        self._annotated: frozenset[str] = frozenset()  # changes with annotations: marked
        self._annotations: Mapping[str, Sequence[Annotation]] = {}  # shown in tooltips

        self.old_pane = DocumentPane(Side.OLD)
        self.new_pane = DocumentPane(Side.NEW)
        self.inline_pane = DocumentPane(Side.INLINE)
        self.old_title = QLabel("Expired agreement")
        self.new_title = QLabel("Proposed agreement")
        self.inline_title = QLabel("Redline: expired → proposed")
        for label in (self.old_title, self.new_title, self.inline_title):
            label.setObjectName("paneTitle")
            # long file names must not force the view wider and squeeze the docks
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.old_pane.setAccessibleName("Expired agreement text")
        self.new_pane.setAccessibleName("Proposed agreement text")
        self.inline_pane.setAccessibleName("Redline of the article")
        self.diff_map = DiffMap(style.colors)
        self.diff_map.setAccessibleName("Overview of the changes in this article")
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setObjectName("viewPlaceholder")

        def column(title: QLabel, pane: DocumentPane) -> QWidget:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            lay.addWidget(title)
            lay.addWidget(pane)
            return box

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("paneSplitter")
        self.splitter.addWidget(column(self.old_title, self.old_pane))
        self.splitter.addWidget(column(self.new_title, self.new_pane))
        self.splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(column(self.inline_title, self.inline_pane))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.diff_map)

        self.annotation_bars = {p: MarginBars(p, p.span_y) for p in self.panes()}
        for pane in self.panes():
            pane.lookup = self._changes.get
            pane.annotations_of = lambda cid: self._annotations.get(cid, ())
            pane.change_clicked.connect(self.change_clicked)
            pane.resized.connect(self._on_pane_resized)
            pane.verticalScrollBar().valueChanged.connect(
                lambda _v, p=pane: self._on_pane_scrolled(p)
            )
            pane.verticalScrollBar().rangeChanged.connect(self._update_viewport)
        self.diff_map.mark_clicked.connect(self._on_map_mark_clicked)
        self.diff_map.scroll_requested.connect(self._on_map_scroll_requested)
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.setInterval(0)
        self._map_timer.timeout.connect(self._update_map)
        self._stream_timer = QTimer(self)
        self._stream_timer.setInterval(0)
        self._stream_timer.timeout.connect(self._on_stream_timer)
        self.clear("Open the expired and the proposed agreement to compare them.")

    def panes(self) -> tuple[DocumentPane, DocumentPane, DocumentPane]:
        return (self.old_pane, self.new_pane, self.inline_pane)

    # -- public API ----------------------------------------------------------------------------
    @property
    def inline(self) -> bool:
        return self._inline

    @property
    def current_change(self) -> str | None:
        return self._current

    @property
    def pair(self) -> ArticlePair | None:
        return self._pair

    def primary_pane(self) -> DocumentPane:
        return self.inline_pane if self._inline else self.new_pane

    def set_sources(self, old_name: str, new_name: str) -> None:
        """The file names of the comparison shown, for the pane titles."""
        self._sources = (old_name, new_name)

    def set_annotated(
        self,
        change_ids: Collection[str],
        annotations: Mapping[str, Sequence[Annotation]] | None = None,
    ) -> None:
        """Mark these changes as annotated (an amber wavy underline; the panel lists them);
        ``annotations`` by change id are shown in the tooltip of the change."""
        self._annotated = frozenset(change_ids)
        self._annotations = dict(annotations or {})
        for pane in self.panes():
            self._highlight(pane)

    def clear(self, message: str = "") -> None:
        self.diff_map.hide()
        self._stream_timer.stop()
        self._renderers = {}
        self._pair = None
        self._current = None
        self._changes.clear()
        for pane in self.panes():
            pane.set_rendered(None)
        self.placeholder.setText(message)
        self.stack.setCurrentIndex(0)
        self.diff_map.set_marks((), {})

    def show_pair(self, pair: ArticlePair, old_units: list[Unit], new_units: list[Unit]) -> None:
        """Render ``pair`` (only this pair) and show it from the top."""
        self._pair = pair
        self._old_units = old_units
        self._new_units = new_units
        self._changes.clear()
        self._changes.update({c.id: c for c in pair.changes})
        self._current = None
        self.diff_map.show()
        self._render()

    def set_style(self, style: RenderStyle) -> None:
        self._style = style
        self.diff_map.set_colors(style.colors)
        if self._pair is not None:
            self._render(keep_position=True)

    def set_inline(self, inline: bool) -> None:
        if inline == self._inline:
            return
        self._inline = inline
        if self._pair is not None:
            self._render(keep_position=True)

    def visible_changes(self) -> list[Change]:
        """The changes of the shown pair that the view marks (cosmetic ones may be hidden)."""
        if self._pair is None:
            return []
        if self._style.cosmetic is CosmeticMode.MUTED:
            return list(self._pair.changes)
        also = self._style.also_substantive
        return [c for c in self._pair.changes if counts_as_substantive(c, also)]

    def go_to_change(self, change_id: str | None) -> None:
        """Highlight ``change_id`` in every shown pane and scroll each pane to it."""
        self._current = change_id
        for pane in self.panes():
            self._highlight(pane)
        if change_id is None or self._pair is None:
            self.diff_map.set_current(None)
            return
        if any(self._span(pane, change_id) is None for pane in self._renderers):
            self.finish_rendering()  # the change is further down than what is built so far
            for pane in self.panes():
                self._highlight(pane)
        with self._scroll_lock():
            for pane in self._shown_panes():
                span = self._span(pane, change_id)
                if span is not None:
                    top, bottom = pane.span_y(span)
                    pane.center_on((top + bottom) / 2)
        self._update_viewport()
        index = next((i for i, c in enumerate(self._pair.changes) if c.id == change_id), None)
        self.diff_map.set_current(index)

    # -- rendering -----------------------------------------------------------------------------
    def _shown_panes(self) -> tuple[DocumentPane, ...]:
        return (self.inline_pane,) if self._inline else (self.old_pane, self.new_pane)

    def _render(self, keep_position: bool = False) -> None:
        """Build the shown panes' documents: the first screenful now, the rest in slices."""
        assert self._pair is not None
        if keep_position:
            bar = self.primary_pane().verticalScrollBar()
            self._restore_fraction = _viewport_fraction(bar.value(), bar.pageStep(), bar.maximum())[
                0
            ]
        self._sync.clear()
        self._stream_timer.stop()
        pair, style = self._pair, self._style
        # Switch pages before setting documents: a page shown for the first time resizes its
        # panes, and a resize relayouts whatever document a pane holds at that moment.
        if self._inline:
            self.stack.setCurrentIndex(2)
            self.old_pane.set_rendered(None)
            self.new_pane.set_rendered(None)
        else:
            self.stack.setCurrentIndex(1)
            self.inline_pane.set_rendered(None)
        self._renderers = {
            pane: PaneRenderer(pair, self._old_units, self._new_units, pane.side, style)
            for pane in self._shown_panes()
        }
        for pane, renderer in self._renderers.items():
            renderer.step(FIRST_SLICE_CHARS, FIRST_SLICE_ROWS)
            pane.set_rendered(renderer.rendered)
            self._highlight(pane)
        self._update_titles()
        self.diff_map.set_marks((), {})
        if self._current is not None:
            self.go_to_change(self._current)
        if all(r.done for r in self._renderers.values()):
            self._on_rendering_done()
        else:
            self._stream_timer.start()

    @property
    def rendering(self) -> bool:
        """True while a long article is still being appended to the panes."""
        return any(not r.done for r in self._renderers.values())

    def finish_rendering(self) -> None:
        """Append whatever is left of the shown article now (for a jump deep into it)."""
        if self.rendering:
            for renderer in self._renderers.values():
                renderer.finish()
            self._stream_timer.stop()
            self._on_rendering_done()

    def _on_stream_timer(self) -> None:
        deadline = time.perf_counter() + STREAM_SLICE_SECONDS
        while self.rendering and time.perf_counter() < deadline:
            for renderer in self._renderers.values():
                renderer.step(STREAM_STEP_CHARS)
        if not self.rendering:
            self._stream_timer.stop()
            self._on_rendering_done()

    def _on_rendering_done(self) -> None:
        self._sync.clear()
        for pane in self._renderers:
            self._highlight(pane)
        if self._restore_fraction is not None:
            bar = self.primary_pane().verticalScrollBar()
            bar.setValue(int(self._restore_fraction * (bar.maximum() + bar.pageStep())))
            self._restore_fraction = None
        self._map_timer.start()

    def _update_titles(self) -> None:
        def pages(units: list[Unit]) -> str:
            starts = [u.page_start for u in units if u.page_start is not None]
            ends = [u.page_end or u.page_start for u in units if u.page_start is not None]
            if not starts:
                return ""
            lo, hi = min(starts), max(e for e in ends if e is not None)
            return f" — p. {lo}" if lo == hi else f" — pp. {lo}–{hi}"

        old_name = f" ({self._sources[0]})" if self._sources[0] else ""
        new_name = f" ({self._sources[1]})" if self._sources[1] else ""
        self.old_title.setText(f"Expired agreement{old_name}{pages(self._old_units)}")
        self.new_title.setText(f"Proposed agreement{new_name}{pages(self._new_units)}")
        self.inline_title.setText(
            f"Redline: expired{old_name} → proposed{new_name}{pages(self._new_units)}"
        )

    def _span(self, pane: DocumentPane, change_id: str) -> tuple[int, int] | None:
        """Where a change is in ``pane``: its marked words, else its whole paragraph.

        A change with no words of its own (a moved paragraph) is found by its block.
        """
        rendered = pane.rendered
        if rendered is None:
            return None
        span = rendered.spans.get(change_id)
        if span is not None:
            return span
        change = self._changes.get(change_id)
        if change is None:
            return None
        row = change.block_index + 1  # row 0 is the heading
        return rendered.row_span(row)

    def _annotation_marks(self, pane: DocumentPane) -> list[QTextEdit.ExtraSelection]:
        """Bars in the margin beside annotated changes, and a dotted amber underline."""
        marks = []
        spans = []
        for cid in self._annotated & self._changes.keys():
            span = self._span(pane, cid)
            if span is None:
                continue
            spans.append(span)
            if span[1] <= span[0]:
                continue
            mark = QTextEdit.ExtraSelection()
            cursor = QTextCursor(pane.document())
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            mark.cursor = cursor
            mark.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            mark.format.setUnderlineColor(MARKER_COLOR)
            marks.append(mark)
        self.annotation_bars[pane].set_spans(spans)
        return marks

    def _highlight(self, pane: DocumentPane) -> None:
        cid = self._current
        span = self._span(pane, cid) if cid is not None else None
        marks = self._annotation_marks(pane)
        if span is None:
            pane.setExtraSelections(marks)
            return
        start, end = span
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(pane.document())
        if end > start:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        else:  # the change has no text on this side: mark the whole line where it would be
            cursor.setPosition(start)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = cursor
        selection.format.setBackground(QBrush(self._style.colors.current_bg))
        pane.setExtraSelections([*marks, selection])

    def _update_map(self) -> None:
        if self._pair is None:
            return
        pane = self.primary_pane()
        if pane.rendered is None:
            return
        index = {c.id: i for i, c in enumerate(self._pair.changes)}
        visible = self.visible_changes()
        # Marks are placed by character position: measuring pixel positions would force Qt to
        # lay out the whole article at once (tens of ms for a long one) instead of lazily.
        spans = []
        for change in visible:
            span = self._span(pane, change.id)
            if span is not None:
                spans.append((index[change.id], float(span[0]), float(span[1])))
        marks = overview_marks(spans, float(max(pane.document().characterCount(), 1)))
        also = self._style.also_substantive
        kinds = {index[c.id]: (c.kind, counts_as_substantive(c, also)) for c in visible}
        self.diff_map.set_marks(marks, kinds)
        self._update_viewport()

    # -- scrolling -----------------------------------------------------------------------------
    @contextmanager
    def _scroll_lock(self) -> Iterator[None]:
        # Dropping re-entrant scroll events keeps the panes from bouncing (Meld's scroll lock).
        was = self._locked
        self._locked = True
        try:
            yield
        finally:
            self._locked = was

    def _sync_map(self, src: DocumentPane, dst: DocumentPane) -> SyncMap:
        key = src.side
        if key not in self._sync:
            self._sync[key] = SyncMap(
                src.row_extents(), dst.row_extents(), src.total_height(), dst.total_height()
            )
        return self._sync[key]

    def _on_pane_scrolled(self, pane: DocumentPane) -> None:
        syncable = not self._locked and not self._inline and not self.rendering
        if syncable and pane in (self.old_pane, self.new_pane):
            other = self.new_pane if pane is self.old_pane else self.old_pane
            if pane.rendered is not None and other.rendered is not None:
                with self._scroll_lock():
                    src, dst = pane.verticalScrollBar(), other.verticalScrollBar()
                    mapping = self._sync_map(pane, other)
                    value = synced_value(
                        mapping,
                        src.value(),
                        src.pageStep(),
                        src.maximum(),
                        dst.pageStep(),
                        dst.maximum(),
                    )
                    dst.setValue(round(value))
        self._update_viewport()

    def _on_pane_resized(self) -> None:
        self._sync.clear()  # row heights changed with the width
        if self._pair is not None:
            self._map_timer.start()

    def _update_viewport(self) -> None:
        bar = self.primary_pane().verticalScrollBar()
        self.diff_map.set_viewport(*_viewport_fraction(bar.value(), bar.pageStep(), bar.maximum()))

    def _on_map_mark_clicked(self, index: int) -> None:
        if self._pair is not None and 0 <= index < len(self._pair.changes):
            self.change_clicked.emit(self._pair.changes[index].id)

    def _on_map_scroll_requested(self, fraction: float) -> None:
        bar = self.primary_pane().verticalScrollBar()
        bar.setValue(round(scroll_value_for(fraction, bar.pageStep(), bar.maximum())))
