"""Desktop test fixtures: settings kept in the test's own folder, a real main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

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
