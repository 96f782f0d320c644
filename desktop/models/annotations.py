"""Qt table model over a project's annotations, and the proxy the annotations panel filters with.

The filter itself is :func:`cbadiff.store.query.filter_annotations` (tested without Qt): the
proxy asks it once per filter change for the ids to show and answers ``filterAcceptsRow`` from
that set.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from cbadiff.annotations import Annotation
from cbadiff.model import Comparison
from cbadiff.store.query import categories_of, filter_annotations

Index = QModelIndex | QPersistentModelIndex

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 1  # the Annotation
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
QUOTE_CHARS = 80


class Column(IntEnum):
    WHERE = 0
    STATUS = 1
    COMMENT = 2
    AUTHOR = 3
    EDITED = 4


HEADERS = {
    Column.WHERE: "On",
    Column.STATUS: "Status",
    Column.COMMENT: "Comment",
    Column.AUTHOR: "Author",
    Column.EDITED: "Edited",
}


def _one_line(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def quote_of(annotation: Annotation) -> str:
    """The text an annotation is on: the proposed wording, else the expired one."""
    anchor = annotation.anchor
    return anchor.new_quote or anchor.old_quote


def where(annotation: Annotation) -> str:
    """ "Art. 7: “$10.00”", "Whole article: ARTICLE 7 …" or "Orphaned: …" for the list."""
    anchor = annotation.anchor
    heading = _one_line(anchor.heading, 40)
    quote = f"“{_one_line(quote_of(annotation), 40)}”"
    on = f"{heading}: {quote}" if heading else quote  # a preamble has no heading
    if annotation.orphaned:
        return f"Orphaned · {on}"
    if anchor.change_id is None:
        return f"Whole article · {heading or quote}"
    return on


def short_time(iso: str) -> str:
    """``2026-11-21T14:05:09.123+00:00`` as ``2026-11-21 14:05`` (UTC, as stored)."""
    return iso[:16].replace("T", " ") if len(iso) >= 16 else iso


class AnnotationsModel(QAbstractTableModel):
    """One row per annotation, in creation order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []

    @property
    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        self.beginResetModel()
        self._rows = list(annotations)
        self.endResetModel()

    def annotation(self, row: int) -> Annotation:
        return self._rows[row]

    def row_of(self, annotation_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == annotation_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        col = Column(index.column())
        if role == ANNOTATION_ROLE:
            return a
        if role == ID_ROLE:
            return a.id
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._display(a, col, sort=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(a, col)
        if role == Qt.ItemDataRole.FontRole and col == Column.WHERE and a.orphaned:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, a: Annotation, col: Column, *, sort: bool) -> str | int:
        if col == Column.WHERE:
            return a.id if sort else where(a)
        if col == Column.STATUS:
            return a.status
        if col == Column.COMMENT:
            return _one_line(a.comment or a.member_note)
        if col == Column.AUTHOR:
            return a.author
        return a.edited if sort else short_time(a.edited)

    def _tooltip(self, a: Annotation, col: Column) -> str:
        if col == Column.WHERE:
            lead = (
                "Orphaned: this text is no longer in the proposed draft; the annotation keeps "
                "its quote.\n"
                if a.orphaned
                else ""
            )
            old, new = _one_line(a.anchor.old_quote, 200), _one_line(a.anchor.new_quote, 200)
            return f"{lead}{a.anchor.heading}\nExpired: {old or '—'}\nProposed: {new or '—'}"
        if col == Column.COMMENT:
            note = f"\n\nNote for members: {a.member_note}" if a.member_note else ""
            return f"{a.comment or '(no internal comment)'}{note}"
        if col == Column.EDITED:
            return f"Created {short_time(a.created)} UTC, edited {short_time(a.edited)} UTC"
        return str(self._display(a, col, sort=False))


class AnnotationFilterProxy(QSortFilterProxyModel):
    """Shows the annotations that pass the panel's filters (empty filter: any)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.statuses: frozenset[str] = frozenset()
        self.authors: frozenset[str] = frozenset()
        self.categories: frozenset[str] = frozenset()
        self.orphaned: bool | None = None
        self.comparison: Comparison | None = None
        self._accepted: frozenset[int] | None = None
        self.setSortRole(SORT_ROLE)

    def source(self) -> AnnotationsModel:
        model = self.sourceModel()
        assert isinstance(model, AnnotationsModel)
        return model

    def set_filters(
        self,
        *,
        statuses: Collection[str] = (),
        authors: Collection[str] = (),
        categories: Collection[str] = (),
        orphaned: bool | None = None,
    ) -> None:
        self.statuses = frozenset(statuses)
        self.authors = frozenset(authors)
        self.categories = frozenset(categories)
        self.orphaned = orphaned
        self.refilter()

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.refilter()

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        # Before the proxy re-filters a reset model, forget the ids shown for the old rows.
        model.modelAboutToBeReset.connect(self._forget)

    def _forget(self) -> None:
        self._accepted = None

    def refilter(self) -> None:
        """Recompute the shown ids (after a filter or the comparison changed)."""
        self.beginFilterChange()
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _accepted_ids(self) -> frozenset[int]:
        if self._accepted is None:
            if self.categories and self.comparison is None:
                self._accepted = frozenset()  # no comparison: nothing has a category
            else:
                shown = filter_annotations(
                    self.source().annotations,
                    statuses=self.statuses,
                    authors=self.authors,
                    categories=self.categories,
                    comparison=self.comparison,
                    orphaned=self.orphaned,
                )
                self._accepted = frozenset(a.id for a in shown)
        return self._accepted

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if source_parent.isValid():
            return False
        return self.source().annotation(source_row).id in self._accepted_ids()


def category_choices(annotations: Sequence[Annotation], comparison: Comparison | None) -> list[str]:
    """The categories the annotated changes carry, for the panel's category filter."""
    if comparison is None:
        return []
    seen: dict[str, None] = {}
    for a in annotations:
        for c in categories_of(a, comparison):
            seen.setdefault(c, None)
    return sorted(seen)
