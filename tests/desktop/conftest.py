"""Desktop test fixtures: settings kept in the test's own folder, a real main window."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.mainwindow import MainWindow
from desktop.resources import resource_path
from tests.desktop.agreements import GeneratedPair, write_agreements


@pytest.fixture(autouse=True)
def isolated_settings(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Redirect every QSettings and standard path to the test's folder: never the user's.

    Also makes every desktop test have the QApplication (icons and fonts need one)."""
    folder = tmp_path / "qt-settings"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "cbadiff.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def agreements(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPair:
    return write_agreements(tmp_path_factory.mktemp("agreements"))


@pytest.fixture
def samples(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the bundled samples, so tests may move or change them."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    out = []
    for name in ("expired.docx", "proposed.docx"):
        target = folder / name
        shutil.copyfile(resource_path("samples", name), target)
        out.append(target)
    return out[0], out[1]


@pytest.fixture
def make_window(qtbot: QtBot, settings: QSettings) -> Iterator[Callable[[], MainWindow]]:
    """Makes shown 1400x860 main windows; shuts their controllers' threads down afterwards."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        w = MainWindow(settings)
        qtbot.addWidget(w)
        w.resize(1400, 860)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.projects.controller.shutdown()
        w.controller.shutdown()
