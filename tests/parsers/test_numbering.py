"""Number labels: roman numerals with letter suffixes, spelled-out numbers, canonical ids."""

from __future__ import annotations

import pytest

from parsers.numbering import label_value, normalise_label, roman_to_int, words_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [("I", 1), ("iv", 4), ("XIII", 13), ("XLVIII", 48), ("MCMXC", 1990), ("IIII", None), ("", None)],
)
def test_roman_to_int(text: str, value: int | None) -> None:
    assert roman_to_int(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("ONE", 1), ("Twelve", 12), ("TWENTY-ONE", 21), ("forty five", 45), ("TEN ONE", None)],
)
def test_words_to_int(text: str, value: int | None) -> None:
    assert words_to_int(text) == value


@pytest.mark.parametrize(
    ("label", "value"),
    [("XIIIA", (13, "A")), ("XIIIC", (13, "C")), ("12", (12, "")), ("12B.", (12, "B")),
     ("Twelve", (12, "")), ("XXVIIIA", (28, "A")), ("Q", None)],
)  # fmt: skip
def test_label_value(label: str, value: tuple[int, str] | None) -> None:
    assert label_value(label) == value


def test_labels_printed_differently_share_an_id() -> None:
    assert normalise_label("XII") == normalise_label("12") == normalise_label("Twelve") == "12"
    assert normalise_label("XIIIA") == "13a"
    assert normalise_label("C", numeric=False) == "c"  # Exhibit C is not Exhibit 100
    assert normalise_label("A-1", numeric=False) == "a-1"
