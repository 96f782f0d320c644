"""The word diff depends on its inputs alone, never on how busy the machine is: change ids and the
annotations anchored to them must not move between two runs of the same comparison."""

from __future__ import annotations

import random
import time

import pytest

from cbadiff.diff import words
from cbadiff.diff.words import diff_words
from cbadiff.model import OpTag


def _pair(n: int) -> tuple[str, str]:
    rng = random.Random(7)
    vocab = [f"word{i}" for i in range(300)]
    old = [rng.choice(vocab) for _ in range(n)]
    new = list(old)
    for i in range(0, n, 5):
        new[i] = "changed"
    return " ".join(old), " ".join(new)


def test_a_slow_clock_does_not_change_the_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wall clock that leaps 10 s per reading (a machine under heavy load, seen from the diff)
    made the old wall-clock timeout give up at its first step; the step budget ignores it."""
    old, new = _pair(600)
    expected = diff_words(old, new)
    assert len(expected) > 20  # a real word-level diff, not one delete and one insert
    readings = iter(range(0, 10**9, 10))
    monkeypatch.setattr(time, "time", lambda: float(next(readings)))
    assert diff_words(old, new) == expected


def test_the_budget_bounds_unrelated_blocks_and_stays_correct() -> None:
    rng = random.Random(3)
    old = " ".join(f"a{rng.randrange(500)}" for _ in range(1500))
    new = " ".join(f"a{rng.randrange(500)}" for _ in range(1500))
    runs = diff_words(old, new)
    assert "".join(t for tag, t in runs if tag is not OpTag.INSERT) == old
    assert "".join(t for tag, t in runs if tag is not OpTag.DELETE) == new
    assert runs == diff_words(old, new)


def test_step_clock_counts_per_thread() -> None:
    clock = words._StepClock()
    first = clock.time()
    assert clock.time() == first + 1
