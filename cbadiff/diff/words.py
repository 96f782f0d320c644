"""Word diff with diff-match-patch: words mapped to characters, then semantic clean-up.

Each distinct token (see :mod:`cbadiff.text.tokenize`) becomes one character, so the diff runs
over words, never splits one, and ``diff_cleanupSemantic`` merges scattered one-word matches into
readable phrases.

A budget bounds one paragraph pair; past it diff-match-patch returns a coarser but still correct
diff. The budget counts bisection steps, not seconds: diff-match-patch only knows a wall-clock
timeout, which made the same pair diff differently on a busy machine, so change ids, and the
annotations anchored to them, moved between runs. :class:`_StepClock` stands in for the clock the
library reads, one tick per step, which makes the result depend on the inputs alone.
"""

from __future__ import annotations

import importlib
import threading

from diff_match_patch import diff_match_patch

from cbadiff.model import OpTag
from cbadiff.text.tokenize import tokenize

# Bisection steps per block pair. A step costs O(d) at edit distance d, so 1,000 steps keep the
# worst pair (two unrelated 1,200-word blocks) near 0.35 s here; ordinary edits never reach it.
DEFAULT_TIMEOUT = 1000.0


class _StepClock:
    """Replaces the ``time`` module inside diff-match-patch: ``time()`` counts calls per thread.

    The library calls it once to set its deadline and once per bisection step to check it, so
    ``Diff_Timeout`` becomes a step budget. Counting per thread keeps concurrent diffs (the GUI's
    worker and an export) from eating each other's budget.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def time(self) -> float:
        ticks: float = getattr(self._local, "ticks", 0.0) + 1.0
        self._local.ticks = ticks
        return ticks


setattr(importlib.import_module("diff_match_patch.diff_match_patch"), "time", _StepClock())  # noqa: B010
_TAGS = {0: OpTag.EQUAL, -1: OpTag.DELETE, 1: OpTag.INSERT}


def _code(index: int) -> str:
    cp = 0x100 + index
    if cp >= 0xD800:  # skip the surrogate range
        cp += 0x800
    return chr(cp)


def diff_words(old: str, new: str, *, timeout: float = DEFAULT_TIMEOUT) -> list[tuple[OpTag, str]]:
    """Runs (tag, text): equal + delete runs rebuild ``old``, equal + insert runs ``new``.

    ``timeout`` is a budget of bisection steps (see the module docstring); 0 means no bound.
    """
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
