"""Split text into the tokens a word diff works on.

A token is a run of whitespace, a number with its currency sign, separators and percent sign
("$1,234.50", "10%"), a word with inner apostrophes ("employee's"), or one punctuation mark.
Joining the tokens gives the text back exactly, so diff runs map to offsets in the original.
"""

from __future__ import annotations

import re

TOKEN_RE = re.compile(
    r"\s+"
    r"|\$?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?%?"
    r"|\w+(?:['\u2019]\w+)*"
    r"|[^\w\s]",
)


def tokenize(text: str) -> list[str]:
    """Tokens of ``text``; ``"".join(tokenize(t)) == t``."""
    return TOKEN_RE.findall(text)
