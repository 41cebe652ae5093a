"""Ingest: the up-front measure of a run (a progress bar's total): files and JSONL counted as the
readers will read them, WARC archives in bytes and never parsed twice, no total when unknowable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_warc import record

from sitrep.ingest import extent, measure, read_sources
from sitrep.ingest.extent import BYTES, DOCUMENTS, Meter
from sitrep.models import Document, Rejection
from sitrep.settings import Settings

BODY = "Shelling damaged houses in the village of Testdorf on Tuesday, the mayor told reporters.\n"


def _read(paths: list[str | Path], meter: Meter | None = None) -> list[Document | Rejection]:
    return list(read_sources(paths, settings=Settings(), meter=meter))


def test_measure_counts_the_files_a_directory_walk_reads(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")  # a sidecar, not an input
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.md").write_text(BODY, encoding="utf-8")  # not picked up by a walk
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "empty.txt").write_text("", encoding="utf-8")  # a rejection: still one input
    missing = tmp_path / "nowhere.txt"
    meter = measure([tmp_path, str(missing)])
    assert (meter.unit, meter.total) == (DOCUMENTS, 4)
    assert meter.total == len(_read([tmp_path, str(missing)]))


def test_measure_counts_jsonl_records_without_parsing_them(tmp_path, monkeypatch):
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": BODY * (i + 1)}) for i in range(5)]
    # blank and whitespace-only lines are skipped by the reader; a bad line is one rejection;
    # the last record has no newline after it
    path.write_bytes(("\n".join([lines[0], "", "   \t", lines[1], "{not json", lines[2], lines[3], "\r"])
                      + "\n\n" + lines[4]).encode())
    items = _read([path])
    assert len(items) == 6 and sum(isinstance(i, Rejection) for i in items) == 1
    for chunk in (1 << 20, 1, 2, 7, 64):  # lines spanning chunk boundaries count once
        monkeypatch.setattr(extent, "_CHUNK", chunk)
        meter = measure([path])
        assert (meter.unit, meter.total) == (DOCUMENTS, 6), chunk
    monkeypatch.setattr(extent, "_CHUNK", 3)
    assert measure([path, tmp_path / "more.txt"]).total == 7  # and a missing file: one rejection


def test_measure_of_an_empty_or_blank_jsonl_is_zero(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n \n\t\n")
    assert measure([tmp_path / "empty.jsonl", tmp_path / "blank.jsonl"]).total == 0
    assert _read([tmp_path / "empty.jsonl", tmp_path / "blank.jsonl"]) == []


def test_measure_counts_urls_and_url_lists_without_fetching(tmp_path, no_sockets):
    urls = tmp_path / "list.urls"
    urls.write_bytes(b"\xef\xbb\xbf# a comment\nhttps://a.example/1\n\n  https://a.example/2\nnot a url\n"
                     b"#https://a.example/3\n")
    meter = measure([urls, "https://b.example/x"])
    assert (meter.unit, meter.total) == (DOCUMENTS, 4)  # two URLs, a bad line (a rejection), one URL


def _warc(path: Path, pages: int) -> Path:
    path.write_bytes(b"".join(record(kind, i, gz=True) for i in range(pages)
                              for kind in ("request", "html", "png")))
    return path


def test_measure_of_a_warc_is_its_bytes_and_it_is_not_opened(tmp_path, monkeypatch):
    warc = _warc(tmp_path / "crawl.warc.gz", 4)
    txt = tmp_path / "a.txt"
    txt.write_text(BODY, encoding="utf-8")
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object):
        if self.name.endswith(".warc.gz"):
            raise AssertionError("measure opened the archive")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    meter = measure([warc, txt])
    assert (meter.unit, meter.total) == (BYTES, warc.stat().st_size + txt.stat().st_size)


def test_reading_moves_a_bytes_meter_record_by_record_to_its_total(tmp_path):
    warc = _warc(tmp_path / "crawl.warc.gz", 6)
    txt = tmp_path / "a.txt"
    txt.write_text(BODY, encoding="utf-8")
    meter = measure([txt, warc])
    seen = []
    for item in read_sources([txt, warc], settings=Settings(), meter=meter):
        seen.append(meter.bytes)
        assert isinstance(item, Document)
    assert len(seen) == 7
    assert seen == sorted(seen) and len(set(seen)) == 7  # moves with every page read
    assert txt.stat().st_size <= seen[1] < meter.total  # the archive's own offsets, after the text
    assert meter.bytes == meter.completed == meter.total


@pytest.mark.parametrize("inputs", [
    lambda d: [d / "crawl.warc.gz", "https://b.example/x"],  # an archive and a fetch
    lambda d: [d / "news.rss"],  # a feed's entries are only known once it is parsed
    lambda d: [d / "news.xml", d / "a.txt"],
])
def test_measure_has_no_total_when_it_cannot_be_known_cheaply(tmp_path, inputs, no_sockets):
    _warc(tmp_path / "crawl.warc.gz", 1)
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    for name in ("news.rss", "news.xml"):
        (tmp_path / name).write_text("<rss version='2.0'><channel></channel></rss>", encoding="utf-8")
    meter = measure(inputs(tmp_path))
    assert meter.total is None and meter.unit == DOCUMENTS
    meter.settled()
    assert meter.completed == 1
