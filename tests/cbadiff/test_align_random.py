"""Invariants of the comparison over randomly edited generated agreements (fixed seeds)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from cbadiff.model import ChangeKind, OpTag, Status
from cbadiff.pipeline import compare_agreements
from tests.cbadiff.builders import UnitSpec, agreement, article, filler, standard_articles


def mutate(rng: random.Random, arts: list[UnitSpec]) -> list[UnitSpec]:
    out = list(arts)
    for _ in range(rng.randint(1, 6)):
        op = rng.choice(["edit", "insert", "delete", "move", "retitle", "empty", "clause"])
        k = rng.randrange(len(out))
        spec = out[k]
        if op == "edit" and spec.paras:
            p = rng.randrange(len(spec.paras))
            para = spec.paras[p]
            text = para[1] if isinstance(para, tuple) else para
            words = text.split()
            words[rng.randrange(len(words))] = rng.choice(["ten (10) days", "$9.75", "shall not"])
            new_para = (para[0], " ".join(words)) if isinstance(para, tuple) else " ".join(words)
            out[k] = replace(spec, paras=(*spec.paras[:p], new_para, *spec.paras[p + 1 :]))
        elif op == "insert":
            out.insert(k, article(str(100 + k), "Inserted", filler(rng.randint(5000, 9000))))
        elif op == "delete" and len(out) > 2:
            del out[k]
        elif op == "move":
            out.insert(rng.randrange(len(out)), out.pop(k))
        elif op == "retitle":
            out[k] = replace(spec, title=f"Renamed {k}")
        elif op == "empty":
            out[k] = replace(spec, paras=())
        elif op == "clause" and spec.paras:
            paras = list(spec.paras)
            paras.insert(rng.randrange(len(paras) + 1), paras.pop(rng.randrange(len(paras))))
            out[k] = replace(spec, paras=tuple(paras))
    return out


@pytest.mark.parametrize("seed", range(60))
def test_invariants_hold_for_random_edits(seed: int) -> None:
    rng = random.Random(seed)
    arts = standard_articles(rng.randint(2, 12), words=rng.randint(8, 60))
    old = agreement(*arts)
    new = agreement(*mutate(rng, arts))
    c = compare_agreements(old, new)
    # every unit appears exactly once on its side
    assert sorted(u for p in c.pairs for u in p.old) == sorted(u.id for u in old.units)
    assert sorted(u for p in c.pairs for u in p.new) == sorted(u.id for u in new.units)
    # the alignment follows the new agreement's reading order
    firsts = [new.units.index(new.unit(p.new[0])) for p in c.pairs if p.new]
    assert firsts == sorted(firsts)
    assert len({p.id for p in c.pairs}) == len(c.pairs)
    for p in c.pairs:
        if not p.old:
            assert p.status is Status.ADDED
        elif not p.new:
            assert p.status is Status.DELETED
        else:
            assert (p.status is Status.MODIFIED) == any(ch.substantive for ch in p.changes)
        linked = set()
        for b in p.blocks:
            old_text = "".join(op.text for op in b.ops if op.tag is not OpTag.INSERT)
            new_text = "".join(op.text for op in b.ops if op.tag is not OpTag.DELETE)
            assert old_text == (b.old.text if b.old else "")
            assert new_text == (b.new.text if b.new else "")
            linked |= {op.change_id for op in b.ops if op.change_id}
        assert {ch.id for ch in p.changes if ch.kind is not ChangeKind.MOVE} <= linked
    # the same inputs give the same result
    again = compare_agreements(old, new)
    assert [(p.id, [ch.id for ch in p.changes]) for p in again.pairs] == [
        (p.id, [ch.id for ch in p.changes]) for p in c.pairs
    ]
