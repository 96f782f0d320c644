"""Suite-wide configuration: Qt offscreen, and a guard that fails any test opening a network
connection, because the program is offline by design and the suite proves it."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


class NetworkAccessError(AssertionError):
    """Raised when code under test tries to reach the network."""


def _is_local_unix(sock: socket.socket) -> bool:
    return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test on any attempt to open an internet socket or resolve a host name."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if _is_local_unix(self):
            return real_connect(self, address)
        raise NetworkAccessError(f"test tried to open a network connection to {address!r}")

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if _is_local_unix(self):
            return real_connect_ex(self, address)
        raise NetworkAccessError(f"test tried to open a network connection to {address!r}")

    def guarded_getaddrinfo(*args: Any, **kwargs: Any) -> Any:
        raise NetworkAccessError(f"test tried to resolve a host name {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", guarded_connect_raise)
    yield


def guarded_connect_raise(address: Any, *args: Any, **kwargs: Any) -> Any:
    raise NetworkAccessError(f"test tried to open a network connection to {address!r}")


@pytest.fixture(autouse=True)
def private_parse_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point the parse cache (parsers/cache.py) at a per-test folder, never the user's cache."""
    monkeypatch.setenv("CBADIFF_CACHE_DIR", str(tmp_path_factory.mktemp("parse-cache")))


@pytest.fixture
def corpus() -> Path:
    """The shared real-agreement corpus; tests that use it skip cleanly when it is absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return SHARED_CORPUS
