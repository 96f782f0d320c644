"""The diff view on its own: progressive rendering, highlights, sync scrolling, overview bar."""

from __future__ import annotations

from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from desktop.theme import Theme, diff_colors
from desktop.views.comparison_view import FIRST_SLICE_CHARS, ComparisonView
from desktop.views.document_render import CosmeticMode, RenderStyle, Side, render_pane
from tests.desktop.builders import make_comparison, make_long_pair


def style(cosmetic: CosmeticMode = CosmeticMode.MUTED) -> RenderStyle:
    return RenderStyle(diff_colors(Theme.LIGHT), QFont(), cosmetic)


def view(qtbot: QtBot) -> ComparisonView:
    v = ComparisonView(style())
    qtbot.addWidget(v)
    v.resize(1000, 600)
    v.show()
    return v


def test_a_long_article_is_shown_at_once_and_completed_in_slices(qtbot: QtBot) -> None:
    comparison = make_long_pair(400)
    pair = comparison.pairs[0]
    v = view(qtbot)
    v.show_pair(pair, list(comparison.old.units), list(comparison.new.units))
    assert v.rendering  # only the first screenful so far
    first = v.new_pane.document().characterCount()
    assert FIRST_SLICE_CHARS <= first < FIRST_SLICE_CHARS * 2
    qtbot.waitUntil(lambda: not v.rendering, timeout=20000)
    full = render_pane(
        pair, list(comparison.old.units), list(comparison.new.units), Side.NEW, style()
    )
    assert v.new_pane.toPlainText() == full.document.toPlainText()
    assert v.new_pane.rendered is not None
    assert v.new_pane.rendered.spans == full.spans
    # the overview bar gets a mark per change once the article is complete
    qtbot.waitUntil(lambda: len(v.diff_map.marks) == len(pair.changes), timeout=5000)
    starts = [m.start for m in v.diff_map.marks]
    assert starts == sorted(starts) and starts[-1] > 0.9


def test_jumping_to_a_change_not_built_yet_finishes_the_article(qtbot: QtBot) -> None:
    comparison = make_long_pair(400)
    pair = comparison.pairs[0]
    v = view(qtbot)
    v.show_pair(pair, list(comparison.old.units), list(comparison.new.units))
    assert v.rendering
    last = pair.changes[-1].id
    v.go_to_change(last)
    assert not v.rendering
    assert v.current_change == last
    selections = v.new_pane.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText() == "$400.00"
    bar = v.new_pane.verticalScrollBar()
    assert bar.value() > bar.maximum() * 0.9  # scrolled down to it


def test_scrolling_one_pane_scrolls_the_other(qtbot: QtBot) -> None:
    comparison = make_long_pair(120)
    pair = comparison.pairs[0]
    v = view(qtbot)
    v.show_pair(pair, list(comparison.old.units), list(comparison.new.units))
    qtbot.waitUntil(lambda: not v.rendering, timeout=20000)
    new_bar, old_bar = v.new_pane.verticalScrollBar(), v.old_pane.verticalScrollBar()
    assert new_bar.maximum() > 0
    new_bar.setValue(new_bar.maximum() // 2)
    assert old_bar.value() > 0
    assert abs(old_bar.value() / old_bar.maximum() - 0.5) < 0.1
    new_bar.setValue(new_bar.maximum())
    assert old_bar.value() == old_bar.maximum()
    new_bar.setValue(0)
    assert old_bar.value() == 0


def test_panes_mark_insertions_underlined_and_deletions_struck(qtbot: QtBot) -> None:
    comparison = make_comparison()
    pair = comparison.pairs[1]
    old_units = [comparison.old.unit(u) for u in pair.old]
    new_units = [comparison.new.unit(u) for u in pair.new]
    v = view(qtbot)
    v.show_pair(pair, old_units, new_units)
    deleted = v.old_pane.document().find("$7.50")
    inserted = v.new_pane.document().find("$10.00")
    assert deleted.charFormat().fontStrikeOut() and not deleted.charFormat().fontUnderline()
    assert inserted.charFormat().fontUnderline() and not inserted.charFormat().fontStrikeOut()
    assert "$10.00" not in v.old_pane.toPlainText()
    # the cosmetic quotes change is muted (dotted), and plain text once hidden
    quoted = v.new_pane.document().find("\u201cEmployer\u201d")
    assert quoted.charFormat().underlineStyle() == quoted.charFormat().UnderlineStyle.DotLine
    v.set_style(style(CosmeticMode.HIDDEN))
    quoted = v.new_pane.document().find("\u201cEmployer\u201d")
    assert not quoted.charFormat().fontUnderline()
    assert [c.id for c in v.visible_changes()] == ["p2/c1"]
