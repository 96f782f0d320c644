"""Exports never leave half a file, and the CLI arguments map onto ExportOptions."""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

import pytest

from cbadiff.errors import ExportError
from cbadiff.export import add_export_arguments, export_options_from_args, write_exports
from cbadiff.export.atomic import write_atomic
from cbadiff.export.options import Audience
from tests.cbadiff.test_export_sample import MEMBERS, sample_comparison


def test_a_failed_export_keeps_the_last_good_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"last good export")

    def broken(tmp: Path) -> None:
        tmp.write_bytes(b"half a fi")
        raise RuntimeError("writer crashed")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken)
    assert target.read_bytes() == b"last good export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


def test_a_failed_pdf_in_write_exports_leaves_the_old_pdf(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import cbadiff.export as export

    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")

    def boom(view: object, tmp: Path) -> None:
        tmp.write_bytes(b"%PDF-1.4 trunc")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "write_pdf_summary", boom)
    with pytest.raises(ExportError, match=r"summary\.pdf.*No space left.*previous file is unchanged"):
        write_exports(sample_comparison(), pdf=target, options=MEMBERS)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]


def test_missing_folder_is_named_in_the_message(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "out.html"
    with pytest.raises(ExportError, match=r"out\.html.*folder .*nope does not exist"):
        write_exports(sample_comparison(), html=target, options=MEMBERS)


def test_same_target_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="same file"):
        write_exports(sample_comparison(), pdf=tmp_path / "a", html=tmp_path / "a")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_new_exports_are_not_private_to_the_owner(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    write_exports(sample_comparison(), html=out, options=MEMBERS)
    mode = stat.S_IMODE(out.stat().st_mode)
    assert mode == 0o666 & ~_umask()
    out.chmod(0o640)
    write_exports(sample_comparison(), html=out, options=MEMBERS)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_cli_arguments_become_export_options() -> None:
    parser = argparse.ArgumentParser()
    add_export_arguments(parser)
    args = parser.parse_args(["--docx", "r.docx", "--pdf", "s.pdf", "--audience", "internal",
                              "--status", "open", "--status", "disputed", "--category", "wages",
                              "--include-comments"])
    opts = export_options_from_args(args)
    assert args.docx == Path("r.docx") and args.pdf == Path("s.pdf") and args.html is None
    assert opts.audience is Audience.INTERNAL and opts.statuses == ("open", "disputed")
    assert opts.categories == ("wages",) and opts.include_comments is True
    defaults = export_options_from_args(parser.parse_args([]))
    assert defaults.audience is Audience.MEMBERS and defaults.comments is False


def test_an_existing_category_option_is_reused() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--category", action="append", dest="categories", default=[])
    add_export_arguments(parser)
    opts = export_options_from_args(parser.parse_args(["--category", "holidays"]))
    assert opts.categories == ("holidays",)
