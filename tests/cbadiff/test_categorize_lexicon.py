"""The lexicon: built-in categories, user files that extend it, and messages for bad files."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cbadiff import resources
from cbadiff.categorize import categorize_text, load_lexicon, load_lexicon_lenient
from cbadiff.categorize import lexicon as lexmod
from cbadiff.errors import LexiconError

TAXONOMY_IDS = [
    "recognition_scope",
    "union_security",
    "management_rights",
    "term_duration",
    "wages",
    "payroll_timekeeping",
    "hours_overtime",
    "rest_periods",
    "meal_periods",
    "holidays",
    "vacation",
    "sick_leave",
    "leaves_of_absence",
    "pension_health",
    "residuals",
    "new_media_streaming",
    "travel_location",
    "safety_health",
    "job_classifications",
    "seniority_layoff",
    "grievance_arbitration",
    "discipline_discharge",
    "no_strike_lockout",
    "subcontracting",
    "training",
    "nondiscrimination",
    "technology_ai",
    "remote_work",
    "credits",
    "general_provisions",
]


@pytest.fixture
def no_user_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point the user config directory at an empty temporary folder."""
    monkeypatch.setattr(lexmod.platformdirs, "user_config_dir", lambda app: str(tmp_path / app))
    return tmp_path / "cbadiff"


def test_builtin_keeps_the_taxonomy_ids_in_order_with_names_definitions_and_phrases() -> None:
    data = tomllib.loads(resources.read_text(resources.BUILTIN_LEXICON))
    assert data["schema_version"] == 1
    lex = load_lexicon(use_user_config=False)
    assert lex.ids == tuple(TAXONOMY_IDS)
    for cat in lex.categories:
        assert cat.name and cat.definition, cat.id
        assert len(cat.phrases) >= 10, cat.id
        assert cat.builtin and cat.enabled


def test_user_file_adds_categories_and_phrases_and_switches_builtins_off(
    tmp_path: Path, no_user_config: Path
) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        'schema_version = 1\ndisable = ["credits"]\n\n'
        '[[category]]\nid = "child_care"\nname = "Child Care"\n'
        'definition = "Child care centers and subsidies."\nphrases = ["child care", "day care"]\n\n'
        '[[category]]\nid = "rest_periods"\nphrases = ["fatigue protocol"]\nremove = ["callback"]\n',
        encoding="utf-8",
    )
    lex = load_lexicon(user)
    assert lex.ids[-1] == "child_care" and "credits" not in lex.ids
    assert "credits" in [c.id for c in lex.categories]  # kept, switched off
    assert categorize_text(lex, "The Producer shall subsidise day-care costs.") == {
        "child_care": ("day care",)
    }
    assert "rest_periods" in categorize_text(lex, "A fatigue protocol shall apply.")
    assert categorize_text(lex, "Screen credit shall be given in the main titles.") == {}
    assert "rest_periods" not in categorize_text(lex, "No callback shall occur.")
    builtin = load_lexicon(use_user_config=False)
    assert "rest_periods" in categorize_text(builtin, "No callback shall occur.")


def test_user_file_in_the_config_directory_is_read_and_can_be_skipped(no_user_config: Path) -> None:
    no_user_config.mkdir(parents=True)
    (no_user_config / "categories.toml").write_text(
        '[[category]]\nid = "parking"\nname = "Parking"\nphrases = ["parking lot"]\n',
        encoding="utf-8",
    )
    assert lexmod.default_user_lexicon_path() == no_user_config / "categories.toml"
    assert "parking" in load_lexicon().ids
    assert "parking" not in load_lexicon(use_user_config=False).ids


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[[category]]\nid = "x"\nname = "X"\nphrases = ["a" "b"]\n', 4, "not valid TOML"),
        ('[[category]]\nid = "rest_periods"\nphrase = ["fatigue"]\n', 3, "unknown key 'phrase'"),
        (
            'window = 5\n\n[[category]]\nid = "x"\nname = "X"\nphrases = "fatigue"\n',
            6,
            "list of quoted phrases",
        ),
        (
            '[[category]]\nid = "wages"\n\n[[category]]\nid = "new_one"\nphrases = ["z"]\n',
            5,
            "needs name",
        ),
        ('disable = ["no_such"]\n', 1, "unknown category 'no_such'"),
        ('[[category]]\nid = "Bad Id"\n', 2, "id ="),
        ("schema_version = 9\n", 1, "newer"),
        (
            '[[category]]\nid = "wages"\n[[category.cue]]\nphrase = "rate"\nwindow = 0\nnear = ["x"]\n',
            5,
            "window",
        ),
    ],
)
def test_malformed_user_file_names_the_file_and_line(
    tmp_path: Path, no_user_config: Path, text: str, line: int, words: str
) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(user)
    message = str(err.value)
    assert message.startswith(f"{user}: line {line}: "), message
    assert words in message


def test_lenient_loader_falls_back_to_the_builtin_lexicon_with_the_message(
    tmp_path: Path, no_user_config: Path
) -> None:
    user = tmp_path / "bad.toml"
    user.write_text("[[category]\n", encoding="utf-8")
    lex, warnings = load_lexicon_lenient(user)
    assert lex.ids == tuple(TAXONOMY_IDS)
    assert len(warnings) == 1 and str(user) in warnings[0] and "line 1" in warnings[0]
    assert categorize_text(lex, "The meal penalty is $10.00.") == {
        "meal_periods": ("meal penalty",)
    }


def test_missing_or_undecodable_user_file_is_a_lexicon_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon(tmp_path / "nope.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[[category]]\nid = "caf\xe9"\n')
    with pytest.raises(LexiconError, match="UTF-8"):
        load_lexicon(bad)
