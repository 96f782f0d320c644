"""``cbadiff annotations PROJECT [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cbadiff.annotations import Anchor
from cbadiff.cli import main
from cbadiff.store import Project


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    old = tmp_path / "expired.txt"
    new = tmp_path / "proposed.txt"
    old.write_text("ARTICLE 3 MEALS\nA meal penalty of $7.50.\n", encoding="utf-8")
    new.write_text("ARTICLE 3 MEALS\nA meal penalty of $10.00.\n", encoding="utf-8")
    path = tmp_path / "review.cbadiff"
    with Project.create(path, old, new) as p:
        p.add(
            Anchor(
                "article-3:article-3",
                "article-3:article-3/c1",
                ("article-3",),
                ("article-3",),
                "article-3/b0",
                "article-3/b0",
                "$7.50",
                "$10.00",
                0,
                heading="ARTICLE 3 MEALS",
            ),
            "Costs 2.50 more per meal",
            status="agreed",
            author="ana",
            member_note="The meal penalty rises to $10.",
        )
        gone = p.add(
            Anchor("article-2:article-2", None, ("article-2",), ("article-2",)),
            "whole article",
            author="ben",
        ).annotation
        p.record_anchoring([(gone, None)])
    return path


def test_plain_text_lists_every_annotation_with_its_anchor(
    project_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotations", str(project_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{project_path}: 2 annotations, 1 orphaned\n")
    assert "#1 [agreed] ana" in out
    assert "on: ARTICLE 3 MEALS (article-3:article-3), change article-3:article-3/c1" in out
    assert 'quote: "$7.50" -> "$10.00"' in out
    assert "comment: Costs 2.50 more per meal" in out
    assert "member note: The meal penalty rises to $10." in out
    assert "#2 [open] ben" in out and "ORPHANED" in out and "whole article" in out


def test_json_output(project_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annotations", str(project_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "cbadiff.annotations" and data["version"] == 1
    assert data["sources"]["old"]["path"].endswith("expired.txt")
    assert len(data["sources"]["new"]["sha256"]) == 64
    first, second = data["annotations"]
    assert first["anchor"]["change_id"] == "article-3:article-3/c1"
    assert first["anchor"]["old_units"] == ["article-3"]
    assert first["anchor"]["new_quote"] == "$10.00"
    assert first["member_note"] == "The meal penalty rises to $10."
    assert first["orphaned"] is False and second["orphaned"] is True
    assert second["anchor"]["change_id"] is None


def test_listing_works_while_the_app_holds_the_project(
    project_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(project_path) as held:
        assert not held.read_only
        assert main(["annotations", str(project_path), "--json"]) == 0
        assert len(json.loads(capsys.readouterr().out)["annotations"]) == 2
        held.add(Anchor("p", None, (), ()), "still writable")


def test_unopenable_project_exits_3_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "bogus.cbadiff"
    bogus.write_text("not a project", encoding="utf-8")
    assert main(["annotations", str(bogus)]) == 3
    err = capsys.readouterr().err
    assert "bogus.cbadiff is not a CBA Diff project" in err
    assert main(["annotations", str(tmp_path / "absent.cbadiff")]) == 3
    assert "absent.cbadiff does not exist" in capsys.readouterr().err
