"""The project file: both agreements, the comparison settings and every annotation, in one
SQLite file that is never "unsaved".

Every annotation edit is its own committed transaction (WAL journal, ``synchronous=FULL``), so a
crash or a power cut loses at most the edit being typed. A second program opening the same
project gets it read-only: the writer holds an exclusive SQLite lock on a small ``-lock`` file
next to the project for as long as it is open. The operating system drops that lock when the
holder exits for any reason, including ``kill -9`` and power loss, so a stale lock can never
block anyone; the holder's name, host and process id sit in the project's ``lock_owner`` row
only so the warning can say who has it open.

Undo works through plain store calls: :meth:`Project.add`, :meth:`Project.update` and
:meth:`Project.delete` each return an :class:`Edit` holding the annotation before and after, and
:meth:`Project.apply` puts either state back exactly, id included.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, TypeVar

from cbadiff import __version__
from cbadiff.annotations import DEFAULT_STATUSES, Anchor, Annotation, default_author
from cbadiff.errors import ProjectError
from cbadiff.store import migrations
from cbadiff.store.lock import LockOwner, host_name, read_lock_owner, try_lock, uri
from cbadiff.store.migrations import APPLICATION_ID
from cbadiff.store.rows import (
    ANNOTATION_COLUMNS,
    anchor_from_json,
    anchor_to_json,
    annotation_from_row,
    annotation_row,
)

if TYPE_CHECKING:
    from cbadiff.model import Comparison

Side = Literal["old", "new"]
SIDES: tuple[Side, Side] = ("old", "new")
SIDE_NAMES: dict[str, str] = {"old": "expired agreement", "new": "proposed draft"}
SQLITE_MAGIC = b"SQLite format 3\x00"
PROJECT_SUFFIX = ".cbadiff"
_UNSET: Any = object()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _check_side(side: str) -> Side:
    if side == "old":
        return "old"
    if side == "new":
        return "new"
    raise ValueError(f"side must be 'old' or 'new', not {side!r}")


@dataclass(frozen=True, slots=True)
class Source:
    """One agreement file as the project knows it."""

    id: int
    side: Side
    path: str
    relpath: str | None
    sha256: str
    size: int
    embedded: bool
    added: str

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A source file that is missing or no longer the file the project was made with."""

    side: Side
    path: str
    problem: Literal["missing", "changed"]
    embedded: bool  # a copy is in the project, so the comparison can still run
    message: str


@dataclass(frozen=True, slots=True)
class Edit:
    """An annotation before and after one edit; ``None`` on the side where it did not exist."""

    before: Annotation | None
    after: Annotation | None

    def inverse(self) -> Edit:
        return Edit(self.after, self.before)

    @property
    def annotation(self) -> Annotation:
        """The annotation the edit is about (its new state, or the deleted one)."""
        result = self.after or self.before
        assert result is not None, "an edit has at least one side"
        return result


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _locked(
    method: Callable[Concatenate[Project, _P], _R],
) -> Callable[Concatenate[Project, _P], _R]:
    """Serialise a store call, so a worker thread and the GUI thread can share one project."""

    @functools.wraps(method)
    def wrapper(self: Project, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._mutex:
            return method(self, *args, **kwargs)

    return wrapper


class Project:
    """An open project file. Use :meth:`create` or :meth:`open`; close it (or use ``with``)."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        lock: sqlite3.Connection | None,
        read_only: bool,
        read_only_reason: str = "",
        lock_owner: LockOwner | None = None,
        upgraded: Sequence[str] = (),
    ) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._mutex = threading.RLock()
        self.read_only = read_only
        self.read_only_reason = read_only_reason  # why, in words, for the warning bar
        self.lock_owner = lock_owner  # the other program holding it open, if that is why
        self.upgraded = tuple(upgraded)  # names of the migration steps this open ran

    # ------------------------------------------------------------------ opening and closing

    @classmethod
    def create(
        cls,
        path: str | Path,
        old_path: str | Path,
        new_path: str | Path,
        settings: Mapping[str, Any] | None = None,
        embed_files: bool = False,
        *,
        statuses: Sequence[str] | None = None,
        overwrite: bool = False,
    ) -> Project:
        """Write a new project for two agreement files and open it for writing.

        The file is built under a temporary name and renamed into place, so a failure leaves
        nothing behind and never a half-written project (nor harms one being overwritten).
        """
        path = Path(path)
        if path.exists() and not overwrite:
            raise ProjectError(f"{path} already exists. Choose another name, or open it.")
        if path.is_dir():
            raise ProjectError(f"{path} is a folder. Choose a file name for the project.")
        if not path.parent.is_dir():
            raise ProjectError(f"The folder {path.parent} does not exist. Choose another place.")
        held = None
        if path.exists():
            held = cls._take_lock_or_raise(path)
        docs = [
            cls._read_source(side, Path(p), embed_files)
            for side, p in zip(SIDES, (old_path, new_path), strict=True)
        ]
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.unlink(missing_ok=True)  # left by a crash of an earlier run with our pid
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = DELETE")
                migrations.migrate(conn, path)
                now = _now()
                conn.execute("BEGIN IMMEDIATE")
                ids: dict[str, int] = {}
                for side, (abs_path, sha, size, content) in zip(SIDES, docs, strict=True):
                    cur = conn.execute(
                        "INSERT INTO documents (side, path, relpath, sha256, size, content, added)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (side, abs_path, _relpath(abs_path, path), sha, size, content, now),
                    )
                    assert cur.lastrowid is not None
                    ids[side] = cur.lastrowid
                meta = {
                    "created": now,
                    "created_by": f"CBA Diff {__version__}",
                    "settings": dict(settings or {}),
                    "statuses": list(statuses or DEFAULT_STATUSES),
                    "embed_files": bool(embed_files),
                    "old_document": ids["old"],
                    "new_document": ids["new"],
                }
                for key, value in meta.items():
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?, ?)", (key, _dump(key, value))
                    )
                conn.execute("COMMIT")
            finally:
                conn.close()
            for suffix in ("-wal", "-shm"):  # an old file's journal must not replay into ours
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            os.replace(tmp, path)
        except (sqlite3.Error, OSError) as exc:
            _discard(tmp)
            if held is not None:
                held.close()
            raise ProjectError(
                f"{path} could not be written ({exc}). Check the folder is writable and the "
                "disk has space."
            ) from None
        except BaseException:
            _discard(tmp)
            if held is not None:
                held.close()
            raise
        if held is not None:
            held.close()
        return cls.open(path, read_only=False)

    @staticmethod
    def _read_source(side: Side, path: Path, embed: bool) -> tuple[str, str, int, bytes | None]:
        name = SIDE_NAMES[side]
        try:
            sha, size = _sha256(path)
            content = path.read_bytes() if embed else None
        except FileNotFoundError:
            raise ProjectError(f"The {name} {path} does not exist. Check the path.") from None
        except IsADirectoryError:
            raise ProjectError(f"The {name} {path} is a folder, not a file.") from None
        except OSError as exc:
            raise ProjectError(f"The {name} {path} cannot be read ({exc.strerror}).") from None
        return str(path.resolve()), sha, size, content

    @classmethod
    def _take_lock_or_raise(cls, path: Path) -> sqlite3.Connection:
        try:
            held = try_lock(path)
        except sqlite3.Error as exc:
            raise ProjectError(f"{path} cannot be locked for writing ({exc}).") from None
        if held is None:
            owner = read_lock_owner(path)
            who = f" by {owner.describe()}" if owner else ""
            raise ProjectError(
                f"{path} is open in another CBA Diff window{who}. Close it there first, "
                "or open it read-only."
            )
        return held

    @classmethod
    def open(cls, path: str | Path, read_only: bool | None = None) -> Project:
        """Open a project: for writing when possible, else read-only with a reason.

        ``read_only=None`` opens read-only (setting :attr:`read_only`, :attr:`lock_owner` and
        :attr:`read_only_reason`) when another program has it open or the file cannot be
        written; ``False`` raises :class:`ProjectError` instead; ``True`` never writes.
        """
        path = Path(path)
        _check_header(path)
        lock: sqlite3.Connection | None = None
        reason = ""
        owner: LockOwner | None = None
        if read_only is not True:
            if not os.access(path, os.W_OK):
                reason = "the file is read-only on disk"
            else:
                try:
                    lock = try_lock(path)
                except sqlite3.Error as exc:
                    reason = f"it cannot be locked for writing ({exc})"
                else:
                    if lock is None:
                        owner = read_lock_owner(path)
                        who = f" ({owner.describe()})" if owner else ""
                        reason = f"it is open in another CBA Diff window{who}"
            if reason and read_only is False:
                raise ProjectError(
                    f"{path} cannot be opened for writing: {reason}. Close the other window, "
                    "or open it read-only."
                )
        writable = lock is not None
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(path, writable)
            upgraded = _check_and_upgrade(conn, path, writable)
            project = cls(
                path,
                conn,
                lock=lock,
                read_only=not writable,
                read_only_reason=reason if read_only is not True else "opened read-only",
                lock_owner=owner,
                upgraded=upgraded,
            )
            if writable:
                project._claim()
        except BaseException:
            if lock is not None:
                lock.close()
            if conn is not None:
                conn.close()
            raise
        return project

    def _claim(self) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO lock_owner (id, pid, host, user, since) "
                "VALUES (1, ?, ?, ?, ?)",
                (os.getpid(), host_name(), default_author(), _now()),
            )

    @_locked
    def close(self) -> None:
        """Release the project; everything was committed already."""
        if self._conn is None:
            return
        if self._lock is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("DELETE FROM lock_owner WHERE pid = ?", (os.getpid(),))
        self._conn.close()
        self._conn = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @_locked
    def save_as(self, path: str | Path, *, overwrite: bool = False) -> Project:
        """Copy the whole project to ``path`` and return it opened; this one stays open.

        The GUI closes this project and carries on with the returned one (File ▸ Save As).
        """
        target = Path(path)
        if target.exists() and not overwrite:
            raise ProjectError(f"{target} already exists. Choose another name.")
        if target.resolve() == self.path.resolve():
            raise ProjectError(f"{target} is this project itself. Choose another name.")
        held = self._take_lock_or_raise(target) if target.exists() else None
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            dest = sqlite3.connect(tmp, isolation_level=None)
            try:
                self._read().backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                dest.execute("DELETE FROM lock_owner")
                rows = dest.execute("SELECT id, path FROM documents").fetchall()
                for doc_id, doc_path in rows:  # keep the sources findable from the new folder
                    dest.execute(
                        "UPDATE documents SET relpath = ? WHERE id = ?",
                        (_relpath(doc_path, target), doc_id),
                    )
            finally:
                dest.close()
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            os.replace(tmp, target)
        except sqlite3.Error as exc:
            _discard(tmp)
            raise ProjectError(f"{target} could not be written ({exc}).") from None
        except BaseException:
            _discard(tmp)
            raise
        finally:
            if held is not None:
                held.close()
        return Project.open(target, read_only=False)

    # ------------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, or nothing at all."""
        if self._conn is None:
            raise ProjectError(f"{self.path} is closed.")
        if self.read_only:
            why = f" because {self.read_only_reason}" if self.read_only_reason else ""
            raise ProjectError(f"{self.path} is open read-only{why}; the change was not saved.")
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ProjectError(f"Could not save to {self.path} ({exc}).") from None
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise ProjectError(
                f"Could not save to {self.path} ({exc}). Earlier annotations are safe; "
                "check the disk has space and try again."
            ) from None
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    def _read(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ProjectError(f"{self.path} is closed.")
        return self._conn

    # ------------------------------------------------------------------ settings

    def _meta(self, key: str, default: Any = None) -> Any:
        row = self._read().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def _set_meta(self, conn: sqlite3.Connection, key: str, value: Any) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, _dump(key, value))
        )

    @property
    @_locked
    def settings(self) -> dict[str, Any]:
        """The comparison settings, as the GUI or CLI stored them (a fresh copy)."""
        value = self._meta("settings", {})
        return dict(value) if isinstance(value, dict) else {}

    @_locked
    def set_settings(self, settings: Mapping[str, Any]) -> None:
        with self._write() as conn:
            self._set_meta(conn, "settings", dict(settings))

    @property
    @_locked
    def statuses(self) -> tuple[str, ...]:
        value = self._meta("statuses", list(DEFAULT_STATUSES))
        return tuple(str(s) for s in value) or DEFAULT_STATUSES

    @_locked
    def set_statuses(self, statuses: Sequence[str]) -> None:
        """Configure the status list; annotations keep a status that is no longer listed."""
        cleaned = [s.strip() for s in statuses if s.strip()]
        if not cleaned:
            raise ValueError("a project needs at least one status")
        if len(set(cleaned)) != len(cleaned):
            raise ValueError("statuses must be unique")
        with self._write() as conn:
            self._set_meta(conn, "statuses", cleaned)

    @_locked
    def rename_status(self, old: str, new: str) -> int:
        """Rename a status in the list and on every annotation carrying it, in one transaction.

        Returns how many annotations changed. Their ``edited`` time stays: a rename is a
        change of vocabulary, not a reviewer's judgement.
        """
        statuses = list(self.statuses)
        new = new.strip()
        if old not in statuses:
            raise ValueError(f"unknown status {old!r}")
        if not new or (new != old and new in statuses):
            raise ValueError(f"cannot rename {old!r} to {new!r}: empty or already listed")
        statuses[statuses.index(old)] = new
        with self._write() as conn:
            self._set_meta(conn, "statuses", statuses)
            cur = conn.execute("UPDATE annotations SET status = ? WHERE status = ?", (new, old))
        return cur.rowcount

    @property
    @_locked
    def schema_version(self) -> int:
        return migrations.schema_version(self._read())

    # ------------------------------------------------------------------ sources

    def _source_row(self, doc_id: int) -> Source:
        row = (
            self._read()
            .execute(
                "SELECT id, side, path, relpath, sha256, size, content IS NOT NULL, added "
                "FROM documents WHERE id = ?",
                (doc_id,),
            )
            .fetchone()
        )
        if row is None:
            raise ProjectError(f"{self.path} is damaged: document {doc_id} is missing.")
        return Source(
            id=int(row[0]),
            side=_check_side(row[1]),
            path=row[2],
            relpath=row[3],
            sha256=row[4],
            size=int(row[5]),
            embedded=bool(row[6]),
            added=row[7],
        )

    @_locked
    def source(self, side: str) -> Source:
        """The current file of a side: the expired agreement, or the latest proposed draft."""
        side = _check_side(side)
        return self._source_row(int(self._meta(f"{side}_document")))

    @_locked
    def drafts(self) -> list[Source]:
        """Every proposed draft compared in this project, oldest first."""
        rows = (
            self._read()
            .execute("SELECT id FROM documents WHERE side = 'new' ORDER BY id")
            .fetchall()
        )
        return [self._source_row(int(r[0])) for r in rows]

    @_locked
    def locate_source(self, side: str) -> Path | None:
        """The file on disk that is this side's source, by its stored path or relative path."""
        src = self.source(side)
        for candidate in self._candidates(src):
            if candidate.is_file():
                try:
                    sha, _size = _sha256(candidate)
                except OSError:
                    continue
                if sha == src.sha256:
                    return candidate
        return None

    def _candidates(self, src: Source) -> list[Path]:
        out = [Path(src.path)]
        if src.relpath:
            out.append(self.path.absolute().parent / src.relpath)
        return out

    @_locked
    def check_sources(self) -> list[SourceProblem]:
        """What is wrong with the source files on disk (empty when both are as saved)."""
        problems: list[SourceProblem] = []
        for side in SIDES:
            src = self.source(side)
            name = SIDE_NAMES[side]
            copy = " A copy is saved in the project and can be used." if src.embedded else ""
            existing = [c for c in self._candidates(src) if c.is_file()]
            if not existing:
                problems.append(
                    SourceProblem(
                        side,
                        src.path,
                        "missing",
                        src.embedded,
                        f"The {name} {src.path} is missing. Locate the file.{copy}",
                    )
                )
            elif self.locate_source(side) is None:
                problems.append(
                    SourceProblem(
                        side,
                        str(existing[0]),
                        "changed",
                        src.embedded,
                        f"The {name} {existing[0]} has changed since it was added to the "
                        f"project. Locate the original, or use the changed file and compare "
                        f"again.{copy}",
                    )
                )
        return problems

    @_locked
    def relocate(self, side: str, new_path: str | Path, *, accept_changed: bool = False) -> Source:
        """Point a side at ``new_path``: the same file moved, or (``accept_changed``) a new one.

        A file with different contents is refused unless ``accept_changed``; then its hash (and
        embedded copy) replace the old ones and the caller compares again and re-anchors.
        """
        side = _check_side(side)
        src = self.source(side)
        abs_path, sha, size, content = self._read_source(side, Path(new_path), src.embedded)
        if sha != src.sha256 and not accept_changed:
            raise ProjectError(
                f"{new_path} is not the {SIDE_NAMES[side]} this project was made with (its "
                "contents differ). Choose the original file, or use this one as a changed file."
            )
        with self._write() as conn:
            conn.execute(
                "UPDATE documents SET path = ?, relpath = ?, sha256 = ?, size = ?, "
                "content = COALESCE(?, content) WHERE id = ?",
                (abs_path, _relpath(abs_path, self.path), sha, size, content, src.id),
            )
        return self._source_row(src.id)

    @_locked
    def add_draft(self, new_path: str | Path, *, embed: bool | None = None) -> Source:
        """Record a new proposed draft as the current new side, keeping the earlier ones.

        Annotations keep pointing at the draft they were anchored to until
        :meth:`record_anchoring` moves them to this one.
        """
        if embed is None:
            embed = bool(self._meta("embed_files", False))
        abs_path, sha, size, content = self._read_source("new", Path(new_path), embed)
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO documents (side, path, relpath, sha256, size, content, added) "
                "VALUES ('new', ?, ?, ?, ?, ?, ?)",
                (abs_path, _relpath(abs_path, self.path), sha, size, content, _now()),
            )
            assert cur.lastrowid is not None
            self._set_meta(conn, "new_document", cur.lastrowid)
            doc_id = cur.lastrowid
        return self._source_row(doc_id)

    @_locked
    def usable_source(self, side: str, scratch: str | Path) -> Path:
        """The file to compare for a side: on disk when it is the one recorded, else the
        embedded copy written into ``scratch``; :class:`ProjectError` saying what to do if
        neither exists."""
        found = self.locate_source(side)
        if found is not None:
            return found
        if self.source_bytes(side) is not None:
            return self.extract_source(side, scratch)
        problem = next(p for p in self.check_sources() if p.side == side)
        raise ProjectError(problem.message)

    @_locked
    def source_bytes(self, side: str) -> bytes | None:
        """The embedded copy of a side's file, or None when the project holds no copy."""
        src = self.source(side)
        row = (
            self._read().execute("SELECT content FROM documents WHERE id = ?", (src.id,)).fetchone()
        )
        return None if row is None or row[0] is None else bytes(row[0])

    @_locked
    def extract_source(self, side: str, directory: str | Path) -> Path:
        """Write the embedded copy of a side into ``directory`` under its original name."""
        data = self.source_bytes(side)
        src = self.source(side)
        if data is None:
            raise ProjectError(
                f"{self.path} holds no copy of the {SIDE_NAMES[src.side]} {src.name}. "
                "Locate the file instead."
            )
        target = Path(directory) / src.name
        target.write_bytes(data)
        return target

    # ------------------------------------------------------------------ annotations

    @_locked
    def annotations(self, *, orphaned: bool | None = None) -> list[Annotation]:
        """All annotations in creation order; ``orphaned`` filters on the flag when given."""
        sql = f"SELECT {ANNOTATION_COLUMNS} FROM annotations"
        args: tuple[Any, ...] = ()
        if orphaned is not None:
            sql += " WHERE orphaned = ?"
            args = (int(orphaned),)
        rows = self._read().execute(sql + " ORDER BY id", args).fetchall()
        return [annotation_from_row(r) for r in rows]

    @_locked
    def get(self, annotation_id: int) -> Annotation:
        found = self._find(annotation_id)
        if found is None:
            raise KeyError(annotation_id)
        return found

    def _find(self, annotation_id: int) -> Annotation | None:
        row = (
            self._read()
            .execute(f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,))
            .fetchone()
        )
        return None if row is None else annotation_from_row(row)

    def _check_status(self, status: str) -> str:
        if status not in self.statuses:
            raise ValueError(
                f"unknown status {status!r}; this project's statuses are "
                + ", ".join(self.statuses)
            )
        return status

    @_locked
    def add(
        self,
        anchor: Anchor,
        comment: str = "",
        *,
        status: str | None = None,
        author: str | None = None,
        member_note: str = "",
    ) -> Edit:
        """Create an annotation (committed on return); status defaults to the first listed."""
        status = self._check_status(status if status is not None else self.statuses[0])
        now = _now()
        draft = self._meta("new_document")
        with self._write() as conn:
            row = annotation_row(
                Annotation(
                    id=0,
                    anchor=anchor,
                    comment=comment,
                    status=status,
                    author=author or default_author(),
                    created=now,
                    edited=now,
                    member_note=member_note,
                    draft=None if draft is None else int(draft),
                )
            )
            cur = conn.execute(
                f"INSERT INTO annotations ({ANNOTATION_COLUMNS}) "
                f"VALUES (NULL{', ?' * (len(row) - 1)})",
                row[1:],
            )
            assert cur.lastrowid is not None
            new_id = cur.lastrowid
        return Edit(None, self.get(new_id))

    @_locked
    def update(
        self,
        annotation_id: int,
        *,
        comment: str = _UNSET,
        status: str = _UNSET,
        member_note: str = _UNSET,
        author: str = _UNSET,
    ) -> Edit:
        """Change the given fields (others stay), stamp ``edited``, and commit."""
        before = self.get(annotation_id)
        changes: dict[str, Any] = {}
        if comment is not _UNSET:
            changes["comment"] = comment
        if status is not _UNSET:
            changes["status"] = self._check_status(status)
        if member_note is not _UNSET:
            changes["member_note"] = member_note
        if author is not _UNSET:
            changes["author"] = author
        after = replace(before, **changes, edited=_now())
        with self._write() as conn:
            conn.execute(
                "UPDATE annotations SET comment = ?, status = ?, member_note = ?, author = ?, "
                "edited = ? WHERE id = ?",
                (
                    after.comment,
                    after.status,
                    after.member_note,
                    after.author,
                    after.edited,
                    annotation_id,
                ),
            )
        return Edit(before, after)

    @_locked
    def delete(self, annotation_id: int) -> Edit:
        before = self.get(annotation_id)
        with self._write() as conn:
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return Edit(before, None)

    @_locked
    def apply(self, edit: Edit) -> None:
        """Make the store hold ``edit.after``: ``apply(edit.inverse())`` undoes an edit.

        A deleted annotation comes back whole, with its id and times. For one that still
        exists only what a reviewer edits (comment, status, note, author, times) is restored;
        its anchor stays as it is, because a re-comparison may have moved it since.
        """
        target = edit.annotation
        with self._write() as conn:
            if edit.after is None:
                conn.execute("DELETE FROM annotations WHERE id = ?", (target.id,))
                return
            a = edit.after
            cur = conn.execute(
                "UPDATE annotations SET comment = ?, status = ?, member_note = ?, author = ?, "
                "created = ?, edited = ? WHERE id = ?",
                (a.comment, a.status, a.member_note, a.author, a.created, a.edited, a.id),
            )
            if cur.rowcount == 0:
                conn.execute(
                    f"INSERT INTO annotations ({ANNOTATION_COLUMNS}) VALUES (?{', ?' * 20})",
                    annotation_row(a),
                )

    @_locked
    def record_anchoring(
        self, results: Sequence[tuple[Annotation, Anchor | None]]
    ) -> list[Annotation]:
        """Store a re-anchoring against the current draft in one transaction.

        A matched annotation takes its new anchor; one with ``None`` is flagged orphaned and
        keeps its last anchor, quotes included. Each outcome is also appended to the
        anchoring history, so it stays known which draft every annotation was placed on.
        """
        draft = int(self._meta("new_document"))
        now = _now()
        with self._write() as conn:
            for annotation, anchor in results:
                orphaned = anchor is None
                kept = annotation.anchor if anchor is None else anchor
                conn.execute(
                    "INSERT INTO anchorings (annotation_id, document_id, anchor, orphaned, at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (annotation.id, draft, json.dumps(anchor_to_json(kept)), int(orphaned), now),
                )
                row = annotation_row(
                    replace(annotation, anchor=kept, orphaned=orphaned, draft=draft)
                )
                conn.execute(
                    "UPDATE annotations SET pair_id = ?, change_id = ?, old_units = ?, "
                    "new_units = ?, old_block = ?, new_block = ?, old_quote = ?, new_quote = ?, "
                    "old_context = ?, new_context = ?, heading = ?, ordinal = ?, orphaned = ?, "
                    "document_id = ? WHERE id = ?",
                    (*row[1:13], row[19], row[20], annotation.id),
                )
        return self.annotations()

    def reanchor(self, comparison: Comparison) -> list[Annotation]:
        """Place every annotation in ``comparison`` and store what moved; return them all.

        Call it after each comparison run: on opening a project (the comparison is re-run from
        the sources, and an engine update may have renumbered its changes) and after
        :meth:`add_draft`. Only annotations whose anchor, orphan flag or draft changed are
        written, in one transaction; a read-only project gets the placement in memory only.
        The matching runs outside the project's lock, so it may run in a worker thread while
        the GUI thread keeps editing (it only writes anchors, never a reviewer's text).
        """
        from cbadiff.store.anchoring import reanchor  # rapidfuzz only when needed

        with self._mutex:
            draft = int(self._meta("new_document"))
            snapshot = self.annotations()
        results = reanchor(snapshot, comparison)
        moved = [
            (a, x)
            for a, x in results
            if a.draft != draft or a.orphaned != (x is None) or (x is not None and x != a.anchor)
        ]
        if not self.read_only:
            if moved:
                self.record_anchoring(moved)
            return self.annotations()
        return [
            replace(a, anchor=a.anchor if x is None else x, orphaned=x is None, draft=draft)
            for a, x in results
        ]

    @_locked
    def anchoring_history(self, annotation_id: int) -> list[tuple[int | None, Anchor, bool, str]]:
        """(draft document id, anchor, orphaned, when) for each re-anchoring, oldest first."""
        rows = (
            self._read()
            .execute(
                "SELECT document_id, anchor, orphaned, at FROM anchorings "
                "WHERE annotation_id = ? ORDER BY rowid",
                (annotation_id,),
            )
            .fetchall()
        )
        return [
            (
                None if r[0] is None else int(r[0]),
                anchor_from_json(json.loads(r[1])),
                bool(r[2]),
                r[3],
            )
            for r in rows
        ]

    def refresh_lock_owner(self) -> LockOwner | None:
        """Who holds the project now (for a read-only window polling for its release)."""
        return read_lock_owner(self.path)


# ---------------------------------------------------------------------- helpers


def _discard(path: Path) -> None:
    """Remove a temporary file on the way out of a failure, never raising over it."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _dump(key: str, value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"project setting {key!r} cannot be stored: {exc}") from None


def _relpath(abs_path: str, project: Path) -> str | None:
    try:
        return os.path.relpath(abs_path, project.absolute().parent)
    except ValueError:  # another drive on Windows
        return None


def _check_header(path: Path) -> None:
    """Refuse a missing file, a folder or a non-SQLite file before SQLite touches it."""
    if path.exists() and not path.is_file() and not path.is_dir():
        # a pipe or a device: opening a named pipe would wait for a writer forever
        raise ProjectError(f"{path} is not a regular file, so it cannot be a CBA Diff project.")
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise ProjectError(f"{path} does not exist. Check the path.") from None
    except IsADirectoryError:
        raise ProjectError(f"{path} is a folder, not a CBA Diff project file.") from None
    except OSError as exc:
        raise ProjectError(f"{path} cannot be read ({exc.strerror}).") from None
    if head != SQLITE_MAGIC:
        what = "is empty" if not head else "is not an SQLite file"
        raise ProjectError(
            f"{path} is not a CBA Diff project (it {what}). Open a {PROJECT_SUFFIX} file "
            "saved by CBA Diff."
        )


def _connect(path: Path, writable: bool) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            uri(path, "rw" if writable else "ro"),
            uri=True,
            timeout=10,
            isolation_level=None,
            check_same_thread=False,  # calls are serialised by Project._mutex
        )
        if writable:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        else:
            try:
                conn.execute("PRAGMA application_id").fetchone()
            except sqlite3.OperationalError:
                # A WAL file in a folder we may not write to (a read-only share, a CD): SQLite
                # cannot make its shared-memory file. With no writer able to exist there, the
                # file can be read as immutable.
                conn.close()
                conn = sqlite3.connect(
                    uri(path, "ro") + "&immutable=1",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise ProjectError(_damaged(path, exc)) from None
    return conn


def _damaged(path: Path, exc: BaseException) -> str:
    return (
        f"{path} is damaged and cannot be opened ({exc}). Restore it from a backup; "
        "the agreements themselves are not affected."
    )


def _check_and_upgrade(conn: sqlite3.Connection, path: Path, writable: bool) -> list[str]:
    try:
        app_id = migrations.application_id(conn)
        version = migrations.schema_version(conn)
        if app_id != APPLICATION_ID:
            raise ProjectError(
                f"{path} is an SQLite database but not a CBA Diff project. Open a "
                f"{PROJECT_SUFFIX} file saved by CBA Diff."
            )
        current = migrations.MIGRATIONS[-1].version
        if version > current:
            raise ProjectError(migrations.newer_message(path, version))
        check = conn.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            raise ProjectError(_damaged(path, ValueError("; ".join(r[0] for r in check[:3]))))
        if version == current:
            return []
        if not writable:
            raise ProjectError(
                f"{path} was saved by an older CBA Diff (schema {version}) and must be "
                "upgraded, which needs it opened for writing. Close other windows using it."
            )
        _backup(conn, path, version)
        return migrations.migrate(conn, path, migrations.MIGRATIONS)
    except sqlite3.DatabaseError as exc:
        raise ProjectError(_damaged(path, exc)) from None


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Keep a copy of a file before upgrading it, so an older CBA Diff can still open it."""
    target = path.with_name(f"{path.name}.schema{version}.bak")
    if target.exists():
        return
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
