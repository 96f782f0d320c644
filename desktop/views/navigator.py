"""The article navigator: filter bar (status, category, search) over the table of pairs.

Flags are drawn as icons and categories as small labels by two delegates; both keep their text
in the model (tooltip and accessible text) so nothing is said by picture or colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cbadiff.model import Flag, Status
from desktop.categories import category_name
from desktop.icons import icon
from desktop.models.section_pairs import (
    CATEGORIES_ROLE,
    FLAGS_ROLE,
    PAIR_ROLE,
    Column,
    PairFilterProxy,
    SectionPairsModel,
)
from desktop.theme import DiffColors
from desktop.views.row_table import row_table

Index = QModelIndex | QPersistentModelIndex
ICON_SIZE = 16


def _icon_color(widget: QWidget) -> str:
    return widget.palette().color(widget.foregroundRole()).name()


class FlagsDelegate(QStyledItemDelegate):
    """Paints a pair's flags as a row of icons (the tooltip names them)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # No initStyleOption: it asks the model for every role, and this cell shows no text;
        # the view's option already carries the selection and alternate-row state.
        opt = QStyleOptionViewItem(option)
        widget = opt.widget
        style = widget.style() if widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        flags: tuple[Flag, ...] = index.data(FLAGS_ROLE) or ()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        color = (
            opt.palette.color(opt.palette.ColorRole.HighlightedText).name()
            if selected
            else opt.palette.color(opt.palette.ColorRole.Text).name()
        )
        x = opt.rect.left() + 3
        y = opt.rect.center().y() - ICON_SIZE // 2
        for flag in flags:
            icon(f"flag-{flag.value}", color).paint(painter, QRect(x, y, ICON_SIZE, ICON_SIZE))
            x += ICON_SIZE + 3

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        n = len(index.data(FLAGS_ROLE) or ())
        return QSize(max(n, 1) * (ICON_SIZE + 3) + 6, ICON_SIZE + 6)


class ChipsDelegate(QStyledItemDelegate):
    """Paints a pair's categories as small rounded labels."""

    def __init__(self, colors: DiffColors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors = colors

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)  # no initStyleOption, as in FlagsDelegate
        widget = opt.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        cats: tuple[str, ...] = index.data(CATEGORIES_ROLE) or ()
        if not cats:
            return
        painter.save()
        font = opt.font
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 6.0))
        painter.setFont(font)
        fm = QFontMetrics(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = opt.rect.left() + 3
        h = fm.height() + 2
        y = opt.rect.center().y() - h // 2
        right = opt.rect.right() - 3
        for i, cat in enumerate(cats):
            rest = len(cats) - i - 1
            more_w = fm.horizontalAdvance(f"+{rest}") + 4 if rest else 0
            name = category_name(cat)
            w = fm.horizontalAdvance(name) + 10
            if x + w + more_w > right:
                if i > 0:  # no room for this one: count it and the rest
                    painter.setPen(opt.palette.color(opt.palette.ColorRole.Text))
                    painter.drawText(
                        QRect(x, y, right - x, h), Qt.AlignmentFlag.AlignVCenter, f"+{rest + 1}"
                    )
                    break
                w = max(right - x - more_w, 24)  # the first label is elided to fit
                name = fm.elidedText(name, Qt.TextElideMode.ElideRight, w - 10)
            rect = QRect(x, y, w, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colors.chip_bg)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(self.colors.chip_fg)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
            x += w + 4
            if x >= right - more_w and rest:
                painter.setPen(opt.palette.color(opt.palette.ColorRole.Text))
                painter.drawText(
                    QRect(x, y, right - x, h), Qt.AlignmentFlag.AlignVCenter, f"+{rest}"
                )
                break
        painter.restore()


class NavigatorPanel(QWidget):
    """Filters and the table of pairs.

    Signals:
        pair_selected(int): the index (in ``Comparison.pairs``) of the selected pair, -1 for none.
        filters_changed(): the set of shown pairs changed.
    """

    pair_selected = Signal(int)
    filters_changed = Signal()

    def __init__(
        self, model: SectionPairsModel, colors: DiffColors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("navigator")
        self.model = model
        self.proxy = PairFilterProxy(self)
        self.proxy.setSourceModel(model)

        self.search = QLineEdit()
        self.search.setObjectName("navigatorSearch")
        self.search.setAccessibleName("Search articles")
        self.search.setPlaceholderText("Search articles (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)

        self.status_button = QToolButton()
        self.status_button.setObjectName("statusFilter")
        self.status_button.setText("Status")
        self.status_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.status_button.setToolTip("Show articles by status")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.status_button)
        self.status_actions: dict[Status, QAction] = {}
        for status in Status:
            action = menu.addAction(status.value.title())
            action.setCheckable(True)
            action.setChecked(status in self.proxy.statuses)
            action.toggled.connect(self._on_status_toggled)
            self.status_actions[status] = action
        self.status_button.setMenu(menu)

        self.category_box = QComboBox()
        self.category_box.setObjectName("categoryFilter")
        self.category_box.setToolTip("Show articles with changes in this category")
        self.category_box.addItem("All categories", "")
        self.category_box.currentIndexChanged.connect(self._on_category_index_changed)

        self.table = row_table("pairTable", "Article pairs", self.proxy, row_height=24)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always shown: a scroll bar that appears once the rows of a result are laid out
        # narrows the table, which repaints it whole twice more (the resize, then the stretched
        # title column) right when the first article is shown (issue 5).
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for col, width in (
            (Column.OLD, 56),
            (Column.NEW, 56),
            (Column.STATUS, 26),
            (Column.FLAGS, 58),
            (Column.CATEGORIES, 130),
            (Column.CHANGES, 62),
        ):
            self.table.setColumnWidth(col, width)
        self.flags_delegate = FlagsDelegate(self.table)
        self.chips_delegate = ChipsDelegate(colors, self.table)
        self.table.setItemDelegateForColumn(Column.FLAGS, self.flags_delegate)
        self.table.setItemDelegateForColumn(Column.CATEGORIES, self.chips_delegate)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_button)
        bar.addWidget(self.category_box)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(bar)
        lay.addWidget(self.table)
        self._search_icon: QAction | None = None
        self.refresh_icons()

    def refresh_icons(self) -> None:
        color = _icon_color(self)
        self.status_button.setIcon(icon("status-modified", color))
        if self._search_icon is None:
            self._search_icon = self.search.addAction(
                icon("find", color), QLineEdit.ActionPosition.LeadingPosition
            )
        else:
            self._search_icon.setIcon(icon("find", color))

    def set_colors(self, colors: DiffColors) -> None:
        self.chips_delegate.colors = colors
        self.table.viewport().update()

    def set_categories(self, categories: list[str]) -> None:
        current = self.proxy.category
        self.category_box.blockSignals(True)
        self.category_box.clear()
        self.category_box.addItem("All categories", "")
        for cat in categories:
            self.category_box.addItem(category_name(cat), cat)
        i = self.category_box.findData(current or "")
        self.category_box.setCurrentIndex(max(i, 0))
        self.category_box.blockSignals(False)

    # -- filters -------------------------------------------------------------------------------
    def set_category(self, category: str | None) -> None:
        i = self.category_box.findData(category or "")
        if i < 0:
            self.category_box.addItem(category_name(category or ""), category)
            i = self.category_box.count() - 1
        self.category_box.setCurrentIndex(i)

    def set_status_visible(self, status: Status, visible: bool) -> None:
        self.status_actions[status].setChecked(visible)

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self.filters_changed.emit()

    def _on_status_toggled(self, _checked: bool) -> None:
        self.proxy.set_statuses([s for s, a in self.status_actions.items() if a.isChecked()])
        self.filters_changed.emit()

    def _on_category_index_changed(self, _i: int) -> None:
        self.proxy.set_category(self.category_box.currentData() or None)
        self.filters_changed.emit()

    # -- selection -----------------------------------------------------------------------------
    def visible_pairs(self) -> list[int]:
        return [self.proxy.index(r, 0).data(PAIR_ROLE) for r in range(self.proxy.rowCount())]

    def current_pair(self) -> int:
        index = self.table.currentIndex()
        return int(index.data(PAIR_ROLE)) if index.isValid() else -1

    def select_pair(self, pair: int) -> bool:
        """Select the row of ``pair``; False if the filters hide it."""
        source = self.model.index(pair, 0)
        proxy_index = self.proxy.mapFromSource(source)
        if not proxy_index.isValid():
            return False
        if self.table.currentIndex().row() != proxy_index.row():
            self.table.setCurrentIndex(proxy_index)
        self.table.scrollTo(proxy_index)
        return True

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.pair_selected.emit(int(current.data(PAIR_ROLE)) if current.isValid() else -1)
