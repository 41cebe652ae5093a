"""Ingest: URLs and .urls lists through the guarded fetcher.

The SSRF tests use a mocked resolver and a transport that fails the test on any connection, with
every socket call patched to fail too: a refusal must come before any socket opens. The only real
server here listens on 127.0.0.1 and is allowed explicitly through ``fetch_allow_hosts``.
"""

from __future__ import annotations

import ipaddress

import pytest
from fetchkit import HTML, ScriptedTransport, page, resolver_of, slow
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.ingest import AddressPolicy, Fetcher, read_sources
from sitrep.ingest.netguard import refusal_reason
from sitrep.models import Document, Rejection
from sitrep.settings import Settings

PUBLIC = "93.184.216.34"
ARTICLE = page("Town shelled", "Shelling killed four civilians in the town of Testville on Tuesday, the governor said.")
NO_ROBOTS = (404, {"Content-Type": "text/plain"}, b"")


def read(sources, settings=None, **fetcher_args):
    settings = settings or Settings(fetch_rate=0)
    with Fetcher(settings, **fetcher_args) as fetcher:
        return list(read_sources(sources, settings=settings, fetcher=fetcher))


# ----------------------------------------------------------------------------- SSRF guard
@pytest.mark.parametrize("url, words", [
    ("http://127.0.0.1", "127.0.0.1 is a loopback address"),
    ("http://[::1]", "::1 is a loopback address"),
    ("http://10.0.0.1", "10.0.0.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://172.16.4.2/", "private"),
    ("http://192.168.1.1:8080/admin", "private"),
    ("http://[fc00::1]/", "private"),
    ("http://[fe80::1]/", "link-local"),
    ("http://[::ffff:127.0.0.1]/", "loopback (IPv4 127.0.0.1 inside IPv6)"),
    ("http://[::ffff:a9fe:a9fe]/", "link-local (IPv4 169.254.169.254 inside IPv6)"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("https://127.0.0.1:8443/", "loopback"),
])
def test_ssrf_address_literals_are_refused_before_any_socket_opens(no_sockets, url, words):
    transport = ScriptedTransport()
    (item,) = read([url], transport=transport, resolver=resolver_of({}))
    assert isinstance(item, Rejection) and item.code == "refused" and item.ref == url
    assert words in item.message and "fetch_allow_hosts" in item.message and "\n" not in item.message
    assert transport.seen == []


def test_ssrf_public_looking_name_that_resolves_to_loopback_is_refused(no_sockets):
    transport = ScriptedTransport()
    (item,) = read(["http://news.example.com/story"], transport=transport,
                   resolver=resolver_of({"news.example.com": ["127.0.0.1"]}))
    assert item.code == "refused"
    assert item.message.startswith("refused: news.example.com resolves to 127.0.0.1, which is a loopback address")
    assert transport.seen == []


def test_ssrf_name_with_one_private_address_among_public_ones_is_refused(no_sockets):
    transport = ScriptedTransport()
    (item,) = read(["https://news.example.com/"], transport=transport,
                   resolver=resolver_of({"news.example.com": [PUBLIC, "10.1.2.3"]}))
    assert item.code == "refused" and "10.1.2.3" in item.message and transport.seen == []


@pytest.mark.parametrize("location, words", [
    ("http://127.0.0.1/admin", "redirect to http://127.0.0.1/admin: refused: 127.0.0.1 is a loopback address"),
    ("http://[::1]:9000/", "::1 is a loopback address"),
    ("http://internal.example.com/", "internal.example.com resolves to 10.0.0.7"),
    ("http://169.254.169.254/latest/", "link-local"),
])
def test_ssrf_redirect_to_a_refused_address_is_refused(no_sockets, location, words):
    transport = ScriptedTransport({
        (PUBLIC, "/robots.txt"): NO_ROBOTS,
        (PUBLIC, "/story"): (302, {"Location": location}, b""),
    })
    resolver = resolver_of({"news.example.com": [PUBLIC], "internal.example.com": ["10.0.0.7"]})
    (item,) = read(["http://news.example.com/story"], transport=transport, resolver=resolver)
    assert item.code == "refused" and words in item.message and "\n" not in item.message
    assert [r.url.host for r in transport.seen] == [PUBLIC, PUBLIC]  # robots.txt and the page


def test_connection_goes_to_the_checked_address_not_a_second_dns_answer(no_sockets):
    lookups: list[str] = []

    def rebinding(host: str) -> list[str]:  # public for the checks, loopback for any later lookup
        lookups.append(host)
        return [PUBLIC] if len(lookups) <= 2 else ["127.0.0.1"]

    transport = ScriptedTransport({(PUBLIC, "/robots.txt"): NO_ROBOTS, (PUBLIC, "/a"): (200, HTML, ARTICLE)})
    (doc,) = read(["http://news.example.com/a"], transport=transport, resolver=rebinding)
    assert isinstance(doc, Document)
    assert lookups == ["news.example.com", "news.example.com"]  # the page's check, robots.txt's check
    assert [(r.url.host, r.headers["host"]) for r in transport.seen] == [(PUBLIC, "news.example.com")] * 2


def test_public_name_is_fetched_at_its_checked_address_with_its_host_header(no_sockets):
    transport = ScriptedTransport({(PUBLIC, "/robots.txt"): NO_ROBOTS, (PUBLIC, "/a"): (200, HTML, ARTICLE)})
    (doc,) = read(["https://news.example.com/a"], transport=transport,
                  resolver=resolver_of({"news.example.com": [PUBLIC]}))
    assert isinstance(doc, Document) and doc.ref == doc.url == "https://news.example.com/a"
    request = transport.seen[-1]
    assert request.url.host == PUBLIC and request.headers["host"] == "news.example.com"
    assert request.extensions["sni_hostname"] == "news.example.com"  # TLS verifies the real name


def test_other_schemes_and_credentials_are_refused_without_any_request(no_sockets):
    transport = ScriptedTransport()
    items = read(["file:///etc/passwd", "ftp://example.com/x", "http://user:pw@news.example.com/"],
                 transport=transport, resolver=resolver_of({}))
    assert [i.code for i in items] == ["bad_url", "bad_url", "bad_url"] and transport.seen == []


def test_address_policy_allows_only_what_the_setting_names():
    policy = AddressPolicy.from_setting("127.0.0.1, intranet.example, 10.0.0.0/8")
    assert policy.check("127.0.0.1", ["127.0.0.1"]) == "127.0.0.1"
    assert policy.check("intranet.example", ["192.168.0.9"]) == "192.168.0.9"
    assert policy.check("x.example", ["::ffff:10.9.9.9"]) == str(ipaddress.ip_address("::ffff:10.9.9.9"))
    with pytest.raises(Exception, match="loopback"):
        policy.check("x.example", ["127.0.0.2"])
    for public in ("8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"):
        assert refusal_reason(ipaddress.ip_address(public)) is None


# ----------------------------------------------------------------------------- local server
def allowed(**changes):
    return Settings(fetch_allow_hosts="127.0.0.1", fetch_rate=0, **changes)


def test_local_server_page_plain_text_and_redirects(local_server):
    s = local_server
    s.routes.update({
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private\n"),
        "/article": (200, HTML, ARTICLE),
        "/plain": (200, {"Content-Type": "text/plain; charset=utf-8"},
                   b"Shelling killed two people in Testville, the mayor said on Wednesday."),
        "/hop1": (301, {"Location": "/hop2"}, b""),
        "/hop2": (302, {"Location": f"{s.base}/article"}, b""),
    })
    items = read([f"{s.base}/article", f"{s.base}/plain", f"{s.base}/hop1"], allowed())
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Document"]
    assert items[0].title == "Town shelled" and "Home | World" not in items[0].text
    assert items[1].text.startswith("Shelling killed two people")
    assert items[2].ref == f"{s.base}/hop1" and items[2].url == f"{s.base}/article"
    assert s.hits["/robots.txt"] == 1  # robots.txt read once per origin


def test_local_server_refusals_are_rejections_and_the_batch_goes_on(local_server):
    s = local_server
    s.routes.update({
        "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private\n"),
        "/article": (200, HTML, ARTICLE),
        "/private/x": (200, HTML, ARTICLE),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n" + bytes(50)),
        "/big": (200, {**HTML, "X-No-Length": "1"}, b"<html><body><p>" + b"word " * 2000 + b"</p></body></html>"),
        "/declared": (200, HTML, b"x" * 5000),
        "/gone": (410, HTML, b"gone"),
        "/slow": slow(1.0),
        **{f"/loop{i}": (302, {"Location": f"/loop{i + 1}"}, b"") for i in range(10)},
        "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
    })
    urls = ["private/x", "image", "big", "declared", "gone", "slow", "loop0", "to-metadata", "article"]
    items = read([f"{s.base}/{u}" for u in urls], allowed(max_bytes=4000, fetch_timeout=0.3))
    codes = [(i.ref.removeprefix(s.base + "/"), i.code) for i in items if isinstance(i, Rejection)]
    assert codes == [("private/x", "robots"), ("image", "unsupported"), ("big", "too_large"),
                     ("declared", "too_large"), ("gone", "fetch"), ("slow", "fetch"), ("loop0", "fetch"),
                     ("to-metadata", "refused")]
    messages = {i.ref.removeprefix(s.base + "/"): i.message for i in items if isinstance(i, Rejection)}
    assert "disallows" in messages["private/x"] and "HTTP 410" in messages["gone"]
    assert "timed out" in messages["slow"] and "more than 5 redirects" in messages["loop0"]
    assert "169.254.169.254 is a link-local address" in messages["to-metadata"]
    assert all("\n" not in m for m in messages.values())
    assert isinstance(items[-1], Document)
    assert s.hits["/private/x"] == 0 and s.hits["/loop6"] == 0


def test_loopback_server_is_refused_unless_allowed(local_server):
    local_server.routes["/article"] = (200, HTML, ARTICLE)
    (item,) = read([f"{local_server.base}/article"], Settings(fetch_rate=0))
    assert item.code == "refused" and local_server.hits["/article"] == 0


def test_robots_5xx_means_nothing_is_fetched_and_4xx_means_no_rules(local_server):
    local_server.routes.update({"/robots.txt": (503, HTML, b"down"), "/article": (200, HTML, ARTICLE)})
    (item,) = read([f"{local_server.base}/article"], allowed())
    assert item.code == "robots" and local_server.hits["/article"] == 0


def test_url_list_file_line_by_line(local_server, tmp_path):
    local_server.routes["/article"] = (200, HTML, ARTICLE)
    listing = tmp_path / "today.urls"
    listing.write_text(f"# morning list\n\n{local_server.base}/article\nnot a url\n{local_server.base}/none\n")
    items = read([listing], allowed())
    assert [(type(i).__name__, getattr(i, "code", "")) for i in items] == [
        ("Document", ""), ("Rejection", "bad_url"), ("Rejection", "fetch")]
    assert items[1].ref == f"{listing}:4"


def test_per_host_pace_and_crawl_delay_with_a_fake_clock(no_sockets):
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    robots = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nCrawl-delay: 3\n")
    transport = ScriptedTransport({
        (PUBLIC, "/robots.txt"): NO_ROBOTS, (PUBLIC, "/a"): (200, HTML, ARTICLE), (PUBLIC, "/b"): (200, HTML, ARTICLE),
        ("203.0.113.9", "/robots.txt"): robots, ("203.0.113.9", "/c"): (200, HTML, ARTICLE),
        ("203.0.113.9", "/d"): (200, HTML, ARTICLE),
    })
    resolver = resolver_of({"a.example.com": [PUBLIC], "slow.example.com": ["203.0.113.9"]})
    settings = Settings(fetch_rate=2.0, fetch_allow_hosts="203.0.113.0/24")
    fetcher = Fetcher(settings, transport=transport, resolver=resolver, clock=lambda: now[0], sleep=sleep)
    for url in ("http://a.example.com/a", "http://a.example.com/b", "http://slow.example.com/c",
                "http://slow.example.com/d"):
        fetcher.get(url)
    # a.example.com: robots, then /a 0.5 s later, /b 0.5 s after; slow.example.com: Crawl-delay 3 s
    assert slept == [0.5, 0.5, 0.5, 3.0]


def test_cli_ingest_takes_a_url(local_server, tmp_path, monkeypatch):
    local_server.routes["/article"] = (200, HTML, ARTICLE)
    monkeypatch.setenv("SITREP_FETCH_ALLOW_HOSTS", "127.0.0.1")
    monkeypatch.setenv("SITREP_FETCH_RATE", "0")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["ingest", f"{local_server.base}/article", "--db", "x.db", "--json"])
    assert result.exit_code == 0, result.output
    assert '"new": 1' in result.output and local_server.hits["/article"] == 1
