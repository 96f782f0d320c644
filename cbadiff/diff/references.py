"""Cross-references rewritten into one numbering, so "Article 14" -> "Article 15" can be judged
a renumbering (old Article 14 became new Article 15) rather than an edit.

Both sides are rewritten to canonical labels ("article 15", "section 13.2"): the old side through
the alignment's maps (old label -> new label), the new side as it stands. Labels the maps do not
know stay as they are, so a reference to a different target still differs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from cbadiff.diff.substance import References

_REF_NUM = r"(?:\d+(?:\.\d+)*[A-Za-z]?|[IVXLC]+[A-Z]?)\b"
_REF_RE = re.compile(
    rf"\b(?P<word>Articles?|ARTICLES?|Art\.|Sections?|SECTIONS?|Sec\.|§§?)\s*"
    rf"(?P<nums>{_REF_NUM}(?:\s*(?:,|and|or|through|to|-|–|&)\s*{_REF_NUM})*)"
)
_REF_NUM_RE = re.compile(_REF_NUM)


@lru_cache(maxsize=4096)
def canon_section(label: str) -> str:
    """ "Section 12.3." -> "12.3": the comparable form of a clause label."""
    label = re.sub(r"^(?:section|sec\.)\s*", "", label.strip(), flags=re.IGNORECASE)
    return label.rstrip(".").lower()


def build_references(
    articles: Mapping[str, str],
    sections: Mapping[str, str],
    canon_article: Callable[[str], str],
) -> References:
    """Rewriters for the old and the new text.

    Args:
        articles: canonical old article label -> canonical new label, from the alignment.
        sections: canonical old clause label -> canonical new label, for unique clause labels.
        canon_article: the canonical form of a printed article label ("XIV" -> "14").
    """

    def rewrite(text: str, *, side_old: bool) -> str:
        def one(m: re.Match[str]) -> str:
            is_article = m.group("word").lower().startswith("art")

            def num(nm: re.Match[str]) -> str:
                raw = nm.group(0)
                if is_article:
                    key = canon_article(raw)
                    return articles.get(key, key) if side_old else key
                key = canon_section(raw)
                return sections.get(key, key) if side_old else key

            word = "article" if is_article else "section"
            return f"{word} {_REF_NUM_RE.sub(num, m.group('nums'))}"

        return _REF_RE.sub(one, text)

    return References(
        old=lambda t: rewrite(t, side_old=True), new=lambda t: rewrite(t, side_old=False)
    )
