"""``cbadiff parse``: outline on stdout, the model as JSON, and exit codes 0 / 2 / 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cbadiff.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from tests.parsers.docx_builders import level, numbering, p, page_break, r, write_docx

TEXT = (
    "AGREEMENT between THE CITY and THE UNION\n\f"
    "ARTICLE 1 - RECOGNITION\n\n"
    "The City recognizes the Union as the exclusive representative.\n\f"
    "ARTICLE XIIIA - HOURS OF WORK\n\n"
    "12.1 The normal workday is eight hours.\n\n"
    "12.2 Overtime is paid at time and one-half.\n"
)


@pytest.fixture
def agreement_txt(tmp_path: Path) -> Path:
    path = tmp_path / "contract.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_outline_lists_number_title_page_and_size(
    agreement_txt: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(agreement_txt)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first, second = lines
    assert first.split()[:3] == ["article", "1", "RECOGNITION"]
    assert "p.2" in first and first.rstrip().endswith("chars")
    assert second.split()[:2] == ["article", "XIIIA"]
    assert "HOURS OF WORK" in second and "p.3" in second
    chars = len("The normal workday is eight hours.") + len(
        "Overtime is paid at time and one-half."
    )
    assert second.split()[-2] == str(chars)


def test_json_to_a_file(
    agreement_txt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "model.json"
    assert main(["parse", str(agreement_txt), "--json", str(out)]) == EXIT_OK
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "cbadiff.agreement"
    assert data["source"]["kind"] == "txt" and data["source"]["pages"] == 3
    articles = data["articles"]
    assert [(a["id"], a["number"], a["title"], a["page"]) for a in articles] == [
        ("article-1", "1", "RECOGNITION", 2),
        ("article-13a", "XIIIA", "HOURS OF WORK", 3),
    ]
    hours = articles[1]
    assert hours["chars"] == sum(len(b["text"]) for b in hours["blocks"])
    assert [(b["label"], b["kind"]) for b in hours["blocks"]] == [
        ("12.1", "clause"),
        ("12.2", "clause"),
    ]
    assert capsys.readouterr().out.count("article") == 2  # the outline is still printed


def test_json_to_stdout_is_only_json(
    agreement_txt: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(agreement_txt), "--json", "-"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert [a["number"] for a in data["articles"]] == ["1", "XIIIA"]


def test_json_of_a_docx_with_automatic_numbering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    num = numbering(
        {0: level(0, "decimal", "Article %1") + level(1, "decimal", "%1.%2")}, {1: (0, "")}
    )
    body = (
        p("Recognition", num=(1, 0))
        + p(runs=r("The City recognizes the Union.") + page_break(), num=(1, 1))
        + p("Wages", num=(1, 0))
        + p("Rates are in Appendix A.", num=(1, 1))
    )
    doc = write_docx(tmp_path / "numbered.docx", body, numbering_xml=num)
    assert main(["parse", str(doc), "--json", "-"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert [(a["number"], a["title"], a["page"]) for a in data["articles"]] == [
        ("1", "Recognition", 1),
        ("2", "Wages", 2),
    ]
    assert data["articles"][1]["blocks"][0]["label"] == "2.1"


def test_notices_go_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(TEXT.replace("exclusive", "exclusive\u2019").encode("cp1252"))
    assert main(["parse", str(path)]) == EXIT_OK
    captured = capsys.readouterr()
    assert "note: legacy.txt is not UTF-8" in captured.err
    assert "note:" not in captured.out


@pytest.mark.parametrize(
    "argv",
    [[], ["parse"], ["parse", "a.txt", "--no-such-option"], ["no-such-command"]],
)
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_unwritable_json_target_exits_2(
    agreement_txt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "out.json"
    assert main(["parse", str(agreement_txt), "--json", str(target)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "out.json" in err and "Traceback" not in err
    assert not target.parent.exists()


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    cut = tmp_path / "cut.docx"
    whole = write_docx(tmp_path / "whole.docx", "".join(p(f"Clause {i}.") for i in range(50)))
    cut.write_bytes(whole.read_bytes()[:300])
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return {"missing": tmp_path / "missing.txt", "empty": empty, "cut": cut, "legacy": legacy}


@pytest.mark.parametrize("case", ["missing", "empty", "cut", "legacy"])
def test_unreadable_input_exits_3_with_a_message(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_inputs(tmp_path)[case]
    assert main(["parse", str(path)]) == EXIT_INPUT
    captured = capsys.readouterr()
    assert captured.err.startswith(f"cbadiff: {path.name}: ")
    assert "Traceback" not in captured.err and captured.out == ""


def test_json_keys_are_the_documented_ones(
    agreement_txt: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/agreement-json.md lists these keys; a change here must change the document too."""
    assert main(["parse", str(agreement_txt), "--json", "-"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "format", "version", "source", "notices", "front_matter", "articles", "footnotes",
    }  # fmt: skip
    assert set(data["source"]) == {"path", "kind", "sha256", "pages"}
    assert set(data["articles"][0]) == {
        "id", "kind", "number", "title", "heading", "page", "page_end", "chars", "blocks",
    }  # fmt: skip
    assert set(data["articles"][1]["blocks"][0]) == {"id", "kind", "label", "text", "page", "level"}
    doc = (Path(__file__).resolve().parents[2] / "docs" / "agreement-json.md").read_text()
    for key in data["articles"][0]:
        assert f"| `{key}`" in doc or f"`{key}`" in doc


def test_a_file_without_units_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "memo.txt"
    path.write_text("A short memo.\n\nIt has no articles at all.\n", encoding="utf-8")
    assert main(["parse", str(path)]) == EXIT_OK
    captured = capsys.readouterr()
    # The whole body is one unit, "document", so a comparison still has something to diff.
    assert [line.split()[0] for line in captured.out.splitlines()] == ["document"]
    assert "memo.txt: no articles" in captured.err
    assert "one unit" in captured.err
