"""Global one-to-one assignment and the longest in-order chain, the two primitives of alignment.

Matching articles greedily (first come, first served) pairs a renumbered article with whatever
came first; a maximum-weight assignment looks at all candidates at once. The solver is the
shortest-augmenting-path form of the Hungarian method (O(n^2 m)), fine for the hundred or so
units left after exact anchors are taken out. No numpy or scipy: they are not dependencies.
"""

from __future__ import annotations

from collections.abc import Sequence

_INF = float("inf")


def max_weight_assignment(
    weights: Sequence[Sequence[float]], threshold: float = 0.0
) -> list[tuple[int, int]]:
    """Pairs (row, column) maximising the total weight; pairs below ``threshold`` are dropped.

    Rows and columns may differ in number; every weight below ``threshold`` counts as zero, so a
    row is left unpaired rather than forced onto a poor partner.
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    transpose = n > m
    if transpose:
        w = [[weights[i][j] for i in range(n)] for j in range(m)]
        n, m = m, n
    else:
        w = [list(row) for row in weights]
    cost = [[-(x if x >= threshold else 0.0) for x in row] for row in w]
    # e-maxx Hungarian, 1-based, rows <= columns
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [_INF] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = _INF
            j1 = 0
            row = cost[i0 - 1]
            ui0 = u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs: list[tuple[int, int]] = []
    for j in range(1, m + 1):
        if p[j]:
            i, jj = p[j] - 1, j - 1
            if w[i][jj] >= threshold and w[i][jj] > 0:
                pairs.append((jj, i) if transpose else (i, jj))
    pairs.sort()
    return pairs


def sparse_assignment(
    edges: dict[tuple[int, int], float], threshold: float = 0.0
) -> list[tuple[int, int]]:
    """:func:`max_weight_assignment` over sparse candidate ``edges`` {(row, col): weight}.

    The bipartite graph of edges at or above ``threshold`` falls apart into small connected
    components (a clause resembles a handful of others at most); the optimum is the union of the
    optima of the components, so each is solved on its own small dense matrix.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept = {e: w for e, w in edges.items() if w >= threshold and w > 0}
    for i, j in kept:
        a, b = find(("r", i)), find(("c", j))
        if a != b:
            parent[a] = b
    components: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for e in kept:
        components.setdefault(find(("r", e[0])), []).append(e)
    pairs: list[tuple[int, int]] = []
    for comp in components.values():
        if len(comp) == 1:
            pairs.append(comp[0])
            continue
        rows = sorted({i for i, _ in comp})
        cols = sorted({j for _, j in comp})
        matrix = [[kept.get((i, j), 0.0) for j in cols] for i in rows]
        pairs.extend((rows[a], cols[b]) for a, b in max_weight_assignment(matrix, threshold))
    pairs.sort()
    return pairs


def in_order_chain(pairs: Sequence[tuple[int, int]], weights: Sequence[float]) -> set[int]:
    """Indices of ``pairs`` (old, new) forming the heaviest chain increasing on both sides.

    Pairs outside the chain are the ones that moved. Weighted so that when two neighbours swap,
    the larger stays in place and the smaller is reported as moved. O(k^2), k = pairs.
    """
    order = sorted(range(len(pairs)), key=lambda k: pairs[k][1])
    best: list[float] = []
    back: list[int] = []
    for pos, k in enumerate(order):
        score = weights[k]
        prev = -1
        for q in range(pos):
            kq = order[q]
            if pairs[kq][0] < pairs[k][0] and pairs[kq][1] < pairs[k][1]:
                cand = best[q] + weights[k]
                if cand > score:
                    score = cand
                    prev = q
        best.append(score)
        back.append(prev)
    if not best:
        return set()
    pos = max(range(len(best)), key=lambda q: (best[q], -q))
    chain: set[int] = set()
    while pos != -1:
        chain.add(order[pos])
        pos = back[pos]
    return chain
