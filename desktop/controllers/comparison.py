"""The comparison in the window: which files, the job that compares them, and its result.

The controller owns the state; views only listen to its signals. Reading and comparing run in a
:class:`~desktop.workers.JobRunner`, so the GUI thread never waits for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from cbadiff.model import CompareOptions, Comparison
from desktop.categories import lexicon_names
from desktop.workers import JobRunner
from parsers.errors import EncryptedDocument
from parsers.progress import CancelToken, ProgressFn

log = logging.getLogger(__name__)

CompareFn = Callable[..., Comparison]


def _engine_compare_files(*args: Any, **kwargs: Any) -> Comparison:
    """The engine's ``compare_files`` with the category lexicon, so categories show at once."""
    # Imported when first used, so the window opens before the engine is imported.
    from cbadiff.categorize import categorize_comparison
    from cbadiff.pipeline import compare_files

    kwargs.setdefault("categorizer", categorize_comparison)
    return compare_files(*args, **kwargs)


class ComparisonController(QObject):
    """Runs comparisons and holds the current one.

    Signals:
        running_changed(bool): a comparison started or stopped.
        progress_changed(float, str): fraction 0..1 and the step ("Reading ... page 3 of 40").
        comparison_ready(object): the new :class:`~cbadiff.model.Comparison`.
        failed(str): a message for the user (from the reader, or an internal error).
        password_needed(str, bool): a PDF is encrypted; the window asks for its password and
            calls :meth:`retry_with_password`. The bool says a password was given and wrong.
        cancelled(): the running comparison was cancelled; the previous result is kept.
    """

    running_changed = Signal(bool)
    password_needed = Signal(str, bool)  # file path, whether a password was given and wrong
    progress_changed = Signal(float, str)
    comparison_ready = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None, compare_fn: CompareFn | None = None) -> None:
        super().__init__(parent)
        self._compare_fn: CompareFn = compare_fn or _engine_compare_files
        self._runner = JobRunner(self)
        self._runner.progress_changed.connect(self.progress_changed)
        self._runner.finished.connect(self._on_runner_finished)
        self._runner.failed.connect(self._on_runner_failed)
        self._runner.cancelled.connect(self._on_runner_cancelled)
        self._comparison: Comparison | None = None
        self.old_path: Path | None = None
        self.new_path: Path | None = None
        self.options = CompareOptions(show_cosmetic=True)
        self._passwords: tuple[str | None, str | None] = (None, None)

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def running(self) -> bool:
        return self._runner.running

    @property
    def runner(self) -> JobRunner:
        return self._runner

    def compare(
        self,
        old_path: str | Path,
        new_path: str | Path,
        *,
        password_old: str | None = None,
        password_new: str | None = None,
    ) -> None:
        """Start comparing ``old_path`` (expired) with ``new_path`` (proposed) in the background."""
        self.old_path, self.new_path = Path(old_path), Path(new_path)
        self._passwords = (password_old, password_new)
        old, new, options, fn = self.old_path, self.new_path, self.options, self._compare_fn
        passwords: dict[str, str] = {}
        if password_old is not None:
            passwords["password_old"] = password_old
        if password_new is not None:
            passwords["password_new"] = password_new

        def job(progress: ProgressFn, cancel: CancelToken) -> Comparison:
            comparison = fn(old, new, options, progress=progress, cancel=cancel, **passwords)
            lexicon_names()  # load the category names here, not on the GUI thread
            return comparison

        log.info("comparing %s with %s", old, new)
        self._runner.start(job)
        self.running_changed.emit(True)

    def retry_with_password(self, path: str | Path, password: str) -> None:
        """Compare the same files again, opening ``path`` with ``password``."""
        assert self.old_path is not None and self.new_path is not None
        old_pw, new_pw = self._passwords
        if Path(path) == self.old_path:
            old_pw = password
        if Path(path) == self.new_path:
            new_pw = password
        self.compare(self.old_path, self.new_path, password_old=old_pw, password_new=new_pw)

    def cancel(self) -> None:
        self._runner.cancel()

    def shutdown(self, msecs: int = 5000) -> None:
        """Cancel and wait for the worker, so the app exits without a thread still running."""
        self._runner.cancel()
        self._runner.wait(msecs)

    def _on_runner_finished(self, result: object) -> None:
        assert isinstance(result, Comparison)
        self._comparison = result
        self.running_changed.emit(False)
        self.comparison_ready.emit(result)

    def _on_runner_failed(self, message: str, expected: bool) -> None:
        self.running_changed.emit(False)
        error = self._runner.last_error
        if isinstance(error, EncryptedDocument):
            old_pw, new_pw = self._passwords
            given = old_pw if error.path == self.old_path else new_pw
            self.password_needed.emit(str(error.path), given is not None)
            return
        self.failed.emit(message)

    def _on_runner_cancelled(self) -> None:
        self.running_changed.emit(False)
        self.cancelled.emit()
