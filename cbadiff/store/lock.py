"""One writer per project: an exclusive SQLite lock on a sidecar file, released by the OS.

The writer holds ``BEGIN EXCLUSIVE`` on ``<project>-lock`` for as long as the project is open.
The operating system drops that lock when the process ends for any reason (``kill -9``, a crash,
a power cut), so a stale lock never blocks anyone and no heartbeat is needed. Who holds it is
recorded in the project's ``lock_owner`` row only to tell others. The sidecar is never deleted:
deleting a lock file while another process has it open lets two processes lock different files.
"""

from __future__ import annotations

import socket
import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LockOwner:
    """Who holds a project open for writing, as far as that program recorded it."""

    pid: int | None
    host: str
    user: str
    since: str

    def describe(self) -> str:
        pid = f", process {self.pid}" if self.pid is not None else ""
        return f"{self.user} on {self.host}{pid}, since {self.since}"


def uri(path: Path, mode: str) -> str:
    return f"{path.absolute().as_uri()}?mode={mode}"


def lock_path(path: Path) -> Path:
    """The sidecar file whose SQLite lock says "a program is editing this project"."""
    return path.with_name(path.name + "-lock")


def try_lock(path: Path) -> sqlite3.Connection | None:
    """Take the project's writer lock, or return None when another program holds it.

    Other ``sqlite3`` errors (e.g. a folder the user may not write to) go to the caller, who
    then opens the project read-only.
    """
    conn = sqlite3.connect(
        lock_path(path), timeout=0, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            return None
        raise
    return conn


def host_name() -> str:
    try:
        return socket.gethostname() or "this computer"
    except OSError:
        return "this computer"


def read_lock_owner(path: Path) -> LockOwner | None:
    """The owner row of a project someone else holds, read without taking any lock."""
    try:
        conn = sqlite3.connect(uri(path, "ro"), uri=True, timeout=2)
        try:
            row = conn.execute("SELECT pid, host, user, since FROM lock_owner").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    return LockOwner(
        pid=None if row[0] is None else int(row[0]), host=row[1], user=row[2], since=row[3]
    )
