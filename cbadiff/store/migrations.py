"""Schema versions of the project file and the named steps that build and upgrade it.

A project is a reviewer's hours of work, so a file is never guessed at: it must carry our
``application_id``, its version is the highest step recorded in ``schema_version``, a file from
a newer program is refused rather than half-read, and an upgrade runs all pending steps in one
transaction, so a failed step leaves the file exactly as it was (qutebrowser's named migrations).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cbadiff.errors import ProjectError

APPLICATION_ID = 0x43424466  # "CBDf": marks an SQLite file as a CBA Diff project


@dataclass(frozen=True, slots=True)
class Migration:
    """One named step; ``version`` is the schema version the file has after it ran."""

    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


_V1 = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL  -- JSON
    )""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        side TEXT NOT NULL CHECK (side IN ('old', 'new')),
        path TEXT NOT NULL,        -- absolute path when added or relocated
        relpath TEXT,              -- relative to the project's folder, for a moved folder
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        content BLOB,              -- the file itself when embedded, else NULL
        added TEXT NOT NULL
    )""",
    """CREATE TABLE annotations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,  -- ids are never reused, so undo can restore one
        pair_id TEXT NOT NULL,
        change_id TEXT,
        old_units TEXT NOT NULL,   -- JSON list of unit ids
        new_units TEXT NOT NULL,
        old_block TEXT,
        new_block TEXT,
        old_quote TEXT NOT NULL,
        new_quote TEXT NOT NULL,
        old_context TEXT NOT NULL,
        new_context TEXT NOT NULL,
        heading TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        comment TEXT NOT NULL,
        status TEXT NOT NULL,
        author TEXT NOT NULL,
        created TEXT NOT NULL,
        edited TEXT NOT NULL,
        member_note TEXT NOT NULL,
        orphaned INTEGER NOT NULL DEFAULT 0,
        document_id INTEGER REFERENCES documents (id)
    )""",
    "CREATE INDEX annotations_pair ON annotations (pair_id)",
    """CREATE TABLE anchorings (
        annotation_id INTEGER NOT NULL,
        document_id INTEGER REFERENCES documents (id),
        anchor TEXT NOT NULL,      -- JSON of the anchor it had against that draft
        orphaned INTEGER NOT NULL,
        at TEXT NOT NULL
    )""",
    """CREATE TABLE lock_owner (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pid INTEGER,
        host TEXT NOT NULL,
        user TEXT NOT NULL,
        since TEXT NOT NULL
    )""",
)


def _v1_initial(conn: sqlite3.Connection) -> None:
    for statement in _V1:
        conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "initial schema: meta, documents, annotations, anchorings, lock owner", _v1_initial
    ),
)
CURRENT_VERSION = MIGRATIONS[-1].version


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def newer_message(path: object, version: int) -> str:
    return (
        f"{path} was saved by a newer version of CBA Diff (schema {version}); "
        "update CBA Diff to open it."
    )


def schema_version(conn: sqlite3.Connection) -> int:
    """The file's schema version: 0 for a file no step has run on yet."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        return 0
    (version,) = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
    return int(version)


def application_id(conn: sqlite3.Connection) -> int:
    (value,) = conn.execute("PRAGMA application_id").fetchone()
    return int(value)


def migrate(
    conn: sqlite3.Connection,
    path: object,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[str]:
    """Run the pending steps in one transaction and return their names.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Raises :class:`ProjectError`
    for a newer file, and for a failing step after rolling everything back.
    """
    target = migrations[-1].version
    version = schema_version(conn)
    if version > target:
        raise ProjectError(newer_message(path, version))
    pending = [m for m in migrations if m.version > version]
    if not pending:
        return []
    conn.execute("BEGIN IMMEDIATE")
    step = pending[0]
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        for step in pending:
            step.apply(conn)
            conn.execute(
                "INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)",
                (step.version, step.name, _now()),
            )
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException as exc:
        conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error | ValueError | KeyError):
            raise ProjectError(
                f"{path} could not be upgraded to schema {target}: step {step.version} "
                f"({step.name}) failed: {exc}. The file was left unchanged."
            ) from exc
        raise
    return [m.name for m in pending]
