"""Quantities: found with their unit, references skipped, changed ones paired old -> new."""

from __future__ import annotations

import pytest

from cbadiff.model import Status
from cbadiff.numbers import find_quantities, pair_numbers
from cbadiff.pipeline import compare_agreements
from tests.cbadiff.builders import agreement, article, filler


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a meal penalty of $7.50", [("$7.50", "7.5", "$")]),
        ("paid $25.00 per hour", [("$25.00", "25", "$/hour")]),
        ("$1,250.00 per month", [("$1,250.00", "1250", "$/month")]),
        ("an increase of 3%", [("3%", "3", "%")]),
        ("three percent (3%) raise", [("three percent (3%)", "3", "%")]),
        ("2.5 percent", [("2.5", "2.5", "%")]),
        ("after 8 hours", [("8", "8", "hours")]),
        ("a 30 minute break", [("30", "30", "minutes")]),
        ("within 14 calendar days", [("14", "14", "days")]),
        ("2 weeks notice", [("2", "2", "weeks")]),
        ("effective July 1, 2021", [("July 1, 2021", "2021-07-01", "date")]),
        ("on 7/1/2021", [("7/1/2021", "2021-07-01", "date")]),
        ("starting at 6:00 p.m.", [("6:00 p.m.", "18:00", "time")]),
        ("ten (10) hours", [("ten (10)", "10", "hours")]),
        ("forty-five (45) minutes", [("forty-five (45)", "45", "minutes")]),
        ("Article 14, Section 12.3 and page 4", []),
        ("20,000,000 subscribers", [("20,000,000", "20000000", None)]),
        ("in 2019,2025", [("2019", "2019", None), ("2025", "2025", None)]),
        ("hours and three hundred (300) hours", [("three hundred (300)", "300", "hours")]),
        ("cents ($4.413) per hour", [("$4.413", "4.413", "$/hour")]),
        ("( 47.15/hr.) ( 377.20/day)", [("47.15", "47.15", "/hour"), ("377.20", "377.2", "/day")]),
    ],
)
def test_quantities_with_units(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text)] == expected


def test_pairing_by_unit_drops_unchanged_values_and_keeps_additions() -> None:
    old = find_quantities("ten (10) hours, $7.50 per hour, 5 days")
    new = find_quantities("10 hours, $8.00 per hour, 5 days and 2 weeks")
    pairs = [(n.old, n.new, n.unit) for n in pair_numbers(old, new)]
    assert pairs == [("$7.50", "$8.00", "$/hour"), (None, "2", "weeks")]


def test_unit_change_pairs_number_and_unit_together() -> None:
    pairs = pair_numbers(find_quantities("10 days"), find_quantities("2 weeks"))
    assert [(n.old, n.new, n.unit) for n in pairs] == [("10 days", "2 weeks", None)]


CASES = [
    ("The meal penalty is $7.50.", "The meal penalty is $10.00.", ("$7.50", "$10.00", "$")),
    ("Pay is $25.00 per hour.", "Pay is $26.25 per hour.", ("$25.00", "$26.25", "$/hour")),
    ("A raise of 3% applies.", "A raise of 3.5% applies.", ("3%", "3.5%", "%")),
    ("After 8 hours overtime applies.", "After 10 hours overtime applies.", ("8", "10", "hours")),
    ("A 30 minute meal.", "A 45 minute meal.", ("30", "45", "minutes")),
    ("Notice within 14 days.", "Notice within 21 days.", ("14", "21", "days")),
    ("Give 2 weeks notice.", "Give 3 weeks notice.", ("2", "3", "weeks")),
    (
        "Effective July 1, 2021.",
        "Effective July 1, 2024.",
        ("July 1, 2021", "July 1, 2024", "date"),
    ),
    ("Rest of ten (10) hours.", "Rest of twelve (12) hours.", ("ten (10)", "twelve (12)", "hours")),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_every_unit_is_listed_as_a_number_change(
    old: str, new: str, expected: tuple[str, str, str]
) -> None:
    c = compare_agreements(
        agreement(article("1", "Wages", filler(1), old)),
        agreement(article("1", "Wages", filler(1), new)),
    )
    pair = c.pairs[0]
    assert pair.status is Status.MODIFIED
    numbers = [(n.old, n.new, n.unit) for ch in pair.changes for n in ch.numbers]
    assert numbers == [expected]


def test_spelling_a_number_differently_is_no_number_change() -> None:
    c = compare_agreements(
        agreement(article("1", "Hours", "Rest of ten (10) hours.")),
        agreement(article("1", "Hours", "Rest of 10 hours.")),
    )
    assert [n for ch in c.pairs[0].changes for n in ch.numbers] == []
