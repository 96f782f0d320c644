"""Turn a sample's source model into what the writers need, and convert DOCX to PDF.

The PDF is LibreOffice's rendition of the DOCX (``soffice --headless --convert-to pdf``), so the
two files hold the same agreement, as when a negotiator exports the Word file to PDF. The table of
contents needs the page of every heading, which only the rendition knows: the DOCX is written,
rendered, measured with ``pdftotext`` and written again with the right page numbers.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from resources.samples.docx_writer import RDoc, RPara, RTable, RUnit, text, write_docx
from resources.samples.markup import Source, SPara, assign_numbers, heading_lines, segments
from resources.samples.tables import build_table, table_title

ASSOCIATION = "WESTERN PRODUCERS ASSOCIATION"
UNION = "STUDIO CRAFTS AND TECHNICIANS UNION, LOCAL 912"
_LETTER_LINES = ("Dated as of", "Studio Crafts and Technicians Union", "Re:", "Ladies and")


@dataclass(frozen=True)
class Version:
    name: str  # "expired" | "proposed"
    start: str
    end: str
    year_span: str
    auto_numbering: bool
    status: str  # printed on the cover


EXPIRED = Version("expired", "August 1, 2021", "July 31, 2024", "2021–2024", False, "")
PROPOSED = Version(
    "proposed", "August 1, 2024", "July 31, 2027", "2024–2027", True,
    "ASSOCIATION PROPOSAL – SUCCESSOR AGREEMENT",
)  # fmt: skip


def signatory_paras(v: Version) -> list[RPara]:
    lines = [
        text(
            "IN WITNESS WHEREOF, the parties have caused this Agreement to be executed by their "
            f"duly authorized representatives as of {v.start}.",
            page_break_before=True,
        ),
        text(ASSOCIATION, align="left", bold=True),
        text("By: ______________________________", align="left"),
        text("Margaret Ellison-Hart, President", align="left"),
        text(UNION, align="left", bold=True),
        text("By: ______________________________", align="left"),
        text("Rafael Okonkwo, Business Representative", align="left"),
    ]
    return lines


def sideletter_closing() -> list[RPara]:
    return [
        text("Very truly yours,", align="left"),
        text(ASSOCIATION, align="left", bold=True),
        text("By: ______________________________", align="left"),
        text("AGREED AND ACCEPTED:", align="left"),
        text(UNION, align="left", bold=True),
        text("By: ______________________________", align="left"),
    ]


def closing_texts(kind: str, is_last_article: bool, v: Version) -> list[str]:
    """Plain texts the writer appends to a unit (for the manifest)."""
    if kind == "sideletter":
        paras = sideletter_closing()
    elif is_last_article:
        paras = signatory_paras(v)
    else:
        return []
    return [" ".join(s for k, s in p.segs if k == "text") for p in paras]


def preamble_texts(v: Version) -> list[str]:
    return [
        f"THIS AGREEMENT is made and entered into as of {v.start}, by and between the "
        f'{ASSOCIATION} (the "Association"), on behalf of its member Producers, and the '
        f'{UNION} (the "Union").',
        "In consideration of the mutual promises contained in it, the parties agree as follows:",
    ]


def cover_lines(v: Version) -> list[str]:
    cover = ["AGREEMENT", "between", ASSOCIATION, "and", UNION, f"{v.start} through {v.end}"]
    return [*cover, v.status] if v.status else cover


def render_units(
    src: Source, table_version: str, tails: dict[str, list[RPara]] | None = None
) -> list[RUnit]:
    """Units as the writers need them; ``tails`` appends paragraphs (signatures) to a unit."""
    numbers = assign_numbers(src)
    tails = tails or {}
    units: list[RUnit] = []
    for u in src.units:
        num = numbers[u.key]
        heading = heading_lines(u.kind, num, u.title, src.heading)
        items: list[RPara | RTable] = []
        for p in u.body:
            if isinstance(p, SPara):
                left = u.kind == "sideletter" and p.text.startswith(_LETTER_LINES)
                items.append(
                    RPara(
                        segments(p.text, numbers), p.label, p.level, "left" if left else "justify"
                    )
                )
            else:
                caption = table_title(p.name)
                if caption:
                    items.append(text(caption, align="center", bold=True, keep_with_next=True))
                items.append(RTable(build_table(p.name, table_version)))
        items.extend(tails.get(u.key, []))
        toc_left = heading[0].split(" – ")[0]
        units.append(
            RUnit(
                u.kind,
                num,
                u.title,
                heading,
                toc_left,
                u.title,
                items,
                page_break_before=u.kind != "article",
            )
        )
    return units


def to_rdoc(src: Source, v: Version, toc_pages: dict[str, int]) -> RDoc:
    last_article = [u.key for u in src.units if u.kind == "article"][-1]
    tails = {u.key: sideletter_closing() for u in src.units if u.kind == "sideletter"}
    tails[last_article] = signatory_paras(v)
    units = render_units(src, v.name, tails)
    preamble = [text(t) for t in preamble_texts(v)]
    return RDoc(
        cover=cover_lines(v),
        header=f"Producers–Local 912 Crafts Agreement {v.year_span}"
        + (" (Proposed)" if v.status else ""),
        preamble=preamble,
        units=units,
        footnotes=src.footnotes,
        auto_numbering=v.auto_numbering,
        toc_pages=toc_pages,
        title=f"Producers–Local 912 Crafts Agreement {v.year_span}",
        date=datetime(2024, 8, 1, 9, 0, 0)
        if v.name == "proposed"
        else datetime(2021, 8, 1, 9, 0, 0),
    )


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit(
            "LibreOffice (soffice) is needed to render the PDF samples: install it "
            "(apt install libreoffice-writer) and run the build again."
        )
    return exe


def convert_to_pdf(docx: Path, outdir: Path) -> Path:
    """Render ``docx`` with LibreOffice in a private profile, so parallel builds do not clash."""
    with tempfile.TemporaryDirectory(prefix="cbadiff-lo-") as profile:
        env = dict(os.environ, TZ="UTC", SOURCE_DATE_EPOCH="1627776000")
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            env=env,
            timeout=300,
        )
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice did not produce {pdf}")
    return pdf


def pdf_pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return out.split("\f")


def heading_pages(pdf: Path, doc: RDoc) -> dict[str, int]:
    """Page (1-based, as the footer prints it) where each unit's first heading line stands."""
    pages = pdf_pages_text(pdf)
    found: dict[str, int] = {}
    for u in doc.units:
        want = u.heading[0]
        for i, page in enumerate(pages, start=1):
            if "TABLE OF CONTENTS" in page:
                continue
            if any(line.strip() == want for line in page.splitlines()):
                found[want] = i
                break
    return found


def make_reproducible(pdf: Path, seed: bytes) -> None:
    """Pin LibreOffice's creation dates and document id (same byte lengths, so offsets hold)."""
    data = pdf.read_bytes()
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})", rb"\g<1>20240801000000", data)
    digest = hashlib.sha256(seed).hexdigest().upper().encode()

    def fix_id(m: re.Match[bytes]) -> bytes:
        a, b = m.group(1), m.group(2)
        return b"/ID [ <" + digest[: len(a)] + b"> <" + digest[: len(b)] + b"> ]"

    data = re.sub(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})", b"/DocChecksum /" + digest[-32:], data)
    data = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]", fix_id, data)
    data = re.sub(
        rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)[^<]{19}",
        rb"\g<1>2024-08-01T00:00:00",
        data,
    )
    pdf.write_bytes(data)


def render_pdf_with_toc(
    make: Callable[[dict[str, int]], RDoc], name: str, outdir: Path
) -> tuple[RDoc, int]:
    """Write ``{name}.docx`` and its PDF rendition into outdir with a table of contents whose page
    numbers come from a first rendition; return the final spec and the page count."""
    with tempfile.TemporaryDirectory(prefix="cbadiff-samples-") as tmp:
        tmpdir = Path(tmp)
        draft = make({})
        draft_path = tmpdir / f"{name}.docx"
        write_docx(draft, draft_path)
        pages = heading_pages(convert_to_pdf(draft_path, tmpdir), draft)
        final = make(pages)
        final_path = outdir / f"{name}.docx"
        write_docx(final, final_path)
        pdf = convert_to_pdf(final_path, outdir)
        make_reproducible(pdf, final_path.read_bytes())
        check = heading_pages(pdf, final)
        if check != pages:
            raise SystemExit(f"{name}: TOC page numbers moved between renders: {pages} {check}")
        return final, len(pdf_pages_text(pdf)) - 1


def build_pair(src: Source, v: Version, outdir: Path) -> tuple[RDoc, int]:
    """Write ``{v.name}.docx`` and ``.pdf`` into outdir; return the final spec and page count."""
    return render_pdf_with_toc(lambda pages: to_rdoc(src, v, pages), v.name, outdir)
