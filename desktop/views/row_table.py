"""The list table the navigator and the annotation panel share: one row per item, read-only.

Both lists behave alike so that a reviewer moving between them finds the same keys and clicks:
a whole row is selected at a time, nothing is edited in place, a header click sorts (no sort until
then, so the model's own order shows first), and Tab leaves the table instead of walking its cells.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView


def row_table(
    name: str, accessible_name: str, model: QAbstractItemModel, row_height: int
) -> QTableView:
    """A read-only, single-row-select, sortable table over ``model`` with rows ``row_height`` high."""
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    return table
