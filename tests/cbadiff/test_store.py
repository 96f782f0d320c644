"""The project store: create, edit, delete, reopen, locks, sources and refusals."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from cbadiff.annotations import DEFAULT_STATUSES, Anchor
from cbadiff.errors import ProjectError
from cbadiff.store import Project
from cbadiff.store.migrations import APPLICATION_ID, CURRENT_VERSION


def anchor(n: int = 1, **kw: object) -> Anchor:
    base: dict[str, object] = {
        "pair_id": f"pair-{n}",
        "change_id": f"chg-{n}",
        "old_units": (f"article-{n}",),
        "new_units": (f"article-{n}",),
        "old_block": f"article-{n}/b1",
        "new_block": f"article-{n}/b1",
        "old_quote": "$7.50",
        "new_quote": "$10.00",
        "ordinal": 2,
        "old_context": "The meal penalty is $7.50.",
        "new_context": "The meal penalty is $10.00.",
        "heading": f"ARTICLE {n} MEALS",
    }
    base.update(kw)
    return Anchor(**base)  # type: ignore[arg-type]


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "expired.txt"
    new = tmp_path / "proposed.txt"
    old.write_text("ARTICLE 1 MEALS\nThe meal penalty is $7.50.\n", encoding="utf-8")
    new.write_text("ARTICLE 1 MEALS\nThe meal penalty is $10.00.\n", encoding="utf-8")
    return old, new


@pytest.fixture
def project(tmp_path: Path, sources: tuple[Path, Path]) -> Project:
    p = Project.create(tmp_path / "review.cbadiff", *sources, {"show_cosmetic": True})
    yield p
    p.close()


def test_create_records_sources_settings_and_schema(
    project: Project, sources: tuple[Path, Path]
) -> None:
    assert not project.read_only
    assert project.schema_version == CURRENT_VERSION
    assert project.settings == {"show_cosmetic": True}
    assert project.statuses == DEFAULT_STATUSES
    old = project.source("old")
    assert old.path == str(sources[0].resolve())
    assert old.size == sources[0].stat().st_size
    assert len(old.sha256) == 64 and not old.embedded
    assert project.source("new").path == str(sources[1].resolve())
    assert project.check_sources() == []
    assert project.annotations() == []
    conn = sqlite3.connect(project.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_create_refuses_existing_file_and_missing_source(
    tmp_path: Path, sources: tuple[Path, Path], project: Project
) -> None:
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project.path, *sources)
    with pytest.raises(ProjectError, match=r"expired agreement .*nope\.txt does not exist"):
        Project.create(tmp_path / "other.cbadiff", tmp_path / "nope.txt", sources[1])
    assert not (tmp_path / "other.cbadiff").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_add_update_delete_and_reopen(project: Project) -> None:
    first = project.add(anchor(1), "Costs us 2.50 per meal", author="ana").annotation
    second = project.add(anchor(2), "Check with counsel", status="question for counsel").after
    assert second is not None
    assert first.id != second.id
    assert first.status == "open" and first.author == "ana"
    assert first.created == first.edited and first.draft == project.source("new").id
    assert second.author  # the login name, or the fallback

    edit = project.update(first.id, status="agreed", member_note="The meal penalty goes up.")
    assert edit.before == first
    assert edit.after is not None
    assert edit.after.status == "agreed" and edit.after.comment == "Costs us 2.50 per meal"
    assert edit.after.member_note == "The meal penalty goes up."
    assert edit.after.edited >= first.edited and edit.after.created == first.created

    gone = project.delete(second.id)
    assert gone.before == second and gone.after is None
    path = project.path
    project.close()

    with Project.open(path) as again:
        items = again.annotations()
        assert items == [edit.after]
        assert items[0].anchor == anchor(1)
        assert again.settings == {"show_cosmetic": True}


def test_unknown_status_is_refused_and_statuses_are_configurable(project: Project) -> None:
    with pytest.raises(ValueError, match="unknown status 'maybe'"):
        project.add(anchor(), status="maybe")
    project.set_statuses(["todo", "done"])
    a = project.add(anchor()).annotation
    assert a.status == "todo"
    assert project.update(a.id, status="done").annotation.status == "done"
    with pytest.raises(ValueError):
        project.set_statuses([" "])
    project.close()
    with Project.open(project.path) as again:
        assert again.statuses == ("todo", "done")


def test_undo_and_redo_through_apply_restore_exactly(project: Project) -> None:
    added = project.add(anchor(), "first words")
    a = added.annotation
    edited = project.update(a.id, comment="second words", status="disputed")
    deleted = project.delete(a.id)

    project.apply(deleted.inverse())  # undo delete: same id, same times
    assert project.get(a.id) == edited.after
    project.apply(edited.inverse())  # undo edit
    assert project.get(a.id) == a
    project.apply(added.inverse())  # undo add
    assert project.annotations() == []

    project.apply(added)  # redo all three
    assert project.get(a.id) == a
    project.apply(edited)
    assert project.get(a.id) == edited.after
    project.apply(deleted)
    assert project.annotations() == []
    # a fresh annotation never takes a deleted id, so an undo can always restore it
    assert project.add(anchor()).annotation.id > a.id


def test_second_instance_gets_read_only_with_owner(project: Project) -> None:
    project.add(anchor(), "mine")
    with Project.open(project.path) as other:
        assert other.read_only
        assert other.lock_owner is not None
        assert other.lock_owner.pid == os.getpid()
        assert "another CBA Diff window" in other.read_only_reason
        assert [a.comment for a in other.annotations()] == ["mine"]
        with pytest.raises(ProjectError, match="read-only"):
            other.add(anchor(), "theirs")
        project.add(anchor(2), "mine again")  # the writer sees no interference
        assert len(other.annotations()) == 2  # and the reader sees committed edits
    with pytest.raises(ProjectError, match="open in another CBA Diff window"):
        Project.open(project.path, read_only=False)


def test_lock_is_released_on_close(project: Project) -> None:
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert not again.read_only and again.lock_owner is None


def test_lock_held_by_killed_process_does_not_block(tmp_path: Path, project: Project) -> None:
    import subprocess
    import sys

    path = project.path
    project.close()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom cbadiff.store import Project\n"
            "p = Project.open(sys.argv[1])\nprint(p.read_only, flush=True)\ntime.sleep(60)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "False"
        with Project.open(path) as blocked:
            assert blocked.read_only and blocked.lock_owner is not None
            assert blocked.lock_owner.pid == child.pid
    finally:
        child.kill()
        child.wait()
        assert child.stdout is not None
        child.stdout.close()
    with Project.open(path, read_only=False) as free:
        assert not free.read_only


def test_refuses_a_newer_schema(project: Project) -> None:
    path = project.path
    project.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99, 'from the future', 'x')")
    conn.commit()
    conn.close()
    message = "was saved by a newer version of CBA Diff (schema 99); update CBA Diff to open it"
    for read_only in (None, True):
        with pytest.raises(ProjectError, match=message.replace("(", r"\(").replace(")", r"\)")):
            Project.open(path, read_only=read_only)
    # refusing it did not leave the lock behind
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM schema_version WHERE version = 99")
    conn.commit()
    conn.close()
    with Project.open(path) as ok:
        assert not ok.read_only


def test_refuses_files_that_are_not_projects(tmp_path: Path) -> None:
    text = tmp_path / "notes.cbadiff"
    text.write_text("just some text", encoding="utf-8")
    with pytest.raises(
        ProjectError, match=r"notes\.cbadiff is not a CBA Diff project .*not an SQLite"
    ):
        Project.open(text)
    empty = tmp_path / "empty.cbadiff"
    empty.write_bytes(b"")
    with pytest.raises(ProjectError, match="it is empty"):
        Project.open(empty)
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="an SQLite database but not a CBA Diff project"):
        Project.open(other)
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "missing.cbadiff")
    assert not (tmp_path / "missing.cbadiff").exists()
    assert text.read_text(encoding="utf-8") == "just some text"  # untouched


def test_refuses_a_damaged_file(project: Project) -> None:
    for n in range(200):
        project.add(anchor(n), "x" * 200)
    path = project.path
    project.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[2 * page : 5 * page] = b"\xa5" * (3 * page)
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match=r"review\.cbadiff is damaged.*Restore it from a backup"):
        Project.open(path)


def test_check_sources_missing_changed_and_relocate(
    tmp_path: Path, project: Project, sources: tuple[Path, Path]
) -> None:
    old, new = sources
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    shutil.move(old, moved / old.name)
    new.write_text("ARTICLE 1 MEALS\nThe meal penalty is $12.00.\n", encoding="utf-8")
    problems = {p.side: p for p in project.check_sources()}
    assert problems["old"].problem == "missing"
    assert "expired agreement" in problems["old"].message and "missing" in problems["old"].message
    assert problems["new"].problem == "changed"
    assert "has changed" in problems["new"].message

    project.relocate("old", moved / old.name)
    with pytest.raises(ProjectError, match="contents differ"):
        project.relocate("new", new)
    before = project.source("new").sha256
    project.relocate("new", new, accept_changed=True)
    assert project.source("new").sha256 != before
    assert project.check_sources() == []
    assert project.locate_source("old") == (moved / old.name).resolve()


def test_moved_folder_finds_sources_by_relative_path(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    for s in sources:
        shutil.move(s, folder / s.name)
    Project.create(folder / "p.cbadiff", folder / sources[0].name, folder / sources[1].name).close()
    shutil.move(folder, tmp_path / "sent-to-colleague")
    with Project.open(tmp_path / "sent-to-colleague" / "p.cbadiff") as p:
        assert p.check_sources() == []
        assert p.locate_source("new") == tmp_path / "sent-to-colleague" / sources[1].name


def test_embedded_files_travel_with_the_project(tmp_path: Path, sources: tuple[Path, Path]) -> None:
    p = Project.create(tmp_path / "e.cbadiff", *sources, embed_files=True)
    original = sources[0].read_bytes()
    p.close()
    for s in sources:
        s.unlink()
    with Project.open(tmp_path / "e.cbadiff") as p:
        problems = p.check_sources()
        assert {x.problem for x in problems} == {"missing"}
        assert all(x.embedded and "copy is saved" in x.message for x in problems)
        assert p.source_bytes("old") == original
        out = tmp_path / "out"
        out.mkdir()
        extracted = p.extract_source("old", out)
        assert extracted.read_bytes() == original and extracted.name == sources[0].name


def test_without_embedding_there_is_no_copy(project: Project, tmp_path: Path) -> None:
    assert project.source_bytes("new") is None
    with pytest.raises(ProjectError, match="holds no copy"):
        project.extract_source("new", tmp_path)


def test_drafts_and_anchoring_history(project: Project, tmp_path: Path) -> None:
    a = project.add(anchor(1), "on the first draft").annotation
    b = project.add(anchor(2), "will vanish").annotation
    first_draft = project.source("new").id
    draft2 = tmp_path / "proposed-2.txt"
    draft2.write_text("ARTICLE 1 MEALS\nThe meal penalty is $11.00.\n", encoding="utf-8")
    src = project.add_draft(draft2)
    assert [d.id for d in project.drafts()] == [first_draft, src.id]
    assert project.source("new").id == src.id
    moved = anchor(1, new_quote="$11.00", pair_id="pair-9")
    stored = project.record_anchoring([(a, moved), (b, None)])
    by_id = {x.id: x for x in stored}
    assert by_id[a.id].anchor == moved and not by_id[a.id].orphaned
    assert by_id[a.id].draft == src.id
    assert by_id[b.id].orphaned and by_id[b.id].anchor == b.anchor  # quotes kept, not dropped
    assert by_id[b.id].comment == "will vanish"
    history = project.anchoring_history(b.id)
    assert [(d, o) for d, _, o, _ in history] == [(src.id, True)]
    assert project.annotations(orphaned=True) == [by_id[b.id]]


def test_undo_of_an_edit_keeps_a_later_reanchoring(project: Project) -> None:
    a = project.add(anchor(1), "text").annotation
    edit = project.update(a.id, comment="changed")
    moved = anchor(1, pair_id="pair-elsewhere")
    project.record_anchoring([(project.get(a.id), moved)])
    project.apply(edit.inverse())
    now = project.get(a.id)
    assert now.comment == "text" and now.anchor == moved


def test_save_as_copies_everything_and_is_writable(project: Project, tmp_path: Path) -> None:
    project.add(anchor(), "keep me")
    copy = project.save_as(tmp_path / "sub-copy.cbadiff")
    try:
        assert not copy.read_only
        assert [a.comment for a in copy.annotations()] == ["keep me"]
        assert copy.source("old") == project.source("old")
        copy.add(anchor(2), "only in the copy")
        assert len(project.annotations()) == 1
    finally:
        copy.close()
    with pytest.raises(ProjectError, match="already exists"):
        project.save_as(tmp_path / "sub-copy.cbadiff")


def test_read_only_open_never_writes(project: Project) -> None:
    project.add(anchor(), "x")
    path = project.path
    project.close()
    before = path.read_bytes()
    with Project.open(path, read_only=True) as ro:
        assert ro.read_only and ro.lock_owner is None
        assert len(ro.annotations()) == 1
        with pytest.raises(ProjectError, match="open read-only"):
            ro.set_settings({})
    assert path.read_bytes() == before


def test_usable_source_prefers_disk_then_embedded_copy(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with Project.create(tmp_path / "u.cbadiff", *sources, embed_files=True) as p:
        assert p.usable_source("old", scratch) == sources[0].resolve()
        sources[0].write_text("edited since", encoding="utf-8")
        copy = p.usable_source("old", scratch)
        assert copy.parent == scratch and "$7.50" in copy.read_text(encoding="utf-8")
    with Project.create(tmp_path / "n.cbadiff", *sources) as p:
        sources[1].unlink()
        with pytest.raises(ProjectError, match=r"proposed draft .*proposed\.txt is missing"):
            p.usable_source("new", scratch)


def test_one_project_shared_by_threads(project: Project) -> None:
    """A worker thread and the GUI thread may both call the store (calls are serialised)."""
    import threading

    errors: list[BaseException] = []

    def worker(tag: str) -> None:
        try:
            for n in range(40):
                a = project.add(anchor(n), f"{tag}-{n}").annotation
                project.update(a.id, status="agreed")
                project.annotations()
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(t,)) for t in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    items = project.annotations()
    assert len(items) == 120 and {a.status for a in items} == {"agreed"}


def test_create_where_the_file_cannot_be_written(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    target = tmp_path / "p.cbadiff"
    # the temporary file's name is taken by a folder, so SQLite cannot create it
    (tmp_path / f".p.cbadiff.{os.getpid()}.tmp").mkdir()
    with pytest.raises(ProjectError, match=r"p\.cbadiff could not be written"):
        Project.create(target, *sources)
    assert not target.exists()


def test_rename_status_follows_on_annotations(project: Project) -> None:
    a = project.add(anchor(1), status="disputed").annotation
    b = project.add(anchor(2), status="open").annotation
    assert project.rename_status("disputed", "contested") == 1
    assert "contested" in project.statuses and "disputed" not in project.statuses
    assert project.get(a.id).status == "contested" and project.get(a.id).edited == a.edited
    assert project.get(b.id).status == "open"
    with pytest.raises(ValueError):
        project.rename_status("open", "agreed")  # already listed
    with pytest.raises(ValueError):
        project.rename_status("nope", "x")
