"""Text clean-up shared by the readers: line joining and hyphen repair (decoding: encoding.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A hyphen at a line end is kept when the first part is a word that is commonly hyphenated onto
# the next (compound numbers, "meal-period", "non-", "re-"); it is removed when it splits one word.
_COMPOUND_FIRST = re.compile(
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|non|self|co|re|pre|post|"
    r"part|full|half|one|two|three|four|five|six|seven|eight|nine|ten|per|well|long|"
    r"short|high|low|multi|sub|semi|anti|inter|over|under|cross|mid|ex|so|off|on|in|out)$",
    re.IGNORECASE,
)


def zero_width_as_space(text: str) -> str:
    """U+200B ZERO WIDTH SPACE as a plain space, keeping the length (offsets into ``text`` stay
    valid). Word and PDF producers put it where a space or a line-break opportunity was, and
    Python's ``str.split`` does not count it as whitespace, so "eight\u200bhours" would be one
    word in a PDF and two in its DOCX original."""
    return text.replace("\u200b", " ")


_SOFT_LINE_END = "\ufffe\x02"  # pdfium's marks for a hyphen it judged to end a line
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z][A-Za-z']*)*")


class Vocabulary:
    """Words a document uses, to judge a line-end hyphen by the document itself.

    "employ-/ees" is one word split by the typesetter ("ees" is not a word the document uses, or
    "employees" is), while "meal-/period" and "forty-/five" are compounds whose parts are both
    words of the document (or whose hyphenated form appears mid-line elsewhere). The first word of
    a line that follows a line-end hyphen is left out of the vocabulary, so split fragments never
    vouch for themselves.
    """

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()

    def add_lines(self, lines: Iterable[str]) -> None:
        after_hyphen = False
        for raw in lines:
            line = raw.rstrip()
            tokens = _WORD_RE.findall(line)
            if after_hyphen and tokens:
                tokens = tokens[1:]
            ends_hyphen = bool(line) and (line[-1] in "-\u00ad" or line[-1] in _SOFT_LINE_END)
            if ends_hyphen and tokens and line.endswith(tokens[-1] + line[-1]):
                tokens = tokens[:-1]
            for tok in tokens:
                low = tok.lower()
                if "-" in low:
                    self.compounds.add(low)
                    self.words.update(p for p in low.split("-") if p)
                else:
                    self.words.add(low)
            after_hyphen = ends_hyphen

    def keeps_hyphen(self, left: str, right: str) -> bool | None:
        """True to keep "left-right", False to join "leftright", None when it cannot tell."""
        left_l, right_l = left.lower(), right.lower()
        if left_l + right_l in self.words:
            return False
        if f"{left_l}-{right_l}" in self.compounds:
            return True
        known_left, known_right = left_l in self.words, right_l in self.words
        if known_left and known_right and len(right_l) > 1:
            return True
        if known_left and not known_right:
            return False  # "employ-ees", "pay-ment": the tail is no word of this document
        return None


def join_lines(lines: list[str], vocabulary: Vocabulary | None = None) -> str:
    """Join wrapped lines into one paragraph, repairing words split by a line-end hyphen.

    A hyphen (or pdfium's U+FFFE/U+0002 mark for one) at a line end is kept where it belongs to
    the text ("forty-five", "meal-period", "Producer-IATSE", "2019-2020") and removed where it
    splits a word ("employ-ees"); ``vocabulary`` lets the document itself decide, and without one
    a list of common compound first parts does. A U+00AD soft hyphen is always removed.
    """
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + line  # a typed soft hyphen marks a word split by the typesetter
        elif out[-1] in _SOFT_LINE_END or (out.endswith("-") and len(out) > 1):
            out = out[:-1] + _hyphen_join(out[:-1], line, vocabulary)
        else:
            out = out + " " + line
    return out.replace("\ufffe", "-").replace("\x02", "-")


def _hyphen_join(before: str, line: str, vocabulary: Vocabulary | None) -> str:
    """What replaces the hyphen between ``before`` and ``line``: "-" + line, or line."""
    left_m = re.search(r"([A-Za-z]+)$", before)
    right_m = re.match(r"([A-Za-z]+)", line)
    if not before or before[-1] == " ":
        return "- " + line  # a dash standing alone, not a hyphen
    if not left_m or not right_m:
        return "-" + line  # digits or symbols: "2019-2020", "Producer-I.C.T.U."
    left, right = left_m.group(1), right_m.group(1)
    if right[:1].isupper():
        return "-" + line
    verdict = vocabulary.keeps_hyphen(left, right) if vocabulary is not None else None
    if verdict is None:
        verdict = bool(_COMPOUND_FIRST.search(left)) and len(left) > 2
    return ("-" + line) if verdict else line
