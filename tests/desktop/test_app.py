"""The ``cbadiff-gui`` entry point: arguments and the packaging smoke test."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.app import main, parse_args
from tests.desktop.agreements import GeneratedPair


def test_arguments_need_both_files_or_neither(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_args([]).old is None
    args = parse_args(["a.pdf", "b.pdf", "--smoke-test"])
    assert (args.old, args.new, args.smoke_test) == ("a.pdf", "b.pdf", True)
    with pytest.raises(SystemExit):
        parse_args(["only-one.pdf"])
    with pytest.raises(SystemExit):
        parse_args(["--smoke-test"])
    assert "both agreements" in capsys.readouterr().err


def test_smoke_test_opens_compares_and_exits_0(
    agreements: GeneratedPair, capsys: pytest.CaptureFixture[str], isolated_settings: Path
) -> None:
    assert main(["--smoke-test", str(agreements.old), str(agreements.new)]) == 0
    assert "11 article pairs compared" in capsys.readouterr().out
    # the app's own settings went to the test folder, not the user's
    assert any(isolated_settings.rglob("*.conf")) or any(isolated_settings.rglob("*.ini"))


def test_smoke_test_fails_with_the_readers_message(
    agreements: GeneratedPair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.pdf"
    assert main(["--smoke-test", str(missing), str(agreements.new)]) == 1
    assert "missing.pdf" in capsys.readouterr().err
