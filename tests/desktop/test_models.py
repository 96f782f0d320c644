"""The navigator's table model and filter proxy (desktop/models/section_pairs.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from cbadiff.model import Status
from desktop.models.section_pairs import (
    FLAGS_ROLE,
    PAIR_ROLE,
    UNCATEGORISED,
    Column,
    PairFilterProxy,
    SectionPairsModel,
)
from tests.desktop.builders import make_comparison


def visible(proxy: PairFilterProxy) -> list[int]:
    return [proxy.index(r, 0).data(PAIR_ROLE) for r in range(proxy.rowCount())]


def test_model_passes_qt_model_checks_and_shows_each_pair(qtmodeltester: ModelTester) -> None:
    model = SectionPairsModel()
    model.set_comparison(make_comparison())
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    row = [model.index(1, c).data() for c in Column]
    assert row[Column.OLD] == "2" and row[Column.NEW] == "2"
    assert row[Column.TITLE] == "MEAL PERIODS"
    assert row[Column.CHANGES] == 1  # the quotes edit is cosmetic
    assert model.index(1, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole) == "Modified"
    assert model.index(1, Column.STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(2, Column.OLD).data() == "—"
    assert model.index(3, Column.FLAGS).data(FLAGS_ROLE) == ("moved",)
    assert "Moved" in model.index(3, Column.FLAGS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Remote" in model.index(2, Column.CATEGORIES).data()


def test_counting_a_reason_as_substantive_updates_the_counts(qtmodeltester: ModelTester) -> None:
    model = SectionPairsModel()
    model.set_comparison(make_comparison())
    model.set_also_substantive({"quotes and dashes"})
    assert model.index(1, Column.CHANGES).data() == 2
    qtmodeltester.check(model)


def test_proxy_hides_unchanged_by_default_and_filters(qtmodeltester: ModelTester) -> None:
    model = SectionPairsModel()
    model.set_comparison(make_comparison())
    proxy = PairFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    assert visible(proxy) == [1, 2, 3]
    proxy.set_statuses(set(Status))
    assert visible(proxy) == [0, 1, 2, 3]
    proxy.set_statuses({Status.ADDED})
    assert visible(proxy) == [2]
    proxy.set_statuses(set(Status))
    proxy.set_category("wages")
    assert visible(proxy) == [1]
    proxy.set_category(None)
    proxy.set_text("remotely")
    assert visible(proxy) == [2]
    proxy.set_text("meal  penalty")  # every word must occur, in any order
    assert visible(proxy) == [1]
    proxy.set_text("no such words")
    assert visible(proxy) == []
    proxy.set_text("")
    proxy.set_category(UNCATEGORISED)
    assert visible(proxy) == []  # every substantive change here has a category
    qtmodeltester.check(proxy)


def test_empty_model_is_valid(qtmodeltester: ModelTester) -> None:
    model = SectionPairsModel()
    qtmodeltester.check(model)
    model.set_comparison(make_comparison())
    model.set_comparison(None)
    assert model.rowCount() == 0


def test_unit_labels_are_short_in_the_number_columns() -> None:
    from desktop.models.section_pairs import unit_label
    from parsers.model import Unit, UnitKind

    def unit(kind: UnitKind, number: str | None) -> Unit:
        return Unit("u", kind, number, None, "", 1, 1, ())

    assert unit_label(unit(UnitKind.SIDELETTER, "4")) == "Sideletter 4"
    assert unit_label(unit(UnitKind.SIDELETTER, "4"), short=True) == "SL 4"
    assert unit_label(unit(UnitKind.EXHIBIT, "A"), short=True) == "Ex. A"
    assert unit_label(unit(UnitKind.ARTICLE, "XIIIA"), short=True) == "XIIIA"
    assert unit_label(unit(UnitKind.PREAMBLE, None)) == "Preamble"
