"""``cbadiff export PROJECT`` and the exports of the bundled sample agreements, read back."""

from __future__ import annotations

import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import docx
import pdfplumber
import pytest

from cbadiff.categorize import categorize_comparison
from cbadiff.cli import main
from cbadiff.export import ExportOptions, build_view, write_exports
from cbadiff.export.options import Audience
from cbadiff.pipeline import compare_files
from cbadiff.store.anchoring import anchor_for
from cbadiff.store.project import Project

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
OLD, NEW = SAMPLES / "expired.docx", SAMPLES / "proposed.docx"
MARK_COMMENT = "QQZINTERNALCOMMENT"
MARK_AUTHOR = "Quentin Zarkovsky"
NOTE = "Remote workers get a stipend for the first time"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = pytest.mark.skipif(
    not OLD.is_file() or not NEW.is_file(), reason="bundled samples not built"
)


@pytest.fixture(scope="module")
def comparison():  # type: ignore[no-untyped-def]
    return compare_files(OLD, NEW, categorizer=categorize_comparison)


def _numbered_change(comparison):  # type: ignore[no-untyped-def]
    return next((p, c) for p, c in comparison.all_changes() if c.numbers and c.substantive)


@pytest.fixture()
def project(tmp_path: Path, comparison) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "review.cbadiff"
    pair, change = _numbered_change(comparison)
    with Project.create(path, OLD, NEW) as proj:
        proj.add(
            anchor_for(comparison, pair, change),
            f"Hold firm {MARK_COMMENT}",
            author=MARK_AUTHOR,
            member_note=NOTE,
            status="disputed",
        )
        proj.add(
            anchor_for(comparison, comparison.pairs[0]),
            f"Article note {MARK_COMMENT}",
            author=MARK_AUTHOR,
        )
    return path


def _zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(
            z.read(n).decode("utf-8", "replace")
            for n in z.namelist()
            if n.endswith((".xml", ".rels"))
        )


def test_member_export_of_a_project_keeps_notes_and_drops_internal_detail(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = {k: tmp_path / f"m.{k}" for k in ("docx", "pdf", "html")}
    summary = tmp_path / "m-summary.docx"
    code = main(
        [
            "export",
            str(project),
            "--docx",
            str(out["docx"]),
            "--pdf",
            str(out["pdf"]),
            "--html",
            str(out["html"]),
            "--summary-docx",
            str(summary),
        ]
    )
    assert code == 0, capsys.readouterr().err
    with pdfplumber.open(out["pdf"]) as pdf:
        pdf_text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    texts = {
        "pdf": pdf_text,
        "html": out["html"].read_text(encoding="utf-8"),
        "docx": _zip_text(out["docx"]),
        "summary": _zip_text(summary),
    }
    for name, text in texts.items():
        for marker in (MARK_COMMENT, MARK_AUTHOR, str(tmp_path), "disputed", str(SAMPLES)):
            assert marker not in text, (name, marker)
    for name in ("pdf", "html", "summary"):
        assert NOTE in " ".join(texts[name].split()), name


def test_internal_export_carries_comments_and_authors(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "internal.docx"
    assert main(["export", str(project), "--audience", "internal", "--docx", str(out)]) == 0
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == 2
    assert all(MARK_COMMENT in c.text for c in comments)
    assert {c.author for c in comments} == {MARK_AUTHOR}


def test_export_without_a_target_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(project)]) == 2
    assert "nothing to export" in capsys.readouterr().err


def test_samples_member_summary_holds_every_substantive_change(comparison, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    options = ExportOptions(category_names={"remote_work": "Remote Work"})
    view = build_view(comparison, options)
    substantive = [c.id for _, c in comparison.all_changes() if c.substantive]
    listed = [cid for r in view.rows for cid in r.change_ids]
    assert sorted(listed) == sorted(substantive)  # each once (a table's figures share a row)
    # a whole added or removed article is one row of the table, not one per paragraph, and a
    # wage schedule's changed rates are one row per table, not one per rate
    whole = [r for r in view.rows if len(r.change_ids) > 1]
    assert whole and all(r.what.startswith(("Added the whole text", "Removed the whole text",
                                            "Changed ")) or "; " in r.what for r in whole)
    # "ten percent (10%)" -> "fifteen percent (15%)" is two word changes but one row
    night = [r for r in view.rows if r.numbers == "ten percent (10%) → fifteen percent (15%)"]
    assert [r.what for r in night] == ["“ten” → “fifteen”; “10%” → “15%”"]
    tables = [r for r in view.rows if r.what.startswith("Changed ")]
    assert tables and all(f"Changed {len(r.change_ids)} entries of the table" in r.what
                          for r in tables)
    assert len(view.rows) < len(substantive) / 2
    # a classification added or removed from a schedule keeps its own row
    assert any(r.what.startswith("Removed “Film Loader") for r in view.rows)
    html = tmp_path / "s.html"
    pdf = tmp_path / "s.pdf"
    write_exports(comparison, html=html, pdf=pdf, options=options)

    class Ids(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.ids.update(v or "" for k, v in attrs if k == "id")

    parser = Ids()
    parser.feed(html.read_text(encoding="utf-8"))
    assert {f"chg-{cid}" for cid in substantive} <= parser.ids
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        n = len(doc.pages)
    assert f"Page {n} of {n}" in text
    assert "Remote Work" in text  # the category heading, by its lexicon name
    for pv in view.pairs:  # every changed article has its section
        assert " ".join(pv.title.split())[:40] in " ".join(text.split())


def _resolve(path: Path, accept: bool) -> list[str]:
    """Paragraph texts after accepting (or rejecting) every tracked change."""
    body = docx.Document(str(path)).element.body
    drop = f"{W}del" if accept else f"{W}ins"
    texts = []
    for p in body.iter(f"{W}p"):
        if any(m.tag == drop for m in p.findall(f"{W}pPr/{W}rPr/*")):
            continue
        texts.append("".join(
            t.text or "" for t in p.iter(f"{W}t", f"{W}delText")
            if not any(a.tag == drop for a in t.iterancestors())
        ))
    return texts


def test_samples_redline_accepts_to_the_new_text_and_rejects_to_the_old(comparison, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.docx"
    write_exports(comparison, docx=out, options=ExportOptions(audience=Audience.INTERNAL))
    accepted, rejected = Counter(_resolve(out, True)), Counter(_resolve(out, False))
    want_new: Counter[str] = Counter()
    want_old: Counter[str] = Counter()
    for agreement, want in ((comparison.new, want_new), (comparison.old, want_old)):
        for unit in agreement.units:
            for block in unit.blocks:
                if not block.rows:
                    want[f"{block.label} {block.text}" if block.label else block.text] += 1
    assert sum(want_new.values()) > 100
    # every paragraph once: a moved clause is not restored twice, nor kept at both places
    for text, n in want_new.items():
        assert accepted[text] == n, text
    for text, n in want_old.items():
        assert rejected[text] == n, text
    # wage schedules are Word tables whose cells and rows accept and reject exactly too
    from tests.cbadiff.test_export_layout import _tables_after

    for agreement, accept in ((comparison.new, True), (comparison.old, False)):
        tables = Counter(b.text for u in agreement.units for b in u.blocks if b.rows)
        assert tables and Counter(_tables_after(out, accept)) == tables
