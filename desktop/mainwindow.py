"""The main window: file slots, progress, navigator, diff view, summary and detail docks.

It wires widgets to the :class:`~desktop.controllers.comparison.ComparisonController` and to the
pure helpers in :mod:`cbadiff.navigation`; it computes nothing about the comparison itself.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cbadiff.model import Change, Comparison
from cbadiff.navigation import ChangeIndex, ChangeRef, category_counts, counts_as_substantive
from cbadiff.store.project import PROJECT_SUFFIX
from desktop.categories import category_name
from desktop.controllers.comparison import CompareFn, ComparisonController
from desktop.icons import icon
from desktop.models.section_pairs import UNCATEGORISED, SectionPairsModel
from desktop.project_actions import ProjectActions
from desktop.settings_values import setting_bool, setting_int, setting_str_list
from desktop.theme import Theme, apply_theme, diff_colors
from desktop.views.comparison_view import ComparisonView
from desktop.views.detail_panel import DetailPanel
from desktop.views.document_render import CosmeticMode, RenderStyle
from desktop.views.file_slot import SUFFIXES, FileSlot, dropped_files
from desktop.views.navigator import NavigatorPanel
from desktop.views.summary_chart import SummaryChart

log = logging.getLogger(__name__)

APP_NAME = "CBA Diff"
ORGANISATION = "CBA Diff"
MAX_RECENT = 8
DEFAULT_FONT_SIZE = 11
#: The first article is shown this long after a result arrives: the window paints the navigator
#: and the summary in between (a real timer, so other timers such as animations run too).
FIRST_PAIR_DELAY_MS = 15
KNOWN_REASONS = ("whitespace", "quotes and dashes", "hyphenation")
STANDARD_FALLBACK = {
    QKeySequence.StandardKey.Open: "Ctrl+O",
    QKeySequence.StandardKey.Find: "Ctrl+F",
    QKeySequence.StandardKey.Quit: "Ctrl+Q",
    QKeySequence.StandardKey.ZoomIn: "Ctrl++",
    QKeySequence.StandardKey.ZoomOut: "Ctrl+-",
}
FILE_FILTER = "Agreements (*.pdf *.docx *.txt);;All files (*)"


class MessageBar(QFrame):
    """An inline message (a reader's error) with a Dismiss button; the window stays usable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = QLabel()
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton("Dismiss")
        close.setObjectName("messageDismiss")
        close.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.label, 1)
        lay.addWidget(close)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        """Show ``text``; ``kind`` "error" (a failure) or "info" (a reader's notice)."""
        self.label.setText(text)
        self.setProperty("kind", kind)
        for widget in (self, self.label):  # the label's colour depends on the bar's kind
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.show()


class MainWindow(QMainWindow):
    """Signals:
    pair_shown(int, float): a pair was rendered and shown, and how long that took (seconds).
    """

    pair_shown = Signal(int, float)

    def __init__(
        self,
        settings: QSettings | None = None,
        compare_fn: CompareFn | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings or QSettings(ORGANISATION, APP_NAME)
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.theme = Theme(str(self.settings.value("theme", Theme.LIGHT.value)))
        if self.theme not in (Theme.LIGHT, Theme.DARK):
            self.theme = Theme.LIGHT
        self.font_size = setting_int(
            self.settings.value("font_size", DEFAULT_FONT_SIZE), DEFAULT_FONT_SIZE
        )
        self.also_substantive = frozenset(
            setting_str_list(self.settings.value("also_substantive", []))
        )
        hide_cosmetic = setting_bool(self.settings.value("hide_cosmetic", False))
        self.cosmetic_mode = CosmeticMode.HIDDEN if hide_cosmetic else CosmeticMode.MUTED
        self.colors = diff_colors(self.theme)

        self.controller = ComparisonController(self, compare_fn)
        self.model = SectionPairsModel(self)
        self.model.set_also_substantive(self.also_substantive)
        self.change_index = ChangeIndex([])
        self.nav_cursor: tuple[int, int | None] = (-1, None)  # (pair, change index in the pair)

        self._build_header()
        self.view = ComparisonView(self._render_style())
        self.setCentralWidget(self._central())
        self._build_docks()
        self._build_actions()
        self._build_menus_and_toolbar()
        self.position_label = QLabel()
        self.position_label.setObjectName("changePosition")
        self.statusBar().addPermanentWidget(self.position_label)

        self.controller.running_changed.connect(self._on_controller_running_changed)
        self.controller.progress_changed.connect(self._on_controller_progress_changed)
        self.controller.comparison_ready.connect(self._on_controller_comparison_ready)
        self.controller.failed.connect(self._on_controller_failed)
        self.controller.password_needed.connect(self._on_controller_password_needed)
        self.controller.cancelled.connect(self._on_controller_cancelled)
        self.navigator.pair_selected.connect(self._on_navigator_pair_selected)
        self.navigator.filters_changed.connect(self._on_navigator_filters_changed)
        self.navigator.table.activated.connect(
            lambda _i: self.view.primary_pane().setFocus(Qt.FocusReason.OtherFocusReason)
        )
        self.view.change_clicked.connect(self._on_view_change_clicked)
        self.summary.category_clicked.connect(self._on_summary_category_clicked)
        # Projects and annotations: File menu actions, Edit ▸ Undo/Redo, the annotations dock.
        self.projects = ProjectActions(self)

        self._restore_window()
        self._apply_theme()
        self._update_actions()

    # -- construction --------------------------------------------------------------------------
    def _build_header(self) -> None:
        self.old_slot = FileSlot("Expired agreement")
        self.new_slot = FileSlot("Proposed agreement")
        self.old_slot.setObjectName("fileSlot")
        self.old_slot.browse_requested.connect(lambda: self.action_browse("old"))
        self.new_slot.browse_requested.connect(lambda: self.action_browse("new"))
        self.old_slot.file_dropped.connect(lambda p: self.set_file("old", Path(p)))
        self.new_slot.file_dropped.connect(lambda p: self.set_file("new", Path(p)))
        self.compare_button = QPushButton("Compare")
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setToolTip("Compare the two agreements (F5)")
        self.compare_button.clicked.connect(self.action_compare)
        self.progress = QProgressBar()
        self.progress.setObjectName("progressBar")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p%")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setToolTip("Stop the comparison (Esc)")
        self.cancel_button.clicked.connect(self.action_cancel)
        self.message_bar = MessageBar()

        slots = QHBoxLayout()
        slots.addWidget(self.old_slot, 1)
        arrow = QLabel("→")
        arrow.setAccessibleName("compared with")
        slots.addWidget(arrow)
        slots.addWidget(self.new_slot, 1)
        slots.addWidget(self.compare_button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label, 1)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_row = QWidget()
        self.progress_row.setObjectName("progressRow")
        self.progress_row.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)
        self.progress_row.hide()
        self.header = QWidget()
        self.header.setObjectName("header")
        lay = QVBoxLayout(self.header)
        lay.setContentsMargins(6, 6, 6, 2)
        lay.setSpacing(4)
        lay.addLayout(slots)
        lay.addWidget(self.progress_row)
        lay.addWidget(self.message_bar)

    def _central(self) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addWidget(self.view, 1)
        return box

    def _build_docks(self) -> None:
        self.navigator = NavigatorPanel(self.model, self.colors)
        self.summary = SummaryChart(self.colors)
        self.detail = DetailPanel()
        self.summary.setAccessibleName("Changes by category; press Space to filter by one")
        self.detail.setAccessibleName("Details of the current change")
        self.navigator_dock = self._dock("Articles", "navigatorDock", self.navigator)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.summary)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.summary_dock = self._dock("Changes by category", "summaryDock", scroll)
        self.detail_dock = self._dock("Change details", "detailDock", self.detail)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.addDockWidget(left, self.navigator_dock)
        self.addDockWidget(left, self.summary_dock)
        self.splitDockWidget(self.navigator_dock, self.summary_dock, Qt.Orientation.Vertical)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail_dock)
        self.resizeDocks([self.navigator_dock], [540], Qt.Orientation.Horizontal)
        self.resizeDocks([self.detail_dock], [250], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.navigator_dock, self.summary_dock], [420, 200], Qt.Orientation.Vertical
        )

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        checkable: bool = False,
        name: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if isinstance(shortcut, QKeySequence.StandardKey):
            # Some platforms (offscreen, minimal desktops) bind nothing to a standard key:
            # fall back to the usual binding so Ctrl+O, Ctrl+F and Ctrl+Q always work.
            bindings = QKeySequence.keyBindings(shortcut) or [
                QKeySequence(STANDARD_FALLBACK[shortcut])
            ]
            action.setShortcuts(bindings)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.open_action = self._action(
            "&Open Agreements…",
            self.action_open,
            std.Open,
            name="openAction",
            tip="Choose the expired and then the proposed agreement",
        )
        self.open_old_action = self._action(
            "Open &Expired…", lambda: self.action_browse("old"), "Ctrl+1", name="openOldAction"
        )
        self.open_new_action = self._action(
            "Open &Proposed…", lambda: self.action_browse("new"), "Ctrl+2", name="openNewAction"
        )
        self.compare_action = self._action(
            "&Compare",
            self.action_compare,
            "F5",
            name="compareAction",
            tip="Compare the two agreements again",
        )
        self.cancel_action = self._action(
            "C&ancel Comparison", self.action_cancel, "Esc", name="cancelAction"
        )
        self.quit_action = self._action("&Quit", self.close, std.Quit, name="quitAction")
        self.find_action = self._action(
            "&Find Article…",
            self.action_find,
            std.Find,
            name="findAction",
            tip="Search articles by number, title or text",
        )
        self.next_action = self._action(
            "&Next Change",
            self.action_next_change,
            "F7",
            name="nextChangeAction",
            tip="Go to the next change (F7)",
        )
        self.previous_action = self._action(
            "&Previous Change",
            self.action_previous_change,
            "Shift+F7",
            name="previousChangeAction",
            tip="Go to the previous change (Shift+F7)",
        )
        self.next_article_action = self._action(
            "Next &Article",
            lambda: self.action_step_article(1),
            "Alt+Down",
            name="nextArticleAction",
        )
        self.previous_article_action = self._action(
            "Previous A&rticle",
            lambda: self.action_step_article(-1),
            "Alt+Up",
            name="previousArticleAction",
        )
        self.inline_action = self._action(
            "&Inline Redline",
            self.action_set_inline,
            "Ctrl+I",
            checkable=True,
            name="inlineAction",
            tip="Show one inline redline column instead of two panes",
        )
        self.hide_cosmetic_action = self._action(
            "&Hide Cosmetic Changes",
            self.action_set_hide_cosmetic,
            "Ctrl+H",
            checkable=True,
            name="hideCosmeticAction",
            tip="Hide non-substantive changes instead of showing them muted",
        )
        self.show_unchanged_action = self._action(
            "Show &Unchanged Articles",
            self.action_set_show_unchanged,
            "Ctrl+U",
            checkable=True,
            name="showUnchangedAction",
        )
        self.dark_action = self._action(
            "&Dark Theme",
            self.action_set_dark,
            "Ctrl+Shift+D",
            checkable=True,
            name="darkAction",
        )
        self.bigger_action = self._action(
            "&Larger Text", lambda: self.action_font_step(1), std.ZoomIn, name="biggerAction"
        )
        self.smaller_action = self._action(
            "&Smaller Text", lambda: self.action_font_step(-1), std.ZoomOut, name="smallerAction"
        )
        self.reset_font_action = self._action(
            "&Reset Text Size", lambda: self.action_font_step(0), "Ctrl+0", name="resetFontAction"
        )
        self.about_action = self._action("&About CBA Diff", self.action_about, name="aboutAction")
        self.shortcuts_action = self._action(
            "&Keyboard Shortcuts", self.action_shortcuts, "F1", name="shortcutsAction"
        )
        self.hide_cosmetic_action.blockSignals(True)
        self.hide_cosmetic_action.setChecked(self.cosmetic_mode is CosmeticMode.HIDDEN)
        self.hide_cosmetic_action.blockSignals(False)
        self.dark_action.blockSignals(True)
        self.dark_action.setChecked(self.theme is Theme.DARK)
        self.dark_action.blockSignals(False)

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_old_action)
        file_menu.addAction(self.open_new_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.compare_action)
        file_menu.addAction(self.cancel_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu("&View")
        for action in (self.inline_action, self.hide_cosmetic_action, self.show_unchanged_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for action in (self.bigger_action, self.smaller_action, self.reset_font_action):
            view_menu.addAction(action)
        view_menu.addAction(self.dark_action)
        view_menu.addSeparator()
        for dock in (self.navigator_dock, self.summary_dock, self.detail_dock):
            view_menu.addAction(dock.toggleViewAction())
        go_menu = bar.addMenu("&Go")
        for action in (
            self.next_action,
            self.previous_action,
            self.next_article_action,
            self.previous_article_action,
            self.find_action,
        ):
            go_menu.addAction(action)
        settings_menu = bar.addMenu("&Settings")
        self.substantive_menu = QMenu("Also Count as &Substantive", self)
        self.substantive_menu.setObjectName("substantiveMenu")
        self.substantive_menu.aboutToShow.connect(self._fill_substantive_menu)
        settings_menu.addMenu(self.substantive_menu)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.open_action, self.compare_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.previous_action, self.next_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.inline_action, self.hide_cosmetic_action):
            self.toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    # -- settings ------------------------------------------------------------------------------
    def _render_style(self) -> RenderStyle:
        font = QFont(QApplication.font())
        font.setPointSize(self.font_size)
        return RenderStyle(self.colors, font, self.cosmetic_mode, self.also_substantive)

    def _first_run_size(self) -> QSize:
        """1400 x 860, or most of a smaller screen: every panel keeps room to be read."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return QSize(1400, 860)
        area = screen.availableGeometry()
        return QSize(min(1400, int(area.width() * 0.95)), min(860, int(area.height() * 0.92)))

    def _restore_window(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(self._first_run_size())
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        inline = setting_bool(self.settings.value("inline", False))
        self.inline_action.setChecked(inline)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        s.setValue("window_state", self.saveState())
        s.setValue("theme", self.theme.value)
        s.setValue("font_size", self.font_size)
        s.setValue("also_substantive", sorted(self.also_substantive))
        s.setValue("hide_cosmetic", self.cosmetic_mode is CosmeticMode.HIDDEN)
        s.setValue("inline", self.view.inline)
        s.sync()

    def recent_pairs(self) -> list[tuple[str, str]]:
        out = []
        for item in setting_str_list(self.settings.value("recent", [])):
            old, sep, new = item.partition("\n")
            if sep:
                out.append((old, new))
        return out

    def _remember_recent(self, old: Path, new: Path) -> None:
        entry = f"{old}\n{new}"
        items = [i for i in setting_str_list(self.settings.value("recent", [])) if i != entry]
        self.settings.setValue("recent", [entry, *items][:MAX_RECENT])
        self.settings.setValue("last_dir", str(new.parent))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        pairs = self.recent_pairs()
        if not pairs:
            self.recent_menu.addAction("(none)").setEnabled(False)
        for old, new in pairs:
            action = self.recent_menu.addAction(f"{Path(old).name}  →  {Path(new).name}")
            action.setToolTip(f"{old}\n{new}")
            action.triggered.connect(lambda _c=False, o=old, n=new: self.open_files(o, n))

    def _fill_substantive_menu(self) -> None:
        self.substantive_menu.clear()
        reasons = set(KNOWN_REASONS) | set(self.also_substantive)
        comparison = self.controller.comparison
        if comparison is not None:
            reasons |= {c.reason for _p, c in comparison.all_changes() if c.reason}
        for reason in sorted(reasons):
            action = self.substantive_menu.addAction(reason.capitalize())
            action.setCheckable(True)
            action.setChecked(reason in self.also_substantive)
            action.toggled.connect(lambda on, r=reason: self.set_also_substantive(r, on))

    def set_also_substantive(self, reason: str, on: bool) -> None:
        """Count cosmetic changes with ``reason`` as substantive (or stop doing so)."""
        reasons = set(self.also_substantive)
        (reasons.add if on else reasons.discard)(reason)
        self.also_substantive = frozenset(reasons)
        self.settings.setValue("also_substantive", sorted(self.also_substantive))
        self.model.set_also_substantive(self.also_substantive)
        self._restyle()

    # -- opening and comparing -----------------------------------------------------------------
    def ask_file(self, title: str) -> str:
        """A file dialog; separate so that tests can replace it."""
        start = str(self.settings.value("last_dir", ""))
        path, _ = QFileDialog.getOpenFileName(self, title, start, FILE_FILTER)
        return path

    def action_open(self) -> None:
        old = self.ask_file("Open the expired agreement")
        if not old:
            return
        new = self.ask_file("Open the proposed agreement")
        if new:
            self.open_files(old, new)

    def action_browse(self, side: str) -> None:
        which = "expired" if side == "old" else "proposed"
        path = self.ask_file(f"Open the {which} agreement")
        if path:
            self.set_file(side, Path(path))

    def set_file(self, side: str, path: Path) -> None:
        """Put ``path`` in a slot; compare as soon as both slots hold a file."""
        (self.old_slot if side == "old" else self.new_slot).set_path(path)
        self._update_actions()
        if self.old_slot.path is not None and self.new_slot.path is not None:
            self.action_compare()

    def open_files(self, old: str | Path, new: str | Path) -> None:
        """Open both agreements and start comparing them."""
        self.old_slot.set_path(Path(old))
        self.new_slot.set_path(Path(new))
        self.action_compare()

    def action_compare(self) -> None:
        old, new = self.old_slot.path, self.new_slot.path
        if old is None or new is None:
            self.message_bar.show_message(
                "Choose both agreements first: the expired one on the left, the proposed one "
                "on the right."
            )
            return
        self.message_bar.hide()
        self.setWindowTitle(f"{APP_NAME} — {old.name} → {new.name}")
        self.controller.compare(old, new)

    def action_cancel(self) -> None:
        if self.controller.running:
            self.progress_label.setText("Cancelling…")
            self.controller.cancel()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Two files dropped on the window: the first is the expired, the second the proposed.
        A project file (.cbadiff) dropped on the window is opened as a project."""
        projects = [f for f in dropped_files(event) if f.suffix.lower() == PROJECT_SUFFIX]
        if projects:
            event.acceptProposedAction()
            self.projects.open_project(projects[0])
            return
        files = [f for f in dropped_files(event) if f.suffix.lower() in SUFFIXES or f.is_file()]
        if len(files) >= 2:
            event.acceptProposedAction()
            self.open_files(files[0], files[1])
        elif len(files) == 1:
            event.acceptProposedAction()
            side = "old" if event.position().x() < self.width() / 2 else "new"
            self.set_file(side, files[0])

    # -- controller signals --------------------------------------------------------------------
    def _on_controller_running_changed(self, running: bool) -> None:
        self.progress_row.setVisible(running)
        if running:
            self.progress.setValue(0)
            self.progress_label.setText("Starting…")
            self.statusBar().showMessage("Comparing…")
        self._update_actions()

    def _on_controller_progress_changed(self, fraction: float, message: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        self.progress_label.setText(message)

    def _on_controller_comparison_ready(self, comparison: Comparison) -> None:
        started = time.perf_counter()
        self.model.set_comparison(comparison)
        self.view.set_sources(
            Path(comparison.old.source.path).name, Path(comparison.new.source.path).name
        )
        counts = category_counts(comparison.pairs)
        self.navigator.set_categories([c for c, _n in counts])
        # Lay the rows out now, for the paint that follows: left to the view's delayed layout,
        # it ran with the first article's event and repainted the whole table again then.
        self.navigator.table.doItemsLayout()
        self._update_summary()
        self._rebuild_change_index()
        self.nav_cursor = (-1, None)
        self.detail.show_nothing()
        old, new = self.controller.old_path, self.controller.new_path
        if old and new:
            self._remember_recent(old, new)
        notices = []
        for agreement in (comparison.old, comparison.new):
            name = Path(agreement.source.path).name
            notices += [n if name in n else f"{name}: {n}" for n in agreement.notices]
        if notices:  # what the readers want the reader to know, e.g. tracked changes accepted
            self.message_bar.show_message("\n".join(notices), "info")
        n_changes = sum(len(p.changes) for p in comparison.pairs)
        self.statusBar().showMessage(
            f"{len(comparison.pairs)} article pairs, {n_changes} changes", 10000
        )
        self.view.clear("Select an article.")
        # Show the first article in a later event, so that the navigator and the summary are
        # painted first and no single event holds the GUI thread for long. Not a zero timer: in
        # Qt 6 that is a posted event, handled in the same batch as the paint it should follow,
        # so the result, its paint, the first article and its paint were one 100+ ms stall.
        QTimer.singleShot(FIRST_PAIR_DELAY_MS, self._select_first_pair)
        log.debug("result shown in %.3f s", time.perf_counter() - started)
        self._update_actions()

    def _select_first_pair(self) -> None:
        if self.navigator.current_pair() >= 0 or self.model.comparison is None:
            return
        visible = self.navigator.visible_pairs()
        if visible:
            self.navigator.select_pair(visible[0])
        else:
            self.view.clear("No articles differ. Show unchanged articles to browse them.")

    def _on_controller_failed(self, message: str) -> None:
        self.message_bar.show_message(message)
        self.statusBar().showMessage("The comparison failed.", 10000)

    def ask_password(self, path: Path, wrong: bool) -> str | None:
        """Ask for a PDF's password; separate so that tests can replace it."""
        prompt = (
            f"The password for {path.name} is wrong. Enter it again:"
            if wrong
            else f"{path.name} is password protected. Enter its password:"
        )
        text, ok = QInputDialog.getText(
            self, "Password needed", prompt, QLineEdit.EchoMode.Password
        )
        return text if ok and text else None

    def _on_controller_password_needed(self, path: str, wrong: bool) -> None:
        password = self.ask_password(Path(path), wrong)
        if password is None:
            self.message_bar.show_message(
                f"{Path(path).name}: is encrypted (password protected). Open it again and enter "
                "its password, or save an unprotected copy from your PDF reader."
            )
            self.statusBar().showMessage("The comparison needs a password.", 10000)
            return
        self.controller.retry_with_password(path, password)

    def _on_controller_cancelled(self) -> None:
        self.statusBar().showMessage("Comparison cancelled.", 10000)

    # -- navigation ----------------------------------------------------------------------------
    def _change_visible(self, change: Change) -> bool:
        """Whether next/previous change stops at ``change``: cosmetic changes only when they
        are shown, and only changes in the category the reader filtered on."""
        category = self.navigator.proxy.category
        if category == UNCATEGORISED:
            if change.categories:
                return False
        elif category is not None and category not in change.categories:
            return False
        if self.cosmetic_mode is CosmeticMode.MUTED:
            return True
        return counts_as_substantive(change, self.also_substantive)

    def _rebuild_change_index(self) -> None:
        comparison = self.model.comparison
        if comparison is None:
            self.change_index = ChangeIndex([])
        else:
            self.change_index = ChangeIndex.build(
                comparison.pairs,
                pair_visible=self.navigator.proxy.accepts_pair,
                change_visible=self._change_visible,
            )
        self._update_actions()

    def _update_summary(self) -> None:
        comparison = self.model.comparison
        if comparison is None:
            self.summary.set_counts([])
            return
        counts = category_counts(
            comparison.pairs,
            change_visible=lambda c: counts_as_substantive(c, self.also_substantive),
            uncategorised=UNCATEGORISED,
        )
        rows = [(cid, category_name(cid), n) for cid, n in counts if cid != UNCATEGORISED]
        rows += [(cid, "Uncategorised", n) for cid, n in counts if cid == UNCATEGORISED]
        self.summary.set_counts(rows)

    def _on_navigator_filters_changed(self) -> None:
        self._rebuild_change_index()
        pair = self.navigator.current_pair()
        if pair < 0:
            visible = self.navigator.visible_pairs()
            if visible:
                self.navigator.select_pair(visible[0])
            else:
                self.view.clear("No article matches the filters.")
                self.detail.show_nothing()

    def _on_navigator_pair_selected(self, pair: int) -> None:
        if pair < 0 or self.model.comparison is None:
            return
        if (
            self.view.pair is not None
            and self.nav_cursor[0] == pair
            and self.view.pair is self.model.pair(pair)
        ):
            return
        started = time.perf_counter()
        p = self.model.pair(pair)
        self.view.show_pair(p, self.model.old_units(p), self.model.new_units(p))
        self.nav_cursor = (pair, None)
        self.detail.show_pair(p, self._pair_title(pair), self.model.substantive_count(pair))
        self._show_position()
        self._update_actions()
        self.pair_shown.emit(pair, time.perf_counter() - started)

    def _pair_title(self, pair: int) -> str:
        p = self.model.pair(pair)
        old, new = self.model.numbers(p, "old"), self.model.numbers(p, "new")
        number = new if old == new else f"{old} → {new}"
        title = self.model.title(p)
        return number if title.casefold() == number.casefold() else f"{number}  {title}"

    def go_to(self, ref: ChangeRef) -> None:
        """Select ``ref``'s pair (if needed) and its change."""
        if self.nav_cursor[0] != ref.pair or self.view.pair is None:
            if not self.navigator.select_pair(ref.pair):
                return
            if self.nav_cursor[0] != ref.pair:  # the view was already on this row: show it now
                self._on_navigator_pair_selected(ref.pair)
        pair = self.model.pair(ref.pair)
        change = pair.changes[ref.change]
        self.nav_cursor = (ref.pair, ref.change)
        self.view.go_to_change(change.id)
        self._show_change_detail(ref)
        self._update_actions()

    def _show_change_detail(self, ref: ChangeRef) -> None:
        change = self.model.pair(ref.pair).changes[ref.change]
        self.detail.show_change(change, self._position_text(ref), self.also_substantive)
        self._show_position()

    def _position_text(self, ref: ChangeRef) -> str:
        pos = self.change_index.position(ref)
        if pos is None:
            return f"change {ref.change + 1} of this article"
        return f"change {pos + 1} of {len(self.change_index)}"

    def _show_position(self) -> None:
        pair, change = self.nav_cursor
        if pair < 0 or change is None:
            self.position_label.setText(f"{len(self.change_index)} changes")
            return
        c = self.model.pair(pair).changes[change]
        text = self._position_text(ChangeRef(pair, change)).capitalize()
        self.position_label.setText(
            f"{text} · expired p. {c.old_page or '—'} · proposed p. {c.new_page or '—'}"
        )

    def action_next_change(self) -> None:
        pair, change = self.nav_cursor
        ref = self.change_index.next(pair, change)
        if ref is not None:
            self.go_to(ref)

    def action_previous_change(self) -> None:
        pair, change = self.nav_cursor
        if pair < 0:
            return
        ref = self.change_index.previous(pair, change)
        if ref is not None:
            self.go_to(ref)

    def action_step_article(self, step: int) -> None:
        visible = self.navigator.visible_pairs()
        if not visible:
            return
        current = self.navigator.current_pair()
        i = visible.index(current) + step if current in visible else 0
        self.navigator.select_pair(visible[max(0, min(i, len(visible) - 1))])

    def _on_view_change_clicked(self, change_id: str) -> None:
        pair = self.nav_cursor[0]
        if pair < 0:
            return
        for i, change in enumerate(self.model.pair(pair).changes):
            if change.id == change_id:
                self.go_to(ChangeRef(pair, i))
                return

    def _on_summary_category_clicked(self, category: str) -> None:
        self.navigator.set_category(category or None)
        self.summary.set_selected(category or None)

    def action_find(self) -> None:
        self.navigator_dock.show()
        self.navigator.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.navigator.search.selectAll()

    # -- view options --------------------------------------------------------------------------
    def action_set_inline(self, inline: bool) -> None:
        self.view.set_inline(inline)
        self.settings.setValue("inline", inline)
        self._update_actions()

    def action_set_hide_cosmetic(self, hide: bool) -> None:
        self.cosmetic_mode = CosmeticMode.HIDDEN if hide else CosmeticMode.MUTED
        self.settings.setValue("hide_cosmetic", hide)
        self._restyle()

    def action_set_show_unchanged(self, show: bool) -> None:
        from cbadiff.model import Status

        self.navigator.set_status_visible(Status.UNCHANGED, show)

    def action_set_dark(self, dark: bool) -> None:
        self.theme = Theme.DARK if dark else Theme.LIGHT
        self.settings.setValue("theme", self.theme.value)
        self._apply_theme()

    def action_font_step(self, step: int) -> None:
        self.font_size = DEFAULT_FONT_SIZE if step == 0 else max(7, min(32, self.font_size + step))
        self.settings.setValue("font_size", self.font_size)
        self._restyle()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(action, keys) for every action that has a shortcut, in menu order."""
        rows = []
        for action in self.actions():
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            if keys:
                rows.append((action.text().replace("&", "").rstrip("…"), keys))
        return rows

    def action_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td>{name}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>"
            for name, keys in self.shortcut_rows()
        )
        extra = (
            "<tr><td>Move between articles in the list</td><td>&nbsp;&nbsp;<b>Up, Down</b></td></tr>"
            "<tr><td>Filter by a category in the summary</td><td>&nbsp;&nbsp;<b>Space</b></td></tr>"
        )
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setText(f"<table>{rows}{extra}</table>")
        box.setObjectName("shortcutsDialog")
        box.open()

    def action_about(self) -> None:
        QMessageBox.about(
            self,
            "About CBA Diff",
            "<b>CBA Diff</b><p>Compares an expired and a proposed collective bargaining "
            "agreement, article by article, offline. Insertions are blue and underlined, "
            "deletions vermillion and struck through.</p>",
        )

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme)
        self.colors = diff_colors(self.theme)
        self.summary.set_colors(self.colors)
        self.navigator.set_colors(self.colors)
        self.navigator.refresh_icons()
        color = self.palette().color(self.foregroundRole()).name()
        for action, name in (
            (self.open_action, "open"),
            (self.compare_action, "compare"),
            (self.next_action, "next"),
            (self.previous_action, "previous"),
            (self.inline_action, "inline"),
            (self.hide_cosmetic_action, "cosmetic"),
            (self.cancel_action, "cancel"),
            (self.dark_action, "theme"),
            (self.find_action, "find"),
        ):
            action.setIcon(icon(name, color))
        self._restyle()

    def _restyle(self) -> None:
        cursor = self.nav_cursor
        self.view.set_style(self._render_style())
        self._update_summary()
        self._rebuild_change_index()
        pair, change = cursor
        if pair >= 0 and change is not None:
            ref = ChangeRef(pair, change)
            if ref in self.change_index:
                self.view.go_to_change(self.model.pair(pair).changes[change].id)
            else:
                self.nav_cursor = (pair, None)
                self.view.go_to_change(None)
        self._show_position()

    def _update_actions(self) -> None:
        running = self.controller.running
        both = self.old_slot.path is not None and self.new_slot.path is not None
        self.compare_action.setEnabled(both and not running)
        self.compare_button.setEnabled(both and not running)
        self.cancel_action.setEnabled(running)
        pair, change = self.nav_cursor
        self.next_action.setEnabled(self.change_index.next(pair, change) is not None)
        self.previous_action.setEnabled(
            pair >= 0 and self.change_index.previous(pair, change) is not None
        )

    # -- closing -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.controller.shutdown()
        super().closeEvent(event)


__all__ = ["APP_NAME", "ORGANISATION", "MainWindow"]
