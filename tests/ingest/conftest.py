"""Fixtures for fetching tests: the local server on 127.0.0.1, and a guard that fails the test
if any socket tries to connect or any real DNS lookup is made."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fetchkit import LocalServer, serve_locally


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    with serve_locally() as server:
        yield server


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any real DNS lookup or socket connection FAILS THE TEST."""
    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(f"a socket operation was attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
