"""The annotations panel: every annotation of the project, filters, a jump, and the edit form.

A dock with three parts: filters (status, author, category, orphaned only) over a table of the
annotations, and a form for the selected annotation (internal comment, status, member note)
with the buttons that add an annotation to the change or article shown in the window. It edits
nothing itself: it emits requests, and the project controller commits them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QModelIndex, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cbadiff.annotations import Annotation
from cbadiff.model import Comparison
from desktop.categories import category_name
from desktop.models.annotations import (
    ANNOTATION_ROLE,
    AnnotationFilterProxy,
    AnnotationsModel,
    Column,
    category_choices,
    short_time,
)
from desktop.views.row_table import row_table

ANY = ""


def _fill(box: QComboBox, first: str, items: Sequence[tuple[str, str]]) -> None:
    """Replace a filter's choices, keeping the current one when it is still offered."""
    current = box.currentData() or ANY
    box.blockSignals(True)
    box.clear()
    box.addItem(first, ANY)
    for label, value in items:
        box.addItem(label, value)
    i = box.findData(current)
    box.setCurrentIndex(max(i, 0))
    box.blockSignals(False)


class AnnotationPanel(QDockWidget):
    """Signals:
    jump_requested(object): show the change or article of this :class:`Annotation`.
    add_requested(bool, str, str, str): annotate the current change (True) or the whole
        article (False) with comment, status and member note.
    save_requested(int, dict): store these fields on the annotation with this id.
    delete_requested(int): delete the annotation with this id.
    """

    jump_requested = Signal(object)
    add_requested = Signal(bool, str, str, str)
    save_requested = Signal(int, dict)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("annotationsDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.model = AnnotationsModel(self)
        self.proxy = AnnotationFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._writable = False
        self._has_change = False
        self._has_pair = False
        self._shown: Annotation | None = None
        self._refreshing = False  # set_annotations is rebuilding the list

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("annotationStatusFilter")
        self.status_filter.setAccessibleName("Show annotations with this status")
        self.author_filter = QComboBox()
        self.author_filter.setObjectName("annotationAuthorFilter")
        self.author_filter.setAccessibleName("Show annotations by this author")
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("annotationCategoryFilter")
        self.category_filter.setAccessibleName("Show annotations on changes in this category")
        self.orphaned_only = QCheckBox("Orphaned only")
        self.orphaned_only.setObjectName("annotationOrphanedFilter")
        self.orphaned_only.setToolTip(
            "Annotations whose text is no longer in the proposed draft; their quotes are kept"
        )
        _fill(self.status_filter, "All statuses", [])
        _fill(self.author_filter, "All authors", [])
        _fill(self.category_filter, "All categories", [])
        for combo in (self.status_filter, self.author_filter, self.category_filter):
            # Shrinkable: sized to their longest item (a long category name), the filters made
            # the dock, and with it the whole right column, too wide for the navigator's titles.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(self._apply_filters)
        self.orphaned_only.toggled.connect(self._apply_filters)

        self.table = row_table("annotationTable", "Annotations", self.proxy, row_height=22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.COMMENT, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (Column.WHERE, 200),
            (Column.STATUS, 90),
            (Column.AUTHOR, 80),
            (Column.EDITED, 110),
        ):
            self.table.setColumnWidth(col, width)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.count_label = QLabel()
        self.count_label.setObjectName("annotationCount")
        self.go_button = QPushButton("Go To")
        self.go_button.setObjectName("annotationGoTo")
        self.go_button.setToolTip("Show the change or article of the selected annotation (Enter)")
        self.go_button.clicked.connect(self._on_go_clicked)

        self.target_label = QLabel()
        self.target_label.setObjectName("annotationTarget")
        self.target_label.setWordWrap(True)
        self.target_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("annotationComment")
        self.comment_edit.setAccessibleName("Internal comment")
        self.comment_edit.setPlaceholderText("Internal comment (for the bargaining team)")
        self.comment_edit.setTabChangesFocus(True)
        self.status_box = QComboBox()
        self.status_box.setObjectName("annotationStatus")
        self.status_box.setAccessibleName("Status")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("annotationMemberNote")
        self.note_edit.setAccessibleName("Note for members")
        self.note_edit.setPlaceholderText("Optional plain-language note for members")
        self.note_edit.setTabChangesFocus(True)
        for edit in (self.comment_edit, self.note_edit):
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("annotationMeta")
        self.meta_label.setWordWrap(True)

        self.add_change_button = QPushButton("Annotate Change")
        self.add_change_button.setObjectName("annotateChange")
        self.add_change_button.setToolTip("Add an annotation with this text to the current change")
        self.add_pair_button = QPushButton("Annotate Article")
        self.add_pair_button.setObjectName("annotateArticle")
        self.add_pair_button.setToolTip("Add an annotation with this text to the whole article")
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("annotationSave")
        self.save_button.setToolTip("Store the edited text and status on the selected annotation")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("annotationDelete")
        self.add_change_button.clicked.connect(lambda: self._on_add_clicked(True))
        self.add_pair_button.clicked.connect(lambda: self._on_add_clicked(False))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.comment_edit.textChanged.connect(self._update_buttons)
        self.note_edit.textChanged.connect(self._update_buttons)
        self.status_box.currentIndexChanged.connect(self._update_buttons)

        # Two rows of two: in one row the filters alone needed 480 px of the right column.
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status_filter, 0, 0)
        filters.addWidget(self.author_filter, 0, 1)
        filters.addWidget(self.category_filter, 1, 0)
        filters.addWidget(self.orphaned_only, 1, 1)
        under = QHBoxLayout()
        under.setContentsMargins(0, 0, 0, 0)
        under.addWidget(self.count_label, 1)
        under.addWidget(self.go_button)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("On:", self.target_label)
        form.addRow("Comment:", self.comment_edit)
        form.addRow("Status:", self.status_box)
        form.addRow("Member note:", self.note_edit)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        add_row, edit_row = QHBoxLayout(), QHBoxLayout()
        for b in (self.add_change_button, self.add_pair_button):
            add_row.addWidget(b)
        add_row.addStretch(1)
        edit_row.addStretch(1)
        for b in (self.save_button, self.delete_button):
            edit_row.addWidget(b)
        buttons.addLayout(add_row)
        buttons.addLayout(edit_row)
        box = QWidget()
        box.setObjectName("annotationPanel")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addLayout(under)
        lay.addLayout(form)
        lay.addWidget(self.meta_label)
        lay.addLayout(buttons)
        self.setWidget(box)
        self.set_target("", has_change=False, has_pair=False)
        self._show_selected()

    # -- state from the window -----------------------------------------------------------------
    def set_annotations(
        self, annotations: Sequence[Annotation], comparison: Comparison | None
    ) -> None:
        """Show these annotations; keep the selection on the same annotation id, and an edit
        in progress in the form (a refresh comes from elsewhere: a re-anchoring, the holder of
        a read-only project)."""
        shown, dirty = self._shown, self._dirty()
        self._refreshing = True
        try:
            self.proxy.comparison = comparison
            self.model.set_annotations(annotations)
            _fill(
                self.author_filter,
                "All authors",
                [(a, a) for a in sorted({a.author for a in annotations}, key=str.casefold)],
            )
            _fill(
                self.category_filter,
                "All categories",
                [(category_name(c), c) for c in category_choices(annotations, comparison)],
            )
            self._apply_filters()
            if shown is not None:
                self.select(shown.id)
        finally:
            self._refreshing = False
        fresh = self.selected()
        if dirty and shown is not None and fresh is not None and fresh.id == shown.id:
            self._shown = fresh  # the typed text stays, to be saved onto the stored version
            self._update_buttons()
        else:
            self._show_selected()

    def set_statuses(self, statuses: Sequence[str]) -> None:
        _fill(self.status_filter, "All statuses", [(s.capitalize(), s) for s in statuses])
        current = self.status_box.currentText()
        self.status_box.blockSignals(True)
        self.status_box.clear()
        self.status_box.addItems(list(statuses))
        i = self.status_box.findText(current)
        self.status_box.setCurrentIndex(max(i, 0))
        self.status_box.blockSignals(False)

    def set_writable(self, writable: bool) -> None:
        """A read-only project (open elsewhere) shows its annotations but offers no edits."""
        self._writable = writable
        for w in (self.comment_edit, self.note_edit):
            w.setReadOnly(not writable)
        self.status_box.setEnabled(writable)
        self._update_buttons()

    def set_target(self, text: str, *, has_change: bool, has_pair: bool) -> None:
        """What the window shows now: the change or article a new annotation goes on."""
        self._has_change, self._has_pair = has_change, has_pair
        self.target_label.setText(text or "Select a change or an article to annotate it.")
        self._update_buttons()

    # -- selection -----------------------------------------------------------------------------
    def selected(self) -> Annotation | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ANNOTATION_ROLE)
        return value if isinstance(value, Annotation) else None

    def select(self, annotation_id: int) -> bool:
        """Select the row of an annotation; False when the filters hide it."""
        row = self.model.row_of(annotation_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def visible_annotations(self) -> list[Annotation]:
        return [self.proxy.index(r, 0).data(ANNOTATION_ROLE) for r in range(self.proxy.rowCount())]

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._refreshing:
            return
        self.flush()  # an edit of the annotation left behind is kept, never dropped
        self._show_selected()

    def flush(self) -> None:
        """Store an edit typed into the form but not saved yet (on leaving it, or closing)."""
        if self._writable and self._dirty():
            self._on_save_clicked()

    def _show_selected(self) -> None:
        """Load the selected annotation into the form; text typed for a new one is kept
        until the selection changes, and an unchanged annotation is not reloaded (a refresh
        must not wipe an edit in progress)."""
        a = self.selected()
        if a == self._shown:
            self._update_buttons()
            return
        self._shown = a
        for w in (self.comment_edit, self.note_edit, self.status_box):
            w.blockSignals(True)
        if a is None:
            self.comment_edit.clear()
            self.note_edit.clear()
            self.status_box.setCurrentIndex(0)  # a new annotation starts with the first status
            self.meta_label.setText("")
        else:
            self.comment_edit.setPlainText(a.comment)
            self.note_edit.setPlainText(a.member_note)
            i = self.status_box.findText(a.status)
            if i < 0:  # a status no longer listed stays choosable for this annotation
                self.status_box.addItem(a.status)
                i = self.status_box.count() - 1
            self.status_box.setCurrentIndex(i)
            orphan = " · orphaned: not found in this draft" if a.orphaned else ""
            self.meta_label.setText(
                f"#{a.id} by {a.author} · created {short_time(a.created)} · edited "
                f"{short_time(a.edited)} UTC{orphan}"
            )
        for w in (self.comment_edit, self.note_edit, self.status_box):
            w.blockSignals(False)
        self._update_buttons()

    # -- filters -------------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        def chosen(box: QComboBox) -> tuple[str, ...]:
            value = box.currentData()
            return (str(value),) if value else ()

        self.proxy.set_filters(
            statuses=chosen(self.status_filter),
            authors=chosen(self.author_filter),
            categories=chosen(self.category_filter),
            orphaned=True if self.orphaned_only.isChecked() else None,
        )
        total = self.model.rowCount()
        orphans = sum(1 for a in self.model.annotations if a.orphaned)
        shown = self.proxy.rowCount()
        text = f"{total} annotation{'s' if total != 1 else ''}"
        if shown != total:
            text = f"{shown} of {text} shown"
        if orphans:
            text += f" · {orphans} orphaned"
        self.count_label.setText(text)
        if self.selected() is None and not self._refreshing:
            self._show_selected()

    # -- requests ------------------------------------------------------------------------------
    def _form(self) -> tuple[str, str, str]:
        return (
            self.comment_edit.toPlainText().strip(),
            self.status_box.currentText(),
            self.note_edit.toPlainText().strip(),
        )

    def _dirty(self) -> bool:
        a = self._shown
        if a is None:
            return False
        return self._form() != (a.comment, a.status, a.member_note)

    def _update_buttons(self) -> None:
        comment, _status, note = self._form()
        has_text = bool(comment or note)
        selected = self._shown is not None
        self.add_change_button.setEnabled(self._writable and self._has_change and has_text)
        self.add_pair_button.setEnabled(self._writable and self._has_pair and has_text)
        self.save_button.setEnabled(self._writable and selected and self._dirty())
        self.delete_button.setEnabled(self._writable and selected)
        self.go_button.setEnabled(selected)

    def _on_add_clicked(self, on_change: bool) -> None:
        comment, status, note = self._form()
        # The form's text now belongs to the new annotation, not to the one selected: leave
        # that one as stored (no flush) and keep the text while the new one is added.
        self._shown = None
        self.table.clearSelection()
        self.add_requested.emit(on_change, comment, status, note)

    def _on_save_clicked(self) -> None:
        a = self._shown
        if a is None:
            return
        comment, status, note = self._form()
        fields = {}
        if comment != a.comment:
            fields["comment"] = comment
        if status != a.status:
            fields["status"] = status
        if note != a.member_note:
            fields["member_note"] = note
        if fields:
            self.save_requested.emit(a.id, fields)

    def _on_delete_clicked(self) -> None:
        if self._shown is not None:
            self.delete_requested.emit(self._shown.id)

    def _on_go_clicked(self) -> None:
        if self._shown is not None:
            self.jump_requested.emit(self._shown)

    def _on_table_activated(self, index: QModelIndex) -> None:
        value = index.data(ANNOTATION_ROLE)
        if isinstance(value, Annotation):
            self.jump_requested.emit(value)
