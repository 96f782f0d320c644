"""The annotations model and panel on their own: Qt model checks, filters, orphans, the form."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cbadiff.annotations import DEFAULT_STATUSES, Anchor, Annotation
from cbadiff.store import Edit
from desktop.models.annotations import AnnotationsModel, Column, where
from desktop.undo import describe
from desktop.views.annotation_panel import AnnotationPanel


@pytest.fixture
def writable_panel(qtbot: QtBot) -> AnnotationPanel:
    """A panel offering the default statuses, with a project open for writing."""
    panel = AnnotationPanel()
    qtbot.addWidget(panel)
    panel.set_statuses(DEFAULT_STATUSES)
    panel.set_writable(True)
    return panel


def note(
    i: int,
    status: str = "open",
    author: str = "ana",
    *,
    orphaned: bool = False,
    change: str | None = "p1/c1",
    comment: str = "",
) -> Annotation:
    anchor = Anchor(
        pair_id="p1",
        change_id=change,
        old_units=("u1",),
        new_units=("u1",),
        old_quote="$7.50",
        new_quote="$10.00",
        heading="ARTICLE 9 MEAL PERIODS",
    )
    return Annotation(
        id=i,
        anchor=anchor,
        comment=comment or f"comment {i}",
        status=status,
        author=author,
        created="2026-11-21T14:05:09.123+00:00",
        edited="2026-11-21T15:06:10.000+00:00",
        orphaned=orphaned,
    )


def test_model_passes_qt_model_checks_and_describes_each_annotation(
    qtmodeltester: ModelTester,
) -> None:
    model = AnnotationsModel()
    model.set_annotations([note(1), note(2, orphaned=True), note(3, change=None)])
    qtmodeltester.check(model, force_py=True)
    text = [model.index(r, Column.WHERE).data() for r in range(3)]
    assert text == [
        "ARTICLE 9 MEAL PERIODS: “$10.00”",
        "Orphaned · ARTICLE 9 MEAL PERIODS: “$10.00”",
        "Whole article · ARTICLE 9 MEAL PERIODS",
    ]
    assert model.index(1, Column.WHERE).data(Qt.ItemDataRole.FontRole).italic()
    assert "Expired: $7.50" in model.index(1, Column.WHERE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, Column.EDITED).data() == "2026-11-21 15:06"
    empty = AnnotationsModel()
    qtmodeltester.check(empty, force_py=True)


def test_a_heading_less_article_shows_its_quote() -> None:
    a = note(1)
    bare = replace(a, anchor=replace(a.anchor, heading=""))
    assert where(bare) == "“$10.00”"


def test_filters_by_status_author_and_orphaned(qtbot: QtBot) -> None:
    panel = AnnotationPanel()
    qtbot.addWidget(panel)
    panel.set_statuses(DEFAULT_STATUSES)
    panel.set_annotations(
        [note(1, "open", "ana"), note(2, "disputed", "bo"), note(3, "open", "bo", orphaned=True)],
        None,
    )
    assert [a.id for a in panel.visible_annotations()] == [1, 2, 3]
    assert panel.count_label.text() == "3 annotations · 1 orphaned"
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("open"))
    assert [a.id for a in panel.visible_annotations()] == [1, 3]
    panel.author_filter.setCurrentIndex(panel.author_filter.findData("bo"))
    assert [a.id for a in panel.visible_annotations()] == [3]
    assert panel.count_label.text().startswith("1 of 3 annotations shown")
    panel.status_filter.setCurrentIndex(0)
    panel.author_filter.setCurrentIndex(0)
    panel.orphaned_only.setChecked(True)
    assert [a.id for a in panel.visible_annotations()] == [3]
    # a new annotation arriving with the filter on is filtered too (ids recomputed on reset)
    panel.set_annotations([*panel.model.annotations, note(4, orphaned=True)], None)
    assert [a.id for a in panel.visible_annotations()] == [3, 4]
    panel.set_annotations([*panel.model.annotations, note(5)], None)
    assert [a.id for a in panel.visible_annotations()] == [3, 4]


def test_the_form_edits_the_selected_annotation_and_keeps_typed_text(
    qtbot: QtBot, writable_panel: AnnotationPanel
) -> None:
    panel = writable_panel
    panel.set_target("Art. 9", has_change=True, has_pair=True)
    panel.set_annotations([note(1, "open")], None)
    # typing a new annotation survives a refresh of the list
    panel.comment_edit.setPlainText("new one")
    panel.set_annotations([note(1, "open"), note(2)], None)
    assert panel.comment_edit.toPlainText() == "new one"
    with qtbot.waitSignal(panel.add_requested) as added:
        panel.add_change_button.click()
    assert added.args == [True, "new one", "open", ""]
    # selecting loads the form; Save sends only what changed
    assert panel.select(1)
    assert panel.comment_edit.toPlainText() == "comment 1"
    assert not panel.save_button.isEnabled()
    panel.status_box.setCurrentText("agreed")
    with qtbot.waitSignal(panel.save_requested) as saved:
        panel.save_button.click()
    assert saved.args == [1, {"status": "agreed"}]
    with qtbot.waitSignal(panel.delete_requested) as deleted:
        panel.delete_button.click()
    assert deleted.args == [1]
    # a read-only project: nothing can be edited
    panel.set_writable(False)
    assert not panel.save_button.isEnabled() and not panel.delete_button.isEnabled()
    assert panel.comment_edit.isReadOnly()


def test_undo_texts_name_the_edit() -> None:
    a = note(1)
    assert describe(Edit(None, a)) == "Add Annotation"
    assert describe(Edit(a, None)) == "Delete Annotation"
    assert describe(Edit(a, replace(a, status="agreed"))) == "Set Status to “agreed”"
    assert describe(Edit(a, replace(a, comment="x"))) == "Edit Annotation"


def test_leaving_an_edited_annotation_stores_the_edit(
    qtbot: QtBot, writable_panel: AnnotationPanel
) -> None:
    panel = writable_panel
    panel.set_annotations([note(1), note(2)], None)
    assert panel.select(1)
    panel.comment_edit.setPlainText("changed my mind")
    with qtbot.waitSignal(panel.save_requested) as saved:
        assert panel.select(2)
    assert saved.args == [1, {"comment": "changed my mind"}]
    assert panel.comment_edit.toPlainText() == "comment 2"


def test_adding_with_an_annotation_selected_leaves_that_one_as_stored(
    qtbot: QtBot, writable_panel: AnnotationPanel
) -> None:
    panel = writable_panel
    panel.set_target("Art. 9", has_change=True, has_pair=True)
    panel.set_annotations([note(1)], None)
    assert panel.select(1)
    panel.comment_edit.setPlainText("a second view")
    saved: list[object] = []
    panel.save_requested.connect(lambda *args: saved.append(args))
    with qtbot.waitSignal(panel.add_requested) as added:
        panel.add_change_button.click()
    assert added.args == [True, "a second view", "open", ""]
    panel.set_annotations([note(1), note(2, comment="a second view")], None)
    assert panel.select(2)
    assert saved == []  # annotation 1 was not overwritten with the new text


def test_a_refresh_keeps_an_edit_in_progress(writable_panel: AnnotationPanel) -> None:
    panel = writable_panel
    panel.set_annotations([note(1), note(2)], None)
    assert panel.select(1)
    panel.comment_edit.setPlainText("half-typed")
    saved: list[object] = []
    panel.save_requested.connect(lambda *args: saved.append(args))
    # the list is rebuilt (another annotation moved, or the holder of the project edited one)
    panel.set_annotations([note(1), replace(note(2), status="agreed"), note(3)], None)
    shown = panel.selected()
    assert shown is not None and shown.id == 1
    assert panel.comment_edit.toPlainText() == "half-typed" and saved == []
    assert panel.save_button.isEnabled()
    # an annotation that was not being edited shows its stored state after a refresh
    assert panel.select(2)  # leaving 1 stores its edit
    assert saved == [(1, {"comment": "half-typed"})]
    panel.set_annotations([note(1), replace(note(2), comment="edited elsewhere"), note(3)], None)
    assert panel.comment_edit.toPlainText() == "edited elsewhere"
