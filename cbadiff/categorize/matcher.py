"""Phrase matching over word tokens, compiled once per lexicon.

Text is split into words; each word gets a case-folded stem (plurals, possessives, -ed/-ing fold
together) and, when written in capitals, an exact acronym key, so "AI" matches "AI" but not "ai"
or "Ai". Phrases are compiled into a word trie (Aho-Corasick in spirit: one pass over the words,
a dictionary step per word), which keeps categorising thousands of changes well under a second.

Hyphen and spacing variants: separators between words are ignored ("meal-period", "meal  period",
"meal\\nperiod"); a multi-word phrase also matches its closed-up form ("check-off" ~ "checkoff",
"non-deductible" ~ "nondeductible"), and two words joined by a hyphen in the text also match the
closed-up phrase ("turn-around" ~ "turnaround"). Longest match wins, so "safety training" is
only safety and "night premiums" is not "premiums".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cbadiff.categorize.lexicon import Lexicon

_WORD = re.compile(r"[^\W_]+")
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00ad": "-",
    }
)
_POSSESSIVE = re.compile(r"'[sS](?![^\W_])")
_PAREN_NUMERAL = re.compile(r"\(\s*(?:\d[\d½¼¾⅓⅔]*(?:st|nd|rd|th)?|[½¼¾⅓⅔])\s*\)")
_HYPHEN = re.compile(r"(?<=[^\W_])[ \t]*-\s*(?=[^\W_])")
_JOINED = re.compile(r"[^\W_]+(?:\x00[^\W_]+)*")
_CS_MARK = "\x01"  # prefix of exact (acronym) keys, so they never collide with stems
_MAX_JOIN_VARIANTS = 4  # phrases of up to this many words also match every closed-up form


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light stemmer applied to both phrases and text, so only symmetry matters."""
    w = word.lower()
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or w.endswith(("xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 4:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


_STEMS: dict[str, str] = {}  # word -> stem, shared: the vocabulary of agreements is small


@lru_cache(maxsize=65536)
def _acronym(raw: str) -> str | None:
    """The exact key of a word written in capitals ("NDB", "NDBs" -> "NDB"), else None."""
    if len(raw) >= 2 and raw.isupper():
        return _CS_MARK + raw
    if len(raw) >= 3 and raw.endswith("s") and raw[:-1].isupper():
        return _CS_MARK + raw[:-1]
    return None


def _words(text: str) -> tuple[list[str], list[bool]]:
    """The words of ``text`` and, for each, whether a hyphen joins it to the next word.

    A possessive "'s" is dropped, and so is a numeral in parentheses: "ten (10) hours" reads as
    "ten hours", since the numeral only repeats the words. Regex passes only (no per-word Python
    work unless the text has hyphens), because this runs on every clause of an agreement.
    """
    text = text.translate(_FOLD)
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    if "(" in text:
        text = _PAREN_NUMERAL.sub(" ", text)
    if "-" not in text:
        words = _WORD.findall(text)
        return words, [False] * len(words)
    words, hyphen = [], []
    for token in _JOINED.findall(_HYPHEN.sub("\x00", text)):
        if "\x00" in token:
            parts = token.split("\x00")
            words.extend(parts)
            hyphen.extend([True] * (len(parts) - 1))
            hyphen.append(False)
        else:
            words.append(token)
            hyphen.append(False)
    return words, hyphen


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    items: list[object] = field(default_factory=list)


def phrase_keys(phrase: str) -> list[tuple[str, ...]]:
    """The key sequences a phrase matches: its words, and its closed-up forms."""
    raw = _words(phrase)[0]
    if not raw:
        return []
    exact = [_acronym(w) for w in raw]
    base = tuple(e if e is not None else stem(w) for w, e in zip(raw, exact, strict=True))
    variants = {base}
    n = len(raw)
    if 2 <= n <= _MAX_JOIN_VARIANTS and not any(exact):
        for cuts in itertools.product((False, True), repeat=n - 1):
            groups: list[str] = [raw[0]]
            for w, join in zip(raw[1:], cuts, strict=True):
                if join:
                    groups[-1] += w
                else:
                    groups.append(w)
            variants.add(tuple(stem(g) for g in groups))
    elif n > _MAX_JOIN_VARIANTS and not any(exact):
        variants.add((stem("".join(raw)),))
    return sorted(variants)


@dataclass(frozen=True, slots=True)
class Entry:
    """One way a phrase can count for a category."""

    category: str | None  # None: an ignore phrase, which only blocks shorter matches
    phrase: str
    strong: bool
    near: tuple[str, ...] = ()  # cue keys (see Matcher.cue_key)
    not_near: tuple[str, ...] = ()
    window: int = 12
    heading_only: bool = False  # counts only in a section heading or article title


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    start: int  # word index
    end: int


class Scan:
    """The words of one text, its phrase hits, and (computed on demand) where cues occur."""

    __slots__ = ("_cues", "_matcher", "ci", "cs", "hits", "joined")

    def __init__(self, matcher: Matcher, text: str) -> None:
        words, hyphen = _words(text)
        stems = _STEMS
        if len(stems) > 200_000:
            stems.clear()
        self.ci = [stems.get(w) or stems.setdefault(w, stem(w)) for w in words]
        self.cs = [_acronym(w) for w in words]
        self.joined: list[str | None] = [
            stem(words[i] + words[i + 1]) if hyphen[i] else None for i in range(len(words))
        ]
        self._matcher = matcher
        self._cues: dict[str, list[tuple[int, int]]] | None = None
        self.hits = self._find(matcher.root)

    def _walk(self, root: _Node, i: int) -> list[tuple[int, _Node]]:
        """Every (end, node) reachable from word ``i`` whose node ends a phrase."""
        found: list[tuple[int, _Node]] = []
        stack = [(root, i)]
        n = len(self.ci)
        while stack:
            node, j = stack.pop()
            if node.items and j > i:
                found.append((j, node))
            if j >= n:
                continue
            kids = node.children
            child = kids.get(self.ci[j])
            if child is not None:
                stack.append((child, j + 1))
            cs = self.cs[j]
            if cs is not None:
                child = kids.get(cs)
                if child is not None:
                    stack.append((child, j + 1))
            joined = self.joined[j]
            if joined is not None:
                child = kids.get(joined)
                if child is not None:
                    stack.append((child, j + 2))
        return found

    def _find(self, root: _Node) -> list[Hit]:
        """Leftmost-longest, non-overlapping phrase hits."""
        hits: list[Hit] = []
        ci, cs, joined = self.ci, self.cs, self.joined
        n = len(ci)
        first = root.children
        i = 0
        while i < n:
            if ci[i] not in first and (
                (cs[i] is None or cs[i] not in first)
                and (joined[i] is None or joined[i] not in first)
            ):
                i += 1  # most words start no phrase
                continue
            best_end, best = -1, None
            stack = [(root, i)]
            while stack:  # depth-first over the word trie; most starts die at the first word
                node, j = stack.pop()
                if node.items and j > best_end and j > i:
                    best_end, best = j, node
                if j >= n:
                    continue
                kids = node.children
                child = kids.get(ci[j])
                if child is not None:
                    stack.append((child, j + 1))
                key = cs[j]
                if key is not None and (child := kids.get(key)) is not None:
                    stack.append((child, j + 1))
                key = joined[j]
                if key is not None and (child := kids.get(key)) is not None:
                    stack.append((child, j + 2))
            if best is None:
                i += 1
                continue
            for item in best.items:
                assert isinstance(item, Entry)
                hits.append(Hit(item, i, best_end))
            i = best_end
        return hits

    def cues(self) -> dict[str, list[tuple[int, int]]]:
        """Every occurrence of every cue phrase (overlaps allowed), computed once."""
        if self._cues is None:
            out: dict[str, list[tuple[int, int]]] = {}
            root = self._matcher.cue_root
            first = root.children
            for i in range(len(self.ci)):
                if (
                    self.ci[i] not in first
                    and (self.cs[i] is None or self.cs[i] not in first)
                    and (self.joined[i] is None or self.joined[i] not in first)
                ):
                    continue
                for end, node in self._walk(root, i):
                    for key in node.items:
                        assert isinstance(key, str)
                        out.setdefault(key, []).append((i, end))
            self._cues = out
        return self._cues

    def has_cue(self, keys: Iterable[str]) -> bool:
        found = self.cues()
        return any(k in found for k in keys)

    def cue_near(self, keys: Iterable[str], start: int, end: int, window: int) -> bool:
        found = self.cues()
        for k in keys:
            for s, e in found.get(k, ()):
                if (s < start or e > end) and max(0, start - e, s - end) <= window:
                    return True
        return False


class Matcher:
    """The compiled form of a lexicon: a phrase trie, a cue trie, and a per-text cache."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.root = _Node()
        self.cue_root = _Node()
        self.order = {cid: n for n, cid in enumerate(lexicon.ids)}
        self._cache: dict[str, Scan] = {}
        self._cue_keys: dict[str, str] = {}
        for phrase in lexicon.ignore:
            self._add(phrase, Entry(None, phrase, False))
        for cat in lexicon.categories:
            if not cat.enabled:
                continue
            for phrase in cat.phrases:
                self._add(phrase, Entry(cat.id, phrase, True, window=lexicon.window))
            for phrase in cat.weak:
                self._add(phrase, Entry(cat.id, phrase, False, window=lexicon.window))
            for phrase in cat.headings:
                self._add(phrase, Entry(cat.id, phrase, True, heading_only=True))
            for cue in cat.cues:
                entry = Entry(
                    cat.id,
                    cue.phrase,
                    not cue.weak,
                    near=tuple(self.cue_key(p) for p in cue.near),
                    not_near=tuple(self.cue_key(p) for p in cue.not_near),
                    window=cue.window or lexicon.window,
                )
                self._add(cue.phrase, entry)

    def _add(self, phrase: str, entry: Entry) -> None:
        for keys in phrase_keys(phrase):
            node = self.root
            for k in keys:
                node = node.children.setdefault(k, _Node())
            if not any(
                isinstance(e, Entry)
                and e.category == entry.category
                and (e.near, e.not_near, e.heading_only)
                == (entry.near, entry.not_near, entry.heading_only)
                for e in node.items
            ):  # "meal penalty" and "meal penalties" are one phrase; the first listed shows
                node.items.append(entry)

    def cue_key(self, phrase: str) -> str:
        """Register a cue phrase in the cue trie and return its key."""
        key = " ".join(phrase.lower().split())
        if key not in self._cue_keys:
            self._cue_keys[key] = key
            for keys in phrase_keys(phrase):
                node = self.cue_root
                for k in keys:
                    node = node.children.setdefault(k, _Node())
                node.items.append(key)
        return key

    def scan(self, text: str) -> Scan:
        """The scan of ``text``, cached: titles, headings and clauses repeat across changes."""
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) > 20000:
                self._cache.clear()
            found = Scan(self, text)
            self._cache[text] = found
        return found
