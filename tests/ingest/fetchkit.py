"""Helpers for fetching tests: a local HTTP server on 127.0.0.1 (the only real server any test
talks to), a transport and a resolver that fail the test when used unexpectedly."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

Route = tuple[int, dict[str, str], bytes]


def page(title: str | None, body: str, date: str | None = None) -> bytes:
    """A small HTML article of our own."""
    head = (f"<title>{title}</title>" if title else "") + (
        f'<meta property="article:published_time" content="{date}">' if date else "")
    return (f"<html><head>{head}</head><body><nav>Home | World | Sport</nav><article>"
            f"<p>{body}</p><p>Repair crews worked through the night, officials said.</p>"
            f"</article></body></html>").encode()


HTML = {"Content-Type": "text/html; charset=utf-8"}


@dataclass
class LocalServer:
    """Routes by path; ``hits`` counts requests per path."""

    routes: dict[str, Route | Callable[[BaseHTTPRequestHandler], None]] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serve_locally() -> Iterator[LocalServer]:
    """A threaded HTTP server on 127.0.0.1, port chosen by the system, serving its routes."""
    server_state = LocalServer()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            server_state.hits[self.path] += 1
            route = server_state.routes.get(self.path)
            if route is None:
                route = (404, {"Content-Type": "text/plain"}, b"not here")
            if callable(route):
                route(self)
                return
            status, headers, body = route
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers and not headers.get("X-No-Length"):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()


def slow(delay: float) -> Callable[[BaseHTTPRequestHandler], None]:
    """A route that answers after ``delay`` seconds."""
    def respond(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(page("Late", "A late page about nothing in particular at all here."))
    return respond


class ScriptedTransport(httpx.BaseTransport):
    """Answers only the (address, path) pairs it is given; any other request FAILS THE TEST."""

    def __init__(self, routes: dict[tuple[str, str], Route] | None = None) -> None:
        self.routes = routes or {}
        self.seen: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        key = (request.url.host, request.url.raw_path.decode())
        if key not in self.routes:
            pytest.fail(f"a connection was attempted: {request.method} {request.url} (Host {request.headers.get('host')})")
        status, headers, body = self.routes[key]
        return httpx.Response(status, headers=headers, content=body, request=request)


def resolver_of(table: dict[str, list[str]]) -> Callable[[str], list[str]]:
    """A mocked resolver: the table's answer, or FAIL THE TEST for a name not in it."""
    def resolve(host: str) -> list[str]:
        if host not in table:
            pytest.fail(f"unexpected DNS lookup of {host}")
        return table[host]
    return resolve
