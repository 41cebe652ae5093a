"""Ingest: WARC archives (plain and gzip), written here with warcio from our own small pages."""

from __future__ import annotations

import gzip
import io
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.ingest import read_sources
from sitrep.ingest.warc import warc_pages
from sitrep.models import Document, Rejection
from sitrep.settings import Settings
from sitrep.workspace import Workspace

CAPTURED = "2024-02-13T10:00:00Z"


def tag(i: int) -> str:
    """``i`` in letters (a, b, …, ba, …): no digits, so no page text or URL looks like a year."""
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[r] + letters
        if not i:
            return letters


def url(i: int) -> str:
    return f"https://news.example.com/story/{tag(i)}"


def article(i: int, dated: bool = False) -> bytes:
    meta = '<meta property="article:published_time" content="2023-05-04">' if dated else ""
    t = tag(i)
    return (
        f"<html><head><title>Dispatch {t}</title>{meta}</head><body><nav>Home | World</nav>"
        f"<article><h1>Dispatch {t}</h1><p>Shelling damaged houses in the village of "
        f"Testdorf-{t}, the mayor told reporters at the scene.</p>"
        f"<p>Repair crews reached the {t} street by the evening, he added.</p></article></body></html>"
    ).encode()


def record(kind: str, i: int, gz: bool, body: bytes | None = None) -> bytes:
    """One WARC record's bytes: html, png, json, css, 404, request or metadata."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    target = url(i)
    headers = {"WARC-Date": CAPTURED}
    types = {"html": "text/html; charset=utf-8", "404": "text/html", "png": "image/png",
             "json": "application/json", "css": "text/css"}
    if kind in types:
        status = "404 Not Found" if kind == "404" else "200 OK"
        http = StatusAndHeaders(status, [("Content-Type", types[kind])], protocol="HTTP/1.1")
        payload = body if body is not None else {
            "html": article(i), "404": b"<html><body><p>Not found, sorry about that page.</p></body></html>",
            "png": b"\x89PNG\r\n\x1a\n" + bytes(64), "json": b'{"n": %d}' % i, "css": b"p { margin: 0 }",
        }[kind]
        rec = writer.create_warc_record(target, "response", payload=io.BytesIO(payload),
                                        http_headers=http, warc_headers_dict=headers)
    elif kind == "request":
        http = StatusAndHeaders(f"GET /story/{tag(i)} HTTP/1.1", [("Host", "news.example.com")], is_http_request=True)
        rec = writer.create_warc_record(target, "request", http_headers=http, warc_headers_dict=headers)
    else:
        rec = writer.create_warc_record(target, "metadata", payload=io.BytesIO(b"via: test\r\n"),
                                        warc_content_type="application/warc-fields", warc_headers_dict=headers)
    writer.write_record(rec)
    return buf.getvalue()


def corrupt(raw: bytes, gz: bool) -> bytes:
    """The same record made unreadable: its header line garbled, or its gzip data flipped."""
    if gz:
        return raw[:40] + bytes(b ^ 0x55 for b in raw[40:60]) + raw[60:]
    return raw.replace(b"WARC/1.0", b"WXRC/1.0", 1)


CYCLE = (("request", "html"), ("request", "png"), ("request", "json"), ("metadata",), ("request", "css"))


def write_archive(path: Path, captures: int, gz: bool, corrupt_at: int | None = None) -> Counter[str]:
    """A WARC of ``captures`` captures cycling through CYCLE; returns the records written by kind."""
    written: Counter[str] = Counter()
    with path.open("wb") as fh:
        for i in range(captures):
            for kind in CYCLE[i % len(CYCLE)]:
                raw = record(kind, i, gz)
                if i == corrupt_at and kind == "html":
                    raw = corrupt(raw, gz)
                fh.write(raw)
                written[kind] += 1
    return written


@pytest.fixture(scope="module")
def big_warc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Counter[str]]:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc"
    written = write_archive(path, 2780, gz=False, corrupt_at=1390)  # a corrupt article in the middle
    return path, written


def test_warc_of_5000_records_with_a_corrupt_record_and_non_html_in_the_middle(big_warc):
    path, written = big_warc
    assert sum(written.values()) >= 5000
    items = list(read_sources([path], settings=Settings()))
    docs = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert len(docs) == written["html"] - 1  # every HTML response but the corrupt one
    assert [(r.code, r.ref) for r in rejected] == [("corrupt", rejected[0].ref)]
    assert rejected[0].ref.startswith(f"{path}@") and "skipped to the next record" in rejected[0].message
    assert "\n" not in rejected[0].message
    refs = [d.ref for d in docs]
    assert refs[0] == url(0) and url(1390) not in refs
    assert url(1395) in refs  # reading went on after the corrupt record
    assert all(d.url == d.ref and d.published == "2024-02-13" for d in docs)


def test_warc_counts_every_record_by_what_happened_to_it(big_warc):
    path, written = big_warc
    stats: Counter[str] = Counter()
    pages = list(warc_pages(path, Settings().max_bytes, stats))
    assert stats["record"] == sum(written.values()) - 1  # the corrupt record is not read as one
    assert stats["page"] == written["html"] - 1 and stats["corrupt"] == 1
    assert stats["not_html"] == written["png"] + written["json"] + written["css"]
    assert stats["not_response"] == written["request"] + written["metadata"]
    assert len(pages) == stats["page"] + 1


def test_warc_gz_with_a_corrupt_member_goes_on_with_the_next_records(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    written = write_archive(path, 600, gz=True, corrupt_at=300)
    stats: Counter[str] = Counter()
    items = list(warc_pages(path, Settings().max_bytes, stats))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert len(rejected) == 1 and rejected[0].code == "corrupt"
    assert stats["page"] == written["html"] - 1
    assert items[-1].url == url(595)


def test_warc_capture_date_is_only_a_fallback_and_the_target_uri_is_the_ref(tmp_path):
    path = tmp_path / "two.warc.gz"
    path.write_bytes(record("html", 1, True) + record("html", 2, True, body=article(2, dated=True)))
    undated, dated = read_sources([path], settings=Settings())
    assert undated.ref == undated.url == url(1)
    assert undated.published == "2024-02-13" and undated.title == "Dispatch b"
    assert dated.published == "2023-05-04"  # the page's own date wins over the capture date
    assert "Home | World" not in dated.text


def test_warc_skips_error_pages_and_rejects_an_oversize_payload(tmp_path):
    path = tmp_path / "mixed.warc"
    big = article(7).replace(b"</article>", b"<p>" + b"More words here. " * 400 + b"</p></article>")
    path.write_bytes(record("404", 1, False) + record("html", 7, False, body=big) + record("html", 8, False))
    items = list(read_sources([path], settings=Settings(max_bytes=4000)))
    assert [type(i).__name__ for i in items] == ["Rejection", "Document"]
    assert items[0].code == "too_large" and items[0].ref == url(7)
    assert items[1].ref == url(8)


def test_warc_garbage_to_the_end_is_one_clear_rejection(tmp_path):
    path = tmp_path / "tail.warc"
    path.write_bytes(record("html", 1, False) + b"this is not a record\r\n" * 50)
    doc, rejection = read_sources([path], settings=Settings())
    assert isinstance(doc, Document) and rejection.code == "corrupt"
    assert "no further record found, the rest of the file (1100 bytes) is skipped" in rejection.message


@pytest.mark.parametrize("name, data, words", [
    ("page.warc", b"<html><body>not an archive</body></html>", "not a WARC file"),
    ("whole.warc.gz", gzip.compress(record("html", 1, False) + record("html", 2, False)), "warcio recompress"),
    ("empty.warc", b"", "empty file"),
])
def test_warc_that_is_not_one_is_rejected_with_a_reason(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    rejections = [i for i in read_sources([path], settings=Settings()) if isinstance(i, Rejection)]
    assert len(rejections) == 1 and words in rejections[0].message and "\n" not in rejections[0].message


def test_warc_truncated_page_is_rejected(tmp_path):
    path = tmp_path / "cut.warc"
    path.write_bytes((record("html", 1, False) + record("html", 2, False))[:-80])
    doc, rejection = read_sources([path], settings=Settings())
    assert doc.ref == url(1) and rejection.code == "corrupt" and "truncated" in rejection.message


def test_warc_directory_walk_and_workspace_ingest(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(record("html", 1, True) + record("png", 2, True))
    (tmp_path / "b.warc").write_bytes(record("html", 3, False))
    with Workspace(Settings(db=str(tmp_path / "ledger.db"))) as ws:
        seen: list[tuple[str, str]] = []
        summary = ws.ingest([tmp_path], progress=lambda ref, outcome: seen.append((ref, outcome)))
    assert summary.new == 2 and not summary.rejected
    assert seen == [(url(1), "new"), (url(3), "new")]


def test_warc_memory_does_not_grow_with_the_archive(tmp_path):
    def peak(captures: int) -> int:
        path = tmp_path / f"{captures}.warc.gz"
        write_archive(path, captures, gz=True)
        tracemalloc.start()
        try:
            for _ in warc_pages(path, Settings().max_bytes):
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(250), peak(2000)
    assert large < small * 1.5 + 64 * 1024, (small, large)


def test_a_year_in_the_body_text_does_not_beat_the_capture_date(tmp_path):
    """Only the page's markup may date it: 'in 1995' in a paragraph is not its publication date."""
    page = (b"<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
            b"<p>The bridge, first opened in 1995 and shelled on 3 March 2021, reopened to traffic on "
            b"Tuesday after repairs, the city council said in a statement.</p>"
            b"<p>Engineers worked through the winter, officials added.</p></article></body></html>")
    path = tmp_path / "one.warc"
    path.write_bytes(record("html", 1, False, body=page))
    (doc,) = [d for d in read_sources([path], settings=Settings()) if isinstance(d, Document)]
    assert doc.published == CAPTURED[:10]
