"""Projects and annotations in the main window: File menu actions, Edit ▸ Undo/Redo, the
annotations dock, the navigator count and the diff view marker.

Kept out of ``mainwindow.py`` so that the window only creates one :class:`ProjectActions`; this
class wires the :class:`~desktop.controllers.project.ProjectController` to the window's widgets
and asks the questions (file dialogs, a missing source, the read-only warning) through methods
that tests replace.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu

from cbadiff.annotations import Annotation
from cbadiff.errors import ProjectError
from cbadiff.model import Comparison
from cbadiff.navigation import ChangeRef
from cbadiff.store import SourceProblem
from desktop.controllers.project import AUTHOR_KEY, ProjectController
from desktop.dialogs.project import LocateAnswer, ask_locate, ask_project_path, warn_read_only
from desktop.settings_values import setting_bool, setting_str_list
from desktop.views.annotation_panel import AnnotationPanel
from desktop.workers import JobRunner
from parsers.progress import CancelToken, ProgressFn

if TYPE_CHECKING:
    from desktop.mainwindow import MainWindow

log = logging.getLogger(__name__)

EXPORT_KINDS = {
    # filter text: (write_exports keyword, suffix, audience)
    "Redline with tracked changes (*.docx)": ("docx", ".docx", "internal"),
    "Member summary, Word (*.docx)": ("summary_docx", ".docx", "members"),
    "Member summary, PDF (*.pdf)": ("pdf", ".pdf", "members"),
    "Web page (*.html)": ("html", ".html", "internal"),
}


EMBED_KEY = "embed_files"  # QSettings: new projects keep copies of both agreements
RECENT_PROJECTS_KEY = "recent_projects"  # QSettings: project paths, most recent first
MAX_RECENT_PROJECTS = 8


class ProjectActions(QObject):
    """Everything about project files and annotations that the main window shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = ProjectController(window.controller, window.settings, self)
        self.controller.compare_files = window.open_files
        self.undo_stack = self.controller.undo_stack
        # Exports run in their own runner: a project job (a re-anchoring) must not be
        # superseded by one, as the runner keeps only the latest job's result.
        self.export_runner = JobRunner(self)
        self.export_runner.finished.connect(self._on_export_finished)
        self.export_runner.failed.connect(self._on_export_failed)
        self.export_runner.cancelled.connect(self._update_actions)
        self._export_target = Path()
        self._read_only_message = ""
        self.panel = AnnotationPanel(window)
        self.panel.setAccessibleName("Annotations")
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        # A tab beside the change details: stacked under them, the panel's form widened the right
        # column until the navigator's titles no longer fit on a laptop screen.
        window.tabifyDockWidget(window.detail_dock, self.panel)
        window.detail_dock.raise_()
        window.resizeDocks([window.navigator_dock], [540], Qt.Orientation.Horizontal)
        window.resizeDocks([window.detail_dock], [280], Qt.Orientation.Horizontal)
        self._build_actions()
        self._build_menus()

        c = self.controller
        c.annotations_changed.connect(self._on_annotations_changed)
        c.project_changed.connect(self._on_project_changed)
        c.read_only.connect(self._on_read_only)
        c.sources_problem.connect(self._on_sources_problem)
        c.failed.connect(self._on_failed)
        c.busy_changed.connect(lambda _b: self._update_actions())
        self.panel.add_requested.connect(self._on_add_requested)
        self.panel.save_requested.connect(self._on_save_requested)
        self.panel.delete_requested.connect(self._on_delete_requested)
        self.panel.jump_requested.connect(self.go_to_annotation)
        self._jumping = False
        window.pair_shown.connect(lambda _p, _s: self._on_navigated())
        window.view.change_clicked.connect(lambda _c: self._on_navigated())
        for action in (window.next_action, window.previous_action):
            action.triggered.connect(self._on_navigated)
        window.controller.comparison_ready.connect(lambda _c: self._update_actions())
        window.installEventFilter(self)
        self._on_project_changed(None)

    # -- construction ----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        std = QKeySequence.StandardKey
        self.new_project_action = w._action(
            "&New Project…",
            self.action_new_project,
            "Ctrl+N",
            name="newProjectAction",
            tip="Keep this comparison and its annotations in a new project file",
        )
        self.new_project_action.setShortcuts(
            QKeySequence.keyBindings(std.New) or [QKeySequence("Ctrl+N")]
        )
        self.open_project_action = w._action(
            "Open Pro&ject…",
            self.action_open_project,
            "Ctrl+Shift+O",
            name="openProjectAction",
            tip="Open a project: its agreements are compared and its annotations put back",
        )
        self.save_as_action = w._action(
            "Save Project &As…",
            self.action_save_as,
            "Ctrl+Shift+S",
            name="saveProjectAsAction",
            tip="Copy the project to a new file and carry on in the copy",
        )
        self.save_as_action.setShortcuts(
            QKeySequence.keyBindings(std.SaveAs) or [QKeySequence("Ctrl+Shift+S")]
        )
        self.close_project_action = w._action(
            "Close Project", self.controller.close_project, name="closeProjectAction"
        )
        self.new_draft_action = w._action(
            "Compare a New &Draft…",
            self.action_new_draft,
            name="newDraftAction",
            tip="Compare the expired agreement with the other side's new draft; annotations move",
        )
        self.export_action = w._action(
            "&Export…",
            self.action_export,
            "Ctrl+E",
            name="exportAction",
            tip="Write a redline DOCX, a member summary (DOCX or PDF) or a web page",
        )
        self.author_action = w._action(
            "Reviewer &Name…",
            self.action_author,
            name="authorAction",
            tip="The name your new annotations carry (your login name until you set one)",
        )
        self.statuses_action = w._action(
            "Annotation &Statuses…",
            self.action_statuses,
            name="statusesAction",
            tip="The statuses this project's annotations can have",
        )
        self.embed_action = w._action(
            "&Keep Copies of the Agreements in New Projects",
            self.action_set_embed,
            checkable=True,
            name="embedAction",
            tip="A project then opens even where the agreement files are missing (larger file)",
        )
        self.embed_action.blockSignals(True)
        self.embed_action.setChecked(setting_bool(w.settings.value(EMBED_KEY, False)))
        self.embed_action.blockSignals(False)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts(
            QKeySequence.keyBindings(std.Undo) or [QKeySequence("Ctrl+Z")]
        )
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            w.addAction(action)

    def _menu(self, title: str) -> QMenu | None:
        for action in self.window.menuBar().actions():
            if action.text() == title and action.menu() is not None:
                menu = action.menu()
                return menu if isinstance(menu, QMenu) else None
        return None

    def _build_menus(self) -> None:
        w = self.window
        self.recent_projects_menu = QMenu("Recent Pro&jects", w)
        self.recent_projects_menu.setObjectName("recentProjectsMenu")
        self.recent_projects_menu.aboutToShow.connect(self.fill_recent_projects_menu)
        file_menu = self._menu("&File")
        if file_menu is not None:
            before = w.compare_action
            file_menu.insertAction(before, self.new_project_action)
            file_menu.insertAction(before, self.open_project_action)
            file_menu.insertMenu(before, self.recent_projects_menu)
            file_menu.insertAction(before, self.save_as_action)
            file_menu.insertAction(before, self.close_project_action)
            file_menu.insertSeparator(before)
            file_menu.insertAction(before, self.new_draft_action)
            file_menu.insertAction(before, self.export_action)
            file_menu.insertSeparator(before)
        settings_menu = self._menu("&Settings")
        if settings_menu is not None:
            settings_menu.addSeparator()
            settings_menu.addAction(self.author_action)
            settings_menu.addAction(self.statuses_action)
            settings_menu.addAction(self.embed_action)
        view_menu = self._menu("&View")
        self.edit_menu = QMenu("&Edit", w)
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        if view_menu is not None:
            w.menuBar().insertMenu(view_menu.menuAction(), self.edit_menu)
            view_menu.addAction(self.panel.toggleViewAction())
        else:
            w.menuBar().addMenu(self.edit_menu)

    # -- questions (tests replace these) ---------------------------------------------------------
    def _start_dir(self) -> str:
        return str(self.window.settings.value("project_dir", "") or "")

    def ask_project_path(self, title: str, *, save: bool) -> Path | None:
        return ask_project_path(self.window, title, self._start_dir(), save=save)

    def ask_locate(self, problem: SourceProblem) -> LocateAnswer | None:
        return ask_locate(self.window, problem)

    def ask_export_path(self) -> tuple[Path, str] | None:
        start = str(self.window.settings.value("last_dir", "") or "")
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Export", start, ";;".join(EXPORT_KINDS)
        )
        return (Path(path), chosen) if path else None

    def warn_read_only(self, message: str) -> None:
        warn_read_only(self.window, message)

    def ask_text(self, title: str, label: str, text: str, *, lines: bool = False) -> str | None:
        if lines:
            value, ok = QInputDialog.getMultiLineText(self.window, title, label, text)
        else:
            value, ok = QInputDialog.getText(
                self.window, title, label, QLineEdit.EchoMode.Normal, text
            )
        return value if ok else None

    # -- actions ---------------------------------------------------------------------------------
    def action_author(self) -> None:
        name = self.ask_text(
            "Reviewer name", "Name on your new annotations:", self.controller.author()
        )
        if name is not None:
            self.window.settings.setValue(AUTHOR_KEY, name.strip())

    def action_set_embed(self, on: bool) -> None:
        self.window.settings.setValue(EMBED_KEY, on)

    def action_statuses(self) -> None:
        """Edit the project's status list, one a line; a line edited in place renames that
        status on every annotation carrying it."""
        project = self.controller.project
        if project is None or project.read_only:
            return
        old = list(project.statuses)
        text = self.ask_text(
            "Annotation statuses",
            "One status a line. Editing a line renames that status on every annotation:",
            "\n".join(old),
            lines=True,
        )
        if text is None:
            return
        new = [line.strip() for line in text.splitlines() if line.strip()]
        try:
            if len(new) == len(old):
                for before, after in zip(old, new, strict=True):
                    if before != after and after not in old:
                        project.rename_status(before, after)
            project.set_statuses(new)
        except (ValueError, ProjectError) as exc:
            self._on_failed(str(exc))
        self.panel.set_statuses(project.statuses)
        self.controller.refresh()

    def action_new_project(self) -> None:
        w = self.window
        old, new = w.controller.old_path, w.controller.new_path
        if old is None or new is None:
            old, new = w.old_slot.path, w.new_slot.path
        if old is None or new is None:
            first = w.ask_file("Open the expired agreement")
            second = w.ask_file("Open the proposed agreement") if first else ""
            if not second:
                return
            old, new = Path(first), Path(second)
        path = self.ask_project_path("New project", save=True)
        if path is not None:
            self._remember_dir(path)
            self.controller.new_project(path, old, new, embed=self.embed_action.isChecked())

    def action_open_project(self) -> None:
        path = self.ask_project_path("Open project", save=False)
        if path is not None:
            self.open_project(path)

    def open_project(self, path: str | Path) -> None:
        self._remember_dir(Path(path))
        self.window.statusBar().showMessage(f"Opening {Path(path).name}…")
        self.controller.open_project(path)

    def action_save_as(self) -> None:
        if self.controller.project is None:
            return
        path = self.ask_project_path("Save project as", save=True)
        if path is not None:
            self._remember_dir(path)
            self.controller.save_as(path)

    def action_new_draft(self) -> None:
        if self.controller.project is None:
            return
        path = self.window.ask_file("Open the new proposed draft")
        if path:
            self.controller.compare_new_draft(path)

    def action_export(self) -> None:
        comparison = self.window.controller.comparison
        if comparison is None:
            self.window.message_bar.show_message("Compare two agreements before exporting.")
            return
        answer = self.ask_export_path()
        if answer is not None:
            self.export(*answer)

    def export(self, path: Path, kind: str) -> None:
        """Write one export (a key of ``EXPORT_KINDS``) with the project's annotations."""
        from cbadiff.export import Audience, ExportOptions, write_exports
        from desktop.categories import lexicon_names

        comparison = self.window.controller.comparison
        if comparison is None:
            return
        keyword, suffix, audience = EXPORT_KINDS[kind]
        target = path if path.suffix else path.with_suffix(suffix)
        annotations = list(self.controller.annotations) if self.controller.shows_project() else []
        options = ExportOptions(
            audience=Audience(audience),
            author=self.controller.author(),
            category_names=dict(lexicon_names()),
        )

        def job(progress: ProgressFn, _cancel: CancelToken) -> list[Path]:
            progress(0.0, f"Writing {target.name}…")
            return write_exports(
                comparison, options=options, annotations=annotations, **{keyword: target}
            )

        self._export_target = target
        self.export_runner.start(job)
        self._update_actions()

    def _on_export_finished(self, _result: object) -> None:
        self.window.statusBar().showMessage(f"Exported {self._export_target}", 10000)
        self._update_actions()

    def _on_export_failed(self, message: str, _expected: bool) -> None:
        self._on_failed(message)
        self._update_actions()

    def _remember_dir(self, path: Path) -> None:
        self.window.settings.setValue("project_dir", str(path.parent))

    # -- recent projects -------------------------------------------------------------------------
    def recent_projects(self) -> list[Path]:
        """Projects opened, created or saved here, most recent first (QSettings)."""
        return [
            Path(p) for p in setting_str_list(self.window.settings.value(RECENT_PROJECTS_KEY, []))
        ]

    def _set_recent_projects(self, paths: list[Path]) -> None:
        self.window.settings.setValue(
            RECENT_PROJECTS_KEY, [str(p) for p in paths[:MAX_RECENT_PROJECTS]]
        )

    def _remember_project(self, path: Path) -> None:
        path = path.resolve()
        self._set_recent_projects([path, *(p for p in self.recent_projects() if p != path)])

    def fill_recent_projects_menu(self) -> None:
        menu = self.recent_projects_menu
        menu.clear()
        paths = self.recent_projects()
        if not paths:
            menu.addAction("(none)").setEnabled(False)
            return
        for path in paths:
            action = menu.addAction(f"{path.name}  —  {path.parent}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_recent_project(p))
        menu.addSeparator()
        menu.addAction("Clear the List", lambda: self._set_recent_projects([]))

    def open_recent_project(self, path: Path) -> None:
        """Open a project from File ▸ Recent Projects; one that is gone leaves the list."""
        if not path.is_file():
            self._set_recent_projects([p for p in self.recent_projects() if p != path])
            self.window.message_bar.show_message(
                f"{path.name}: the project file is no longer at {path.parent}. It was moved, "
                "renamed or deleted; open it where it is now with File ▸ Open Project. It has "
                "been removed from the recent projects."
            )
            return
        self.open_project(path)

    # -- controller signals ----------------------------------------------------------------------
    def _on_project_changed(self, _project: object) -> None:
        project = self.controller.project
        if project is None:
            self.panel.setWindowTitle("Annotations")
            self.panel.set_statuses(())
            self.panel.set_writable(False)
        else:
            suffix = " (read-only)" if project.read_only else ""
            self.panel.setWindowTitle(f"Annotations — {project.path.name}{suffix}")
            self.panel.set_statuses(project.statuses)
            self.panel.set_writable(not project.read_only)
            self.window.statusBar().showMessage(f"Project {project.path}", 10000)
            self._remember_project(project.path)
        self.update_target()
        self._update_actions()

    def _on_annotations_changed(self) -> None:
        c = self.controller
        shown = c.shows_project()
        self.panel.set_annotations(c.annotations, c.comparison if shown else None)
        model = self.window.model
        comparison = model.comparison
        counts: dict[int, int] = {}
        annotated: set[str] = set()
        if shown and comparison is not None:
            for row, pair in enumerate(comparison.pairs):
                n = c.placement.count(pair.id, (ch.id for ch in pair.changes))
                if n:
                    counts[row] = n
            annotated = set(c.placement.by_change)
        model.set_annotation_counts(counts)
        project = c.project
        title = self.window.windowTitle()
        if shown and project is not None and f"[{project.path.name}]" not in title:
            self.window.setWindowTitle(f"{title}  [{project.path.name}]")
        if shown and self._read_only_message:
            self.window.message_bar.show_message(self._read_only_message)
            self._read_only_message = ""
        self.window.view.set_annotated(
            annotated, c.placement.by_change if shown and comparison is not None else {}
        )
        self.update_target()
        self._update_actions()

    def _on_read_only(self, message: str) -> None:
        self._read_only_message = message  # shown again once compared (comparing hides it)
        self.window.message_bar.show_message(message)
        self.warn_read_only(message)

    def _on_sources_problem(self, problems: list[SourceProblem]) -> None:
        for problem in problems:
            answer = self.ask_locate(problem)
            if answer is None:
                if problem.embedded:
                    continue  # the copy saved in the project is compared
                self.window.message_bar.show_message(
                    f"{problem.message} The annotations are listed, but cannot be placed until "
                    "the file is found (File ▸ Open Project again)."
                )
                return
            if answer.path is not None and not self.controller.relocate(
                problem.side, answer.path, accept_changed=answer.accept_changed
            ):
                return
        self.controller.compare_project()

    def _on_failed(self, message: str) -> None:
        self.window.message_bar.show_message(message)
        self.window.statusBar().showMessage("The project action failed.", 10000)

    # -- annotating ------------------------------------------------------------------------------
    def _target(self) -> tuple[int, int | None] | None:
        if not self.controller.shows_project():
            return None
        pair, change = self.window.nav_cursor
        if pair < 0 or self.window.model.comparison is None:
            return None
        return pair, change

    def _on_navigated(self) -> None:
        """The window moved to another change or article: the form follows it, showing the
        annotation there (or an empty form for a new one)."""
        self.update_target()
        target = self._target()
        if self._jumping or target is None:
            return
        pair_row, change = target
        pair = self.window.model.pair(pair_row)
        placement = self.controller.placement
        here = (
            placement.by_change.get(pair.changes[change].id, [])
            if change is not None
            else placement.by_pair.get(pair.id, [])
        )
        selected = self.panel.selected()
        if selected is not None and any(a.id == selected.id for a in here):
            return
        if not (here and self.panel.select(here[0].id)):
            self.panel.table.clearSelection()

    def update_target(self) -> None:
        target = self._target()
        if self.controller.project is None:
            self.panel.set_target(
                "Create a project (File ▸ New Project) to annotate this comparison.",
                has_change=False,
                has_pair=False,
            )
            return
        if target is None:
            self.panel.set_target("", has_change=False, has_pair=False)
            return
        pair_row, change = target
        title = self.window._pair_title(pair_row)
        if change is None:
            self.panel.set_target(f"{title} (whole article)", has_change=False, has_pair=True)
            return
        c = self.window.model.pair(pair_row).changes[change]
        quote = " ".join((c.new_text or c.old_text).split())
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        self.panel.set_target(f"{title}: “{quote}”", has_change=True, has_pair=True)

    def _on_add_requested(self, on_change: bool, comment: str, status: str, note: str) -> None:
        target = self._target()
        if target is None:
            return
        pair_row, change = target
        pair = self.window.model.pair(pair_row)
        chosen = pair.changes[change] if on_change and change is not None else None
        added = self.controller.add_annotation(
            pair, chosen, comment, status=status or None, member_note=note
        )
        if added is not None:
            self.panel.select(added.id)

    def _on_save_requested(self, annotation_id: int, fields: dict[str, str]) -> None:
        self.controller.update_annotation(annotation_id, **fields)

    def _on_delete_requested(self, annotation_id: int) -> None:
        self.controller.delete_annotation(annotation_id)

    def go_to_annotation(self, annotation: Annotation) -> bool:
        """Show an annotation's change (or article); False for an orphan or a filtered row."""
        comparison = self.window.model.comparison
        if comparison is None or not self.controller.shows_project():
            self.window.statusBar().showMessage(
                "The window shows other agreements than the project's: open the project again.",
                10000,
            )
            return False
        if annotation.orphaned:
            self.window.statusBar().showMessage(
                "This annotation is orphaned: its text is not in this draft.", 10000
            )
            return False
        self._jumping = True  # the window's navigation must not move the panel's selection
        try:
            return self._go_to(annotation, comparison)
        finally:
            self._jumping = False

    def _go_to(self, annotation: Annotation, comparison: Comparison) -> bool:
        anchor = annotation.anchor
        for row, pair in enumerate(comparison.pairs):
            if pair.id != anchor.pair_id:
                continue
            if anchor.change_id is None:
                if not self.window.navigator.select_pair(row):
                    break
                self.window._on_navigator_pair_selected(row)
                self.update_target()
                return True
            for i, change in enumerate(pair.changes):
                if change.id == anchor.change_id:
                    self.window.go_to(ChangeRef(row, i))
                    if self.window.nav_cursor == (row, i):
                        self.update_target()
                        return True
            break
        self.window.statusBar().showMessage(
            "The annotated article is hidden by the navigator's filters.", 10000
        )
        return False

    def _update_actions(self) -> None:
        c = self.controller
        has_project = c.project is not None
        compared = self.window.controller.comparison is not None
        self.new_project_action.setEnabled(not c.busy)
        self.open_project_action.setEnabled(not c.busy)
        self.save_as_action.setEnabled(has_project and not c.busy)
        self.close_project_action.setEnabled(has_project)
        self.statuses_action.setEnabled(c.writable)
        self.new_draft_action.setEnabled(c.writable and not c.busy)
        self.export_action.setEnabled(compared and not self.export_runner.running)

    # -- closing ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.panel.flush()
            self.export_runner.cancel()
            self.export_runner.wait(5000)
            self.controller.shutdown()  # releases the project's lock; nothing is unsaved
        return super().eventFilter(watched, event)


def add_project_actions(window: MainWindow) -> ProjectActions:
    """Give the window projects and annotations (one call from ``MainWindow.__init__``)."""
    return ProjectActions(window)


__all__ = [
    "EXPORT_KINDS",
    "MAX_RECENT_PROJECTS",
    "RECENT_PROJECTS_KEY",
    "ProjectActions",
    "add_project_actions",
]
