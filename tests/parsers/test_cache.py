"""The parse cache: keyed by content, versioned, self-healing and bounded.

The suite-wide fixture in tests/conftest.py points ``CBADIFF_CACHE_DIR`` at a fresh folder per
test; the tests here point it at ``tmp_path`` explicitly to look inside.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import parsers.txt
from parsers import cache
from parsers.model import Agreement
from parsers.read import read_agreement

TEXT = (
    "ARTICLE 1 - RECOGNITION\n\nThe Employer recognizes the Union.\n\nARTICLE 2 - PAY\n\nWeekly.\n"
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


def agreement_file(tmp_path: Path, name: str = "a.txt", text: str = TEXT) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("agreements-*/*.json"))


def forbid_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> Agreement:
        raise AssertionError("the reader ran although the cache holds this file")

    monkeypatch.setattr(parsers.txt, "read_txt", fail)


def test_second_open_comes_from_the_cache(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = agreement_file(tmp_path)
    first = read_agreement(path)
    assert len(entries(cache_dir)) == 1
    forbid_reading(monkeypatch)
    again = read_agreement(path)
    assert again == first


def test_same_content_under_another_name_is_a_hit_with_its_own_path(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_agreement(agreement_file(tmp_path, "old.txt"))
    copy = agreement_file(tmp_path, "copy.txt")
    forbid_reading(monkeypatch)
    assert read_agreement(copy).source.path == str(copy)


def test_changed_content_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    path = agreement_file(tmp_path)
    read_agreement(path)
    path.write_text(TEXT.replace("Weekly", "Monthly"), encoding="utf-8")
    assert read_agreement(path).units[1].blocks[0].text == "Monthly."
    assert len(entries(cache_dir)) == 2


def test_damaged_entry_is_ignored_and_rewritten(tmp_path: Path, cache_dir: Path) -> None:
    path = agreement_file(tmp_path)
    first = read_agreement(path)
    (entry,) = entries(cache_dir)
    for damage in (b"{not json", b'{"source": 3}', b"", b"[]"):
        entry.write_bytes(damage)
        assert read_agreement(path) == first
        assert entry.read_bytes() != damage  # rewritten with a good entry
        assert cache.load(first.source.sha256, first.source.kind, path) == first


def test_reader_version_change_invalidates(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = agreement_file(tmp_path)
    read_agreement(path)
    (old,) = entries(cache_dir)
    monkeypatch.setattr(cache, "version_key", lambda: "2-newer")
    calls = []
    real = parsers.txt.read_txt

    def counting(*args: object, **kwargs: object) -> Agreement:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parsers.txt, "read_txt", counting)
    read_agreement(path)
    assert calls == [1]
    assert not old.exists()  # entries of other versions are pruned
    assert [e.parent.name for e in entries(cache_dir)] == ["agreements-2-newer"]


def test_version_key_covers_the_parsers_source() -> None:
    key = cache.version_key()
    assert key.startswith(f"{cache.READER_VERSION}-") and len(key) > 10


def test_cache_size_is_bounded(tmp_path: Path, cache_dir: Path) -> None:
    for i in range(6):
        read_agreement(agreement_file(tmp_path, f"f{i}.txt", TEXT + f"\nNote {i}.\n"))
    assert len(entries(cache_dir)) == 6
    cache.prune(max_entries=3)
    assert len(entries(cache_dir)) == 3
    size = max(e.stat().st_size for e in entries(cache_dir))
    cache.prune(max_bytes=size + 1)
    assert len(entries(cache_dir)) == 1


def test_least_recently_used_entries_go_first(tmp_path: Path, cache_dir: Path) -> None:
    a, b = agreement_file(tmp_path, "a.txt"), agreement_file(tmp_path, "b.txt", TEXT + "x\n")
    first = read_agreement(a)
    read_agreement(b)
    for entry in entries(cache_dir):
        os.utime(entry, (1000, 1000))
    assert cache.load(first.source.sha256, first.source.kind, a) is not None  # touches a
    cache.prune(max_entries=1)
    (kept,) = entries(cache_dir)
    assert kept.name.startswith(first.source.sha256)


def test_unwritable_cache_is_never_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    path = agreement_file(tmp_path)
    assert read_agreement(path).units[0].title == "RECOGNITION"
    assert read_agreement(path).units[0].title == "RECOGNITION"


def test_use_cache_false_and_passwords_bypass_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    path = agreement_file(tmp_path)
    read_agreement(path, use_cache=False)
    assert entries(cache_dir) == []
    read_agreement(path, password="secret")  # decrypted text never lands on disk
    assert entries(cache_dir) == []


def test_round_trip_of_every_model_field(tmp_path: Path, cache_dir: Path) -> None:
    from parsers.docx import read_docx
    from parsers.progress import CancelToken, no_progress
    from tests.parsers.docx_builders import cell, notes, p, r, table, write_docx

    body = (
        p("Cover page")
        + p("ARTICLE 1 - PAY")
        + p(runs=r("Rate") + '<w:r><w:footnoteReference w:id="1"/></w:r>')
        + table(cell("a") + cell("b"))
    )
    doc = write_docx(tmp_path / "d.docx", body, footnotes_xml=notes("footnote", {1: "Note."}))
    original = read_docx(doc, "f" * 64, progress=no_progress, cancel=CancelToken())
    cache.store(original)
    loaded = cache.load("f" * 64, original.source.kind, doc)
    assert loaded == original


def test_notices_of_a_cached_entry_name_the_file_opened_now(
    tmp_path: Path, cache_dir: Path
) -> None:
    old = tmp_path / "old-name.txt"
    old.write_bytes(TEXT.replace("Weekly", "Wöchentlich").encode("cp1252"))
    assert any("old-name.txt" in n for n in read_agreement(old).notices)
    new = tmp_path / "new-name.txt"
    new.write_bytes(old.read_bytes())
    notices = read_agreement(new).notices
    assert any("new-name.txt" in n for n in notices)
    assert not any("old-name.txt" in n for n in notices)
