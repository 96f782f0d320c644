"""Plain-text agreements: form feeds are page breaks, blank lines end paragraphs."""

from __future__ import annotations

from pathlib import Path

from parsers.model import Agreement, DocKind, SourceInfo
from parsers.progress import CancelToken, ProgressFn
from parsers.stream import Item, Para
from parsers.structure import build_agreement
from parsers.textutil import decode_text, join_lines


def read_txt(path: Path, sha256: str, *, progress: ProgressFn, cancel: CancelToken) -> Agreement:
    text, notices = decode_text(path, path.read_bytes())
    pages = text.split("\f")
    items: list[Item] = []
    for page_no, page in enumerate(pages, start=1):
        cancel.raise_if_cancelled()
        progress(page_no / len(pages), f"Reading page {page_no} of {len(pages)}")
        for para in split_paragraphs(page):
            items.append(Para(para, page_no))
    source = SourceInfo(str(path), DocKind.TXT, sha256, len(pages))
    return build_agreement(items, source, notices)


def split_paragraphs(page: str) -> list[str]:
    """Blank lines separate paragraphs; wrapped lines inside one are joined."""
    paras: list[str] = []
    lines: list[str] = []
    for raw in page.splitlines():
        if raw.strip():
            lines.append(raw)
        elif lines:
            paras.append(join_lines(lines))
            lines = []
    if lines:
        paras.append(join_lines(lines))
    return [p for p in paras if p]
