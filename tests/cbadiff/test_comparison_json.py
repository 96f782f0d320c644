"""The public JSON contract, checked against docs/comparison.schema.json."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cbadiff.comparison_json import comparison_to_json
from cbadiff.model import CompareOptions, Comparison
from cbadiff.pipeline import compare_agreements
from tests.cbadiff.builders import agreement, article, filler, renumbered, standard_articles

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "comparison.schema.json").read_text("utf-8")
)


DEFAULT = CompareOptions()


def busy_comparison(options: CompareOptions = DEFAULT) -> Comparison:
    arts = standard_articles(7)
    wages_old = article(
        "6", "Wages", ("6.1", "Pay is $25.00 per hour after 90 days."), ("6.2", filler(62))
    )
    wages_new = article(
        "7", "Pay", ("7.1", "Pay is $26.50 per hour after 60 days."), ("7.2", filler(62))
    )
    old = agreement(*arts[:5], wages_old, arts[6], path="old.txt")
    new = agreement(
        arts[0],
        arts[2],  # article 2 deleted
        article("3", "Non-Discrimination", ("3.1", filler(333))),  # added
        replace(
            arts[3],
            paras=(
                *arts[3].paras[:-1],
                ("4.9", arts[3].paras[-1][1].replace(" ", "\u00a0", 1)),
            ),
        ),
        arts[4],
        wages_new,
        renumbered(arts[6], "8"),
        path="new.txt",
    )
    return compare_agreements(old, new, options)


def validate(data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_output_matches_the_schema_and_survives_a_json_round_trip() -> None:
    data = comparison_to_json(busy_comparison())
    validate(data)
    assert json.loads(json.dumps(data)) == data
    assert data["format"] == "cbadiff.comparison" and data["version"] == 1


def test_schema_rejects_what_the_contract_forbids() -> None:
    data = comparison_to_json(busy_comparison())
    bad = json.loads(json.dumps(data))
    bad["alignment"][0]["status"] = "changed"
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
    bad = json.loads(json.dumps(data))
    added = next(e for e in bad["alignment"] if e["status"] == "added")
    added["old"] = ["article-1"]
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
    extra = json.loads(json.dumps(data))
    extra["alignment"][0]["something_new"] = 1  # additional keys are allowed
    validate(extra)


def test_summary_counts_entries_and_flags() -> None:
    data = comparison_to_json(busy_comparison())
    summary = data["summary"]
    entries = data["alignment"]
    for status, n in summary["status"].items():
        assert n == sum(e["status"] == status for e in entries)
    assert summary["status"]["added"] == 1 and summary["status"]["deleted"] == 1
    assert summary["flags"]["renumbered"] == 2  # wages 6->7 and 7->8
    assert summary["flags"]["retitled"] == 1
    assert summary["categories"] == {}
    wages = next(e for e in entries if e["old"] == ["article-6"])
    numbers = [(n["old"], n["new"], n["unit"]) for c in wages["changes"] for n in c["numbers"]]
    assert ("$25.00", "$26.50", "$/hour") in numbers and ("90", "60", "days") in numbers


def test_docs_list_every_unit_with_number_title_page_and_size() -> None:
    data = comparison_to_json(busy_comparison())
    arts = data["old"]["articles"]
    assert [a["id"] for a in arts] == [f"article-{n}" for n in range(1, 8)]
    assert arts[5] == {
        "id": "article-6",
        "kind": "article",
        "number": "6",
        "title": "Wages",
        "page": 1,
        "chars": arts[5]["chars"],
    }
    assert arts[5]["chars"] > 50


def test_cosmetic_changes_are_listed_only_when_asked() -> None:
    quiet = comparison_to_json(busy_comparison())
    loud = comparison_to_json(busy_comparison(CompareOptions(show_cosmetic=True)))
    entry_q = next(e for e in quiet["alignment"] if e["old"] == ["article-4"])
    entry_l = next(e for e in loud["alignment"] if e["old"] == ["article-4"])
    assert entry_q["changes"] == [] and entry_q["status"] == "unchanged"
    assert entry_l["status"] == "unchanged"
    assert [c["substantive"] for c in entry_l["changes"]] == [False]
    assert entry_l["changes"][0]["reason"] == "whitespace"


def test_ids_are_stable_across_runs() -> None:
    a = comparison_to_json(busy_comparison())
    b = comparison_to_json(busy_comparison())
    assert [e["id"] for e in a["alignment"]] == [e["id"] for e in b["alignment"]]
    assert [c["id"] for e in a["alignment"] for c in e["changes"]] == [
        c["id"] for e in b["alignment"] for c in e["changes"]
    ]
    assert "article-6:article-7/c1" in {c["id"] for e in a["alignment"] for c in e["changes"]}


def test_category_counts_include_number_pairs_once_a_categorizer_has_run() -> None:
    def wages_everywhere(c: Comparison) -> Comparison:
        pairs = []
        for p in c.pairs:
            changes = tuple(
                replace(ch, categories=("wages",), why={"wages": ("per hour",)})
                if "$" in ch.old_text + ch.new_text
                else ch
                for ch in p.changes
            )
            cats = ("wages",) if any(ch.categories for ch in changes) else ()
            pairs.append(replace(p, changes=changes, categories=cats))
        return replace(c, pairs=tuple(pairs))

    c = busy_comparison()
    data = comparison_to_json(compare_agreements(c.old, c.new, categorizer=wages_everywhere))
    validate(data)
    assert data["summary"]["categories"] == {"wages": {"changes": 1, "articles": 1, "numbers": 1}}
    filtered = comparison_to_json(
        compare_agreements(
            c.old, c.new, CompareOptions(categories=("wages",)), categorizer=wages_everywhere
        )
    )
    listed = [ch for e in filtered["alignment"] for ch in e["changes"]]
    assert len(listed) == 1 and listed[0]["why"] == {"wages": ["per hour"]}
