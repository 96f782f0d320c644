"""The pipeline as a job: progress, cancellation, the categorizer hook, reading files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cbadiff.jobs import Cancelled, CancelToken
from cbadiff.model import Comparison, Flag, OpTag, Status, WordOp
from cbadiff.pipeline import compare_agreements, compare_files
from parsers.errors import ReadError
from tests.cbadiff.builders import (
    agreement,
    article,
    filler,
    render_txt,
    renumbered,
    standard_articles,
)


def test_progress_rises_to_one_and_names_articles() -> None:
    seen: list[tuple[float, str]] = []
    arts = standard_articles(5)
    compare_agreements(
        agreement(*arts), agreement(*arts), progress=lambda f, m: seen.append((f, m))
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    messages = [m for _, m in seen]
    assert messages[0] == "Aligning articles"
    assert "Comparing Article 3" in messages


def test_cancel_stops_the_job_with_cancelled() -> None:
    token = CancelToken()
    arts = standard_articles(6)

    def cancel_midway(fraction: float, message: str) -> None:
        if message.startswith("Comparing"):
            token.cancel()

    with pytest.raises(Cancelled):
        compare_agreements(agreement(*arts), agreement(*arts), progress=cancel_midway, cancel=token)


def test_categorizer_hook_receives_the_comparison_and_its_result_is_returned() -> None:
    calls: list[Comparison] = []

    def categorize(c: Comparison) -> Comparison:
        calls.append(c)
        return replace(c, pairs=tuple(replace(p, categories=("x",)) for p in c.pairs))

    arts = standard_articles(3)
    result = compare_agreements(agreement(*arts), agreement(*arts), categorizer=categorize)
    assert len(calls) == 1 and calls[0].pairs[0].categories == ()
    assert all(p.categories == ("x",) for p in result.pairs)


def test_compare_files_reads_txt_and_splits_progress(tmp_path: Path) -> None:
    arts = standard_articles(4)
    inserted = article("3", "Non-Discrimination", ("3.1", filler(999)))
    old = render_txt(tmp_path / "old.txt", *arts)
    new = render_txt(
        tmp_path / "new.txt",
        *arts[:2],
        inserted,
        *(renumbered(a, str(int(a.number or 0) + 1)) for a in arts[2:]),
    )
    seen: list[tuple[float, str]] = []
    c = compare_files(old, new, progress=lambda f, m: seen.append((f, m)))
    reading = [f for f, m in seen if m.startswith("Reading expired agreement")]
    proposed = [f for f, m in seen if m.startswith("Reading proposed agreement")]
    comparing = [f for f, m in seen if m.startswith("Comparing")]
    assert reading and max(reading) <= 0.3
    assert proposed and min(proposed) >= 0.3 and max(proposed) <= 0.6
    assert comparing and min(comparing) >= 0.6
    assert seen[-1][0] == 1.0
    assert [p.status for p in c.pairs].count(Status.ADDED) == 1
    later = [p for p in c.pairs if Flag.RENUMBERED in p.flags]
    assert len(later) == 2 and all(p.status is Status.UNCHANGED for p in later)


def test_compare_files_names_the_unreadable_file(tmp_path: Path) -> None:
    good = render_txt(tmp_path / "old.txt", *standard_articles(2))
    with pytest.raises(ReadError, match=r"missing\.txt"):
        compare_files(good, tmp_path / "missing.txt")


def test_empty_agreements_compare_without_error() -> None:
    c = compare_agreements(agreement(), agreement(*standard_articles(1)))
    assert [p.status for p in c.pairs] == [Status.ADDED]
    assert compare_agreements(agreement(), agreement()).pairs == ()


def rebuilt(ops: tuple[WordOp, ...], side: OpTag) -> str:
    return "".join(op.text for op in ops if op.tag in (OpTag.EQUAL, side))


def test_word_ops_rebuild_both_sides_of_every_block_and_link_every_change() -> None:
    from tests.cbadiff.test_comparison_json import busy_comparison

    c = busy_comparison()
    for pair in c.pairs:
        linked = set()
        for block in pair.blocks:
            assert rebuilt(block.ops, OpTag.DELETE) == (block.old.text if block.old else "")
            if not (block.moved and block.new is None):
                assert rebuilt(block.ops, OpTag.INSERT) == (block.new.text if block.new else "")
            linked |= {op.change_id for op in block.ops if op.change_id}
        ids = {ch.id for ch in pair.changes if ch.kind.value != "move"}
        assert ids <= linked, pair.id
        for ch in pair.changes:
            assert ch.id.startswith(pair.id + "/c")
            assert 0 <= ch.block_index < len(pair.blocks)
