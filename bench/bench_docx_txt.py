"""DOCX and TXT reading speed (target: 300 pages per second for DOCX) and cache hit time (<50 ms).

Builds a synthetic agreement of ``--pages`` pages (articles with automatic numbering, clauses,
a table per article, a page break per page) as DOCX and as TXT, reads each with the cache off,
and then reads each once more through ``read_agreement`` with the cache on. Files named on the
command line (.docx/.txt) are measured too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from parsers.read import read_agreement

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CLAUSE = (
    "The Employer shall pay each employee for all hours worked at the rate set out in the "
    "salary schedule, and overtime shall be paid at one and one-half times the regular rate "
    "for hours worked in excess of forty in a workweek, subject to the provisions of this article."
)


def _p(text: str, num: tuple[int, int] | None = None, brk: bool = False) -> str:
    ppr = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
        if num
        else ""
    )
    br = '<w:r><w:br w:type="page"/></w:r>' if brk else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r>{br}</w:p>'


def build_docx(path: Path, pages: int) -> None:
    import zipfile

    body: list[str] = []
    for page in range(pages):
        if page % 4 == 0:
            body.append(_p("Wages and Hours", num=(1, 0)))
        for _ in range(6):
            body.append(_p(_CLAUSE, num=(1, 1)))
        cells = "".join(f"<w:tc>{_p(str(c))}</w:tc>" for c in range(4))
        body.append(f"<w:tbl>{''.join(f'<w:tr>{cells}</w:tr>' for _ in range(3))}</w:tbl>")
        body.append(_p(_CLAUSE, brk=True))
    doc = f'<w:document xmlns:w="{_W}"><w:body>{"".join(body)}</w:body></w:document>'
    numbering = (
        f'<w:numbering xmlns:w="{_W}"><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="ARTICLE %1"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r2" Type="{rel}/numbering" Target="numbering.xml"/>'
            "</Relationships>",
        )
        zf.writestr("word/document.xml", doc)
        zf.writestr("word/numbering.xml", numbering)


def build_txt(path: Path, pages: int) -> None:
    out: list[str] = []
    article = 0
    for page in range(pages):
        lines: list[str] = []
        if page % 4 == 0:
            article += 1
            lines += [f"ARTICLE {article} - WAGES AND HOURS", ""]
        for n in range(6):
            words = _CLAUSE.split()
            lines.append(f"{article}.{n + 1}  " + " ".join(words[:12]))
            lines.append("      " + " ".join(words[12:24]))
            lines.append("      " + " ".join(words[24:]))
        lines += ["", f"Example Agreement           {page + 1}           2024-2027"]
        out.append("\n".join(lines))
    path.write_text("\f".join(out), encoding="utf-8")


def _time(path: Path, repeat: int, *, use_cache: bool) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        read_agreement(path, use_cache=use_cache)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(path: Path, repeat: int) -> None:
    cold = _time(path, repeat, use_cache=False)
    agreement = read_agreement(path, use_cache=False)
    pages = agreement.source.pages
    read_agreement(path)  # fill the cache
    hit = _time(path, max(repeat, 5), use_cache=True)
    rate = f"{pages / cold:7.0f} pages/s" if pages else "  (no page count)"
    print(
        f"{path.name:<40} {pages or '-':>5} pages  read {cold * 1000:8.1f} ms  {rate}  "
        f"cache hit {hit * 1000:6.1f} ms  units {len(agreement.units)}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_docx_txt")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args, _unknown = parser.parse_known_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("CBADIFF_CACHE_DIR", str(Path(tmp) / "cache"))
        docx = Path(tmp) / f"synthetic-{args.pages}.docx"
        txt = Path(tmp) / f"synthetic-{args.pages}.txt"
        build_docx(docx, args.pages)
        build_txt(txt, args.pages)
        for path in [docx, txt]:
            measure(path, args.repeat)
        for path in args.files:
            if path.suffix.lower() in (".docx", ".txt"):
                measure(path, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
