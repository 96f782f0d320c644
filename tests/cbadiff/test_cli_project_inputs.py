"""Project files a user can get wrong: ``export`` and ``annotations`` both exit 3 with a
message naming the file, and neither waits forever on a named pipe."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from cbadiff.cli import EXIT_INPUT, main

COMMANDS = [["annotations"], ["export", "--html", "out.html"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_is_no_project_exits_3(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "minutes.cbadiff"
    bogus.write_text("meeting minutes, not a project", encoding="utf-8")
    argv = [*command[:1], *[str(tmp_path / a) if a.endswith(".html") else a for a in command[1:]]]
    assert main([*argv, str(bogus)]) == EXIT_INPUT
    assert "minutes.cbadiff is not a CBA Diff project" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_named_pipe_is_refused(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "project.cbadiff"
    os.mkfifo(pipe)
    done = threading.Event()

    def unblock() -> None:  # should the command block on the pipe, fail instead of hanging
        if not done.wait(10):
            with pipe.open("wb") as fh:
                fh.write(b"not sqlite")

    threading.Thread(target=unblock, daemon=True).start()
    argv = [*command[:1], *[str(tmp_path / a) if a.endswith(".html") else a for a in command[1:]]]
    try:
        assert main([*argv, str(pipe)]) == EXIT_INPUT
    finally:
        done.set()
    assert "not a regular file" in capsys.readouterr().err
