"""Display names for category ids, from the engine's lexicon when it can be loaded."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import cache

log = logging.getLogger(__name__)


def prettify(category_id: str) -> str:
    """``"wages.overtime"`` -> ``"Wages: overtime"``; the fallback when no lexicon name exists."""
    parts = [p.replace("_", " ").replace("-", " ").strip() for p in category_id.split(".")]
    parts = [p for p in parts if p]
    if not parts:
        return category_id
    text = ": ".join(parts)
    return text[:1].upper() + text[1:]


@cache
def lexicon_names() -> Mapping[str, str]:
    """Category id -> display name from ``cbadiff.categorize.load_lexicon()``; empty if absent."""
    try:
        from cbadiff.categorize import load_lexicon
    except ImportError:
        return {}
    try:
        lexicon = load_lexicon()
    except Exception as exc:  # a broken lexicon must not stop the window from opening
        log.info("category lexicon not loaded: %s", exc)
        return {}
    names: dict[str, str] = {}
    categories = getattr(lexicon, "categories", None)
    if isinstance(categories, Mapping):
        items = list(categories.items())
    elif categories is not None:
        items = [(getattr(c, "id", None), c) for c in categories]
    else:
        items = []
    for key, value in items:
        name = value if isinstance(value, str) else getattr(value, "name", None)
        if isinstance(key, str) and isinstance(name, str) and name:
            names[key] = name
    return names


def category_name(category_id: str) -> str:
    return lexicon_names().get(category_id) or prettify(category_id)
