"""Structure of the real Producer-IATSE Basic Agreements (optional: skips without the corpus).

Only article numbers (as the issue lists them) and structural facts are checked here; no title
or text from the agreements is copied into the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parsers.model import Agreement, FrontKind, UnitKind
from parsers.numbering import roman_to_int
from parsers.pdf_noise import is_page_number
from parsers.read import read_agreement

FOLDER = "iatse-basic-agreement"
ROMANS = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII",
    "XXVIII", "XXIX", "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII",
    "XXXVIII", "XXXIX", "XL", "XLI", "XLII", "XLIII", "XLIV", "XLV", "XLVI", "XLVII", "XLVIII",
]  # fmt: skip


def _expected(last: str, lettered: list[str]) -> list[str]:
    numbers = ROMANS[: ROMANS.index(last) + 1] + lettered
    return sorted(numbers, key=lambda n: (roman_to_int(n.rstrip("ABC")) or 0, n))


@pytest.fixture(scope="module")
def agreements() -> dict[str, Agreement]:
    return {}


def _read(corpus: Path, name: str, cache: dict[str, Agreement]) -> Agreement:
    path = corpus / FOLDER / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    if name not in cache:
        cache[name] = read_agreement(path, use_cache=False)
    return cache[name]


def _articles(agreement: Agreement) -> list[str]:
    return [u.number or "" for u in agreement.units if u.kind is UnitKind.ARTICLE]


def test_2018_lists_articles_i_to_xlvii_with_lettered_ones(
    corpus: Path, agreements: dict[str, Agreement]
) -> None:
    a = _read(corpus, "IATSE_2018-2021_Basic_Agreement.pdf", agreements)
    expected = _expected("XLVII", ["XIIIA", "XIIIB", "XVIA", "XXVA", "XXVIIIA", "XXXIA"])
    assert _articles(a) == expected
    assert all(u.title for u in a.units if u.kind is UnitKind.ARTICLE)


def test_2021_lists_articles_i_to_xlviii_with_xiiic(
    corpus: Path, agreements: dict[str, Agreement]
) -> None:
    a = _read(corpus, "IATSE_Basic_Agreement_2021-2024.pdf", agreements)
    numbers = _articles(a)
    assert numbers[0] == "I" and numbers[-1] == "XLVIII"
    assert "XIIIC" in numbers
    assert set(ROMANS) <= set(numbers)
    assert all(n.rstrip("ABC") in ROMANS for n in numbers)


@pytest.mark.parametrize(
    "name", ["IATSE_2018-2021_Basic_Agreement.pdf", "IATSE_Basic_Agreement_2021-2024.pdf"]
)
def test_units_are_unique_and_ordered(
    corpus: Path, agreements: dict[str, Agreement], name: str
) -> None:
    a = _read(corpus, name, agreements)
    ids = [u.id for u in a.units]
    assert len(ids) == len(set(ids))
    numbers = _articles(a)
    assert len(numbers) == len(set(numbers))
    kinds = [u.kind for u in a.units if u.kind is not UnitKind.PREAMBLE]
    first_other = next(i for i, k in enumerate(kinds) if k is not UnitKind.ARTICLE)
    assert all(k is not UnitKind.ARTICLE for k in kinds[first_other:]), "articles after exhibits"
    assert {UnitKind.EXHIBIT, UnitKind.SIDELETTER} <= set(kinds[first_other:])


def test_each_sideletter_is_its_own_unit(corpus: Path, agreements: dict[str, Agreement]) -> None:
    a = _read(corpus, "IATSE_2018-2021_Basic_Agreement.pdf", agreements)
    letters = [u for u in a.units if u.kind is UnitKind.SIDELETTER]
    assert len(letters) >= 10
    starts = [u.page_start for u in letters]
    assert len(starts) == len(set(starts)), "two sideletters start on one page"
    titled = [u.title for u in letters if u.title]
    assert len(titled) == len(set(titled)) and len(titled) >= 9
    for unit in letters:
        salutations = [b for b in unit.blocks if re.match(r"Dear\s", b.text)]
        assert len(salutations) <= 1, f"{unit.id} holds more than one letter"


def test_toc_and_signatory_list_are_front_matter(
    corpus: Path, agreements: dict[str, Agreement]
) -> None:
    a = _read(corpus, "IATSE_2018-2021_Basic_Agreement.pdf", agreements)
    kinds = {f.kind for f in a.front_matter}
    assert FrontKind.TOC in kinds and FrontKind.SIGNATORIES in kinds
    toc = next(f for f in a.front_matter if f.kind is FrontKind.TOC)
    assert toc.page_start == 1 and (toc.page_end or 0) <= 3
    for unit in a.units:
        assert not re.search(r"(?:\. ){4,}\d", unit.text), f"TOC line inside {unit.id}"
        assert (unit.page_start or 0) > (toc.page_end or 0)


def test_article_xii_holds_no_header_page_number_or_footnote_text(
    corpus: Path, agreements: dict[str, Agreement]
) -> None:
    a = _read(corpus, "IATSE_2018-2021_Basic_Agreement.pdf", agreements)
    xii = a.unit("article-12")
    assert xii.page_end is not None and xii.page_start is not None
    assert xii.page_end - xii.page_start >= 3
    assert not any(is_page_number(b.text) for b in xii.blocks)
    assert not re.search(r"(?:^|\s)-\s?\d{1,3}\s?-(?:\s|$)", xii.text)
    notes = [f for f in a.footnotes if xii.page_start <= (f.page or 0) <= xii.page_end]
    assert notes, "Article XII's pages carry a footnote"
    for note in notes:
        assert note.text[:40] not in xii.text
    refs = {r for b in xii.blocks for r in b.footnote_refs}
    assert refs and refs <= {f.label for f in a.footnotes}
