"""Qt table model over ``Comparison.pairs`` and the proxy that filters it for the navigator.

An adapter in napari's sense: it keeps no second copy of the comparison, only lookup tables
built once per result (unit by id, the lower-cased text searched by the filter), and answers
``data()`` from the immutable pairs.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from cbadiff.model import ArticlePair, Comparison, Flag, Status
from cbadiff.navigation import counts_as_substantive
from desktop.categories import category_name
from desktop.icons import icon
from desktop.views.annotation_marker import annotation_count_text, note_badge
from parsers.model import Unit, UnitKind

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    OLD = 0
    NEW = 1
    STATUS = 2
    TITLE = 3
    FLAGS = 4
    CATEGORIES = 5
    CHANGES = 6


N_COLUMNS = len(Column)  # len() of an Enum is slow, and rowCount/columnCount run very often

HEADERS = {
    Column.OLD: "Old",
    Column.NEW: "New",
    Column.STATUS: "",
    Column.TITLE: "Title",
    Column.FLAGS: "Flags",
    Column.CATEGORIES: "Categories",
    Column.CHANGES: "Changes",
}

PAIR_ROLE = Qt.ItemDataRole.UserRole + 1  # the pair's index in Comparison.pairs
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 2  # tuple[Flag, ...]
CATEGORIES_ROLE = Qt.ItemDataRole.UserRole + 3  # tuple[str, ...] category ids
SORT_ROLE = Qt.ItemDataRole.UserRole + 4

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_RIGHT_ALIGNED = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_HANDLED_ROLES = frozenset(
    {
        _DISPLAY,
        _DECORATION,
        _TOOLTIP,
        _ALIGNMENT,
        _ACCESSIBLE,
        int(PAIR_ROLE),
        int(FLAGS_ROLE),
        int(CATEGORIES_ROLE),
        int(SORT_ROLE),
    }
)

#: The summary's pseudo-category for substantive changes no lexicon category matched.
UNCATEGORISED = "uncategorised"

# Status icons differ by shape (=, pencil, +, -) as well as by colour; mid-tones read on both
# the light and the dark theme.
STATUS_ICON_COLORS = {
    Status.UNCHANGED: "#8a8a8a",
    Status.MODIFIED: "#8a6fc0",
    Status.ADDED: "#3a8fd0",
    Status.DELETED: "#e06a2a",
}

FLAG_DESCRIPTIONS = {
    Flag.RENUMBERED: "Renumbered: the article has a different number",
    Flag.MOVED: "Moved: the article stands at a different place",
    Flag.RETITLED: "Retitled: the article's title changed",
    Flag.SPLIT: "Split: one old article became several new ones",
    Flag.MERGED: "Merged: several old articles became one new one",
}
STATUS_DESCRIPTIONS = {
    Status.UNCHANGED: "Unchanged",
    Status.MODIFIED: "Modified",
    Status.ADDED: "Added in the proposed agreement",
    Status.DELETED: "Deleted from the expired agreement",
}


SHORT_KINDS = {
    UnitKind.PREAMBLE: "Pre.",
    UnitKind.EXHIBIT: "Ex.",
    UnitKind.APPENDIX: "App.",
    UnitKind.SCHEDULE: "Sch.",
    UnitKind.ATTACHMENT: "Att.",
    UnitKind.SIDELETTER: "SL",
    UnitKind.MEMORANDUM: "MOU",
    UnitKind.LETTER: "Ltr.",
    UnitKind.ADDENDUM: "Add.",
}


def unit_label(unit: Unit, *, short: bool = False) -> str:
    """How the navigator names a unit: "XIIIA" for articles, "Exhibit A" for the rest
    ("Ex. A" when ``short``, for the narrow number columns)."""
    if unit.kind is UnitKind.ARTICLE:
        return unit.number or "Article"
    if short:
        kind = SHORT_KINDS.get(unit.kind, unit.kind.value.title())
    else:
        kind = unit.kind.value.title() if unit.kind is not UnitKind.SIDELETTER else "Sideletter"
    return f"{kind} {unit.number}" if unit.number else kind


class SectionPairsModel(QAbstractTableModel):
    """One row per aligned pair, in the comparison's reading order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._old: dict[str, Unit] = {}
        self._new: dict[str, Unit] = {}
        self._also: frozenset[str] = frozenset()
        self._counts: list[int] = []
        self._haystacks: list[str] | None = None
        self._display_cache: dict[int, tuple[Any, ...]] = {}
        self._notes: dict[int, int] = {}  # row -> annotation count (desktop.project_actions)

    # -- state ---------------------------------------------------------------------------------
    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self._comparison = comparison
        self._old = {u.id: u for u in comparison.old.units} if comparison else {}
        self._new = {u.id: u for u in comparison.new.units} if comparison else {}
        self._haystacks = None
        self._display_cache = {}
        self._notes = {}
        self._recount()
        self.endResetModel()

    def set_annotation_counts(self, counts: dict[int, int]) -> None:
        """How many annotations each row has (the marker before the title); rows absent: 0."""
        changed = set(counts.items()) ^ set(self._notes.items())
        self._notes = {r: n for r, n in counts.items() if n}
        for row in {r for r, _n in changed}:
            if 0 <= row < self.rowCount():
                index = self.index(row, Column.TITLE)
                self.dataChanged.emit(index, index)

    def set_also_substantive(self, reasons: Collection[str]) -> None:
        """Count cosmetic changes with these reasons as substantive (a reader's setting)."""
        self._also = frozenset(reasons)
        self._recount()
        if self.rowCount():
            top = self.index(0, Column.CHANGES)
            bottom = self.index(self.rowCount() - 1, Column.CHANGES)
            self.dataChanged.emit(top, bottom)

    def _recount(self) -> None:
        pairs = self._comparison.pairs if self._comparison else ()
        self._counts = [
            sum(1 for c in p.changes if counts_as_substantive(c, self._also)) for p in pairs
        ]

    def pair(self, row: int) -> ArticlePair:
        assert self._comparison is not None
        return self._comparison.pairs[row]

    def old_units(self, pair: ArticlePair) -> list[Unit]:
        return [self._old[u] for u in pair.old if u in self._old]

    def new_units(self, pair: ArticlePair) -> list[Unit]:
        return [self._new[u] for u in pair.new if u in self._new]

    def substantive_count(self, row: int) -> int:
        return self._counts[row]

    def haystack(self, row: int) -> str:
        """Lower-cased numbers, titles and text of both sides, built on the first search."""
        if self._haystacks is None:
            self._haystacks = [self._build_haystack(p) for p in self._pairs()]
        return self._haystacks[row]

    def _pairs(self) -> tuple[ArticlePair, ...]:
        return self._comparison.pairs if self._comparison else ()

    def _build_haystack(self, pair: ArticlePair) -> str:
        parts: list[str] = []
        for unit in (*self.old_units(pair), *self.new_units(pair)):
            parts += [unit_label(unit), unit.heading, unit.title or "", unit.text]
        return "\n".join(parts).casefold()

    def title(self, pair: ArticlePair) -> str:
        units = self.new_units(pair) or self.old_units(pair)
        titles = [u.title or u.heading or unit_label(u) for u in units]
        return " / ".join(t for t in titles if t) or "(untitled)"

    def numbers(self, pair: ArticlePair, side: str, *, short: bool = False) -> str:
        units = self.old_units(pair) if side == "old" else self.new_units(pair)
        return " + ".join(unit_label(u, short=short) for u in units) if units else "—"

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pairs())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else N_COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < N_COLUMNS:
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The navigator paints a few hundred cells, each asking for about ten roles: answer the
        # roles we do not provide before anything else, and display text from a per-row cache.
        if role not in _HANDLED_ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        pairs = self._pairs()
        if row >= len(pairs):
            return None
        if role == _DISPLAY:
            if col == Column.STATUS:
                return None
            if col == Column.CHANGES:
                return self._counts[row]
            return self._display_row(row)[col]
        pair = pairs[row]
        if role == PAIR_ROLE:
            return row
        if role == FLAGS_ROLE:
            return tuple(pair.flags)
        if role == CATEGORIES_ROLE:
            return tuple(pair.categories)
        if role == _DECORATION:
            if col == Column.STATUS:
                return icon(f"status-{pair.status.value}", STATUS_ICON_COLORS[pair.status])
            if col == Column.TITLE and row in self._notes:
                return note_badge(self._notes[row])
            return None
        if role == SORT_ROLE:
            if col in (Column.OLD, Column.NEW):
                return row
            if col == Column.CHANGES:
                return self._counts[row]
            return self._display(pair, row, Column(col))
        if role == _TOOLTIP:
            return self._tooltip(pair, row, Column(col))
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if col == Column.CHANGES else None
        if role == _ACCESSIBLE:
            return self._tooltip(pair, row, Column(col)) or self._display(pair, row, Column(col))
        return None

    def _display_row(self, row: int) -> tuple[Any, ...]:
        cached = self._display_cache.get(row)
        if cached is None:
            pair = self._pairs()[row]
            cached = tuple(self._display(pair, row, c) for c in Column)
            self._display_cache[row] = cached
        return cached

    def _display(self, pair: ArticlePair, row: int, col: Column) -> str | int | None:
        if col == Column.OLD:
            return self.numbers(pair, "old", short=True)
        if col == Column.NEW:
            return self.numbers(pair, "new", short=True)
        if col == Column.TITLE:
            return self.title(pair)
        if col == Column.STATUS:
            return pair.status.value
        if col == Column.CHANGES:
            return self._counts[row]
        if col == Column.FLAGS:
            return ", ".join(f.value for f in pair.flags)
        if col == Column.CATEGORIES:
            return ", ".join(category_name(c) for c in pair.categories)
        return None

    def _tooltip(self, pair: ArticlePair, row: int, col: Column) -> str | None:
        if col == Column.STATUS:
            return STATUS_DESCRIPTIONS[pair.status]
        if col == Column.OLD:
            return f"Expired: {self.numbers(pair, 'old')}"
        if col == Column.NEW:
            return f"Proposed: {self.numbers(pair, 'new')}"
        if col == Column.FLAGS:
            return "\n".join(FLAG_DESCRIPTIONS[f] for f in pair.flags) or "No flags"
        if col == Column.CATEGORIES:
            return "\n".join(category_name(c) for c in pair.categories) or "No categories"
        if col == Column.CHANGES:
            total = len(pair.changes)
            return f"{self._counts[row]} substantive of {total} changes"
        if col == Column.TITLE:
            old = " / ".join(u.heading for u in self.old_units(pair))
            new = " / ".join(u.heading for u in self.new_units(pair))
            notes = self._notes.get(row)
            said = f"\n{annotation_count_text(notes)}" if notes else ""
            return f"Expired: {old or '—'}\nProposed: {new or '—'}{said}"
        return None


class PairFilterProxy(QSortFilterProxyModel):
    """Filters the navigator by status, category and search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._statuses: frozenset[Status] = frozenset(
            {Status.MODIFIED, Status.ADDED, Status.DELETED}
        )
        self._category: str | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)

    @property
    def statuses(self) -> frozenset[Status]:
        return self._statuses

    @property
    def category(self) -> str | None:
        return self._category

    @property
    def text(self) -> str:
        return self._text

    def set_statuses(self, statuses: Collection[Status]) -> None:
        self.beginFilterChange()
        self._statuses = frozenset(statuses)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_category(self, category: str | None) -> None:
        self.beginFilterChange()
        self._category = category or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def source(self) -> SectionPairsModel:
        model = self.sourceModel()
        assert isinstance(model, SectionPairsModel)
        return model

    def accepts_pair(self, row: int) -> bool:
        """Whether the pair at source ``row`` passes the filters (also used by navigation)."""
        model = self.source()
        pair = model.pair(row)
        if pair.status not in self._statuses:
            return False
        if self._category == UNCATEGORISED:
            if not any(c.substantive and not c.categories for c in pair.changes):
                return False
        elif self._category is not None and self._category not in pair.categories:
            return False
        return not self._text or all(word in model.haystack(row) for word in self._text.split())

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if source_parent.isValid():
            return False
        return self.accepts_pair(source_row)
