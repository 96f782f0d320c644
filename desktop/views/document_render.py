"""Turn one article pair into the QTextDocuments the comparison view shows.

Only the selected pair is rendered, when it is selected, so the cost of showing an article is
the cost of that article alone. Documents are built with ``QTextCursor`` rather than HTML so that
the position of every change is known while building (for hit tests, scrolling to a change and
the overview bar) without a second pass.

Row structure shared by both panes, so that ``cbadiff.syncmap`` can pair them up: row 0 is the
heading, row ``k + 1`` is ``ArticlePair.blocks[k]``; where each row starts is recorded
(``RenderedPane.row_starts``). A paragraph row is one QTextBlock (line breaks inside it become
U+2028 line separators); a table row is a real table (a ``QTextTable``, one cell per cell of
``Block.rows``, the changed cells tinted and their words struck or underlined), preceded by a
paragraph when it has a label; a side that has no block gets a short placeholder paragraph.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from cbadiff.model import ArticlePair, BlockPair, Change, OpTag, WordOp
from cbadiff.navigation import counts_as_substantive
from desktop.theme import DiffColors
from parsers.model import Block, BlockKind, Unit

LINE_SEPARATOR = "\u2028"
CELL_SEPARATOR = " | "  # how the readers join a table row's cells in Block.text
ROW_SEPARATOR = "\n"  # ... and its rows

Run = tuple[OpTag, str, str | None]  # one word op: tag, text, change id
Grid = list[list[list[Run]]]  # rows of cells of runs


class Side(StrEnum):
    OLD = "old"
    NEW = "new"
    INLINE = "inline"


class CosmeticMode(StrEnum):
    MUTED = "muted"  # shown in grey, dotted
    HIDDEN = "hidden"  # shown as plain text of its side, not marked, not navigated to


@dataclass
class RenderedPane:
    """A built document plus where each change sits in it (character positions)."""

    document: QTextDocument
    side: Side
    rows: int
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _hits: list[tuple[int, int, str]] = field(default_factory=list)
    row_starts: list[int] = field(default_factory=list)  # character position of each row

    def row_span(self, row: int) -> tuple[int, int] | None:
        """First and last character position of row ``row`` (None if not built yet)."""
        if not 0 <= row < self.rows or row >= len(self.row_starts):
            return None
        start = self.row_starts[row]
        if row + 1 < len(self.row_starts):
            end = self.row_starts[row + 1] - 1
        else:
            end = self.document.characterCount() - 1
        return (start, max(end, start))

    def change_at(self, position: int) -> str | None:
        """The id of the marked change at character ``position``, if any."""
        i = bisect_right(self._starts, position) - 1
        if i >= 0:
            start, end, cid = self._hits[i]
            if start <= position < end:
                return cid
        return None


@dataclass(frozen=True)
class RenderStyle:
    colors: DiffColors
    font: QFont
    cosmetic: CosmeticMode = CosmeticMode.MUTED
    also_substantive: frozenset[str] = frozenset()


class _Formats:
    def __init__(self, style: RenderStyle) -> None:
        c = style.colors
        self.plain = QTextCharFormat()
        self.label = QTextCharFormat()
        self.label.setFontWeight(QFont.Weight.Bold)
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.heading.setFontPointSize(max(style.font.pointSizeF(), 6.0) * 1.2)
        self.heading.setForeground(QBrush(c.heading_fg))
        self.insert = QTextCharFormat()
        self.insert.setForeground(QBrush(c.insert_fg))
        self.insert.setBackground(QBrush(c.insert_bg))
        self.insert.setFontUnderline(True)
        self.delete = QTextCharFormat()
        self.delete.setForeground(QBrush(c.delete_fg))
        self.delete.setBackground(QBrush(c.delete_bg))
        self.delete.setFontStrikeOut(True)
        self.insert_muted = QTextCharFormat()
        self.insert_muted.setForeground(QBrush(c.muted_fg))
        self.insert_muted.setFontUnderline(True)
        self.insert_muted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self.delete_muted = QTextCharFormat()
        self.delete_muted.setForeground(QBrush(c.muted_fg))
        self.delete_muted.setFontStrikeOut(True)
        self.placeholder = QTextCharFormat()
        self.placeholder.setForeground(QBrush(c.placeholder_fg))
        self.placeholder.setFontItalic(True)
        self.placeholder.setFontPointSize(max(style.font.pointSizeF(), 6.0) * 0.85)
        self.moved = QTextCharFormat(self.placeholder)
        self.cell_separator = QTextCharFormat()
        self.cell_separator.setForeground(QBrush(c.placeholder_fg))
        self.body_block = QTextBlockFormat()
        self.body_block.setBottomMargin(6)
        self.heading_block = QTextBlockFormat()
        self.heading_block.setBottomMargin(10)
        self.placeholder_block = QTextBlockFormat(self.body_block)
        self.placeholder_block.setBackground(QBrush(c.placeholder_bg))
        self.table = QTextTableFormat()
        self.table.setBorderCollapse(True)
        self.table.setBorder(1)
        self.table.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        self.table.setBorderBrush(QBrush(c.placeholder_fg))
        self.table.setCellPadding(3)
        self.table.setCellSpacing(0)
        self.table.setBottomMargin(8)
        self.table.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        self.header_bg = QColor(c.placeholder_bg)
        # a changed cell is tinted as well as its words marked (never colour alone)
        self.cell_insert_bg = _tint(c.insert_bg)
        self.cell_delete_bg = _tint(c.delete_bg)
        self.cell_replace_bg = _tint(c.mark_replace, 0.2)


def _flat(text: str) -> str:
    return text.replace("\r\n", LINE_SEPARATOR).replace("\n", LINE_SEPARATOR)


def describe_change(change: Change) -> str:
    """Tooltip text of a change: what kind, whether substantive, categories, numbers."""
    from desktop.categories import category_name

    lines = [f"{change.kind.value.title()} — {'substantive' if change.substantive else 'cosmetic'}"]
    if not change.substantive and change.reason:
        lines[0] += f" ({change.reason})"
    if change.categories:
        lines.append("Categories: " + ", ".join(category_name(c) for c in change.categories))
    for n in change.numbers:
        unit = f" {n.unit}" if n.unit and n.unit != "$" else ""
        lines.append(f"{n.old or '—'} → {n.new or '—'}{unit}")
    pages = f"Page {change.old_page or '—'} → {change.new_page or '—'}"
    lines.append(pages)
    return "\n".join(lines)


class _Builder:
    def __init__(self, side: Side, style: RenderStyle, changes: Mapping[str, Change]) -> None:
        self.side = side
        self.style = style
        self.changes = changes
        self.fmt = _Formats(style)
        self.doc = QTextDocument()
        self.doc.setDefaultFont(style.font)
        self.doc.setDocumentMargin(10)
        self.doc.setUndoRedoEnabled(False)
        self.cursor = QTextCursor(self.doc)
        self.rows = 0
        self.in_table = False
        self.after_table = False  # the cursor is in the empty block that follows a table
        self.row_starts: list[int] = []
        self.spans: dict[str, tuple[int, int]] = {}
        self.starts: list[int] = []  # hit starts, kept beside hits for bisect
        self.hits: list[tuple[int, int, str]] = []  # appended in document order

    def new_row(self, block_format: QTextBlockFormat) -> None:
        if self.rows and not self.after_table:
            self.cursor.insertBlock(block_format)
        else:
            self.cursor.setBlockFormat(block_format)
        self.after_table = False
        self.row_starts.append(self.cursor.position())
        self.rows += 1

    def shows(self, op_tag: OpTag, cid: str | None) -> bool:
        """Whether a word op's text is written on this side (else only its place is noted)."""
        if op_tag is OpTag.EQUAL:
            return True
        if op_tag is OpTag.DELETE and self.side is Side.NEW:
            return False
        if op_tag is OpTag.INSERT and self.side is Side.OLD:
            return False
        if op_tag is OpTag.DELETE and self.side is Side.INLINE:
            change = self.changes.get(cid) if cid else None
            substantive = change is None or counts_as_substantive(
                change, self.style.also_substantive
            )
            return substantive or self.style.cosmetic is not CosmeticMode.HIDDEN
        return True

    def table(self, grid: Grid) -> None:
        """Write ``grid`` as a table after the current paragraph; changed cells tinted."""
        n_rows, n_cols = len(grid), max(len(r) for r in grid)
        if self.cursor.block().length() <= 1 and not self.cursor.block().text():
            # nothing (no label) in the row's paragraph: the table takes its place
            self.cursor.setBlockFormat(QTextBlockFormat())
        table: QTextTable = self.cursor.insertTable(n_rows, n_cols, self.fmt.table)
        main = self.cursor
        try:
            for r, row in enumerate(grid):
                for c, runs in enumerate(row):
                    cell = table.cellAt(r, c)
                    self.cursor = cell.firstCursorPosition()
                    tags: set[OpTag] = set()
                    previous: OpTag | None = None
                    for tag, text, cid in runs:
                        shown = self.shows(tag, cid)
                        if previous is OpTag.DELETE and tag is OpTag.INSERT and shown:
                            # the redline's old and new value of a cell: "$50.00 $55.00"
                            self.cursor.insertText(" ", self.fmt.plain)
                        self.run(tag, text, cid)
                        if shown and text:
                            previous = tag
                        if tag is not OpTag.EQUAL and text.strip() and self.shows(tag, cid):
                            change = self.changes.get(cid) if cid else None
                            if change is None or counts_as_substantive(
                                change, self.style.also_substantive
                            ):
                                tags.add(tag)
                    background = self._cell_background(tags, header=r == 0)
                    if background is not None:
                        cell_format = cell.format().toTableCellFormat()
                        cell_format.setBackground(QBrush(background))
                        cell.setFormat(cell_format)
        finally:
            self.cursor = main
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.after_table = True

    def _cell_background(self, tags: set[OpTag], *, header: bool) -> QColor | None:
        if OpTag.INSERT in tags and OpTag.DELETE in tags:
            return self.fmt.cell_replace_bg
        if OpTag.INSERT in tags:
            return self.fmt.cell_insert_bg
        if OpTag.DELETE in tags:
            return self.fmt.cell_delete_bg
        return self.fmt.header_bg if header else None

    def text(self, text: str, fmt: QTextCharFormat) -> None:
        if not text:
            return
        if self.in_table and CELL_SEPARATOR in text:
            # a table row's cell separators are drawn light, so the cells stand out
            for i, piece in enumerate(text.split(CELL_SEPARATOR)):
                if i:
                    self.cursor.insertText(CELL_SEPARATOR, self.fmt.cell_separator)
                if piece:
                    self.cursor.insertText(_flat(piece), fmt)
            return
        self.cursor.insertText(_flat(text), fmt)

    def note_span(self, cid: str, start: int, end: int) -> None:
        old = self.spans.get(cid)
        self.spans[cid] = (min(old[0], start), max(old[1], end)) if old else (start, end)

    def run(self, op_tag: OpTag, text: str, cid: str | None) -> None:
        """Write one word run with the format its tag and its change call for."""
        change = self.changes.get(cid) if cid else None
        substantive = change is None or counts_as_substantive(change, self.style.also_substantive)
        hidden = not substantive and self.style.cosmetic is CosmeticMode.HIDDEN
        pos = self.cursor.position()
        if not self.shows(op_tag, cid):
            if cid:
                self.note_span(cid, pos, pos)  # where the change is on a side without its text
            return
        if op_tag is OpTag.EQUAL or hidden or change is None:
            self.text(text, self.fmt.plain)
            if cid and change is not None:
                self.note_span(cid, pos, self.cursor.position())
            return
        # Tooltips are described on hover (DocumentPane), not stored per run: building them for
        # every run of a long article cost more than the rest of the rendering.
        if op_tag is OpTag.INSERT:
            fmt = self.fmt.insert if substantive else self.fmt.insert_muted
        else:
            fmt = self.fmt.delete if substantive else self.fmt.delete_muted
        self.text(text, fmt)
        end = self.cursor.position()
        assert cid is not None
        self.note_span(cid, pos, end)
        self.starts.append(pos)
        self.hits.append((pos, end, cid))


def _heading(units: Iterable[Unit]) -> str:
    """The printed heading(s); a unit printed without one (a preamble) is named by its kind."""
    return " / ".join(u.heading or u.title or u.kind.value.title() for u in units)


def _block_text(b: BlockPair, side: Side) -> Block | None:
    if side is Side.OLD:
        return b.old
    if side is Side.NEW:
        return b.new
    return b.new or b.old


class PaneRenderer:
    """Builds one pane's document a few rows at a time.

    A long article (a 100-page sideletter) takes longer to build than a reader should wait, so
    the view builds the first screenful, shows it, and appends the rest in short slices between
    events; the rendered pane (spans, hit ranges) grows as rows are added, in document order.
    """

    def __init__(
        self,
        pair: ArticlePair,
        old_units: list[Unit],
        new_units: list[Unit],
        side: Side,
        style: RenderStyle,
    ) -> None:
        self._builder = _Builder(side, style, {c.id: c for c in pair.changes})
        self.rendered = RenderedPane(
            self._builder.doc,
            side,
            0,
            self._builder.spans,
            self._builder.starts,
            self._builder.hits,
            self._builder.row_starts,
        )
        self._rows = self._iter_rows(pair, old_units, new_units, side)
        self.done = False

    def step(self, max_chars: int, max_rows: int = 1 << 30) -> bool:
        """Append rows until about ``max_chars`` characters or ``max_rows`` rows were added;
        True when the document is complete."""
        if self.done:
            return True
        cursor = self._builder.cursor
        start = cursor.position()
        cursor.beginEditBlock()  # one change notification for the whole slice
        try:
            rows = 0
            while cursor.position() - start < max_chars and rows < max_rows:
                if next(self._rows, None) is None:
                    self.done = True
                    break
                rows += 1
        finally:
            cursor.endEditBlock()
        self.rendered.rows = self._builder.rows
        return self.done

    def finish(self) -> RenderedPane:
        while not self.step(1 << 30):
            pass
        return self.rendered

    def _iter_rows(
        self, pair: ArticlePair, old_units: list[Unit], new_units: list[Unit], side: Side
    ) -> Iterator[int]:
        builder = self._builder
        fmt = builder.fmt
        builder.new_row(fmt.heading_block)
        if side is Side.OLD:
            heading = _heading(old_units)
        elif side is Side.NEW:
            heading = _heading(new_units)
        else:
            heading = _heading(new_units) or _heading(old_units)
            old_heading = _heading(old_units)
            if new_units and old_units and old_heading != heading:
                builder.text(old_heading, _strike(fmt.delete))
                builder.text("  ", fmt.plain)
        if heading:
            builder.text(heading, fmt.heading)
        else:
            builder.text(
                "(not in the expired agreement)" if side is Side.OLD else "(not in the proposal)",
                fmt.placeholder,
            )
        yield 0
        for row, bp in enumerate(pair.blocks, start=1):
            self._write_block(bp, side)
            yield row

    def _write_block(self, bp: BlockPair, side: Side) -> None:
        builder = self._builder
        fmt = builder.fmt
        block = _block_text(bp, side)
        if block is None:
            builder.new_row(fmt.placeholder_block)
            note = "added paragraph" if side is Side.OLD else "deleted paragraph"
            builder.text(note, fmt.placeholder)
            for op in bp.ops:  # record where the change is on this side
                if op.change_id:
                    pos = builder.cursor.position()
                    builder.note_span(op.change_id, pos, pos)
            return
        grid = _table_grid(bp, block, builder)
        builder.in_table = block.kind is BlockKind.TABLE
        builder.new_row(fmt.body_block)
        if bp.moved:
            builder.text("⇅ moved  ", fmt.moved)
        relabelled = bp.old and bp.new and bp.old.label != bp.new.label
        if side is Side.INLINE and relabelled and bp.old and bp.old.label:
            builder.text(bp.old.label, _strike(fmt.delete))
            builder.text(" ", fmt.plain)
        if block.label:
            builder.text(block.label + " ", fmt.label)
        if grid is not None:
            builder.in_table = False
            builder.table(grid)
        elif bp.ops:
            for op in bp.ops:
                builder.run(op.tag, op.text, op.change_id)
        else:
            builder.text(block.text, fmt.plain)
        builder.in_table = False


def render_pane(
    pair: ArticlePair,
    old_units: list[Unit],
    new_units: list[Unit],
    side: Side,
    style: RenderStyle,
) -> RenderedPane:
    """Build the whole document of one side (or the inline redline) of ``pair`` at once."""
    return PaneRenderer(pair, old_units, new_units, side, style).finish()


def _tint(color: QColor, alpha: float = 0.45) -> QColor:
    """A see-through shade of a mark colour, for a changed cell (lighter on a light page,
    darker on a dark one); the cell's words carry their own marks on top."""
    out = QColor(color)
    out.setAlphaF(alpha)
    return out


def _split_runs(ops: Iterable[WordOp], builder: _Builder) -> Grid:
    """The word ops of a table block as rows of cells of runs, split at the row and cell
    separators written on this side (an op not written here stays where it is, for its place)."""
    grid: Grid = [[[]]]
    for op in ops:
        if not builder.shows(op.tag, op.change_id):
            grid[-1][-1].append((op.tag, op.text, op.change_id))
            continue
        for r, line in enumerate(op.text.split(ROW_SEPARATOR)):
            if r:
                grid.append([[]])
            for c, piece in enumerate(line.split(CELL_SEPARATOR)):
                if c:
                    grid[-1].append([])
                if piece:
                    grid[-1][-1].append((op.tag, piece, op.change_id))
    return grid


def _cell_text(runs: list[Run], builder: _Builder) -> str:
    return " ".join("".join(t for tag, t, cid in runs if builder.shows(tag, cid)).split())


def _table_grid(bp: BlockPair, block: Block, builder: _Builder) -> Grid | None:
    """The cells to draw ``block`` as a table on this side, or None to write it as text.

    Built from the word ops (so the marks land in their cells) and checked against the cells
    the reader found: a cell holding a separator, or ops that do not rebuild the table, fall
    back to the text form rather than draw a wrong grid."""
    if block.kind is not BlockKind.TABLE or not block.rows:
        return None
    side = builder.side
    if side is Side.INLINE and any(b is not None and not b.rows for b in (bp.old, bp.new)):
        return None  # a table on one side, a paragraph on the other: the redline stays text
    if not bp.ops:
        return [[[(OpTag.EQUAL, cell, None)] for cell in row] for row in block.rows]
    grid = _split_runs(bp.ops, builder)
    if side is Side.INLINE:
        return grid if len(grid) >= len(block.rows) else None
    found = [tuple(_cell_text(cell, builder) for cell in row) for row in grid]
    expected = [tuple(" ".join(cell.split()) for cell in row) for row in block.rows]
    return grid if found == expected else None


def _strike(fmt: QTextCharFormat) -> QTextCharFormat:
    out = QTextCharFormat(fmt)
    out.setFontStrikeOut(True)
    return out
