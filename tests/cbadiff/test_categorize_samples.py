"""The bundled sample agreements: every issue the sample's edit log names is found.

resources/samples/manifest.json is generated from the edits that turn the expired sample into
the proposed one, each edit tagged with the issue it changes; the labels here come from the
lexicon reading the compared documents, so the two are independent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cbadiff import resources
from cbadiff.categorize import categorize_comparison, load_lexicon
from cbadiff.model import Comparison


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.read_text("samples/manifest.json"))
    return data


@pytest.fixture(scope="module")
def labelled() -> Comparison:
    from cbadiff.pipeline import compare_files

    folder = Path(str(resources.resource("samples")))
    comparison = compare_files(folder / "expired.docx", folder / "proposed.docx")
    return categorize_comparison(comparison, load_lexicon(use_user_config=False))


def test_every_issue_of_the_sample_edits_is_labelled(
    manifest: dict[str, Any], labelled: Comparison
) -> None:
    by_new = {p.new: p for p in labelled.pairs}
    by_old = {p.old: p for p in labelled.pairs}
    missing: dict[str, list[str]] = {}
    checked = 0
    for entry in manifest["pairs"]:
        if not entry["categories"]:
            continue
        new = tuple(u["id"] for u in entry["proposed"])
        old = tuple(u["id"] for u in entry["expired"])
        pair = by_new.get(new) if new else by_old.get(old)
        assert pair is not None, (old, new)
        checked += 1
        lost = [c for c in entry["categories"] if c not in pair.categories]
        if lost:
            missing[pair.id] = lost
    assert checked >= 15
    assert missing == {}
