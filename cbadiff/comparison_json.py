"""The comparison as JSON: the public contract documented in docs/comparison-json.md.

``format: "cbadiff.comparison"``, ``version: 1``. The model keeps every change; the JSON lists
only substantive ones unless ``CompareOptions.show_cosmetic`` is set, and only changes in
``CompareOptions.categories`` when that is not empty. Entry status is computed on substantive
changes either way ("unchanged" = no substantive change). Extra keys beyond the documented ones
(``id``, ``old_block``, ``reason``...) may be added in later versions; readers must ignore keys
they do not know.
"""

from __future__ import annotations

from typing import Any

from cbadiff.categorize import tally_categories
from cbadiff.model import ArticlePair, Change, Comparison, Flag, Status
from parsers.model import Agreement

FORMAT = "cbadiff.comparison"
VERSION = 1


def _doc(agreement: Agreement) -> dict[str, Any]:
    src = agreement.source
    return {
        "path": src.path,
        "sha256": src.sha256,
        "kind": src.kind.value,
        "pages": src.pages,
        "articles": [
            {
                "id": u.id,
                "kind": u.kind.value,
                "number": u.number,
                "title": u.title,
                "page": u.page_start,
                "chars": u.chars,
            }
            for u in agreement.units
        ],
    }


def listed_changes(comparison: Comparison, pair: ArticlePair) -> list[Change]:
    """The changes of ``pair`` the options ask to list (substantive only unless show_cosmetic;
    limited to the option's categories when given)."""
    options = comparison.options
    out = []
    for change in pair.changes:
        if not change.substantive and not options.show_cosmetic:
            continue
        if options.categories and not set(change.categories) & set(options.categories):
            continue
        out.append(change)
    return out


def change_to_json(change: Change) -> dict[str, Any]:
    return {
        "id": change.id,
        "kind": change.kind.value,
        "old_text": change.old_text,
        "new_text": change.new_text,
        "substantive": change.substantive,
        "categories": list(change.categories),
        "why": {k: list(v) for k, v in change.why.items()},
        "old_page": change.old_page,
        "new_page": change.new_page,
        "numbers": [
            {"old": n.old, "new": n.new, "unit": n.unit}
            | ({"context": n.context} if n.context else {})
            for n in change.numbers
        ],
        "old_block": change.old_block,
        "new_block": change.new_block,
        "reason": change.reason,
    }


def comparison_to_json(c: Comparison) -> dict[str, Any]:
    """The whole comparison as a JSON-ready dict (see the module docstring for filtering)."""
    status = {s.value: 0 for s in Status}
    flags = {f.value: 0 for f in Flag}
    categories: dict[str, dict[str, int]] = {}
    alignment = []
    for pair in c.pairs:
        status[pair.status.value] += 1
        for flag in pair.flags:
            flags[flag.value] += 1
        changes = listed_changes(c, pair)
        tally_categories(categories, changes)
        alignment.append(
            {
                "id": pair.id,
                "old": list(pair.old),
                "new": list(pair.new),
                "status": pair.status.value,
                "flags": [f.value for f in pair.flags],
                "similarity": pair.similarity,
                "categories": list(pair.categories),
                "changes": [change_to_json(ch) for ch in changes],
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "old": _doc(c.old),
        "new": _doc(c.new),
        "alignment": alignment,
        "summary": {"status": status, "flags": flags, "categories": categories},
    }
