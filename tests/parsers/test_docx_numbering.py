"""Word numbering formats and counters, checked against how Word displays them."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from parsers.docx_numbering import Numbering, format_number, to_letters, to_roman
from tests.parsers.docx_builders import W, level, numbering


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (4, "decimal", "4"),
        (14, "upperRoman", "XIV"),
        (1994, "upperRoman", "MCMXCIV"),
        (9, "lowerRoman", "ix"),
        (1, "upperLetter", "A"),
        (27, "upperLetter", "AA"),  # Word repeats the letter, it does not count in base 26
        (53, "lowerLetter", "aaa"),
        (1, "ordinal", "1st"),
        (12, "ordinal", "12th"),
        (23, "ordinal", "23rd"),
        (21, "cardinalText", "Twenty-one"),
        (12, "ordinalText", "Twelfth"),
        (22, "ordinalText", "Twenty-second"),
        (40, "ordinalText", "Fortieth"),
        (5, "decimalZero", "05"),
        (3, "bullet", None),
        (3, "none", None),
        (3, "japaneseCounting", "3"),  # formats we do not spell out fall back to digits
    ],
)
def test_format_number(value: int, fmt: str, shown: str | None) -> None:
    assert format_number(value, fmt) == shown


def test_roman_and_letter_edges() -> None:
    assert to_roman(0) == "0"
    assert to_roman(4000) == "4000"
    assert to_letters(26) == "Z"
    assert to_letters(0) == "0"


def _numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> Numbering:
    return Numbering(ET.fromstring(numbering(abstracts, nums)), f"{{{W}}}")


def test_lists_sharing_an_abstract_definition_continue_each_other() -> None:
    num = _numbering({0: level(0, "decimal", "%1.")}, {1: (0, ""), 2: (0, "")})
    assert num.next_label("1", 0) == ("1.", 1)
    assert num.next_label("2", 0) == ("2.", 1)
    assert num.next_label("1", 0) == ("3.", 1)


def test_start_override_restarts_only_once() -> None:
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    num = _numbering({0: level(0, "decimal", "%1.")}, {1: (0, ""), 2: (0, override)})
    assert num.next_label("1", 0) == ("1.", 1)
    assert num.next_label("1", 0) == ("2.", 1)
    assert num.next_label("2", 0) == ("1.", 1)
    assert num.next_label("2", 0) == ("2.", 1)


def test_level_override_replaces_the_format() -> None:
    override = (
        '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="Exhibit %1"/></w:lvl></w:lvlOverride>'
    )
    num = _numbering({0: level(0, "decimal", "%1.")}, {1: (0, override)})
    assert num.next_label("1", 0) == ("Exhibit A", 1)


def test_unused_parent_level_shows_its_start_value() -> None:
    num = _numbering(
        {0: level(0, "decimal", "%1", start=3) + level(1, "decimal", "%1.%2")}, {1: (0, "")}
    )
    assert num.next_label("1", 1) == ("3.1", 2)


def test_restart_after_a_named_level_only() -> None:
    levels = (
        level(0, "decimal", "%1")
        + level(1, "decimal", "%1.%2")
        + level(2, "decimal", "(%3)", restart=1)  # restarts after level 1 only, not level 2
    )
    num = _numbering({0: levels}, {1: (0, "")})
    assert num.next_label("1", 0) == ("1", 1)
    assert num.next_label("1", 2) == ("(1)", 3)
    assert num.next_label("1", 1) == ("1.1", 2)
    assert num.next_label("1", 2) == ("(2)", 3)  # level 2 did not restart under 1.1
    assert num.next_label("1", 0) == ("2", 1)
    assert num.next_label("1", 2) == ("(1)", 3)


def test_num_id_zero_and_unknown_lists_have_no_label() -> None:
    num = _numbering({0: level(0, "decimal", "%1.")}, {1: (0, "")})
    assert num.next_label("0", 0) is None
    assert num.next_label("99", 0) is None
    assert not _numbering({}, {})


def test_num_style_link_follows_the_numbering_style() -> None:
    xml = numbering(
        {0: level(0, "decimal", "Art. %1"), 1: ""},
        {1: (0, ""), 2: (1, "")},
    ).replace(
        '<w:abstractNum w:abstractNumId="1"></w:abstractNum>',
        '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ArticleList"/></w:abstractNum>',
    )
    num = Numbering(ET.fromstring(xml), f"{{{W}}}")
    num.style_num = {"ArticleList": "1"}
    assert num.next_label("2", 0) == ("Art. 1", 1)
    assert num.next_label("1", 0) == ("Art. 2", 1)
