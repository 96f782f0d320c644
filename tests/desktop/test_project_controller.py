"""The project controller with the real comparison controller on the bundled sample agreements:
create, annotate, undo and redo, reopen, read-only, a missing source, and a new draft."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from cbadiff.model import Comparison
from cbadiff.store import Project
from desktop.controllers.comparison import ComparisonController
from desktop.controllers.project import AUTHOR_KEY, ProjectController
from desktop.resources import resource_path

TIMEOUT = 30_000


@pytest.fixture
def controllers(qtbot: QtBot, settings: QSettings) -> Iterator[ProjectController]:
    comparisons = ComparisonController()
    projects = ProjectController(comparisons, settings)
    yield projects
    projects.shutdown()
    comparisons.shutdown()


def wait_placed(qtbot: QtBot, projects: ProjectController) -> Comparison:
    qtbot.waitUntil(lambda: projects.shows_project() and not projects.busy, timeout=TIMEOUT)
    assert projects.comparison is not None
    return projects.comparison


def create(
    qtbot: QtBot, projects: ProjectController, path: Path, old: Path, new: Path
) -> Comparison:
    projects.new_project(path, old, new)
    return wait_placed(qtbot, projects)


def changed_pairs(comparison: Comparison) -> list[int]:
    return [i for i, p in enumerate(comparison.pairs) if p.changes]


def test_annotations_are_committed_undone_redone_and_found_after_reopening(
    qtbot: QtBot, controllers: ProjectController, samples: tuple[Path, Path], tmp_path: Path
) -> None:
    projects = controllers
    projects.settings.setValue(AUTHOR_KEY, "Pat Reviewer")
    path = tmp_path / "review.cbadiff"
    comparison = create(qtbot, projects, path, *samples)
    rows = changed_pairs(comparison)
    first, second = comparison.pairs[rows[0]], comparison.pairs[rows[1]]
    with qtbot.waitSignal(projects.annotations_changed):
        a = projects.add_annotation(first, first.changes[0], "Check the cost", status="disputed")
    assert a is not None and a.author == "Pat Reviewer" and a.status == "disputed"
    b = projects.add_annotation(second, None, "", member_note="This article changes.")
    assert b is not None and b.anchor.change_id is None
    edited = projects.update_annotation(a.id, comment="Cost agreed", status="agreed")
    assert edited is not None and edited.comment == "Cost agreed"
    assert projects.placement.by_change[first.changes[0].id][0].status == "agreed"
    assert projects.placement.count(second.id) == 1
    # committed at once: another reader sees every edit without any "save"
    with Project.open(path, read_only=True) as other:
        assert {(x.id, x.comment, x.status) for x in other.annotations()} == {
            (a.id, "Cost agreed", "agreed"),
            (b.id, "", "open"),
        }
    stack = projects.undo_stack
    assert stack.count() == 3 and stack.undoText() == "Edit Annotation"
    stack.undo()
    assert projects.project is not None
    assert projects.project.get(a.id).comment == "Check the cost"
    stack.undo()  # the whole-article note goes
    assert [x.id for x in projects.annotations] == [a.id]
    stack.redo()  # and comes back under its own id
    assert [x.id for x in projects.annotations] == [a.id, b.id]
    assert projects.project.get(b.id).member_note == "This article changes."
    projects.delete_annotation(a.id)
    assert [x.id for x in projects.annotations] == [b.id]
    stack.undo()
    assert projects.project.get(a.id).comment == "Check the cost"

    projects.close_project()
    assert projects.project is None and projects.annotations == []
    projects.open_project(path)
    reopened = wait_placed(qtbot, projects)
    assert reopened is projects.comparisons.comparison
    found = {x.id: x for x in projects.annotations}
    assert found[a.id].comment == "Check the cost" and found[a.id].status == "disputed"
    assert found[b.id].member_note == "This article changes."
    placed = projects.placement
    assert [x.id for x in placed.by_change[found[a.id].anchor.change_id or ""]] == [a.id]
    assert not placed.orphaned
    assert projects.undo_stack.count() == 0


def test_a_second_instance_gets_the_project_read_only(
    qtbot: QtBot, controllers: ProjectController, samples: tuple[Path, Path], tmp_path: Path
) -> None:
    path = tmp_path / "shared.cbadiff"
    comparison = create(qtbot, controllers, path, *samples)
    pair = comparison.pairs[changed_pairs(comparison)[0]]
    controllers.add_annotation(pair, pair.changes[0], "first")
    second = ProjectController(ComparisonController(), controllers.settings)
    try:
        with qtbot.waitSignal(second.read_only, timeout=TIMEOUT) as warning:
            second.open_project(path)
        assert "read-only" in warning.args[0] and "another CBA Diff window" in warning.args[0]
        wait_placed(qtbot, second)
        assert not second.writable
        assert [x.comment for x in second.annotations] == ["first"]
        with qtbot.waitSignal(second.failed) as failed:
            assert second.add_annotation(pair, pair.changes[0], "second") is None
        assert "read-only" in failed.args[0]
        # the reader sees the writer's edits as they are committed, placed in its comparison
        second.poll_timer.setInterval(20)
        controllers.add_annotation(pair, None, "on the whole article")
        qtbot.waitUntil(lambda: len(second.annotations) == 2, timeout=TIMEOUT)
        assert second.placement.count(pair.id) == 1
        assert (
            sum(second.placement.count(p.id, [c.id for c in p.changes]) for p in comparison.pairs)
            == 2
        )
    finally:
        second.shutdown()
        second.comparisons.shutdown()


def test_a_missing_source_is_reported_and_can_be_located(
    qtbot: QtBot, controllers: ProjectController, samples: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = samples
    path = tmp_path / "moved.cbadiff"
    comparison = create(qtbot, controllers, path, old, new)
    pair = comparison.pairs[changed_pairs(comparison)[0]]
    added = controllers.add_annotation(pair, pair.changes[0], "keep me")
    assert added is not None
    controllers.close_project()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    moved = elsewhere / new.name
    new.rename(moved)
    with qtbot.waitSignal(controllers.sources_problem, timeout=TIMEOUT) as blocker:
        controllers.open_project(path)
    (problem,) = blocker.args[0]
    assert problem.side == "new" and problem.problem == "missing"
    assert str(new) in problem.message and "Locate" in problem.message
    assert not controllers.shows_project()
    assert [x.comment for x in controllers.annotations] == ["keep me"]  # listed meanwhile
    assert controllers.relocate("new", moved)
    controllers.compare_project()
    wait_placed(qtbot, controllers)
    assert controllers.comparisons.new_path == moved
    assert [x.id for x in controllers.placement.by_change[pair.changes[0].id]] == [added.id]


def test_a_new_draft_moves_annotations_and_orphans_what_no_longer_matches(
    qtbot: QtBot, controllers: ProjectController, samples: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = samples
    path = tmp_path / "drafts.cbadiff"
    comparison = create(qtbot, controllers, path, old, new)
    rows = changed_pairs(comparison)
    kept_pair = comparison.pairs[rows[0]]
    kept = controllers.add_annotation(kept_pair, kept_pair.changes[0], "still here")
    assert kept is not None
    # The "new draft" is the expired agreement itself: nothing differs, so every annotation on
    # a change is orphaned, keeps its quote, and nothing is dropped.
    draft = tmp_path / "agreements" / "draft2.docx"
    shutil.copyfile(old, draft)
    controllers.compare_new_draft(draft)

    def placed_in_draft() -> bool:
        shown = controllers.comparison
        return shown is not None and Path(shown.new.source.path) == draft

    qtbot.waitUntil(placed_in_draft, timeout=TIMEOUT)
    assert controllers.shows_project()
    (orphan,) = controllers.placement.orphaned
    assert orphan.id == kept.id and orphan.orphaned and orphan.comment == "still here"
    assert orphan.anchor.new_quote == kept.anchor.new_quote
    assert controllers.undo_stack.count() == 0  # undo does not reach across drafts
    assert controllers.project is not None
    assert [d.path for d in controllers.project.drafts()] == [str(new), str(draft)]


def test_save_as_carries_on_in_the_copy_with_undo(
    qtbot: QtBot, controllers: ProjectController, samples: tuple[Path, Path], tmp_path: Path
) -> None:
    path = tmp_path / "first.cbadiff"
    comparison = create(qtbot, controllers, path, *samples)
    pair = comparison.pairs[changed_pairs(comparison)[0]]
    added = controllers.add_annotation(pair, pair.changes[0], "before the copy")
    assert added is not None
    copy = tmp_path / "copy.cbadiff"
    with qtbot.waitSignal(controllers.project_changed, timeout=TIMEOUT):
        controllers.save_as(copy)
    assert controllers.project is not None and controllers.project.path == copy
    controllers.undo_stack.undo()  # the add is undone in the copy, the original keeps it
    assert controllers.project.annotations() == []
    with Project.open(path, read_only=True) as original:
        assert [x.comment for x in original.annotations()] == ["before the copy"]


def test_a_project_with_copies_opens_when_a_source_is_gone(
    qtbot: QtBot, controllers: ProjectController, samples: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = samples
    path = tmp_path / "embedded.cbadiff"
    controllers.new_project(path, old, new, embed=True)
    comparison = wait_placed(qtbot, controllers)
    pair = comparison.pairs[changed_pairs(comparison)[0]]
    added = controllers.add_annotation(pair, pair.changes[0], "from the copy")
    assert added is not None
    controllers.close_project()
    new.unlink()
    with qtbot.waitSignal(controllers.sources_problem, timeout=TIMEOUT) as blocker:
        controllers.open_project(path)
    (problem,) = blocker.args[0]
    assert problem.embedded and "A copy is saved in the project" in problem.message
    controllers.compare_project()  # the reviewer chose the saved copy
    wait_placed(qtbot, controllers)
    used = controllers.comparisons.new_path
    assert used is not None and used != new and used.name == new.name
    assert used.read_bytes() == resource_path("samples", "proposed.docx").read_bytes()
    assert [x.id for x in controllers.placement.by_change[pair.changes[0].id]] == [added.id]


def test_a_new_project_keeps_the_comparison_already_shown(
    qtbot: QtBot,
    controllers: ProjectController,
    samples: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = samples
    monkeypatch.chdir(old.parent)  # the window was given relative paths
    comparisons = controllers.comparisons
    with qtbot.waitSignal(comparisons.comparison_ready, timeout=TIMEOUT):
        comparisons.compare(Path(old.name), Path(new.name))
    shown = comparisons.comparison
    compared: list[object] = []
    comparisons.running_changed.connect(compared.append)
    placed = create(qtbot, controllers, tmp_path / "kept.cbadiff", Path(old.name), Path(new.name))
    assert placed is shown and compared == []  # not compared a second time
    assert controllers.project is not None
    assert controllers.project.source("old").path == str(old.resolve())


def test_the_app_takes_one_project_file_as_its_argument() -> None:
    from desktop.app import parse_args

    args = parse_args(["review.cbadiff"])
    assert (args.project, args.old, args.new) == ("review.cbadiff", None, None)
    both = parse_args(["old.pdf", "new.pdf"])
    assert (both.project, both.old, both.new) == (None, "old.pdf", "new.pdf")
    with pytest.raises(SystemExit):
        parse_args(["old.pdf"])  # one agreement alone is still refused


def test_a_file_that_is_not_a_project_is_refused_with_the_stores_message(
    qtbot: QtBot, controllers: ProjectController, samples: tuple[Path, Path]
) -> None:
    old, _new = samples
    with qtbot.waitSignal(controllers.failed, timeout=TIMEOUT) as blocker:
        controllers.open_project(old)
    assert str(old) in blocker.args[0] and "not a CBA Diff project" in blocker.args[0]
    assert controllers.project is None and not controllers.busy
    assert old.read_bytes() == resource_path("samples", "expired.docx").read_bytes()
