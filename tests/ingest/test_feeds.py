"""Ingest: RSS and Atom feeds (files and URLs); each entry's link is fetched from the local
server on 127.0.0.1 (allowed explicitly), with the entry's title and date as fallbacks."""

from __future__ import annotations

from fetchkit import HTML, ScriptedTransport, page, resolver_of

from sitrep.ingest import Fetcher, read_sources
from sitrep.models import Document, Rejection
from sitrep.settings import Settings

SETTINGS = Settings(fetch_allow_hosts="127.0.0.1", fetch_rate=0)
BARE = page(None, "Shelling killed three people in the town of Testburg on Friday, the governor said.")
TITLED = page("Own headline", "Shelling killed five people in the town of Testburg on Sunday, the mayor said.",
              date="2024-03-03")


def rss(base: str) -> bytes:
    items = [
        ("Entry headline", f"{base}/bare", "Mon, 04 Mar 2024 08:00:00 GMT"),
        ("Feed title loses", f"{base}/titled", "Tue, 05 Mar 2024 08:00:00 GMT"),
        ("Gone", f"{base}/gone", None),
        ("No link", None, None),
        ("Metadata service", "http://169.254.169.254/latest/", None),
        ("A feed", f"{base}/feed.rss", None),
    ]
    body = "".join(
        "<item>" + f"<title>{t}</title>" + (f"<link>{link}</link>" if link else "")
        + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>" for t, link, d in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>{base}/</link>{body}</channel></rss>").encode()


def atom(base: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom wire</title><id>urn:x</id><updated>2024-03-06T00:00:00Z</updated>"
            f'<entry><title>Atom entry</title><link href="{base}/bare"/><id>urn:1</id>'
            f"<updated>2024-03-06T09:00:00Z</updated></entry></feed>").encode()


def serve_articles(server) -> None:
    server.routes.update({
        "/bare": (200, HTML, BARE), "/titled": (200, HTML, TITLED),
        "/feed.rss": (200, {"Content-Type": "application/rss+xml"}, rss(server.base)),
        "/atom": (200, {"Content-Type": "application/atom+xml"}, atom(server.base)),
    })


def read(sources, settings=SETTINGS):
    with Fetcher(settings) as fetcher:
        return list(read_sources(sources, settings=settings, fetcher=fetcher))


def test_rss_file_entries_are_fetched_with_title_and_date_as_fallbacks(local_server, tmp_path):
    serve_articles(local_server)
    path = tmp_path / "wire.rss"
    path.write_bytes(rss(local_server.base))
    items = read([path])
    base = local_server.base
    bare, titled, *rejected = items
    assert isinstance(bare, Document) and bare.ref == bare.url == f"{base}/bare"
    assert bare.title == "Entry headline" and bare.published == "2024-03-04"  # the entry's, as fallback
    assert titled.title == "Own headline" and titled.published == "2024-03-03"  # the page's own win
    assert [(r.ref, r.code) for r in rejected] == [
        (f"{base}/gone", "fetch"), (f"{path}#entry4", "unsupported"),
        ("http://169.254.169.254/latest/", "refused"), (f"{base}/feed.rss", "unsupported")]
    assert all("\n" not in r.message for r in rejected)


def test_feed_url_is_read_as_a_feed(local_server):
    serve_articles(local_server)
    items = read([f"{local_server.base}/atom"])
    assert len(items) == 1 and isinstance(items[0], Document)
    assert items[0].title == "Atom entry" and items[0].published == "2024-03-06"


def test_atom_and_xml_files_and_a_directory_walk(local_server, tmp_path):
    serve_articles(local_server)
    (tmp_path / "a.atom").write_bytes(atom(local_server.base))
    (tmp_path / "ignored.xml").write_bytes(atom(local_server.base))  # .xml only when named
    explicit = tmp_path / "feed.xml"
    explicit.write_bytes(atom(local_server.base))
    walked = read([tmp_path])
    assert len(walked) == 1 and walked[0].ref.endswith("/bare")
    assert [type(i).__name__ for i in read([explicit])] == ["Document"]


def test_a_file_that_is_not_a_feed_is_one_rejection(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>hello</note></notes>")
    (item,) = read([path])
    assert isinstance(item, Rejection) and item.code == "unsupported" and "not an RSS or Atom feed" in item.message


def test_feed_entry_links_to_private_addresses_are_refused_before_any_connection(no_sockets, tmp_path):
    path = tmp_path / "evil.rss"
    path.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                     b"<item><link>http://127.0.0.1/admin</link></item>"
                     b"<item><link>http://news.example.com/x</link></item></channel></rss>")
    settings = Settings(fetch_rate=0)
    with Fetcher(settings, transport=ScriptedTransport(),
                 resolver=resolver_of({"news.example.com": ["10.0.0.1"]})) as fetcher:
        items = list(read_sources([path], settings=settings, fetcher=fetcher))
    assert [(i.code, "loopback" in i.message or "private" in i.message) for i in items] == [
        ("refused", True), ("refused", True)]
