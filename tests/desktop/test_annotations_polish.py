"""Annotations in the window, polish: a change's annotations in its tooltip, File ▸ Recent
Projects, and a project file dropped on the window (on the bundled samples)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cbadiff.annotations import Annotation
from desktop.controllers.project import AUTHOR_KEY
from desktop.mainwindow import MainWindow
from desktop.project_actions import MAX_RECENT_PROJECTS, RECENT_PROJECTS_KEY
from desktop.views.comparison_view import DocumentPane, describe_annotations
from tests.desktop.windows import TIMEOUT, drop, new_project, placed


def hover_tooltip(pane: DocumentPane, span: tuple[int, int]) -> str:
    """Send the tooltip event Qt sends on hover, at the middle of ``span``; the text shown."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition((span[0] + span[1]) // 2)
    rect = pane.cursorRect(cursor)
    at = QPoint(rect.center().x(), rect.center().y())
    event = QHelpEvent(QEvent.Type.ToolTip, at, pane.viewport().mapToGlobal(at))
    QApplication.sendEvent(pane.viewport(), event)
    return pane.tooltip_text


def test_hovering_an_annotated_change_shows_its_annotations(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    samples: tuple[Path, Path],
    tmp_path: Path,
    settings: QSettings,
) -> None:
    settings.setValue(AUTHOR_KEY, "Sam Steward")
    w = make_window()
    new_project(qtbot, w, samples, tmp_path / "review.cbadiff")
    w.next_action.trigger()
    pair_row, change_row = w.nav_cursor
    assert change_row is not None
    change = w.model.pair(pair_row).changes[change_row]
    view = w.view
    pane = next(
        p
        for p in (view.old_pane, view.new_pane)
        if (s := p.rendered.spans.get(change.id) if p.rendered else None) and s[1] > s[0]
    )
    span = pane.rendered.spans[change.id] if pane.rendered else (0, 0)
    before = hover_tooltip(pane, span)
    assert before.startswith(change.kind.value.title()) and "annotation" not in before

    panel = w.projects.panel
    qtbot.keyClicks(panel.comment_edit, "Costs <b>more</b> than it says")
    panel.status_box.setCurrentText("disputed")
    qtbot.mouseClick(panel.add_change_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1
    view.go_to_change(change.id)  # back to it, as the panel's refresh may have moved it
    after = hover_tooltip(pane, span)
    assert after.startswith(before)  # what the change is, then its annotation
    assert "1 annotation:" in after
    assert "Sam Steward — disputed" in after
    assert "Costs <b>more</b> than it says" in after  # the comment as typed, not as markup
    # an unannotated change nearby says nothing about annotations
    spans = pane.rendered.spans if pane.rendered else {}
    others = [(cid, s) for cid, s in spans.items() if cid != change.id and s[1] > s[0]]
    if others:
        assert "annotation" not in hover_tooltip(pane, others[0][1])


def test_describe_annotations_lists_each_with_author_status_comment_and_note() -> None:
    from cbadiff.annotations import Anchor

    anchor = Anchor("p", "c", (), ())
    long = "word " * 100
    notes = [
        Annotation(1, anchor, "Check the cost", "open", "Ann", "t", "t"),
        Annotation(2, anchor, long, "agreed", "", "t", "t", member_note="Breaks change"),
    ]
    text = describe_annotations(notes)
    lines = text.splitlines()
    assert lines[0] == "2 annotations:"
    assert "• Ann — open" in lines and "   Check the cost" in lines
    assert "• unknown reviewer — agreed" in lines
    assert "   Member note: Breaks change" in lines
    cut = next(line for line in lines if line.startswith("   word"))
    assert cut.endswith("…") and len(cut) < len(long)
    assert describe_annotations([]) == ""


def test_recent_projects_menu_reopens_a_project_and_drops_a_missing_one(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    samples: tuple[Path, Path],
    tmp_path: Path,
    settings: QSettings,
) -> None:
    path = tmp_path / "review.cbadiff"
    w = make_window()
    projects = w.projects
    projects.fill_recent_projects_menu()
    assert [a.text() for a in projects.recent_projects_menu.actions()] == ["(none)"]
    new_project(qtbot, w, samples, path)
    assert projects.recent_projects() == [path.resolve()]
    assert settings.value(RECENT_PROJECTS_KEY) is not None
    # the submenu sits in the File menu, right after Open Project
    file_menu = projects._menu("&File")
    assert file_menu is not None
    actions = file_menu.actions()
    i = actions.index(projects.open_project_action)
    assert actions[i + 1].menu() is projects.recent_projects_menu
    w.projects.controller.close_project()
    w.close()

    # a second window (the next session) opens it from the menu
    w2 = make_window()
    w2.projects.fill_recent_projects_menu()
    entry = w2.projects.recent_projects_menu.actions()[0]
    assert entry.text().startswith("review.cbadiff") and entry.toolTip() == str(path.resolve())
    entry.trigger()
    qtbot.waitUntil(lambda: placed(w2), timeout=TIMEOUT)
    assert w2.projects.controller.project is not None
    assert w2.projects.controller.project.path.resolve() == path.resolve()
    assert w2.controller.old_path == samples[0]
    w2.projects.controller.close_project()

    # a project that is gone: a message naming it, and it leaves the list
    moved = tmp_path / "moved.cbadiff"
    path.rename(moved)
    w2.projects.fill_recent_projects_menu()
    w2.projects.recent_projects_menu.actions()[0].trigger()
    assert w2.message_bar.isVisible()
    assert "review.cbadiff" in w2.message_bar.label.text()
    assert "File ▸ Open Project" in w2.message_bar.label.text()
    assert w2.projects.recent_projects() == []
    assert moved.exists()  # nothing was touched


def test_recent_projects_keep_the_latest_first_and_at_most_the_limit(
    make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    w = make_window()
    paths = [tmp_path / f"p{i}.cbadiff" for i in range(MAX_RECENT_PROJECTS + 2)]
    for p in paths:
        w.projects._remember_project(p)
    w.projects._remember_project(paths[3])  # again: moves to the top, not listed twice
    recent = w.projects.recent_projects()
    assert recent[0] == paths[3].resolve()
    assert len(recent) == MAX_RECENT_PROJECTS == len(set(recent))
    assert recent[1] == paths[-1].resolve()
    w.projects.fill_recent_projects_menu()
    clear = w.projects.recent_projects_menu.actions()[-1]
    assert clear.text() == "Clear the List"
    clear.trigger()
    assert w.projects.recent_projects() == []


def test_dropping_a_project_file_on_the_window_opens_it(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    samples: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    path = tmp_path / "review.cbadiff"
    w = make_window()
    new_project(qtbot, w, samples, path)
    w.projects.controller.close_project()
    w.close()

    w2 = make_window()
    assert w2.projects.controller.project is None
    assert drop(w2, path).isAccepted()
    qtbot.waitUntil(lambda: placed(w2), timeout=TIMEOUT)
    project = w2.projects.controller.project
    assert project is not None and project.path.resolve() == path.resolve()
    assert (w2.old_slot.path, w2.new_slot.path) == samples  # its agreements were compared
