"""The issue lexicon: load the built-in TOML, validate and merge a user file.

The built-in lexicon (``resources/lexicon/builtin.toml``) carries the 30 categories of the shared
taxonomy with their ids unchanged, so exports and saved filters stay stable. A user file in the same
format adds categories and phrases, removes phrases and switches built-in categories off. A
malformed user file raises :class:`LexiconError` naming the file and the line, because a user edits
that file by hand and needs to know where the mistake is; the lenient loader falls back to the
built-in lexicon so the GUI keeps working and shows the message.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from cbadiff import resources
from cbadiff.errors import LexiconError

if TYPE_CHECKING:
    from cbadiff.categorize.matcher import Matcher

SCHEMA_VERSION = 1
DEFAULT_WINDOW = 12
USER_FILE_NAME = "categories.toml"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

_TOP_KEYS = {"schema_version", "window", "ignore", "disable", "category"}
_CATEGORY_KEYS = {
    "id",
    "name",
    "definition",
    "phrases",
    "weak",
    "headings",
    "cue",
    "quantities",
    "remove",
    "enabled",
}
_CUE_KEYS = {"phrase", "near", "not_near", "window", "weak"}


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase that means its category only with a cue nearby (and no counter-cue)."""

    phrase: str
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    window: int | None = None  # words either side; None: the lexicon's window
    weak: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    type: str
    what: str


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    definition: str = ""
    phrases: tuple[str, ...] = ()  # strong: one in the changed words labels the change
    weak: tuple[str, ...] = ()  # count only next to other evidence of the same category
    headings: tuple[str, ...] = ()  # strong in a heading or title, ignored in body text
    cues: tuple[Cue, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    builtin: bool = True
    enabled: bool = True


@dataclass(frozen=True)
class Lexicon:
    """The categories in display order; ``matcher`` is compiled once on first use."""

    categories: tuple[Category, ...]
    ignore: tuple[str, ...] = ()
    window: int = DEFAULT_WINDOW
    schema_version: int = SCHEMA_VERSION
    sources: tuple[str, ...] = field(default=(), compare=False)

    @property
    def ids(self) -> tuple[str, ...]:
        """Ids of the enabled categories, in display order."""
        return tuple(c.id for c in self.categories if c.enabled)

    def category(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)

    def unknown_ids(self, ids: Sequence[str]) -> list[str]:
        """The ids in ``ids`` that are not enabled categories (for a ``--category`` message)."""
        known = set(self.ids)
        return [i for i in ids if i not in known]

    @cached_property
    def matcher(self) -> Matcher:
        from cbadiff.categorize.matcher import Matcher

        return Matcher(self)


def default_user_lexicon_path() -> Path:
    """Where a user's lexicon file lives: the platform's config directory for cbadiff."""
    return Path(platformdirs.user_config_dir("cbadiff")) / USER_FILE_NAME


# --------------------------------------------------------------------------- loading


def builtin_lexicon() -> Lexicon:
    """The lexicon shipped in resources/; an error here is a packaging bug, not a user error."""
    text = resources.read_text(resources.BUILTIN_LEXICON)
    return _parse(text, f"resources/{resources.BUILTIN_LEXICON}", base=None)


def load_lexicon(user_file: Path | None = None, *, use_user_config: bool = True) -> Lexicon:
    """The built-in lexicon merged with ``user_file``, or with the user's config file if present.

    Raises LexiconError, naming the file and line, when the user file cannot be used.
    """
    base = builtin_lexicon()
    path = _user_path(user_file, use_user_config)
    if path is None:
        return base
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(
            f"{path}: category file not found. Check the path given to --categories."
        ) from None
    except UnicodeDecodeError as exc:
        raise LexiconError(
            f"{path}: not UTF-8 text (byte {exc.start}). Save the file as UTF-8."
        ) from None
    except OSError as exc:
        raise LexiconError(f"{path}: cannot be read ({exc.strerror}).") from None
    return _parse(text, str(path), base=base)


def load_lexicon_lenient(
    user_file: Path | None = None, *, use_user_config: bool = True
) -> tuple[Lexicon, list[str]]:
    """Like :func:`load_lexicon`, but a bad user file gives the built-in lexicon and a warning."""
    try:
        return load_lexicon(user_file, use_user_config=use_user_config), []
    except LexiconError as exc:
        return builtin_lexicon(), [f"{exc} The built-in categories are used until it is fixed."]


def _user_path(user_file: Path | None, use_user_config: bool) -> Path | None:
    if user_file is not None:
        return Path(user_file)
    if use_user_config:
        candidate = default_user_lexicon_path()
        if candidate.is_file():
            return candidate
    return None


# --------------------------------------------------------------------------- parsing


class _Locator:
    """Maps a position in the parsed TOML back to a line, for messages.

    tomllib returns plain values without positions, so the line of the n-th ``[[category]]`` table
    and of a key inside it is found by scanning the text.
    """

    _HEADER = re.compile(r"^\s*\[\[\s*category\s*\]\]")
    _CUE = re.compile(r"^\s*\[\[\s*category\s*\.\s*cue\s*\]\]")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [i for i, ln in enumerate(self.lines) if self._HEADER.match(ln)]

    def _span(self, index: int | None) -> tuple[int, int]:
        if index is None:
            return 0, self.headers[0] if self.headers else len(self.lines)
        if index >= len(self.headers):  # inline array of tables: no headers to find
            return 0, len(self.lines)
        end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines)
        return self.headers[index], end

    def line(self, index: int | None, key: str | None = None, cue: int | None = None) -> int:
        start, end = self._span(index)
        if cue is not None:
            seen = -1
            for i in range(start, end):
                if self._CUE.match(self.lines[i]):
                    seen += 1
                    if seen == cue:
                        start = i
                        break
        if key is not None:
            pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
            for i in range(start, end):
                if pattern.match(self.lines[i]):
                    return i + 1
        return start + 1


def _fail(source: str, line: int, problem: str) -> LexiconError:
    return LexiconError(f"{source}: line {line}: {problem}")


def _parse(text: str, source: str, base: Lexicon | None) -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else 1
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise _fail(source, line, f"not valid TOML: {msg}. Correct this line.") from None
    loc = _Locator(text)
    return _Builder(data, source, loc, base).build()


class _Builder:
    def __init__(self, data: Mapping[str, Any], source: str, loc: _Locator, base: Lexicon | None):
        self.data = data
        self.source = source
        self.loc = loc
        self.base = base

    def err(
        self, problem: str, index: int | None = None, key: str | None = None, cue: int | None = None
    ) -> LexiconError:
        return _fail(self.source, self.loc.line(index, key, cue), problem)

    # -- typed getters ------------------------------------------------------------------
    def strings(
        self, value: Any, what: str, index: int | None, key: str, cue: int | None = None
    ) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.err(
                f'{what} must be a list of quoted phrases, e.g. {key} = ["rest period"]',
                index,
                key,
                cue,
            )
        out = tuple(" ".join(v.split()) for v in value)
        if any(not v for v in out):
            raise self.err(f"{what} contains an empty phrase; remove it", index, key, cue)
        return out

    def build(self) -> Lexicon:
        data = self.data
        for key in data:
            if key not in _TOP_KEYS:
                raise self.err(
                    f"unknown setting '{key}'; expected one of {', '.join(sorted(_TOP_KEYS))}",
                    None,
                    key,
                )
        version = data.get("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or isinstance(version, bool):
            raise self.err("schema_version must be a whole number", None, "schema_version")
        if version > SCHEMA_VERSION:
            raise self.err(
                f"schema_version {version} is newer than this program understands "
                f"({SCHEMA_VERSION}); update CBA Diff or write a version "
                f"{SCHEMA_VERSION} file",
                None,
                "schema_version",
            )
        base = self.base
        window = data.get("window", base.window if base else DEFAULT_WINDOW)
        if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 100:
            raise self.err("window must be a whole number of words from 1 to 100", None, "window")
        ignore = self.strings(data.get("ignore", []), "ignore", None, "ignore")
        disable = self.strings(data.get("disable", []), "disable", None, "disable")
        if base is None and disable:
            raise self.err("the built-in lexicon cannot disable categories", None, "disable")

        order: list[str] = []
        cats: dict[str, Category] = {}
        if base is not None:
            for c in base.categories:
                order.append(c.id)
                cats[c.id] = c
        raw_cats = data.get("category", [])
        if not isinstance(raw_cats, list):
            raise self.err("category must be written as [[category]] tables", None, "category")
        seen: set[str] = set()
        for index, raw in enumerate(raw_cats):
            cat = self.category(raw, index, cats)
            if cat.id in seen:
                raise self.err(
                    f"category '{cat.id}' appears twice in this file; merge the two tables",
                    index,
                    "id",
                )
            seen.add(cat.id)
            if cat.id not in cats:
                order.append(cat.id)
            cats[cat.id] = cat
        for index_d, cid in enumerate(disable):
            del index_d
            if cid not in cats:
                raise self.err(
                    f"disable names an unknown category '{cid}'; known ids are {', '.join(order)}",
                    None,
                    "disable",
                )
            cats[cid] = replace(cats[cid], enabled=False)
        sources = (base.sources if base else ()) + (self.source,)
        return Lexicon(
            categories=tuple(cats[i] for i in order),
            ignore=(base.ignore if base else ()) + ignore,
            window=window,
            schema_version=SCHEMA_VERSION,
            sources=sources,
        )

    def category(self, raw: Any, index: int, existing: Mapping[str, Category]) -> Category:
        if not isinstance(raw, dict):
            raise self.err("each [[category]] must be a table", index)
        for key in raw:
            if key not in _CATEGORY_KEYS:
                raise self.err(
                    f"unknown key '{key}' in [[category]]; expected one of "
                    f"{', '.join(sorted(_CATEGORY_KEYS))}",
                    index,
                    key,
                )
        cid = raw.get("id")
        if not isinstance(cid, str) or not _ID.match(cid):
            raise self.err(
                'each [[category]] needs id = "lower_case_id" (letters, digits, underscores)',
                index,
                "id",
            )
        phrases = self.strings(raw.get("phrases", []), "phrases", index, "phrases")
        weak = self.strings(raw.get("weak", []), "weak", index, "weak")
        headings = self.strings(raw.get("headings", []), "headings", index, "headings")
        remove = self.strings(raw.get("remove", []), "remove", index, "remove")
        cues = self.cues(raw.get("cue", []), index)
        quantities = self.quantities(raw.get("quantities", []), index)
        enabled = raw.get("enabled", True)
        if not isinstance(enabled, bool):
            raise self.err("enabled must be true or false", index, "enabled")
        for key in ("name", "definition"):
            if key in raw and not isinstance(raw[key], str):
                raise self.err(f"{key} must be quoted text", index, key)
        is_builtin = self.base is None
        old = existing.get(cid)
        if old is None:
            if remove:
                raise self.err(
                    f"remove only applies to an existing category; '{cid}' is new", index, "remove"
                )
            name = raw.get("name")
            if not name:
                raise self.err(f"new category '{cid}' needs name = \"...\"", index, "id")
            if not (phrases or weak or cues or headings):
                raise self.err(
                    f"category '{cid}' has no phrases; add phrases = [\"...\"]", index, "id"
                )
            return Category(
                id=cid,
                name=name,
                definition=raw.get("definition", ""),
                phrases=phrases,
                weak=weak,
                headings=headings,
                cues=cues,
                quantities=quantities,
                builtin=is_builtin,
                enabled=enabled,
            )
        drop_keys = {k for p in remove for k in _phrase_keys(p)}

        def dropped(phrase: str) -> bool:  # "callback" also removes "call-back", "callbacks"
            return bool(drop_keys.intersection(_phrase_keys(phrase)))

        every = (*old.phrases, *old.weak, *old.headings, *(c.phrase for c in old.cues))
        missing = [
            p for p in remove if not any(set(_phrase_keys(p)) & set(_phrase_keys(q)) for q in every)
        ]
        if missing:
            raise self.err(
                f"remove lists '{missing[0]}', which is not a phrase of '{cid}'", index, "remove"
            )
        return Category(
            id=cid,
            name=raw.get("name", old.name),
            definition=raw.get("definition", old.definition),
            phrases=tuple(p for p in old.phrases if not dropped(p)) + phrases,
            weak=tuple(p for p in old.weak if not dropped(p)) + weak,
            headings=tuple(p for p in old.headings if not dropped(p)) + headings,
            cues=tuple(c for c in old.cues if not dropped(c.phrase)) + cues,
            quantities=old.quantities + quantities,
            builtin=old.builtin,
            enabled=enabled,
        )

    def cues(self, raw: Any, index: int) -> tuple[Cue, ...]:
        if not isinstance(raw, list):
            raise self.err("cues must be written as [[category.cue]] tables", index, "cue")
        out: list[Cue] = []
        for n, item in enumerate(raw):
            if not isinstance(item, dict):
                raise self.err("each [[category.cue]] must be a table", index, cue=n)
            for key in item:
                if key not in _CUE_KEYS:
                    raise self.err(
                        f"unknown key '{key}' in [[category.cue]]; expected one of "
                        f"{', '.join(sorted(_CUE_KEYS))}",
                        index,
                        key,
                        n,
                    )
            phrase = item.get("phrase")
            if not isinstance(phrase, str) or not phrase.strip():
                raise self.err('each [[category.cue]] needs phrase = "..."', index, "phrase", n)
            near = self.strings(item.get("near", []), "near", index, "near", n)
            not_near = self.strings(item.get("not_near", []), "not_near", index, "not_near", n)
            if not near and not not_near:
                raise self.err(
                    "a cue needs near = [...] or not_near = [...]; otherwise list the "
                    "phrase under phrases",
                    index,
                    "phrase",
                    n,
                )
            window = item.get("window")
            if window is not None and (
                not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 100
            ):
                raise self.err(
                    "window must be a whole number of words from 1 to 100", index, "window", n
                )
            weak = item.get("weak", False)
            if not isinstance(weak, bool):
                raise self.err("weak must be true or false", index, "weak", n)
            out.append(Cue(" ".join(phrase.split()), near, not_near, window, weak))
        return tuple(out)

    def quantities(self, raw: Any, index: int) -> tuple[Quantity, ...]:
        if not isinstance(raw, list):
            raise self.err(
                "quantities must be a list of { type = ..., what = ... }", index, "quantities"
            )
        out: list[Quantity] = []
        for item in raw:
            if (
                not isinstance(item, dict)
                or not isinstance(item.get("type"), str)
                or not isinstance(item.get("what", ""), str)
            ):
                raise self.err(
                    'each quantity needs type = "..." and what = "..."', index, "quantities"
                )
            out.append(Quantity(item["type"], item.get("what", "")))
        return tuple(out)


def _phrase_keys(phrase: str) -> list[tuple[str, ...]]:
    from cbadiff.categorize.matcher import phrase_keys

    return phrase_keys(phrase)
