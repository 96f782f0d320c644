"""Check the exports in LibreOffice and render them for a human to look at.

Not part of ``make test`` (it needs LibreOffice and poppler, and takes a minute):
``make check-exports`` or ``python scripts/check_exports.py [--old F --new F] [--out DIR] [--docs]``.

1. Compares two agreements (default: the bundled samples) and writes every export.
2. Opens each DOCX redline in LibreOffice headless: converted to ODT, LibreOffice must see the
   same tracked changes we wrote (LibreOffice joins neighbouring changes of one kind, author and
   date into one region, so ours are grouped the same way before counting), and saved back as
   DOCX, its inserted and deleted text must be ours.
3. Converts the member summary DOCX to PDF with LibreOffice and renders both summary PDFs to PNG
   (pdftoppm) under OUT/png for a look.
4. ``--docs`` copies two pages of the samples' PDF member summary to docs/export-*.png and,
   when Chromium is installed, a phone-sized screenshot of the HTML export (its first screen
   and the first screen of the summary table, side by side) to docs/export-html-phone.png.

Exit status 1 when LibreOffice disagrees or a tool is missing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from cbadiff.categorize import categorize_comparison  # noqa: E402
from cbadiff.categorize.lexicon import load_lexicon_lenient  # noqa: E402
from cbadiff.export import ExportOptions, write_exports  # noqa: E402
from cbadiff.export.options import Audience  # noqa: E402
from cbadiff.pipeline import compare_files  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
SAMPLES = ROOT / "resources" / "samples"


Change = tuple[str, str]  # ("ins" | "del", the letters and digits of its text)


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _normalise(items: list[tuple[str | None, str]]) -> list[Change]:
    """Changes as a reader sees them, identically for our DOCX and LibreOffice's ODT.

    LibreOffice splits and joins tracked changes at paragraph marks by its own rules (an
    inserted paragraph can be one region or two), so both sides are reduced the same way:
    items with no letters (paragraph marks, spaces) are dropped, and neighbouring items of one
    kind with no untracked letters between them are one change.
    """
    out: list[Change] = []
    joinable = False
    for kind, text in items:
        letters = _letters(text)
        if kind is None:
            if letters:
                joinable = False
            continue
        if not letters:
            continue
        if joinable and out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + letters)
        else:
            out.append((kind, letters))
        joinable = True
    return out


def docx_changes(docx: Path) -> tuple[int, list[Change]]:
    """(tracked elements written, normalised changes) of a DOCX."""
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    items: list[tuple[str | None, str]] = []
    elements = 0
    for p in root.iter(f"{W}p"):
        for child in p:
            if child.tag in (f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"):
                elements += 1
                kind = "ins" if child.tag in (f"{W}ins", f"{W}moveTo") else "del"
                items.append((kind, "".join(t.text or "" for t in child.iter(f"{W}t", f"{W}delText"))))
            elif child.tag == f"{W}r":
                items.append((None, "".join(t.text or "" for t in child.iter(f"{W}t"))))
        marks = p.find(f"{W}pPr/{W}rPr")
        if marks is not None and any(m.tag in (f"{W}ins", f"{W}del") for m in marks):
            elements += 1
    return elements, _normalise(items)


def odt_changes(odt: Path) -> tuple[int, list[Change]]:
    """(LibreOffice's tracked-change regions, normalised changes) of an ODT it wrote."""
    with zipfile.ZipFile(odt) as z:
        root = etree.fromstring(z.read("content.xml"))
    t = f"{{{TEXT_NS}}}"
    deleted: dict[str, str] = {}
    regions = root.findall(f".//{t}changed-region")
    for region in regions:
        rid = region.get(f"{t}id") or region.get("{http://www.w3.org/XML/1998/namespace}id") or ""
        gone = region.find(f"{t}deletion")
        if gone is not None:  # its text, not the change-info (author, date) beside it
            deleted[rid] = "".join(
                "".join(part.itertext()) for part in gone if not part.tag.endswith("change-info")
            )
    body = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    items: list[tuple[str | None, str]] = []
    inserting = False
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if event == "start":
            if tag == "tracked-changes":
                continue
            if tag == "change-start":
                inserting = True
            elif tag == "change-end":
                inserting = False
            elif tag == "change":
                items.append(("del", deleted.get(el.get(f"{t}change-id") or "", "")))
            elif el.text and not _inside_tracked_changes(el):
                items.append(("ins" if inserting else None, el.text))
        elif el.tail and not _inside_tracked_changes(el):
            items.append(("ins" if inserting else None, el.tail))
    return len(regions), _normalise(items)


def _inside_tracked_changes(el: etree._Element) -> bool:
    return any(isinstance(a.tag, str) and a.tag.endswith("}tracked-changes")
               for a in el.iterancestors())


def soffice(args: list[str], profile: Path) -> None:
    cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", *args]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)


def check_docx(docx: Path, work: Path, profile: Path) -> bool:
    """Whether LibreOffice reads back exactly the tracked changes we wrote."""
    elements, ours = docx_changes(docx)
    soffice(["--convert-to", "odt", "--outdir", str(work), str(docx)], profile)
    regions, theirs = odt_changes(work / (docx.stem + ".odt"))
    ok = ours == theirs
    print(f"{docx.name}: {elements} tracked elements written (text and paragraph marks); "
          f"LibreOffice shows {regions} change regions; as a reader sees them "
          f"{len(ours)} changes written, {len(theirs)} in LibreOffice, "
          f"{'same kinds, order and text' if ok else 'DIFFERENT'} -> {'OK' if ok else 'MISMATCH'}")
    if not ok:
        i = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
                 min(len(ours), len(theirs)))
        print(f"  first difference at change {i}: ours {ours[i:i + 1]} / LibreOffice "
              f"{theirs[i:i + 1]}")
    return ok


def render(pdf: Path, out: Path, prefix: str, dpi: int = 60) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out / prefix)], check=True,
                   timeout=600)
    return sorted(out.glob(f"{prefix}-*.png"))


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


def first_page_with(pdf: Path, text: str) -> int:
    for n in range(1, page_count(pdf) + 1):
        page = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout
        if text in page:
            return n
    return 1


PHONE = (390, 844, 2)  # CSS pixels of a common phone screen, and its device pixel ratio


def chromium() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)


def _headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=300)


def phone_screenshot(html: Path, target: Path, browser: str) -> None:
    """The first phone screen of ``html`` beside the screen where its summary table starts.

    A headless screenshot cannot scroll, so the page is shot tall and cut; where the table
    starts is read from a copy of the page with a measuring script added (the export itself
    has no script).
    """
    from PIL import Image  # Pillow comes with reportlab

    width, height, scale = PHONE
    with tempfile.TemporaryDirectory(prefix="cbadiff-phone-") as tmp:
        frame = Path(tmp) / "frame.html"
        shutil.copy(html, Path(tmp) / "page.html")
        frame.write_text(
            f'<!DOCTYPE html><iframe id="f" src="page.html" style="width:{width}px;'
            f'height:{height}px;border:0"></iframe><script>f.onload=()=>{{const d=f.contentDocument;'
            'document.body.dataset.top=d.getElementById("summary").getBoundingClientRect().top;}'
            "</script>", encoding="utf-8")
        dom = _headless(browser, Path(tmp) / "profile", "--allow-file-access-from-files",
                        "--virtual-time-budget=5000", "--dump-dom", frame.as_uri()).stdout
        top = int(float(re.search(r'data-top="([\d.]+)"', dom).group(1)))  # type: ignore[union-attr]
        shot = Path(tmp) / "tall.png"
        _headless(browser, Path(tmp) / "profile2", f"--force-device-scale-factor={scale}",
                  f"--window-size={width},{top + height}", f"--screenshot={shot}", html.as_uri())
        with Image.open(shot) as tall:
            first = tall.crop((0, 0, width * scale, height * scale))
            table = tall.crop((0, top * scale, width * scale, (top + height) * scale))
            gap = 24
            out = Image.new("RGB", (2 * width * scale + gap, height * scale), "#9aa3b2")
            out.paste(first, (0, 0))
            out.paste(table, (width * scale + gap, 0))
            # 256 colours keep the text crisp at a third of the size
            out.convert("P", palette=Image.Palette.ADAPTIVE, colors=256).save(target, optimize=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, default=SAMPLES / "expired.docx")
    ap.add_argument("--new", type=Path, default=SAMPLES / "proposed.docx")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "check-exports")
    ap.add_argument("--docs", action="store_true",
                    help="copy two pages of the member summary PDF to docs/export-*.png")
    args = ap.parse_args(argv)
    missing = [t for t in ("soffice", "pdftoppm", "pdfinfo", "pdftotext") if not shutil.which(t)]
    if missing:
        print(f"check-exports: missing {', '.join(missing)} (install LibreOffice and "
              "poppler-utils)", file=sys.stderr)
        return 1
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    lexicon, _ = load_lexicon_lenient()
    names = {c.id: c.name for c in lexicon.categories}
    t0 = time.perf_counter()
    comparison = compare_files(args.old, args.new,
                               categorizer=lambda c: categorize_comparison(c, lexicon))
    t1 = time.perf_counter()
    members = ExportOptions(category_names=names)
    internal = ExportOptions(audience=Audience.INTERNAL, category_names=names)
    write_exports(comparison, docx=out / "redline-internal.docx", options=internal)
    write_exports(comparison, docx=out / "redline-members.docx", summary_docx=out / "summary.docx",
                  pdf=out / "summary.pdf", html=out / "summary.html", options=members)
    t2 = time.perf_counter()
    print(f"compared in {t1 - t0:.1f} s, exported in {t2 - t1:.1f} s -> {out}")
    ok = True
    with tempfile.TemporaryDirectory(prefix="cbadiff-lo-") as tmp:
        work, profile = Path(tmp) / "work", Path(tmp) / "profile"
        work.mkdir()
        for name in ("redline-internal.docx", "redline-members.docx"):
            ok &= check_docx(out / name, work, profile)
        soffice(["--convert-to", "pdf", "--outdir", str(out / "lo"), str(out / "summary.docx"),
                 str(out / "redline-internal.docx")], profile)
    png = out / "png"
    shutil.rmtree(png, ignore_errors=True)
    for pdf, prefix in ((out / "summary.pdf", "summary-pdf"),
                        (out / "lo" / "summary.pdf", "summary-docx"),
                        (out / "lo" / "redline-internal.pdf", "redline-docx")):
        pages = render(pdf, png, prefix)
        print(f"{pdf.relative_to(out)}: {len(pages)} pages -> {png}/{prefix}-*.png")
    if args.docs:
        docs = ROOT / "docs"
        docs.mkdir(exist_ok=True)
        redline = first_page_with(out / "summary.pdf", "Changed articles")
        for n, target in ((1, "export-summary-cover.png"), (redline, "export-summary-redline.png")):
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(n), "-l", str(n),
                            "-singlefile", str(out / "summary.pdf"), str(docs / target[:-4])],
                           check=True)
            print(f"docs/{target}: page {n} of the samples' member summary")
        browser = chromium()
        if browser:
            phone_screenshot(out / "summary.html", docs / "export-html-phone.png", browser)
            print("docs/export-html-phone.png: the samples' HTML export on a phone "
                  f"({PHONE[0]}x{PHONE[1]} CSS pixels)")
        else:
            print("docs/export-html-phone.png: not refreshed (install Chromium)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
