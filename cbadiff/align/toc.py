"""Article titles as a table of contents prints them.

An agreement's contents page and its body headings can disagree (a heading updated, the contents
entry not, or the reverse). A negotiator reads both, so a title changed in either place is a
retitle. Only one-line entries of the form "XLVII. Title . . . . 107" are read; anything else is
ignored rather than guessed.
"""

from __future__ import annotations

import re

_ENTRY = re.compile(
    r"^\s*(?:ARTICLE\s+|Article\s+)?(?P<num>[IVXLC]+[A-Z]?|\d{1,3}[A-Z]?)\.?\s+"
    r"(?P<title>[A-Za-z\"'“‘(].*?)\s*(?:\.\s*){3,}\s*\d{1,4}\s*$"
)
# two entries run together by the reader: "... Subcontracting 56 XXI. Charitable ..."
_MERGED = re.compile(r"\s\d{1,4}\s+(?:[IVXLC]+[A-Z]?|\d{1,3}[A-Z]?)\.\s")


def toc_titles(toc_text: str) -> dict[str, str]:
    """{printed article number: title} for the contents entries that name an article."""
    out: dict[str, str] = {}
    for line in toc_text.splitlines():
        m = _ENTRY.match(line)
        if m and not _MERGED.search(m.group("title")):
            out.setdefault(m.group("num"), m.group("title").rstrip(" ."))
    return out
