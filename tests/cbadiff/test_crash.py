"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it reported saved.

A child process opens the project, adds annotations in a loop (and edits every third one), and
prints each id only after the store call returned. The parent kills it at a random moment, 100
times, some of them while it is still opening the project. Afterwards every reported write is in
the file, the file passes ``PRAGMA integrity_check``, and the lock of the killed writers never
made the next one read-only.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cbadiff.store import Project

KILLS = 100

WRITER = r"""
import sys
from cbadiff.annotations import Anchor
from cbadiff.store.project import Project

project = Project.open(sys.argv[1], read_only=False)
run = sys.argv[2]
anchor = Anchor("article-3:article-4", "article-3:article-4/c2", ("article-3",), ("article-4",),
                "article-3/b0", "article-4/b0", "$7.50", "$11.00", 1, "penalty", "penalty")
out = sys.stdout
out.write("ready\n")
out.flush()
n = 0
while True:
    n += 1
    a = project.add(anchor, f"{run}-{n}", member_note="m" * (n % 50)).annotation
    out.write(f"add {a.id} {run}-{n}\n")
    out.flush()
    if n % 3 == 0:
        project.update(a.id, comment=f"{run}-{n}-edited", status="agreed")
        out.write(f"edit {a.id} {run}-{n}-edited\n")
        out.flush()
"""


@pytest.mark.slow
def test_sigkill_never_loses_a_reported_write(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("ARTICLE 1\nOne.\n", encoding="utf-8")
    new.write_text("ARTICLE 1\nTwo.\n", encoding="utf-8")
    path = tmp_path / "crash.cbadiff"
    Project.create(path, old, new).close()

    rng = random.Random(20261121)
    reported: dict[int, str] = {}  # id -> the comment its last reported write stored
    killed_while_opening = 0
    for run in range(KILLS):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"run{run}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as child:
            assert child.stdout is not None
            opened = False
            if run % 5 == 4:  # sometimes kill during start-up and open
                time.sleep(rng.uniform(0.0, 0.06))
            else:
                opened = True
                line = child.stdout.readline()
                assert line == "ready\n", child.stderr.read() if child.stderr else line
                time.sleep(rng.uniform(0.0, 0.04))
            child.kill()
            out, err = child.communicate()
            assert child.returncode != 0
            assert "Traceback" not in err, err  # it died of the kill, not of an error
        lines = out.splitlines(keepends=True)
        if not opened and (not lines or lines[0] != "ready\n"):
            killed_while_opening += 1
        for line in lines:
            if not line.endswith("\n") or line == "ready\n":
                continue
            _verb, ident, comment = line.split()
            reported[int(ident)] = comment

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with Project.open(path) as project:
        assert not project.read_only, project.read_only_reason  # no stale lock
        stored = {a.id: a for a in project.annotations()}
    missing = [i for i in reported if i not in stored]
    assert missing == []
    for ident, comment in reported.items():
        if comment.endswith("-edited"):
            assert stored[ident].comment == comment and stored[ident].status == "agreed"
        else:  # its edit may have committed just before the kill, unreported
            assert stored[ident].comment in (comment, comment + "-edited")
    assert len(reported) > KILLS // 2, len(reported)  # the kills really fell among writes
    print(f"{len(reported)} reported writes, {killed_while_opening} kills while opening")
    assert killed_while_opening > 0
