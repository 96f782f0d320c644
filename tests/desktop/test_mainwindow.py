"""The real main window driven through the real engine on generated agreements."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from cbadiff.model import Comparison, Status
from cbadiff.pipeline import compare_files
from desktop.mainwindow import MainWindow
from desktop.models.section_pairs import PAIR_ROLE
from desktop.theme import Theme
from tests.desktop.agreements import GeneratedPair
from tests.desktop.windows import drop

TIMEOUT = 30_000


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings) -> Iterator[MainWindow]:
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1300, 800)
    w.show()
    yield w
    w.controller.shutdown()


def open_and_wait(qtbot: QtBot, window: MainWindow, pair: GeneratedPair) -> Comparison:
    with qtbot.waitSignal(window.controller.comparison_ready, timeout=TIMEOUT) as blocker:
        window.open_files(pair.old, pair.new)
    result = blocker.args[0]
    assert isinstance(result, Comparison)
    return result


def pair_index(
    comparison: Comparison, *, new_number: str | None = None, old_number: str | None = None
) -> int:
    for i, p in enumerate(comparison.pairs):
        nums_new = [comparison.new.unit(u).number for u in p.new]
        nums_old = [comparison.old.unit(u).number for u in p.old]
        if (new_number is None or new_number in nums_new) and (
            old_number is None or old_number in nums_old
        ):
            return i
    raise AssertionError("no such pair")


def test_navigator_lists_the_changed_pairs_and_selecting_shows_both_sides(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    comparison = open_and_wait(qtbot, window, agreements)
    statuses = {p.status for p in comparison.pairs}
    assert statuses == {Status.UNCHANGED, Status.MODIFIED, Status.ADDED, Status.DELETED}
    changed = [i for i, p in enumerate(comparison.pairs) if p.status is not Status.UNCHANGED]
    assert window.navigator.visible_pairs() == changed  # unchanged hidden by default
    assert window.navigator.proxy.rowCount() == 8  # 6 modified, 1 deleted, 1 added
    window.show_unchanged_action.trigger()
    assert window.navigator.proxy.rowCount() == len(comparison.pairs) == agreements.articles + 1
    # the deleted article has no new number, the added one no old number
    deleted = pair_index(comparison, old_number=str(agreements.deleted))
    assert comparison.pairs[deleted].status is Status.DELETED
    assert window.model.numbers(comparison.pairs[deleted], "new") == "—"

    # the first changed pair is selected on arrival; select article 1 (a raise) by clicking
    first = pair_index(comparison, new_number="1")
    proxy_row = window.navigator.proxy.mapFromSource(window.model.index(first, 0)).row()
    rect = window.navigator.table.visualRect(window.navigator.proxy.index(proxy_row, 3))
    qtbot.mouseClick(
        window.navigator.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    assert window.navigator.current_pair() == first
    old_text = window.view.old_pane.toPlainText()
    new_text = window.view.new_pane.toPlainText()
    assert "ARTICLE 1 WAGES" in old_text and "ARTICLE 1 WAGES" in new_text
    assert "$12.50" in old_text and "$14.00" not in old_text
    assert "$14.00" in new_text and "$12.50" not in new_text
    assert "as the parties have agreed" in old_text
    assert "as the Union and the Employer have agreed" in new_text
    assert window.view.stack.currentWidget() is window.view.splitter


def test_next_change_visits_every_change_in_order_and_previous_walks_back(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    comparison = open_and_wait(qtbot, window, agreements)
    expected = [
        c.id for p in comparison.pairs if p.status is not Status.UNCHANGED for c in p.changes
    ]
    visited: list[str] = []
    window.activateWindow()
    while window.next_action.isEnabled():
        window.next_action.trigger()
        pair, change = window.nav_cursor
        cid = comparison.pairs[pair].changes[change].id
        visited.append(cid)
        # the view shows the change's own pair, highlighted in the panes
        assert window.view.pair is comparison.pairs[pair]
        assert window.view.current_change == cid
        assert window.navigator.current_pair() == pair
        assert window.view.new_pane.extraSelections() or window.view.old_pane.extraSelections()
        assert len(visited) <= len(expected)
    assert visited == expected
    assert window.position_label.text().startswith(f"Change {len(expected)} of {len(expected)}")
    back: list[str] = []
    while window.previous_action.isEnabled():
        window.previous_action.trigger()
        pair, change = window.nav_cursor
        back.append(comparison.pairs[pair].changes[change].id)
    assert back == expected[-2::-1]


def test_f7_and_shift_f7_are_the_shortcuts(window: MainWindow) -> None:
    assert window.next_action.shortcut().toString() == "F7"
    assert window.previous_action.shortcut().toString() == "Shift+F7"
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_detail_panel_and_hit_testing_show_numbers_and_categories(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    comparison = open_and_wait(qtbot, window, agreements)
    first = pair_index(comparison, new_number="1")
    window.navigator.select_pair(first)
    window.action_next_change()
    change = comparison.pairs[first].changes[0]
    assert change.numbers and change.numbers[0].old == "$12.50"
    detail = window.detail.toPlainText()
    assert "$12.50 → $14.00" in detail
    assert "expired" in detail.lower() and "Categories" in detail
    # the mouse over the inserted amount finds the change (tooltips and clicks use this)
    pane = window.view.new_pane
    assert pane.rendered is not None
    start, _end = pane.rendered.spans[change.id]
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start + 1)
    point = pane.cursorRect(cursor).center()
    assert pane.hit(point) == change.id
    # hovering there shows the change's kind, categories and numbers
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
    QApplication.sendEvent(pane.viewport(), help_event)
    tip = QToolTip.text()
    assert "Replace" in tip and "$12.50 → $14.00" in tip
    # clicking another change in a pane selects it
    other = comparison.pairs[first].changes[1]
    ostart, _ = pane.rendered.spans[other.id]
    cursor.setPosition(ostart + 2)
    qtbot.mouseClick(
        pane.viewport(), Qt.MouseButton.LeftButton, pos=pane.cursorRect(cursor).center()
    )
    assert window.view.current_change == other.id
    assert window.nav_cursor == (first, 1)


def test_overview_bar_has_a_mark_per_change_and_a_click_goes_there(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    comparison = open_and_wait(qtbot, window, agreements)
    deleted = pair_index(comparison, old_number=str(agreements.deleted))
    window.navigator.select_pair(deleted)
    n = len(comparison.pairs[deleted].changes)
    assert n == 3
    diff_map = window.view.diff_map
    qtbot.waitUntil(lambda: len(diff_map.marks) == n, timeout=5000)
    mark = diff_map.marks[-1]
    y = round((mark.start + mark.end) / 2 * diff_map.height())
    qtbot.mouseClick(diff_map, Qt.MouseButton.LeftButton, pos=QPoint(diff_map.width() // 2, y))
    assert window.nav_cursor == (deleted, mark.change)
    assert window.view.current_change == comparison.pairs[deleted].changes[mark.change].id


def test_filters_search_and_summary_narrow_the_list(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    comparison = open_and_wait(qtbot, window, agreements)
    nav = window.navigator
    window.navigator_dock.hide()
    window.find_action.trigger()  # Ctrl+F brings the search back
    assert window.navigator_dock.isVisible()
    qtbot.keyClicks(nav.search, "grievance")
    deleted = pair_index(comparison, old_number=str(agreements.deleted))
    assert nav.visible_pairs() == [deleted]
    nav.search.clear()
    nav.status_actions[Status.MODIFIED].setChecked(False)
    assert {comparison.pairs[i].status for i in nav.visible_pairs()} == {
        Status.ADDED,
        Status.DELETED,
    }
    nav.status_actions[Status.MODIFIED].setChecked(True)
    # clicking a bar of the summary filters by that category
    rows = window.summary.rows
    assert rows, "the summary lists categories"
    cat, _name, count = rows[0]
    assert count > 0
    rect = window.summary.row_rect(0)
    qtbot.mouseClick(window.summary, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert nav.proxy.category == cat
    shown = nav.visible_pairs()
    assert shown and all(cat in comparison.pairs[i].categories for i in shown)
    assert len(shown) < 8
    # next change only steps through what the filters show: that category's changes
    refs = window.change_index.refs
    assert refs and {r.pair for r in refs} <= set(shown)
    assert all(cat in comparison.pairs[r.pair].changes[r.change].categories for r in refs)
    qtbot.mouseClick(window.summary, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert nav.proxy.category is None


def test_inline_redline_and_hiding_cosmetic_changes(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    comparison = open_and_wait(qtbot, window, agreements)
    first = pair_index(comparison, new_number="1")
    window.navigator.select_pair(first)
    window.inline_action.trigger()
    assert window.view.inline
    text = window.view.inline_pane.toPlainText()
    assert "$12.50" in text and "$14.00" in text
    doc = window.view.inline_pane.document()
    found_old = doc.find("$12.50")
    found_new = doc.find("$14.00")
    assert found_old.charFormat().fontStrikeOut()
    assert found_new.charFormat().fontUnderline()
    window.inline_action.trigger()
    assert not window.view.inline

    # article 2's only change is a cosmetic quote change: muted by default, hidden on request
    window.show_unchanged_action.trigger()
    cosmetic_pair = pair_index(comparison, new_number="2")
    change = comparison.pairs[cosmetic_pair].changes[0]
    assert not change.substantive
    window.navigator.select_pair(cosmetic_pair)
    pane = window.view.new_pane
    assert pane.rendered is not None and pane.rendered._hits
    assert any(r.pair == cosmetic_pair for r in window.change_index.refs)
    window.hide_cosmetic_action.trigger()
    assert pane.rendered is not None and not pane.rendered._hits
    assert not any(r.pair == cosmetic_pair for r in window.change_index.refs)
    # counting quote changes as substantive brings it back
    window.set_also_substantive(change.reason, True)
    assert any(r.pair == cosmetic_pair for r in window.change_index.refs)


class _GatedCompare:
    """The real engine, held at its first progress report until the test lets it go on."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, old: Path, new: Path, options: Any, **kwargs: Any) -> Comparison:
        progress = kwargs.pop("progress")

        def gated(fraction: float, message: str) -> None:
            progress(fraction, message)
            if not self.reached.is_set():
                self.reached.set()
                self.release.wait(TIMEOUT / 1000)

        return compare_files(old, new, options, progress=gated, **kwargs)


def test_cancel_stops_a_running_comparison(
    qtbot: QtBot, settings: QSettings, agreements: GeneratedPair
) -> None:
    gate = _GatedCompare()
    window = MainWindow(settings, compare_fn=gate)
    qtbot.addWidget(window)
    window.show()
    try:
        window.open_files(agreements.old, agreements.new)
        assert window.controller.running and window.progress_row.isVisible()
        assert window.cancel_button.isEnabled()
        qtbot.waitUntil(gate.reached.is_set, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: "Reading expired" in window.progress_label.text(), timeout=TIMEOUT)
        with qtbot.waitSignal(window.controller.cancelled, timeout=TIMEOUT):
            qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
            gate.release.set()
        assert not window.controller.running
        assert not window.progress_row.isVisible()
        assert window.controller.comparison is None
        assert window.model.rowCount() == 0
        assert "cancelled" in window.statusBar().currentMessage().lower()
    finally:
        gate.release.set()
        window.controller.shutdown()


def test_a_corrupt_file_shows_the_readers_message_and_the_window_stays_usable(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair, tmp_path: Path
) -> None:
    corrupt = tmp_path / "broken.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00\x13garbage" * 50)
    with qtbot.waitSignal(window.controller.failed, timeout=TIMEOUT) as blocker:
        window.open_files(corrupt, agreements.new)
    message = blocker.args[0]
    assert "broken.docx" in message
    assert window.message_bar.isVisible()
    assert "broken.docx" in window.message_bar.label.text()
    assert not window.progress_row.isVisible()
    assert window.compare_action.isEnabled()
    # still usable: a good pair compares and clears the message
    open_and_wait(qtbot, window, agreements)
    assert not window.message_bar.isVisible()
    assert window.model.rowCount() == agreements.articles + 1


def test_files_dropped_on_the_slots_are_compared(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    drop(window.old_slot, agreements.old)
    assert window.old_slot.path == agreements.old and not window.controller.running
    with qtbot.waitSignal(window.controller.comparison_ready, timeout=TIMEOUT):
        drop(window.new_slot, agreements.new)
    assert window.model.rowCount() > 0


def test_settings_persist_across_windows(
    qtbot: QtBot, settings: QSettings, agreements: GeneratedPair
) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 700)  # inside the offscreen screen, so nothing is clamped
    first.dark_action.trigger()
    first.bigger_action.trigger()
    first.bigger_action.trigger()
    first.hide_cosmetic_action.trigger()
    first.summary_dock.hide()  # the panel layout is a setting too
    with qtbot.waitSignal(first.controller.comparison_ready, timeout=TIMEOUT):
        first.open_files(agreements.old, agreements.new)
    size = first.size()
    first.close()
    assert settings.value("theme") == "dark"

    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    try:
        assert second.theme is Theme.DARK and second.dark_action.isChecked()
        assert second.font_size == first.font_size == 13
        assert second.hide_cosmetic_action.isChecked()
        assert not second.summary_dock.isVisible() and second.navigator_dock.isVisible()
        assert second.size() == size
        assert second.recent_pairs()[0] == (str(agreements.old), str(agreements.new))
        second.dark_action.trigger()  # back to light for the tests that follow
    finally:
        second.controller.shutdown()


def test_step_article_moves_through_the_visible_rows(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    open_and_wait(qtbot, window, agreements)
    rows = window.navigator.visible_pairs()
    # the first changed article is shown as soon as the navigator has been painted
    qtbot.waitUntil(lambda: window.navigator.current_pair() == rows[0], timeout=TIMEOUT)
    window.next_article_action.trigger()
    assert window.navigator.current_pair() == rows[1]
    window.previous_article_action.trigger()
    assert window.navigator.current_pair() == rows[0]
    assert window.navigator.table.currentIndex().data(PAIR_ROLE) == rows[0]


def test_recent_comparisons_can_be_reopened(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    open_and_wait(qtbot, window, agreements)
    window.recent_menu.aboutToShow.emit()
    actions = [a for a in window.recent_menu.actions() if a.isEnabled()]
    assert [a.text() for a in actions] == ["old.txt  →  new.txt"]
    with qtbot.waitSignal(window.controller.comparison_ready, timeout=TIMEOUT):
        actions[0].trigger()
    assert window.old_slot.path == agreements.old and window.new_slot.path == agreements.new


def _locked_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 720, "ARTICLE 1 WAGES")
    pdf.drawString(72, 700, "1.1 Employees shall be paid a base rate of $20.00 per hour.")
    pdf.showPage()
    pdf.save()
    return path


def test_an_encrypted_pdf_asks_for_its_password_and_retries(
    qtbot: QtBot,
    window: MainWindow,
    agreements: GeneratedPair,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    locked = _locked_pdf(tmp_path / "locked.pdf")
    asked: list[tuple[str, bool]] = []
    answers = iter(["wrong", "secret"])

    def ask(path: Path, wrong: bool) -> str | None:
        asked.append((path.name, wrong))
        return next(answers)

    monkeypatch.setattr(window, "ask_password", ask)
    with qtbot.waitSignal(window.controller.comparison_ready, timeout=TIMEOUT):
        window.open_files(locked, agreements.new)
    assert asked == [("locked.pdf", False), ("locked.pdf", True)]
    assert not window.message_bar.isVisible()


def test_declining_the_password_explains_what_to_do(
    qtbot: QtBot,
    window: MainWindow,
    agreements: GeneratedPair,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    locked = _locked_pdf(tmp_path / "locked.pdf")
    monkeypatch.setattr(window, "ask_password", lambda path, wrong: None)
    with qtbot.waitSignal(window.controller.password_needed, timeout=TIMEOUT):
        window.open_files(agreements.old, locked)
    assert window.message_bar.isVisible()
    text = window.message_bar.label.text()
    assert "locked.pdf" in text and "password" in text
    assert "--password" not in text  # no command-line advice in the window
    assert not window.controller.running


def test_shortcut_list_names_the_keys(window: MainWindow) -> None:
    rows = dict(window.shortcut_rows())
    assert rows["Next Change"] == "F7"
    assert rows["Previous Change"] == "Shift+F7"
    assert rows["Quit"] == "Ctrl+Q"
    assert "Ctrl+O" in rows["Open Agreements"]


def test_reader_notices_are_shown_as_information(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair, tmp_path: Path
) -> None:
    misnamed = tmp_path / "expired.docx"  # really plain text: the reader says so
    misnamed.write_bytes(agreements.old.read_bytes())
    with qtbot.waitSignal(window.controller.comparison_ready, timeout=TIMEOUT):
        window.open_files(misnamed, agreements.new)
    assert window.message_bar.isVisible()
    assert window.message_bar.property("kind") == "info"
    assert "expired.docx" in window.message_bar.label.text()
    assert "text" in window.message_bar.label.text()


def test_the_first_article_is_shown_after_the_result_is_painted(
    qtbot: QtBot, window: MainWindow, agreements: GeneratedPair
) -> None:
    """Issue 5: the result's navigator and summary are painted in one event and the first
    article in a later one (a real timer), so no single event holds the GUI for both."""
    painted: list[str] = []

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append("table" if window.view.pair is None else "table+article")
            return False

    watch = PaintWatch()
    window.navigator.table.viewport().installEventFilter(watch)
    comparison = open_and_wait(qtbot, window, agreements)
    assert window.model.rowCount() == len(comparison.pairs)
    assert window.view.pair is None  # not in the event that delivered the result
    qtbot.waitUntil(lambda: window.view.pair is not None, timeout=TIMEOUT)
    assert window.view.pair is comparison.pairs[window.nav_cursor[0]]
    assert "table" in painted  # the result's rows were painted before the article was shown
