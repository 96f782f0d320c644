"""``cbadiff compare``: outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cbadiff.cli import main
from tests.cbadiff.builders import article, filler, render_txt, renumbered, standard_articles


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    arts = standard_articles(4)
    wages_old = article("5", "Wages", ("5.1", "The meal penalty shall be $7.50 per meal."))
    wages_new = article("6", "Wages", ("6.1", "The meal penalty shall be $10.00 per meal."))
    old = render_txt(tmp_path / "old.txt", *arts, wages_old)
    new = render_txt(
        tmp_path / "new.txt",
        *arts[:2],
        article("3", "Non-Discrimination", ("3.1", filler(999))),
        *(renumbered(a, str(int(a.number or 0) + 1)) for a in arts[2:]),
        wages_new,
    )
    return old, new


def test_summary_to_stdout_by_default(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(pair[0]), str(pair[1])]) == 0
    out = capsys.readouterr().out
    assert "old.txt (5 units) -> new.txt (6 units)" in out
    assert "    $7.50 -> $10.00 per meal\n" in out
    assert "Article 3 Non-Discrimination" in out
    renumbered_line = next(line for line in out.splitlines() if "Article 3 Union Security" in line)
    assert "Article 4 Union Security" in renumbered_line
    assert renumbered_line.endswith("unchanged [renumbered]")
    assert out.strip().endswith("4 unchanged, 1 modified, 1 added, 0 deleted")


def test_json_to_stdout_replaces_the_summary(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(pair[0]), str(pair[1]), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "cbadiff.comparison"
    assert data["summary"]["status"] == {"unchanged": 4, "modified": 1, "added": 1, "deleted": 0}


def test_json_to_a_file_and_summary_still_printed(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "c.json"
    assert main(["compare", str(pair[0]), str(pair[1]), "--json", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))["version"] == 1
    assert "1 added" in capsys.readouterr().out


def test_show_cosmetic_lists_non_substantive_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = render_txt(tmp_path / "a.txt", article("1", "Hours", 'The Employer\'s "rule" applies.'))
    new = render_txt(
        tmp_path / "b.txt", article("1", "Hours", "The Employer\u2019s \u201crule\u201d applies.")
    )
    for flag, expected in (([], 0), (["--show-cosmetic"], 1)):
        assert main(["compare", str(old), str(new), "--json", "-", *flag]) == 0
        data = json.loads(capsys.readouterr().out)
        (entry,) = data["alignment"]
        assert entry["status"] == "unchanged"
        assert len(entry["changes"]) == expected


def test_unreadable_input_exits_3_naming_the_file(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(pair[0]), str(tmp_path / "nope.pdf")]) == 3
    err = capsys.readouterr().err
    assert "nope.pdf" in err and "does not exist" in err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["compare", str(empty), str(pair[1])]) == 3
    assert "empty.txt" in capsys.readouterr().err


def test_bad_usage_exits_2(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(pair[0])]) == 2
    assert main(["compare", str(pair[0]), str(pair[1]), "--bogus"]) == 2
    capsys.readouterr()


def test_unwritable_json_target_exits_2_before_comparing(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "c.json"
    assert main(["compare", str(pair[0]), str(pair[1]), "--json", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "no-such-folder" in err
    assert main(["compare", str(pair[0]), str(pair[1]), "--json", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
