"""The suite's network guard really blocks connections (so 'offline' is proven, not assumed)."""

import socket
import urllib.error
import urllib.request

import pytest

from tests.conftest import NetworkAccessError


def test_tcp_connect_is_refused() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, pytest.raises(NetworkAccessError):
        s.connect(("127.0.0.1", 9))


def test_name_resolution_is_refused() -> None:
    with pytest.raises(NetworkAccessError):
        socket.getaddrinfo("example.org", 443)


def test_urllib_is_refused() -> None:
    with pytest.raises((NetworkAccessError, urllib.error.URLError)) as info:
        urllib.request.urlopen("http://example.org", timeout=1)
    error = info.value
    if isinstance(error, urllib.error.URLError):
        assert isinstance(error.reason, NetworkAccessError)
