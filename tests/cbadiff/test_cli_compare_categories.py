"""`cbadiff compare` labels changes, limits every output with --category, takes a user lexicon
with --categories, and writes the exports it is asked for (the wiring of issues 4 and 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from cbadiff.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
OLD, NEW = str(SAMPLES / "expired.docx"), str(SAMPLES / "proposed.docx")


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("full") / "c.json"
    assert main(["compare", "-q", OLD, NEW, "--json", str(out)]) == 0
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _changes(data: dict[str, object]) -> list[dict[str, object]]:
    return [c for e in data["alignment"] for c in e["changes"]]  # type: ignore[attr-defined]


def test_compare_labels_changes_by_default(full: dict[str, object]) -> None:
    changes = _changes(full)
    labelled = [c for c in changes if c["categories"]]
    assert len(labelled) > len(changes) / 2
    for change in labelled:
        assert set(change["why"]) <= set(change["categories"])  # type: ignore[arg-type]
    summary = full["summary"]["categories"]  # type: ignore[index]
    assert summary["meal_periods"]["changes"] >= 1
    assert summary["meal_periods"]["numbers"] >= 1


def test_category_limits_the_json_and_the_summary(
    full: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rest.json"
    assert main(["compare", "-q", OLD, NEW, "--category", "rest_periods", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    changes = _changes(data)
    assert changes, "the samples change rest periods"
    assert all("rest_periods" in c["categories"] for c in changes)
    assert len(changes) < len(_changes(full))
    assert set(data["summary"]["categories"]) >= {"rest_periods"}
    text = capsys.readouterr().out
    assert "REST PERIODS" in text.upper()


def test_unknown_category_is_a_usage_error_listing_the_known_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["compare", "-q", OLD, NEW, "--category", "rest_period"]) == 2
    err = capsys.readouterr().err
    assert "unknown category rest_period" in err
    assert "rest_periods" in err


def test_user_lexicon_adds_a_category(tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text(
        '[[category]]\nid = "screen_breaks"\nname = "Screen breaks"\n'
        'definition = "Breaks from screens."\nphrases = ["rest period"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "c.json"
    args = ["compare", "-q", OLD, NEW, "--categories", str(lexicon), "--json", str(out)]
    assert main([*args, "--category", "screen_breaks"]) == 0
    changes = _changes(json.loads(out.read_text(encoding="utf-8")))
    assert changes and all("screen_breaks" in c["categories"] for c in changes)


def test_malformed_user_lexicon_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lexicon = tmp_path / "broken.toml"
    lexicon.write_text('[[category]]\nid = "x"\nphrases = ["a"\n', encoding="utf-8")
    assert main(["compare", "-q", OLD, NEW, "--categories", str(lexicon)]) == 2
    err = capsys.readouterr().err
    assert "broken.toml" in err and "line" in err


def test_compare_writes_the_exports_asked_for(tmp_path: Path) -> None:
    docx, pdf, html = tmp_path / "r.docx", tmp_path / "s.pdf", tmp_path / "s.html"
    args = ["compare", "-q", OLD, NEW, "--docx", str(docx), "--pdf", str(pdf), "--html", str(html)]
    assert main([*args, "--category", "meal_periods"]) == 0
    body = Document(str(docx)).element.body
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    assert body.findall(".//w:ins", ns) and body.findall(".//w:del", ns)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "$10.00" in html.read_text(encoding="utf-8")
