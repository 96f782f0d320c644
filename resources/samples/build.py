"""Build the two bundled sample agreements and their manifest.

Run ``python -m resources.samples.build`` (``make samples``). It writes, next to this file:
``expired.docx``, ``expired.pdf``, ``proposed.docx``, ``proposed.pdf`` and ``manifest.json``.

The EXPIRED agreement is the text of ``expired_source.txt``; the PROPOSED one is that text with
the edits in ``proposal.py`` applied; the manifest lists what changed where, computed from the same
data. Both agreements are original, fictional text (no text from any real agreement).

Needs LibreOffice (``soffice``) to render the PDFs and poppler's ``pdftotext`` to find the page of
every heading for the table of contents. The output is reproducible: the DOCX files have fixed
core properties and zip timestamps, and the PDFs' creation dates and ids are pinned; only a
different LibreOffice version can change the PDF bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from resources.samples.manifest import build_manifest
from resources.samples.markup import load_expired
from resources.samples.proposal import build_proposed
from resources.samples.render import EXPIRED, PROPOSED, build_pair

HERE = Path(__file__).parent


def main(argv: list[str] | None = None) -> int:
    outdir = Path(argv[0]) if argv else HERE
    outdir.mkdir(parents=True, exist_ok=True)
    expired = load_expired()
    proposed, log = build_proposed(expired)
    files = {}
    for src, version in ((expired, EXPIRED), (proposed, PROPOSED)):
        final, pages = build_pair(src, version, outdir)
        files[version.name] = {
            "docx": f"{version.name}.docx",
            "pdf": f"{version.name}.pdf",
            "pages": pages,
            # Page on which each heading stands in the PDF (and in the DOCX's contents list).
            "heading_pages": final.toc_pages,
        }
        print(f"{version.name}: {pages} pages")
    manifest = build_manifest(expired, proposed, log, files)
    (outdir / "manifest.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
