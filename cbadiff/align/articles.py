"""Pair the top-level units of two agreements by what they say, using numbers only as a hint.

Steps, each cheap enough for two 300-page agreements in well under a second:

1. Features per unit: its words, title key and number key.
2. Anchors: units whose words are identical and unique on both sides pair at once (the common
   case of an article renumbered by an insertion).
3. For the rest, word-bigram sets (sampled 1-in-4 by a reproducible hash for long units, so a
   set intersection costs little; word pairs printed in many units of one agreement, such as
   a sideletter's greeting and signature, left out) give a text similarity, blended with title
   and number into a score. Mutual best pairs scoring over 0.9 are certain; a global
   maximum-weight assignment (Hungarian, over each unit's best few candidates) pairs the rest,
   never greedily.
4. Leftovers mostly contained in one matched unit make a split (1:n) or a merge (n:1).
5. Moves: pairs outside the heaviest in-order chain moved.

The result is a list of :class:`UnitMatch` in the reading order of the new agreement with each
deletion placed where it stood. Flags that depend on labels (renumbered, retitled) are the
pipeline's business.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz

from cbadiff.align.assignment import in_order_chain, sparse_assignment
from cbadiff.jobs import CancelToken, check_cancel
from cbadiff.text.normalize import match_words, title_key
from parsers.model import Unit

MIN_SCORE = 0.45  # below this, two units are not the same unit
ANCHOR_SCORE = 0.9  # mutual best pairs above this are certain
SPLIT_CONTAINMENT = 0.6  # share of a leftover's text found in one unit to call it split/merged
MIN_SPLIT_WORDS = 12  # a leftover shorter than this is not evidence of a split
CANDIDATES = 8  # best partners kept per unit for the global assignment
_SAMPLE_FROM = 400  # bigrams: units with more are compared on a 1-in-4 sample
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """An alignment entry: indices into the old and new unit tuples (one side empty for
    added/deleted units, several on one side for a split or merge)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    moved: bool = False


@dataclass(slots=True)
class _Features:
    words: tuple[str, ...]
    title: str
    number: str | None
    kind: str
    chars: int
    raw: frozenset[tuple[int, int]] | None = None  # all word bigrams, as vocabulary ids
    full: frozenset[tuple[int, int]] = frozenset()  # without the side's boilerplate
    sample: frozenset[tuple[int, int]] = frozenset()


def _features(units: Sequence[Unit], number_key: Callable[[Unit], str | None]) -> list[_Features]:
    """Words, title and number of each unit; bigram sets come later, for the units that need
    them (identical units pair on their words alone)."""
    return [
        _Features(
            tuple(match_words(u.text)), title_key(u.title), number_key(u), u.kind.value, u.chars
        )
        for u in units
    ]


@dataclass(slots=True)
class _Bigrams:
    """Word-bigram sets on demand, over one vocabulary for both sides so that ids compare.

    Ids come from ``dict.setdefault`` with a running counter, so mapping a unit's words is one
    C-level ``map``; bigrams are tuples of int ids, whose hashes (unlike those of strings) are the
    same in every run, so the 1-in-4 sample, and with it the alignment, is reproducible.
    """

    vocab: dict[str, int] = field(default_factory=dict)
    counter: Iterator[int] = field(default_factory=itertools.count)

    def raw(self, f: _Features) -> frozenset[tuple[int, int]]:
        if f.raw is None:
            ids = list(map(self.vocab.setdefault, f.words, self.counter))
            pairs = frozenset(itertools.pairwise(ids))
            f.raw = pairs if pairs or not ids else frozenset({(ids[0], -1)})
        return f.raw

    def fill(self, f: _Features, common: frozenset[tuple[int, int]] = frozenset()) -> None:
        raw = self.raw(f)
        full = (raw - common) or raw if common else raw
        f.full = full
        f.sample = (
            frozenset(t for t in full if hash(t) & 3 == 0) if len(full) > _SAMPLE_FROM else full
        )

    def drop_boilerplate(
        self, features: list[_Features], indices: Sequence[int]
    ) -> frozenset[tuple[int, int]]:
        """Fill ``indices`` leaving out word pairs printed in many units of the agreement
        ("Ladies and Gentlemen", "Very truly yours", a signature block), which make every
        sideletter resemble every other. Returns that set, for units filled later."""
        limit = max(3, len(indices) // 10)
        counts: Counter[tuple[int, int]] = Counter()
        for i in indices:
            counts.update(self.raw(features[i]))
        common = frozenset(h for h, n in counts.items() if n > limit)
        for i in indices:
            self.fill(features[i], common)
        return common


def _overlap(a: _Features, b: _Features) -> tuple[int, int, int]:
    """(shared, size a, size b) on the sample when both are long, else on the full sets."""
    if len(a.full) > _SAMPLE_FROM and len(b.full) > _SAMPLE_FROM:
        x, y = a.sample, b.sample
    else:
        x, y = a.full, b.full
    if len(x) > len(y):
        return len(y & x), len(x), len(y)
    return len(x & y), len(x), len(y)


def _text_similarity(a: _Features, b: _Features) -> float:
    shared, la, lb = _overlap(a, b)
    if la == 0 and lb == 0:
        return 1.0
    if la == 0 or lb == 0:
        return 0.0
    return 2.0 * shared / (la + lb)


def _score(a: _Features, b: _Features, text: float) -> float:
    """Blend text, title and number: text decides for long units, titles help short ones."""
    text_weight = 0.8 if min(len(a.words), len(b.words)) >= 30 else 0.5
    title = fuzz.ratio(a.title, b.title) / 100.0 if a.title and b.title else 0.5
    number = 1.0 if a.number is not None and a.number == b.number and a.kind == b.kind else 0.0
    score = text_weight * text + (0.95 - text_weight) * title + 0.05 * number
    if a.title and b.title and title >= 0.95 and text >= 0.1:
        # the same title over rewritten text is still the same unit ("Use of AI", redrafted)
        score = max(score, 0.5 + 0.3 * text)
    if a.kind != b.kind:
        score -= 0.15
    if text < 0.2 and title < 0.85:
        return 0.0
    return score


def _split_unpaired(
    fo: list[_Features],
    fn: list[_Features],
    groups: dict[int, tuple[list[int], list[int]]],
    old_in_group: dict[int, int],
    new_owner: dict[int, int],
) -> None:
    """Splits and merges among units nothing paired: an old article cut into three or four,
    none of which alone resembles it enough to pair, but which together hold most of it."""
    free_new = [
        j for j in range(len(fn)) if j not in new_owner and len(fn[j].words) >= MIN_SPLIT_WORDS
    ]
    free_old = [
        i for i in range(len(fo)) if i not in old_in_group and len(fo[i].words) >= MIN_SPLIT_WORDS
    ]
    for i in free_old:
        parts, covered = [], 0.0
        for j in free_new:
            shared, la, lb = _overlap(fo[i], fn[j])
            if lb and la and shared / lb >= SPLIT_CONTAINMENT:
                parts.append(j)
                covered += shared / la
        if len(parts) >= 2 and covered >= 0.5:
            groups[i] = ([i], parts)
            old_in_group[i] = i
            for j in parts:
                new_owner[j] = i
            free_new = [j for j in free_new if j not in parts]
    for j in free_new:
        parts, covered = [], 0.0
        for i in free_old:
            if i in old_in_group:
                continue
            shared, la, lb = _overlap(fo[i], fn[j])
            if lb and la and shared / la >= SPLIT_CONTAINMENT:
                parts.append(i)
                covered += shared / lb
        if len(parts) >= 2 and covered >= 0.5:
            groups[parts[0]] = (parts, [j])
            for i in parts:
                old_in_group[i] = parts[0]
            new_owner[j] = parts[0]


def _top(values: list[float]) -> list[int]:
    """Indices of the CANDIDATES largest values."""
    return sorted(range(len(values)), key=values.__getitem__, reverse=True)[:CANDIDATES]


def align_units(
    old: Sequence[Unit],
    new: Sequence[Unit],
    *,
    number_key: Callable[[Unit], str | None] = lambda u: u.number,
    cancel: CancelToken | None = None,
) -> list[UnitMatch]:
    """Align ``old`` with ``new`` units; see the module docstring for the method."""
    fo = _features(old, number_key)
    fn = _features(new, number_key)
    matched: dict[int, int] = {}  # old -> new
    sims: dict[tuple[int, int], float] = {}

    # 1. identical text, unique on both sides
    by_text_old: dict[tuple[str, ...], list[int]] = {}
    by_text_new: dict[tuple[str, ...], list[int]] = {}
    for i, f in enumerate(fo):
        if len(f.words) >= 5:
            by_text_old.setdefault(f.words, []).append(i)
    for j, f in enumerate(fn):
        if len(f.words) >= 5:
            by_text_new.setdefault(f.words, []).append(j)
    for key, olds in by_text_old.items():
        news = by_text_new.get(key, [])
        if len(olds) == 1 and len(news) == 1:
            matched[olds[0]] = news[0]
            sims[(olds[0], news[0])] = 1.0
    check_cancel(cancel)

    # 2. scores for the rest
    rest_old = [i for i in range(len(fo)) if i not in matched]
    taken_new = set(matched.values())
    rest_new = [j for j in range(len(fn)) if j not in taken_new]
    bigrams = _Bigrams()
    common_old = bigrams.drop_boilerplate(fo, rest_old)
    common_new = bigrams.drop_boilerplate(fn, rest_new)
    text_sim: dict[tuple[int, int], float] = {}
    scores: list[list[float]] = []
    for i in rest_old:
        row: list[float] = []
        for j in rest_new:
            t = _text_similarity(fo[i], fn[j])
            text_sim[(i, j)] = t
            row.append(_score(fo[i], fn[j], t))
        scores.append(row)
        check_cancel(cancel)

    # mutual best above ANCHOR_SCORE
    if scores and rest_new:
        best_col = [max(range(len(rest_new)), key=row.__getitem__) for row in scores]
        columns = [[row[c] for row in scores] for c in range(len(rest_new))]
        best_row = [max(range(len(rest_old)), key=col.__getitem__) for col in columns]
        for r, c in enumerate(best_col):
            if best_row[c] == r and scores[r][c] >= ANCHOR_SCORE:
                i, j = rest_old[r], rest_new[c]
                matched[i] = j
                sims[(i, j)] = text_sim[(i, j)]
    # 3. Hungarian over the remainder
    rows = [r for r, i in enumerate(rest_old) if i not in matched]
    taken_new = set(matched.values())
    cols = [c for c, j in enumerate(rest_new) if j not in taken_new]
    if rows and cols:
        # Each unit's few best candidates, both ways: the optimum almost never pairs a unit
        # with its ninth choice, and the sparse graph splits into small components, so the
        # cubic solver never sees hundreds of look-alike sideletters at once.
        edges: dict[tuple[int, int], float] = {}
        sub = [[scores[r][c] for c in cols] for r in rows]
        for a, row in enumerate(sub):
            for b in _top(row):
                edges[(a, b)] = row[b]
        for b in range(len(cols)):
            column = [row[b] for row in sub]
            for a in _top(column):
                edges[(a, b)] = column[a]
        for a, b in sparse_assignment(edges, MIN_SCORE):
            i, j = rest_old[rows[a]], rest_new[cols[b]]
            matched[i] = j
            sims[(i, j)] = text_sim[(i, j)]
    check_cancel(cancel)

    # 4. splits and merges
    groups: dict[int, tuple[list[int], list[int]]] = {}  # keyed by an old index in the group
    for i, j in matched.items():
        groups[i] = ([i], [j])
    new_owner = {j: i for i, j in matched.items()}
    unmatched_new = [j for j in range(len(fn)) if j not in new_owner]
    unmatched_old = [i for i in range(len(fo)) if i not in matched]
    # A split or merge leaves its partner pair well below identical; pairs at 0.9 or more (all
    # identical anchors among them) cannot hold a whole second unit and are not checked.
    split_candidates = [i for i, j in matched.items() if sims.get((i, j), 1.0) < 0.9]
    for j in unmatched_new:
        bigrams.fill(fn[j], common_new)
    for i in unmatched_old:
        bigrams.fill(fo[i], common_old)
    for j in unmatched_new:
        if len(fn[j].words) < MIN_SPLIT_WORDS:
            continue
        best_i, best_c = -1, 0.0
        for i in split_candidates:
            shared, _, lb = _overlap(fo[i], fn[j])
            cont = shared / lb if lb else 0.0
            if cont > best_c:
                best_i, best_c = i, cont
        if best_i >= 0 and best_c >= SPLIT_CONTAINMENT:
            groups[best_i][1].append(j)
            new_owner[j] = best_i
    old_in_group = {i: i for i in groups}
    for i in unmatched_old:
        if len(fo[i].words) < MIN_SPLIT_WORDS:
            continue
        best_key, best_c = -1, 0.0
        for gkey in split_candidates:
            news = groups[gkey][1]
            if len(news) != 1:
                continue  # a unit is split or merged, not both
            shared, la, _ = _overlap(fo[i], fn[news[0]])
            cont = shared / la if la else 0.0
            if cont > best_c:
                best_key, best_c = gkey, cont
        if best_key >= 0 and best_c >= SPLIT_CONTAINMENT:
            groups[best_key][0].append(i)
            old_in_group[i] = best_key
    _split_unpaired(fo, fn, groups, old_in_group, new_owner)

    entries: list[tuple[list[int], list[int], float]] = []
    for olds, news in groups.values():
        olds.sort()
        news.sort()
        if len(olds) == 1 and len(news) == 1:
            sim = sims.get((olds[0], news[0]), 0.0)
        else:
            shared = la = lb = 0
            for i in olds:
                for j in news:
                    s, _, _ = _overlap(fo[i], fn[j])
                    shared += s
            la = sum(_overlap(fo[i], fo[i])[1] for i in olds)
            lb = sum(_overlap(fn[j], fn[j])[1] for j in news)
            sim = min(1.0, 2.0 * shared / (la + lb)) if la + lb else 1.0
        entries.append((olds, news, sim))

    # 5. moves: entries outside the heaviest in-order chain
    total = sum(f.chars for f in fo) + 1
    keys = [(min(o), min(n)) for o, n, _ in entries]
    weights = [1.0 + sum(fo[i].chars for i in o) / total for o, _, _ in entries]
    chain = in_order_chain(keys, weights)

    in_new = {j for _, n, _ in entries for j in n}
    for j in range(len(fn)):
        if j not in in_new:
            entries.append(([], [j], 0.0))
    keys = [(min(o) if o else -1, min(n)) for o, n, _ in entries]
    placed = sorted(range(len(entries)), key=lambda k: keys[k][1])
    result: list[UnitMatch] = [
        UnitMatch(
            tuple(entries[k][0]), tuple(entries[k][1]), round(entries[k][2], 4), k not in chain
        )
        for k in placed
    ]
    in_groups = {i for o, _, _ in entries for i in o}
    deleted = [i for i in range(len(fo)) if i not in in_groups]
    return place_deletions(result, deleted, lambda i: UnitMatch((i,), (), 0.0), lambda e: e.old)


def place_deletions(
    entries: list[T],
    deleted: Sequence[int],
    make: Callable[[int], T],
    old_of: Callable[[T], Sequence[int]],
) -> list[T]:
    """Insert an entry for each deleted old index right after the entry holding the nearest
    preceding old index, or at the start when nothing precedes it."""
    get_old = old_of
    out = list(entries)
    for i in sorted(deleted):
        pos = 0
        best = -1
        for k, e in enumerate(out):
            olds = [x for x in get_old(e) if x < i]
            if olds and max(olds) > best:
                best = max(olds)
                pos = k + 1
        out.insert(pos, make(i))
    return out
