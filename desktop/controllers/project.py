"""The open project in the window: its file, its annotations, and undo for their edits.

A project (:mod:`cbadiff.store`) holds the two agreements and every annotation. This controller
opens, creates and copies project files in a :class:`~desktop.workers.JobRunner` (hashing and
embedding agreements, SQLite backups and re-anchoring can take a while), has the comparison run
by the window's :class:`ComparisonController`, re-anchors the annotations to each comparison of
the project's files, and turns every annotation edit into a store call (committed at once) plus
a command on :attr:`undo_stack`. Dialogs are not its business: it emits signals, the window asks.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QUndoStack

from cbadiff.annotations import Annotation, default_author
from cbadiff.errors import ProjectError
from cbadiff.model import ArticlePair, Change, Comparison
from cbadiff.store import Edit, Project, SourceProblem
from cbadiff.store.anchoring import anchor_for
from cbadiff.store.query import Placement, place
from desktop.controllers.comparison import ComparisonController
from desktop.undo import AnnotationCommand
from desktop.workers import JobRunner
from parsers.progress import CancelToken, ProgressFn

log = logging.getLogger(__name__)

AUTHOR_KEY = "author"  # QSettings key of the reviewer's name on new annotations
READ_ONLY_POLL_MS = 3000  # how often a read-only window looks for the holder's edits


@dataclass(frozen=True)
class _Opened:
    project: Project
    problems: list[SourceProblem]


@dataclass(frozen=True)
class _Sources:
    old: Path
    new: Path


def author_from(settings: QSettings) -> str:
    """The name new annotations carry: the "author" setting, else the login name."""
    value = settings.value(AUTHOR_KEY, "")
    name = str(value).strip() if value is not None else ""
    return name or default_author()


class ProjectController(QObject):
    """Holds the open :class:`Project` and the annotations placed in the current comparison.

    Signals:
        project_changed(object): a project was opened, created, saved under a new name, or
            closed (``None``).
        annotations_changed(): :attr:`annotations` or :attr:`placement` changed.
        read_only(str): the project was opened read-only; the reason, for a warning.
        sources_problem(list): source files are missing or changed (``SourceProblem`` list);
            the window offers to locate them, then calls :meth:`relocate` and
            :meth:`compare_project`.
        failed(str): a message for the user (the store's, naming the file and the fix).
        busy_changed(bool): a project job started or ended.
    """

    project_changed = Signal(object)
    annotations_changed = Signal()
    read_only = Signal(str)
    sources_problem = Signal(list)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(
        self,
        comparisons: ComparisonController,
        settings: QSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.comparisons = comparisons
        self.settings = settings or QSettings()
        self.undo_stack = QUndoStack(self)
        self.project: Project | None = None
        self.comparison: Comparison | None = None  # the one the annotations are placed in
        self.annotations: list[Annotation] = []
        self.placement = Placement()
        #: How the controller has two files compared; the window points this at its own
        #: ``open_files`` so its file slots and title follow.
        self.compare_files: Callable[[Path, Path], None] = self._compare_directly
        self._expected: tuple[Path, Path] | None = None  # the files of the project's comparison
        self._new_draft = False  # the next re-anchoring is to a new draft: clear undo
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._inflight: list[Project] = []  # opened by a job, not yet adopted
        self._inflight_lock = threading.Lock()
        self._then: Callable[[Any], None] = lambda _r: None
        self._runner = JobRunner(self)
        self._runner.finished.connect(self._on_runner_finished)
        self._runner.failed.connect(self._on_runner_failed)
        self._runner.cancelled.connect(self._on_runner_cancelled)
        self._runner.started.connect(lambda: self.busy_changed.emit(True))
        self._runner.idle.connect(lambda: self.busy_changed.emit(False))
        comparisons.comparison_ready.connect(self._on_comparison_ready)
        self._stored: list[Annotation] = []  # a read-only project's rows, as last read
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(READ_ONLY_POLL_MS)
        self.poll_timer.timeout.connect(self._poll_read_only)

    # -- state -------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._runner.running

    @property
    def runner(self) -> JobRunner:
        return self._runner

    @property
    def writable(self) -> bool:
        return self.project is not None and not self.project.read_only

    @property
    def statuses(self) -> tuple[str, ...]:
        return self.project.statuses if self.project is not None else ()

    def author(self) -> str:
        return author_from(self.settings)

    def current_project(self) -> Project:
        """The open project (for undo commands, which outlive a Save As)."""
        if self.project is None:
            raise ProjectError("No project is open.")
        return self.project

    # -- jobs --------------------------------------------------------------------------------------
    def _start(
        self, job: Callable[[ProgressFn, CancelToken], Any], then: Callable[[Any], None]
    ) -> None:
        self._then = then
        self._runner.start(job)

    def _track(self, project: Project) -> Project:
        with self._inflight_lock:
            self._inflight.append(project)
        return project

    def _untrack(self, project: Project) -> None:
        with self._inflight_lock:
            if project in self._inflight:
                self._inflight.remove(project)

    def _close_inflight(self) -> None:
        """Close projects a dropped or cancelled job opened, so their locks are released."""
        with self._inflight_lock:
            stale, self._inflight = self._inflight, []
        for project in stale:
            if project is not self.project:
                project.close()

    def _on_runner_finished(self, result: object) -> None:
        then, self._then = self._then, lambda _r: None
        then(result)

    def _on_runner_failed(self, message: str, _expected: bool) -> None:
        self._close_inflight()
        self.failed.emit(message)

    def _on_runner_cancelled(self) -> None:
        self._close_inflight()

    def shutdown(self, msecs: int = 5000) -> None:
        """Wait for a running job and close the project (releasing its lock)."""
        self._runner.cancel()
        self._runner.wait(msecs)
        self._close_inflight()
        self.close_project()

    # -- opening, creating, saving -----------------------------------------------------------------
    def new_project(
        self, path: str | Path, old: str | Path, new: str | Path, *, embed: bool = False
    ) -> None:
        """Create a project for two agreements at ``path`` (replacing a file there) and open it.

        When the window already shows the comparison of these two files it is kept; otherwise
        they are compared.
        """
        self.close_project()
        target, old_p, new_p = Path(path), Path(old), Path(new)
        settings = {"compare_options": asdict(self.comparisons.options)}

        def job(progress: ProgressFn, _cancel: CancelToken) -> _Opened:
            progress(0.0, f"Creating {target.name}…")
            project = self._track(
                Project.create(target, old_p, new_p, settings, embed, overwrite=True)
            )
            return _Opened(project, [])

        self._start(job, self._on_opened)

    def open_project(self, path: str | Path) -> None:
        """Open a project file: its sources are checked, compared and annotations placed."""
        self.close_project()
        target = Path(path)

        def job(progress: ProgressFn, _cancel: CancelToken) -> _Opened:
            progress(0.0, f"Opening {target.name}…")
            project = self._track(Project.open(target))
            return _Opened(project, project.check_sources())

        self._start(job, self._on_opened)

    def _on_opened(self, result: object) -> None:
        assert isinstance(result, _Opened)
        self._untrack(result.project)
        self._adopt(result.project)
        project = result.project
        if project.read_only:
            owner = project.lock_owner.describe() if project.lock_owner else ""
            reason = project.read_only_reason or "it is open elsewhere"
            self.read_only.emit(
                f"{project.path.name} is open read-only because {reason}. You can read its "
                "annotations, but changes cannot be saved."
                + (f" It is held by {owner}." if owner and owner not in reason else "")
            )
        if result.problems:
            self.sources_problem.emit(list(result.problems))
        else:
            self.compare_project()

    def _adopt(self, project: Project) -> None:
        self.project = project
        self.undo_stack.clear()
        self.annotations = project.annotations()
        self.comparison = None
        self.placement = Placement(orphaned=[])
        self.project_changed.emit(project)
        self.annotations_changed.emit()

    def save_as(self, path: str | Path) -> None:
        """Copy the project to ``path`` (replacing a file there) and carry on with the copy."""
        project = self.project
        if project is None:
            return
        target = Path(path)

        def job(progress: ProgressFn, _cancel: CancelToken) -> Project:
            progress(0.0, f"Saving {target.name}…")
            return self._track(project.save_as(target, overwrite=True))

        def done(result: object) -> None:
            assert isinstance(result, Project)
            self._untrack(result)
            old = self.project
            self.project = result  # undo commands ask for the current project: they carry on
            if old is not None and old is not result:
                old.close()
            self.project_changed.emit(result)

        self._start(job, done)

    def close_project(self) -> None:
        """Close the project (everything was committed already) and forget its annotations."""
        project, self.project = self.project, None
        self.poll_timer.stop()
        self.undo_stack.clear()
        self._expected = None
        self._new_draft = False
        if project is None:
            return
        project.close()
        self.annotations = []
        self.comparison = None
        self.placement = Placement()
        self.project_changed.emit(None)
        self.annotations_changed.emit()

    # -- sources -----------------------------------------------------------------------------------
    def relocate(self, side: str, path: str | Path, *, accept_changed: bool = False) -> bool:
        """Point a side at a moved file (or, with ``accept_changed``, a changed one)."""
        if self.project is None:
            return False
        try:
            self.project.relocate(side, path, accept_changed=accept_changed)
        except ProjectError as exc:
            self.failed.emit(str(exc))
            return False
        return True

    def compare_project(self) -> None:
        """Compare the project's files (the copies in the project when a file is missing)."""
        project = self.project
        if project is None:
            return
        scratch = self._scratch_dir()

        def job(_progress: ProgressFn, _cancel: CancelToken) -> _Sources:
            return _Sources(
                project.usable_source("old", scratch), project.usable_source("new", scratch)
            )

        def done(result: object) -> None:
            assert isinstance(result, _Sources)
            if self.project is not project:
                return
            self._expected = (result.old.resolve(), result.new.resolve())
            comparison = self.comparisons.comparison
            if (
                comparison is not None
                and not self.comparisons.running
                and self._compared_files() == self._expected
            ):
                self._on_comparison_ready(comparison)  # the window shows these files already
            else:
                self.compare_files(result.old, result.new)

        self._start(job, done)

    def compare_new_draft(self, path: str | Path) -> None:
        """Record a new proposed draft and compare the expired agreement with it; annotations
        move to the matching changes, those that match nothing become orphaned."""
        project = self.project
        if project is None:
            return
        draft = Path(path)

        def job(progress: ProgressFn, _cancel: CancelToken) -> None:
            progress(0.0, f"Adding {draft.name}…")
            project.add_draft(draft)

        def done(_result: object) -> None:
            self._new_draft = True
            self.compare_project()

        self._start(job, done)

    def _scratch_dir(self) -> Path:
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="cbadiff-sources-")
        return Path(self._scratch.name)

    def _compared_files(self) -> tuple[Path, Path] | None:
        old, new = self.comparisons.old_path, self.comparisons.new_path
        return None if old is None or new is None else (old.resolve(), new.resolve())

    def _compare_directly(self, old: Path, new: Path) -> None:
        self.comparisons.compare(old, new)

    # -- comparisons -------------------------------------------------------------------------------
    def _on_comparison_ready(self, comparison: Comparison) -> None:
        project = self.project
        if project is None:
            return
        if self._expected is None or self._compared_files() != self._expected:
            return  # other files were compared; the project's annotations stay unplaced
        self.comparison = None
        self.placement = Placement(orphaned=list(self.annotations))

        def job(_progress: ProgressFn, _cancel: CancelToken) -> list[Annotation]:
            return project.reanchor(comparison)

        def done(result: object) -> None:
            assert isinstance(result, list)
            if self.project is not project:
                return
            if self._new_draft:
                self.undo_stack.clear()  # undo must not reach across drafts
                self._new_draft = False
            self.comparison = comparison
            self._set_annotations(result)
            if project.read_only:
                self._stored = project.annotations()
                self.poll_timer.start()

        self._start(job, done)

    def shows_project(self) -> bool:
        """Whether the window's comparison is the project's (annotations are placed in it)."""
        return self.comparison is not None and self.comparison is self.comparisons.comparison

    def _poll_read_only(self) -> None:
        """Show the edits the window holding the project makes (a read-only project reads
        them as they are committed); they are placed again off the GUI thread."""
        project, comparison = self.project, self.comparison
        if project is None or project.closed or comparison is None or self.busy:
            return
        stored = project.annotations()
        if stored == self._stored:
            return
        self._stored = stored

        def job(_progress: ProgressFn, _cancel: CancelToken) -> list[Annotation]:
            return project.reanchor(comparison)

        def done(result: object) -> None:
            assert isinstance(result, list)
            if self.project is project and self.comparison is comparison:
                self._set_annotations(result)

        self._start(job, done)

    def _set_annotations(self, annotations: list[Annotation]) -> None:
        self.annotations = annotations
        self.placement = (
            place(annotations, self.comparison)
            if self.comparison is not None
            else Placement(orphaned=list(annotations))
        )
        self.annotations_changed.emit()

    def refresh(self) -> None:
        """Re-read the annotations from the store (after an edit, an undo or a redo)."""
        if self.project is None or self.project.closed:
            return
        if self.project.read_only:
            self.annotations_changed.emit()
            return
        self._set_annotations(self.project.annotations())

    # -- edits -------------------------------------------------------------------------------------
    def add_annotation(
        self,
        pair: ArticlePair,
        change: Change | None = None,
        comment: str = "",
        *,
        status: str | None = None,
        member_note: str = "",
    ) -> Annotation | None:
        """Annotate ``change`` (or the whole ``pair``) in the current comparison."""
        if self.project is None or self.comparison is None:
            self.failed.emit("Open or create a project first: annotations are saved in it.")
            return None
        anchor = anchor_for(self.comparison, pair, change)
        return self._edit(
            lambda p: p.add(
                anchor, comment, status=status, author=self.author(), member_note=member_note
            )
        )

    def update_annotation(self, annotation_id: int, **fields: str) -> Annotation | None:
        """Change ``comment``, ``status``, ``member_note`` or ``author``; one undo step."""
        return self._edit(lambda p: p.update(annotation_id, **fields))

    def delete_annotation(self, annotation_id: int) -> Annotation | None:
        return self._edit(lambda p: p.delete(annotation_id))

    def _edit(self, call: Callable[[Project], Edit]) -> Annotation | None:
        if self.project is None:
            self.failed.emit("Open or create a project first: annotations are saved in it.")
            return None
        try:
            edit = call(self.project)
        except (ProjectError, ValueError, KeyError) as exc:
            self.failed.emit(
                str(exc) if not isinstance(exc, KeyError) else "That annotation no longer exists."
            )
            return None
        self.undo_stack.push(
            AnnotationCommand(self.current_project, edit, self._after_undo, self.failed.emit)
        )
        self.refresh()
        return edit.annotation

    def _after_undo(self, _annotation_id: int) -> None:
        self.refresh()
