"""Phrase matching and context weighting on single texts."""

from __future__ import annotations

import pytest

from cbadiff.categorize import Lexicon, categorize_text, load_lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon(use_user_config=False)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The meal penalties shall be doubled.", "meal_periods"),  # plural of "meal penalty"
        ("a meal-period of one hour", "meal_periods"),  # hyphen
        ("a meal\nperiod of one hour", "meal_periods"),  # line break
        ("a MEAL   PERIOD of one hour", "meal_periods"),  # case and spacing
        ("a nondeductible breakfast", "meal_periods"),  # closed-up "non-deductible"
        ("a twelve-hour turn-around", "rest_periods"),  # hyphenated "turnaround"
        ("The rest period was invaded.", "rest_periods"),  # "invaded" is not "invade" but both stem
        ("two NDBs per day", "meal_periods"),  # acronym plural
        ("The Producer's subcontracted work", "subcontracting"),  # -ed form
        ("the thirty-first (31st) day", "union_security"),  # parenthesised numeral skipped
        ("one and one-half (1½) times the rate", "hours_overtime"),
        ("The studio’s turn‑around rules", "rest_periods"),  # curly apostrophe, non-breaking hyphen
    ],
)
def test_inflections_hyphens_spacing_and_numerals(lex: Lexicon, text: str, category: str) -> None:
    assert category in categorize_text(lex, text)


def test_acronyms_match_only_in_capitals(lex: Lexicon) -> None:
    assert "technology_ai" in categorize_text(lex, "Use of AI tools requires notice.")
    assert categorize_text(lex, "The ai said hello; Ai Weiwei visited.") == {}
    assert "pension_health" in categorize_text(lex, "MPI contributions")
    assert categorize_text(lex, "the MPIPHP office")["pension_health"] == ("MPIPHP",)  # not "MPI"


def test_longest_match_wins(lex: Lexicon) -> None:
    assert categorize_text(lex, "Safety training shall be paid.") == {
        "safety_health": ("safety training",)
    }
    assert "pension_health" not in categorize_text(lex, "Night premiums shall be 10%.")
    assert categorize_text(lex, "sexual orientation") == {
        "nondiscrimination": ("sexual orientation",)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a penalty of $10.00 for each half hour the meal is delayed", "meal_periods"),
        ("a penalty of $50.00 for each day the paycheck is late", "payroll_timekeeping"),
        ("the penalty for invading the turnaround shall be $50.00", "rest_periods"),
        ("the penalty shall be proportionate to the misconduct", "discipline_discharge"),
        ("no grace period shall apply to the first meal", "meal_periods"),
        ("a grace period of thirty (30) days to tender dues", "union_security"),
        ("hours between dismissal and the first call", "rest_periods"),
        ("dismissal without just cause", "discipline_discharge"),
    ],
)
def test_cued_phrases_take_their_reading_from_nearby_words(
    lex: Lexicon, text: str, expected: str
) -> None:
    found = categorize_text(lex, text)
    assert expected in found
    assert len(found) == 1, found


def test_a_cued_phrase_without_a_cue_labels_nothing(lex: Lexicon) -> None:
    assert categorize_text(lex, "The penalty shall be increased to $10.00.") == {}
    assert categorize_text(lex, "A grace period of thirty (30) days shall apply.") == {}


def test_a_counter_cue_vetoes_a_holiday_name_used_as_a_date(lex: Lexicon) -> None:
    assert categorize_text(lex, "effective on the day after Labor Day") == {}
    assert "holidays" in categorize_text(lex, "Labor Day and Christmas Day shall be holidays.")


def test_a_weak_phrase_alone_does_not_label_but_counts_with_context(lex: Lexicon) -> None:
    assert categorize_text(lex, "meals shall be furnished") == {}
    assert "meal_periods" in categorize_text(
        lex, "meals shall be furnished", clause="before the first meal period, meals shall be"
    )
    assert "meal_periods" in categorize_text(lex, "meals shall be furnished", title="Meal Periods")


def test_context_decides_a_bare_number(lex: Lexicon) -> None:
    clause = "for the first one-half hour of meal delay, a meal penalty of $10.00"
    assert categorize_text(lex, "$10.00", clause=clause) == {
        "meal_periods": ("meal delay (clause)", "meal penalty (clause)")
    }
    assert categorize_text(lex, "$10.00") == {}


def test_article_title_labels_a_rate_change_inside_it(lex: Lexicon) -> None:
    found = categorize_text(lex, "the basic hourly rate of $11.00", title="ARTICLE XII HEALTH PLAN")
    assert "pension_health" in found
    assert found["pension_health"] == ("health plan (title)",)
    assert "wages" in found  # the changed words still say what they say


def test_a_title_naming_two_issues_says_less_about_each(lex: Lexicon) -> None:
    title = "Wage Scales, Hours of Employment and Working Conditions"
    clause = "If a meal period is not given, a meal penalty of $10.00 shall be paid."
    assert categorize_text(lex, "$10.00", clause=clause, title=title) == {
        "meal_periods": ("meal period (clause)", "meal penalty (clause)")
    }
    assert set(categorize_text(lex, "$10.00", title=title)) == set()


def test_heading_counts_and_repeated_title_is_not_double_counted(lex: Lexicon) -> None:
    found = categorize_text(lex, "54 hours", heading="Weekend Rest Period", title="Rest Periods")
    assert list(found) == ["rest_periods"]
    assert found["rest_periods"] == ("weekend rest period (heading)", "rest period (title)")
