"""Line up the blocks (clauses, paragraphs, tables) of aligned units, and find moved clauses.

Inside a pair: blocks whose text is identical (labels ignored, so "12.3" renumbered to "13.3"
still matches) anchor in order; the remaining blocks are scored with rapidfuzz and paired by a
global assignment; pairs outside the heaviest in-order chain are moves. Across pairs,
:func:`match_leftovers` pairs blocks deleted in one article with blocks inserted in another, so a
clause moved (and perhaps edited) between articles shows as a move.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from cbadiff.align.assignment import in_order_chain, sparse_assignment
from cbadiff.text.normalize import collapse_space, cosmetic_key, fold_typography
from parsers.model import Block

MIN_BLOCK_SIMILARITY = 0.5  # inside one pair
MIN_MOVE_SIMILARITY = 0.7  # across pairs, where a chance resemblance costs more
MIN_MOVE_CHARS = 40  # shorter blocks ("(a)", "Reserved.") are too common to call moved
MAX_SCORED = 40_000  # block pairs scored in one unit pair before falling back to gaps only


@dataclass(frozen=True, slots=True)
class BlockMatch:
    """Indices into the old and new block lists; None on one side for a deleted/added block."""

    old: int | None
    new: int | None
    similarity: float
    moved: bool = False


def block_key(block: Block) -> str:
    """What makes two blocks the same block: their text up to cosmetics, labels ignored."""
    return cosmetic_key(block.text)


def _score_text(block: Block) -> str:
    return collapse_space(fold_typography(block.text)).lower()


def align_blocks(old: Sequence[Block], new: Sequence[Block]) -> list[BlockMatch]:
    """Align two block lists; result in the new reading order, deletions where they stood."""
    old_keys = [block_key(b) for b in old]
    new_keys = [block_key(b) for b in new]
    pairs: list[tuple[int, int]] = []
    sims: list[float] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            pairs.append((a + k, b + k))
            sims.append(1.0)
    taken_old = {p[0] for p in pairs}
    taken_new = {p[1] for p in pairs}
    rest_old = [i for i in range(len(old)) if i not in taken_old]
    rest_new = [j for j in range(len(new)) if j not in taken_new]
    if rest_old and rest_new:
        _assign(old, new, rest_old, rest_new, pairs, sims, matcher)
    weights = [1.0 + min(len(new[j].text), 2000) / 1e6 for _, j in pairs]
    chain = in_order_chain(pairs, weights)
    # Out of order and only loosely alike, or too short to tell ("38.95", "(a)"), is a
    # coincidence, not a move: such pairs stand as a deletion and an insertion. In order, the
    # same likeness is an edited clause.
    keep = [
        k
        for k in range(len(pairs))
        if k in chain
        or (sims[k] >= MIN_MOVE_SIMILARITY and len(new[pairs[k][1]].text) >= MIN_MOVE_CHARS)
    ]
    if len(keep) < len(pairs):
        renumber = {k: n for n, k in enumerate(keep)}
        pairs = [pairs[k] for k in keep]
        sims = [sims[k] for k in keep]
        chain = {renumber[k] for k in chain if k in renumber}
    by_new = {j: k for k, (_, j) in enumerate(pairs)}
    out: list[BlockMatch] = []
    for j in range(len(new)):
        at = by_new.get(j)
        if at is None:
            out.append(BlockMatch(None, j, 0.0))
        else:
            out.append(BlockMatch(pairs[at][0], j, round(sims[at], 4), at not in chain))
    matched_old = {p[0] for p in pairs}
    return _place_deleted(out, [i for i in range(len(old)) if i not in matched_old])


def _assign(
    old: Sequence[Block],
    new: Sequence[Block],
    rest_old: list[int],
    rest_new: list[int],
    pairs: list[tuple[int, int]],
    sims: list[float],
    matcher: SequenceMatcher[str],
) -> None:
    """Pair the blocks anchors left over, by a global assignment on text similarity."""
    texts_old = {i: _score_text(old[i]) for i in rest_old}
    texts_new = {j: _score_text(new[j]) for j in rest_new}
    if len(rest_old) * len(rest_new) <= MAX_SCORED:
        groups = [(rest_old, rest_new)]
    else:  # too many: score only inside the gaps between anchors
        groups = []
        ro, rn = set(rest_old), set(rest_new)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag != "equal":
                groups.append(
                    ([i for i in range(a0, a1) if i in ro], [j for j in range(b0, b1) if j in rn])
                )
    for g_old, g_new in groups:
        if not g_old or not g_new:
            continue
        edges = candidate_edges(
            [texts_old[i] for i in g_old], [texts_new[j] for j in g_new], MIN_BLOCK_SIMILARITY
        )
        for a, b in sparse_assignment(edges, MIN_BLOCK_SIMILARITY):
            pairs.append((g_old[a], g_new[b]))
            sims.append(edges[(a, b)])


def candidate_edges(
    old: Sequence[str], new: Sequence[str], cutoff: float, limit: int = 6
) -> dict[tuple[int, int], float]:
    """{(old index, new index): similarity} for each old text's best few new texts above
    ``cutoff``; rapidfuzz does the loop in C."""
    edges: dict[tuple[int, int], float] = {}
    if not new:
        return edges
    for i, text in enumerate(old):
        for _, score, j in process.extract(
            text, new, scorer=fuzz.ratio, score_cutoff=cutoff * 100, limit=limit
        ):
            edges[(i, j)] = score / 100.0
    return edges


def _place_deleted(entries: list[BlockMatch], deleted: list[int]) -> list[BlockMatch]:
    """Put each deleted block after the entry holding the nearest preceding old block."""
    if not deleted:
        return entries
    out = list(entries)
    for i in deleted:
        pos = 0
        best = -1
        for k, e in enumerate(out):
            if e.old is not None and best < e.old < i:
                best = e.old
                pos = k + 1
        out.insert(pos, BlockMatch(i, None, 0.0))
    return out


def match_leftovers(
    old: Sequence[Block], new: Sequence[Block], threshold: float = MIN_MOVE_SIMILARITY
) -> list[tuple[int, int, float]]:
    """Pair deleted blocks with added blocks anywhere in the agreement: clauses moved across
    articles. Blocks shorter than MIN_MOVE_CHARS never count as moved."""
    cand_old = [i for i, b in enumerate(old) if len(b.text) >= MIN_MOVE_CHARS]
    cand_new = [j for j, b in enumerate(new) if len(b.text) >= MIN_MOVE_CHARS]
    if not cand_old or not cand_new:
        return []
    texts_old = [_score_text(old[i]) for i in cand_old]
    texts_new = [_score_text(new[j]) for j in cand_new]
    edges = candidate_edges(texts_old, texts_new, threshold)
    return [
        (cand_old[a], cand_new[b], edges[(a, b)]) for a, b in sparse_assignment(edges, threshold)
    ]
