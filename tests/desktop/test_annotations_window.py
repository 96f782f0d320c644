"""Annotating through the real main window on the bundled samples: the panel, the navigator
marker, the diff view marker, undo and redo, and everything found again after reopening."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from cbadiff.annotations import Annotation
from cbadiff.store import Project
from desktop.controllers.project import AUTHOR_KEY
from desktop.dialogs.project import LocateAnswer
from desktop.mainwindow import MainWindow
from desktop.models.section_pairs import Column
from tests.desktop.windows import TIMEOUT, answer_path, new_project, placed


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def by_comment(w: MainWindow) -> dict[str, Annotation]:
    return {a.comment or a.member_note: a for a in w.projects.panel.model.annotations}


def wavy_marks(w: MainWindow) -> int:
    """Annotated changes marked in the proposed pane: an amber underline and a margin bar."""
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    underlined = sum(
        1 for s in w.view.new_pane.extraSelections() if s.format.underlineStyle() == wave
    )
    bars = w.view.annotation_bars[w.view.new_pane]
    assert len(bars.bar_rects()) >= underlined
    assert all(r.height() > 0 for r in bars.bar_rects())
    return underlined


def test_annotate_in_the_window_close_reopen_and_find_everything_undo_included(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    samples: tuple[Path, Path],
    tmp_path: Path,
    settings: QSettings,
) -> None:
    settings.setValue(AUTHOR_KEY, "Sam Steward")
    project_path = tmp_path / "review.cbadiff"
    w = make_window()
    with qtbot.waitSignal(w.controller.comparison_ready, timeout=TIMEOUT):
        w.open_files(*samples)
    panel = w.projects.panel
    assert not panel.add_change_button.isEnabled()  # no project yet: nowhere to save
    answer_path(w.projects, project_path)
    w.projects.new_project_action.trigger()
    qtbot.waitUntil(lambda: placed(w), timeout=TIMEOUT)
    assert panel.windowTitle() == "Annotations — review.cbadiff"
    assert w.windowTitle().endswith("expired.docx → proposed.docx  [review.cbadiff]")

    # 1. a comment on the first change, typed into the panel, with a status
    w.next_action.trigger()
    pair_row, change_row = w.nav_cursor
    assert change_row is not None
    first_change = w.model.pair(pair_row).changes[change_row]
    assert panel.add_change_button.isEnabled() is False  # nothing typed yet
    qtbot.keyClicks(panel.comment_edit, "Costs more than it says")
    panel.status_box.setCurrentText("disputed")
    click(qtbot, panel.add_change_button)
    assert panel.model.rowCount() == 1
    first = panel.selected()
    assert first is not None and first.author == "Sam Steward" and first.status == "disputed"
    assert first.anchor.change_id == first_change.id
    # shown in the navigator (a marker and a count) and in the diff view (at the change)
    title = w.model.index(pair_row, Column.TITLE)
    assert title.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "1 annotation" in title.data(Qt.ItemDataRole.ToolTipRole)
    assert wavy_marks(w) >= 1

    # 2. a member note on a whole later article
    w.next_article_action.trigger()
    article_row = w.nav_cursor[0]
    assert article_row != pair_row
    panel.table.clearSelection()
    qtbot.keyClicks(panel.note_edit, "Your break rules change here.")
    click(qtbot, panel.add_pair_button)
    assert panel.model.rowCount() == 2
    note = by_comment(w)["Your break rules change here."]
    assert note.anchor.change_id is None and note.comment == ""
    assert "1 annotation" in w.model.index(article_row, Column.TITLE).data(
        Qt.ItemDataRole.ToolTipRole
    )

    # 3. edit the first, undo and redo from the Edit menu, then undo again
    assert panel.select(first.id)
    panel.comment_edit.setPlainText("Costs about 3% more")
    click(qtbot, panel.save_button)
    assert w.projects.controller.project is not None
    assert w.projects.controller.project.get(first.id).comment == "Costs about 3% more"
    assert w.projects.undo_action.text() == "&Undo Edit Annotation"
    w.projects.undo_action.trigger()
    assert panel.selected() is not None and panel.comment_edit.toPlainText() == (
        "Costs more than it says"
    )
    w.projects.redo_action.trigger()
    assert panel.comment_edit.toPlainText() == "Costs about 3% more"
    w.projects.undo_action.trigger()

    # 4. delete the note and undo the delete: it comes back whole, under its own id
    assert panel.select(note.id)
    click(qtbot, panel.delete_button)
    assert panel.model.rowCount() == 1
    w.projects.undo_action.trigger()
    assert {a.id for a in panel.model.annotations} == {first.id, note.id}

    # 5. a third annotation, then undone: it must not come back after reopening
    w.next_action.trigger()
    panel.table.clearSelection()
    qtbot.keyClicks(panel.comment_edit, "Undone later")
    click(qtbot, panel.add_change_button)
    assert panel.model.rowCount() == 3
    w.projects.undo_action.trigger()
    assert panel.model.rowCount() == 2

    # 6. an edit typed but not saved is stored when the reviewer moves on or closes
    assert panel.select(note.id)
    panel.note_edit.setPlainText("Your break rules change here. Ask your steward.")
    w.close()
    # closing released the project: another program may now open it for writing
    with Project.open(project_path, read_only=False) as check:
        assert len(check.annotations()) == 2

    w2 = make_window()
    w2.projects.open_project(project_path)
    qtbot.waitUntil(lambda: placed(w2), timeout=TIMEOUT)
    assert w2.controller.old_path == samples[0] and w2.controller.new_path == samples[1]
    found = by_comment(w2)
    assert set(found) == {
        "Costs more than it says",
        "Your break rules change here. Ask your steward.",
    }
    again = found["Costs more than it says"]
    assert (again.id, again.status, again.author) == (first.id, "disputed", "Sam Steward")
    assert found["Your break rules change here. Ask your steward."].id == note.id
    assert "1 annotation" in w2.model.index(pair_row, Column.TITLE).data(
        Qt.ItemDataRole.ToolTipRole
    )
    # the form follows the window: the annotation of the change shown, else a blank form
    panel2 = w2.projects.panel
    w2.next_action.trigger()
    assert w2.nav_cursor == (pair_row, change_row)
    shown = panel2.selected()
    assert shown is not None and shown.id == first.id
    assert panel2.comment_edit.toPlainText() == "Costs more than it says"
    w2.next_action.trigger()
    assert panel2.selected() is None and panel2.comment_edit.toPlainText() == ""
    # the panel jumps to the change, which carries its marker
    assert panel2.select(again.id)
    click(qtbot, panel2.go_button)
    assert w2.nav_cursor == (pair_row, change_row)
    assert w2.view.current_change == first_change.id
    assert wavy_marks(w2) >= 1
    assert w2.projects.undo_action.isEnabled() is False  # a fresh stack after opening

    # filters: by status, by author, by category
    panel2.status_filter.setCurrentIndex(panel2.status_filter.findData("disputed"))
    assert [a.id for a in panel2.visible_annotations()] == [first.id]
    panel2.status_filter.setCurrentIndex(0)
    panel2.author_filter.setCurrentIndex(panel2.author_filter.findData("Sam Steward"))
    assert len(panel2.visible_annotations()) == 2
    assert panel2.category_filter.count() >= 1
    for i in range(1, panel2.category_filter.count()):
        panel2.category_filter.setCurrentIndex(i)
        assert 1 <= len(panel2.visible_annotations()) <= 2
    panel2.category_filter.setCurrentIndex(0)
    assert "2 annotations" in panel2.count_label.text()


def test_a_second_window_gets_a_read_only_warning_and_cannot_edit(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    samples: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    project_path = tmp_path / "shared.cbadiff"
    w1 = make_window()
    new_project(qtbot, w1, samples, project_path)

    w2 = make_window()
    warnings: list[str] = []
    w2.projects.warn_read_only = warnings.append  # type: ignore[method-assign]
    w2.projects.open_project(project_path)
    qtbot.waitUntil(lambda: placed(w2), timeout=TIMEOUT)
    assert len(warnings) == 1 and "read-only" in warnings[0]
    assert w2.message_bar.isVisible() and "read-only" in w2.message_bar.label.text()
    assert w2.projects.panel.windowTitle().endswith("(read-only)")
    w2.next_action.trigger()
    qtbot.keyClicks(w2.projects.panel.comment_edit, "not saved")
    assert not w2.projects.panel.add_change_button.isEnabled()
    assert not w2.projects.new_draft_action.isEnabled()


def test_a_moved_source_is_reported_and_located_when_the_project_opens(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    samples: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    old, new = samples
    project_path = tmp_path / "moved.cbadiff"
    w = make_window()
    answer_path(w.projects, project_path)
    answers = iter([str(old), str(new)])
    w.ask_file = lambda _title: next(answers)  # type: ignore[method-assign]
    w.projects.new_project_action.trigger()  # nothing compared yet: it asks for both files
    qtbot.waitUntil(lambda: placed(w), timeout=TIMEOUT)
    w.next_action.trigger()
    w.projects.panel.comment_edit.setPlainText("on the moved draft")
    click(qtbot, w.projects.panel.add_change_button)
    w.close()

    moved = tmp_path / "moved-here.docx"
    new.rename(moved)
    w2 = make_window()
    asked: list[str] = []

    def locate(problem: object) -> LocateAnswer:
        asked.append(getattr(problem, "message", ""))
        return LocateAnswer(moved)

    w2.projects.ask_locate = locate  # type: ignore[method-assign]
    w2.projects.open_project(project_path)
    qtbot.waitUntil(lambda: placed(w2), timeout=TIMEOUT)
    assert len(asked) == 1 and "is missing" in asked[0] and new.name in asked[0]
    assert w2.controller.new_path == moved
    assert not w2.projects.controller.placement.orphaned
    assert [a.comment for a in w2.projects.panel.model.annotations] == ["on the moved draft"]


def test_export_writes_the_project_annotations(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    samples: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    w = make_window()
    new_project(qtbot, w, samples, tmp_path / "export.cbadiff")
    w.next_action.trigger()
    w.projects.panel.comment_edit.setPlainText("Internal: check with counsel")
    w.projects.panel.note_edit.setPlainText("Members: the date moves three years.")
    click(qtbot, w.projects.panel.add_change_button)
    target = tmp_path / "out" / "review"
    target.parent.mkdir()
    w.projects.ask_export_path = lambda: (target, "Web page (*.html)")  # type: ignore[method-assign]
    html = target.with_suffix(".html")
    with qtbot.waitSignal(w.projects.export_runner.finished, timeout=TIMEOUT):
        w.projects.export_action.trigger()
    assert "Exported" in w.statusBar().currentMessage()
    assert "Internal: check with counsel" in html.read_text(encoding="utf-8")
    # the member summary carries the member note and never the internal comment
    summary = tmp_path / "out" / "members.docx"
    w.projects.ask_export_path = lambda: (summary, "Member summary, Word (*.docx)")  # type: ignore[method-assign]
    with qtbot.waitSignal(w.projects.export_runner.finished, timeout=TIMEOUT):
        w.projects.export_action.trigger()
    text = "\n".join(p.text for p in docx.Document(str(summary)).paragraphs)
    for table in docx.Document(str(summary)).tables:
        text += "\n".join(c.text for row in table.rows for c in row.cells)
    assert "Members: the date moves three years." in text
    assert "check with counsel" not in text


def test_reviewer_name_and_status_list_are_set_from_the_settings_menu(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    samples: tuple[Path, Path],
    tmp_path: Path,
    settings: QSettings,
) -> None:
    w = make_window()
    new_project(qtbot, w, samples, tmp_path / "statuses.cbadiff")
    answers = iter(["  Jo Counsel ", "open\nsettled\ndisputed\nask counsel\nresolved"])
    w.projects.ask_text = lambda *_a, **_k: next(answers)  # type: ignore[method-assign]
    w.projects.author_action.trigger()
    assert settings.value(AUTHOR_KEY) == "Jo Counsel"
    w.next_action.trigger()
    panel = w.projects.panel
    panel.comment_edit.setPlainText("agreed at the table")
    panel.status_box.setCurrentText("agreed")
    click(qtbot, panel.add_change_button)
    w.projects.statuses_action.trigger()  # "agreed" renamed "settled", counsel shortened
    (a,) = panel.model.annotations
    assert (a.author, a.status) == ("Jo Counsel", "settled")
    assert [panel.status_box.itemText(i) for i in range(panel.status_box.count())] == [
        "open",
        "settled",
        "disputed",
        "ask counsel",
        "resolved",
    ]
