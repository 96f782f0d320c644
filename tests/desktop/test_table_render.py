"""Wage tables drawn as real tables in both panes and in the inline redline, the changed cells
marked (struck or underlined words and a tinted cell), rows still aligned for sync scrolling."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QFont, QTextCursor, QTextDocument, QTextTable
from pytestqt.qtbot import QtBot

from cbadiff.model import ArticlePair, Comparison, OpTag, WordOp
from cbadiff.pipeline import compare_agreements
from desktop.theme import Theme, diff_colors
from desktop.views.comparison_view import ComparisonView
from desktop.views.document_render import CosmeticMode, RenderStyle, Side, render_pane
from parsers.model import Agreement, Block, BlockKind, DocKind, SourceInfo, Unit, UnitKind

OLD_ROWS = (
    ("Classification", "2021", "2022"),
    ("Grip", "$50.00", "$51.00"),
    ("Mixer", "$60.00", "$61.00"),
    ("Driver", "$40.00", "$41.00"),
)
NEW_ROWS = (
    ("Classification", "2024", "2025"),
    ("Grip", "$55.00", "$51.00"),
    ("Mixer", "$60.00", "$61.00"),
    ("Medic", "$45.00", "$46.00"),
)


def _table(bid: str, rows: tuple[tuple[str, ...], ...]) -> Block:
    text = "\n".join(" | ".join(r) for r in rows)
    return Block(bid, BlockKind.TABLE, text, 3, rows=rows)


def _agreement(name: str, rows: tuple[tuple[str, ...], ...], raise_: str) -> Agreement:
    blocks = (
        Block(f"{name}-1", BlockKind.CLAUSE, f"Rates rise by {raise_} each year.", 3, label="1."),
        _table(f"{name}-t", rows),
        Block(f"{name}-2", BlockKind.CLAUSE, "Rates are minimums.", 3, label="2."),
    )
    unit = Unit("article-12", UnitKind.ARTICLE, "12", "WAGE SCALES", "ARTICLE 12", 3, 3, blocks)
    return Agreement(SourceInfo(f"{name}.txt", DocKind.TXT, name[0] * 64, 3), (unit,))


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare_agreements(_agreement("old", OLD_ROWS, "3%"), _agreement("new", NEW_ROWS, "4%"))


def style(cosmetic: CosmeticMode = CosmeticMode.MUTED) -> RenderStyle:
    return RenderStyle(diff_colors(Theme.LIGHT), QFont(), cosmetic)


def render(comparison: Comparison, side: Side, pair: ArticlePair | None = None) -> QTextDocument:
    pair = pair or comparison.pairs[0]
    units_old, units_new = list(comparison.old.units), list(comparison.new.units)
    return render_pane(pair, units_old, units_new, side, style()).document


def tables(doc: QTextDocument) -> list[QTextTable]:
    root = doc.rootFrame()
    return [f for f in root.childFrames() if isinstance(f, QTextTable)]


def cell_text(table: QTextTable, row: int, col: int) -> str:
    cell = table.cellAt(row, col)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def grid(table: QTextTable) -> list[tuple[str, ...]]:
    return [
        tuple(cell_text(table, r, c) for c in range(table.columns())) for r in range(table.rows())
    ]


def char_format_at(table: QTextTable, row: int, col: int, text: str) -> tuple[bool, bool]:
    """(struck, underlined) of ``text`` inside a cell."""
    cell = table.cellAt(row, col)
    doc = table.document()
    found = doc.find(text, cell.firstCursorPosition())
    assert not found.isNull() and found.position() <= cell.lastCursorPosition().position()
    fmt = found.charFormat()
    return fmt.fontStrikeOut(), fmt.fontUnderline()


def tinted(table: QTextTable, row: int, col: int) -> bool:
    return table.cellAt(row, col).format().background().style().name != "NoBrush"


def test_both_panes_draw_the_table_as_a_grid_of_its_cells(comparison: Comparison) -> None:
    for side, rows in ((Side.OLD, OLD_ROWS), (Side.NEW, NEW_ROWS)):
        doc = render(comparison, side)
        found = tables(doc)
        assert len(found) == 1, side
        assert grid(found[0]) == list(rows), side
        assert "|" not in doc.toPlainText()  # no flattened cell separators anywhere
        assert "Rates are minimums." in doc.toPlainText()  # the text after the table


def test_changed_cells_are_marked_by_strike_or_underline_and_tinted(
    comparison: Comparison,
) -> None:
    old_doc, new_doc = render(comparison, Side.OLD), render(comparison, Side.NEW)
    old, new = tables(old_doc)[0], tables(new_doc)[0]
    assert char_format_at(old, 1, 1, "$50.00") == (True, False)  # struck in the expired pane
    assert char_format_at(new, 1, 1, "$55.00") == (False, True)  # underlined in the proposal
    assert tinted(old, 1, 1) and tinted(new, 1, 1)
    # unchanged cells: plain words, no tint
    assert char_format_at(new, 1, 2, "$51.00") == (False, False)
    assert not tinted(new, 1, 2) and not tinted(new, 2, 1)
    # a removed row is struck through in the expired pane, an added one underlined
    assert char_format_at(old, 3, 1, "$40.00")[0]
    assert char_format_at(new, 3, 1, "$45.00")[1]


def test_the_inline_redline_shows_old_and_new_values_in_one_grid(comparison: Comparison) -> None:
    doc = render(comparison, Side.INLINE)
    (table,) = tables(doc)
    cells = grid(table)
    assert cells[1][1] == "$50.00 $55.00"  # a space between the old and the new value
    assert char_format_at(table, 1, 1, "$50.00") == (True, False)
    assert char_format_at(table, 1, 1, "$55.00") == (False, True)
    flat = [c for row in cells for c in row]
    assert any("Driver" in c for c in flat) and any("Medic" in c for c in flat)
    assert table.rows() >= len(NEW_ROWS)


def test_a_cell_change_is_found_in_its_cell_and_rows_stay_aligned(
    qtbot: QtBot, comparison: Comparison
) -> None:
    pair = comparison.pairs[0]
    v = ComparisonView(style())
    qtbot.addWidget(v)
    v.resize(700, 300)
    v.show()
    v.show_pair(pair, list(comparison.old.units), list(comparison.new.units))
    qtbot.waitUntil(lambda: not v.rendering)
    grip = next(c for c in pair.changes if c.new_text == "$55.00")
    v.go_to_change(grip.id)
    span = v.new_pane.rendered.spans[grip.id] if v.new_pane.rendered else (0, 0)
    cursor = QTextCursor(v.new_pane.document())
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "$55.00"
    assert cursor.currentTable() is not None
    # one extent per aligned row in each pane (heading + 3 blocks), tops increasing, and the
    # table's row as tall as the table
    old_rows, new_rows = v.old_pane.row_extents(), v.new_pane.row_extents()
    assert len(old_rows) == len(new_rows) == len(pair.blocks) + 1
    tops = [top for top, _ in new_rows]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    (table,) = tables(v.new_pane.document())
    doc = v.new_pane.document()
    layout = doc.documentLayout()
    first = layout.blockBoundingRect(doc.findBlock(table.cellAt(0, 0).firstPosition()))
    last_cell = table.cellAt(table.rows() - 1, table.columns() - 1)
    last = layout.blockBoundingRect(doc.findBlock(last_cell.firstPosition()))
    table_row = next(i for i, b in enumerate(pair.blocks, 1) if b.new and b.new.rows)
    top, bottom = new_rows[table_row]
    assert top <= first.top() and bottom >= last.bottom()  # the row spans the whole table
    # clicking-like hit test inside the changed cell finds the change
    rect = v.new_pane.cursorRect(cursor)
    assert v.new_pane.hit(rect.center()) == grip.id


def test_ops_that_do_not_rebuild_the_cells_fall_back_to_text(comparison: Comparison) -> None:
    pair = comparison.pairs[0]
    k = next(i for i, b in enumerate(pair.blocks) if b.new and b.new.rows)
    bad = replace(pair.blocks[k], ops=(WordOp(OpTag.EQUAL, "Grip | $55.00"),))
    blocks = (*pair.blocks[:k], bad, *pair.blocks[k + 1 :])
    doc = render(comparison, Side.NEW, replace(pair, blocks=blocks))
    assert tables(doc) == []
    assert "Grip | $55.00" in doc.toPlainText()
