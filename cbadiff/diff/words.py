"""Word diff with diff-match-patch: words mapped to characters, then semantic clean-up.

Each distinct token (see :mod:`cbadiff.text.tokenize`) becomes one character, so the diff runs
over words, never splits one, and ``diff_cleanupSemantic`` merges scattered one-word matches into
readable phrases. The timeout bounds one paragraph pair; past it diff-match-patch returns a
coarser but still correct diff.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from cbadiff.model import OpTag
from cbadiff.text.tokenize import tokenize

DEFAULT_TIMEOUT = 0.1  # seconds per block pair; past it the diff is coarser, still correct
_TAGS = {0: OpTag.EQUAL, -1: OpTag.DELETE, 1: OpTag.INSERT}


def _code(index: int) -> str:
    cp = 0x100 + index
    if cp >= 0xD800:  # skip the surrogate range
        cp += 0x800
    return chr(cp)


def diff_words(old: str, new: str, *, timeout: float = DEFAULT_TIMEOUT) -> list[tuple[OpTag, str]]:
    """Runs (tag, text): equal + delete runs rebuild ``old``, equal + insert runs ``new``."""
    if old == new:
        return [(OpTag.EQUAL, old)] if old else []
    if not old:
        return [(OpTag.INSERT, new)]
    if not new:
        return [(OpTag.DELETE, old)]
    codes: dict[str, str] = {}
    tokens: list[str] = []

    def encode(text: str) -> str:
        out = []
        for tok in tokenize(text):
            ch = codes.get(tok)
            if ch is None:
                ch = _code(len(tokens))
                codes[tok] = ch
                tokens.append(tok)
            out.append(ch)
        return "".join(out)

    a, b = encode(old), encode(new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    index = {ch: tok for tok, ch in codes.items()}
    runs: list[tuple[OpTag, str]] = []
    for op, data in diffs:
        text = "".join(index[ch] for ch in data)
        if not text:
            continue
        tag = _TAGS[op]
        if runs and runs[-1][0] is tag:
            runs[-1] = (tag, runs[-1][1] + text)
        else:
            runs.append((tag, text))
    return runs
