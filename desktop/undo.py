"""Undo and redo for annotation edits, on a ``QUndoStack``.

The store already did the edit when a command is pushed (every edit is committed the moment it
is made), so the first ``redo()`` that ``QUndoStack.push`` calls does nothing; later ones put
``edit.after`` back, and ``undo()`` puts ``edit.before`` back, both through
:meth:`Project.apply`, which restores an annotation whole (id included) or only a reviewer's
fields when the annotation still exists.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from cbadiff.errors import ProjectError
from cbadiff.store import Edit, Project


def describe(edit: Edit) -> str:
    """The undo menu's words for an edit: "Undo Add Annotation", "Undo Edit Annotation"..."""
    if edit.before is None:
        return "Add Annotation"
    if edit.after is None:
        return "Delete Annotation"
    before, after = edit.before, edit.after
    if before.status != after.status and (before.comment, before.member_note) == (
        after.comment,
        after.member_note,
    ):
        return f"Set Status to “{after.status}”"
    return "Edit Annotation"


class AnnotationCommand(QUndoCommand):
    """One committed annotation edit that can be undone and redone."""

    def __init__(
        self,
        project: Callable[[], Project],
        edit: Edit,
        changed: Callable[[int], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """``project`` returns the open project: a Save As swaps it under the stack."""
        super().__init__(describe(edit))
        self._project = project
        self.edit = edit
        self._changed = changed or (lambda _id: None)
        self._failed = failed or (lambda _message: None)
        self._done = True  # the store has it already

    def _apply(self, edit: Edit) -> None:
        # Qt calls undo() and redo() from C++: an exception there would only be printed, so a
        # store error (read-only, disk full) is reported as a message instead.
        try:
            self._project().apply(edit)
        except ProjectError as exc:
            self._failed(str(exc))
        self._changed(edit.annotation.id)

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        self._apply(self.edit)

    def undo(self) -> None:
        self._done = False
        self._apply(self.edit.inverse())
