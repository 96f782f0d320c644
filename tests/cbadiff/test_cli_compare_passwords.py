"""``cbadiff compare`` with an encrypted PDF: the message names the flag for that side."""

from __future__ import annotations

from pathlib import Path

import pytest

from cbadiff.cli import EXIT_INPUT, EXIT_OK, main
from tests.parsers.test_pdf import LOREM, Block, typeset

BLOCKS = [Block(text="ARTICLE 1 - RECOGNITION", bold=True), Block(text=LOREM)]


@pytest.fixture
def pdfs(tmp_path: Path) -> tuple[Path, Path]:
    return (
        typeset(tmp_path / "expired.pdf", BLOCKS),
        typeset(tmp_path / "locked.pdf", BLOCKS, encrypt="secret"),
    )


def test_encrypted_new_file_names_password_new(
    pdfs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    plain, locked = pdfs
    assert main(["compare", "-q", str(plain), str(locked)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "locked.pdf: is encrypted" in err and "--password-new PASSWORD" in err


def test_wrong_old_password_names_password_old(
    pdfs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    plain, locked = pdfs
    args = ["compare", "-q", str(locked), str(plain), "--password-old", "wrong"]
    assert main(args) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "password given is wrong" in err and "`--password-old`" in err


def test_right_password_compares(pdfs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    plain, locked = pdfs
    assert main(["compare", "-q", str(locked), str(plain), "--password-old", "secret"]) == EXIT_OK
    assert "1 unchanged" in capsys.readouterr().out
