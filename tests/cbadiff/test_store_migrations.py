"""Schema migrations: named steps, one transaction, a backup, and refusal of newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cbadiff.annotations import Anchor
from cbadiff.errors import ProjectError
from cbadiff.store import Project, migrations
from cbadiff.store.migrations import Migration, migrate, schema_version


def _v2_add_priority(conn: sqlite3.Connection) -> None:
    """A plausible next step: a priority column, filled from the status."""
    conn.execute("ALTER TABLE annotations ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE annotations SET priority = 2 WHERE status = 'disputed'")


V2 = Migration(2, "annotation priority", _v2_add_priority)


def _broken(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE annotations ADD COLUMN half_done TEXT")
    conn.execute("SELECT * FROM no_such_table")


@pytest.fixture
def v1_file(tmp_path: Path) -> Path:
    """A real schema-1 project with two annotations, closed."""
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("ARTICLE 1\nOne.\n", encoding="utf-8")
    new.write_text("ARTICLE 1\nTwo.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.cbadiff", old, new) as p:
        p.add(Anchor("pair-1", "c1", ("a1",), ("a1",), old_quote="One", new_quote="Two"), "a")
        p.add(Anchor("pair-1", None, ("a1",), ("a1",)), "b", status="disputed")
    return tmp_path / "p.cbadiff"


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_fresh_database_runs_every_step_and_records_names(tmp_path: Path) -> None:
    conn = _connect(tmp_path / "fresh.db")
    assert schema_version(conn) == 0
    names = migrate(conn, "fresh.db")
    assert names == [m.name for m in migrations.MIGRATIONS]
    assert schema_version(conn) == migrations.CURRENT_VERSION
    assert migrate(conn, "fresh.db") == []  # idempotent
    rows = conn.execute("SELECT version, name FROM schema_version").fetchall()
    assert rows == [(m.version, m.name) for m in migrations.MIGRATIONS]
    assert migrations.application_id(conn) == migrations.APPLICATION_ID
    conn.close()


def test_migrate_an_older_file_keeps_its_data(v1_file: Path) -> None:
    conn = _connect(v1_file)
    assert migrate(conn, v1_file, (*migrations.MIGRATIONS, V2)) == ["annotation priority"]
    assert schema_version(conn) == 2
    rows = conn.execute("SELECT comment, status, priority FROM annotations ORDER BY id").fetchall()
    assert rows == [("a", "open", 0), ("b", "disputed", 2)]
    conn.close()
    # this program knows schema 1 only, so the upgraded file is now "from a newer version"
    with pytest.raises(ProjectError, match=r"newer version of CBA Diff \(schema 2\)"):
        Project.open(v1_file)


def test_a_failing_step_leaves_the_file_unchanged(v1_file: Path) -> None:
    conn = _connect(v1_file)
    steps = (*migrations.MIGRATIONS, V2, Migration(3, "broken step", _broken))
    with pytest.raises(ProjectError, match=r"step 3 \(broken step\) failed.*left unchanged"):
        migrate(conn, v1_file, steps)
    assert schema_version(conn) == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(annotations)")]
    assert "priority" not in columns and "half_done" not in columns
    conn.close()
    with Project.open(v1_file) as p:
        assert [a.comment for a in p.annotations()] == ["a", "b"]


def test_open_upgrades_an_older_file_and_keeps_a_backup(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, V2))
    with pytest.raises(ProjectError, match=r"older CBA Diff .*must be upgraded"):
        Project.open(v1_file, read_only=True)
    with Project.open(v1_file) as p:
        assert p.upgraded == ("annotation priority",)
        assert p.schema_version == 2
        assert [a.comment for a in p.annotations()] == ["a", "b"]
    backup = v1_file.with_name("p.cbadiff.schema1.bak")
    conn = _connect(backup)
    assert schema_version(conn) == 1
    assert conn.execute("SELECT COUNT(*) FROM annotations").fetchone() == (2,)
    conn.close()


def test_hand_built_v0_layout_migrates(tmp_path: Path) -> None:
    """A file from before ``schema_version`` existed: a bare notes table, stamped as ours."""
    path = tmp_path / "v0.cbadiff"
    conn = _connect(path)
    conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, pair TEXT, text TEXT)")
    conn.execute(
        "INSERT INTO notes (pair, text) VALUES ('pair-3', 'check overtime'), ('pair-4', '')"
    )

    def notes_to_annotations(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE annotations (id INTEGER PRIMARY KEY, pair_id TEXT, comment TEXT)")
        c.execute("INSERT INTO annotations SELECT id, pair, text FROM notes")
        c.execute("DROP TABLE notes")

    assert schema_version(conn) == 0
    names = migrate(conn, path, (Migration(1, "notes become annotations", notes_to_annotations),))
    assert names == ["notes become annotations"]
    assert conn.execute("SELECT pair_id, comment FROM annotations ORDER BY id").fetchall() == [
        ("pair-3", "check overtime"),
        ("pair-4", ""),
    ]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "notes" not in tables and "schema_version" in tables
    conn.close()
