"""Ingest: each input kind, sidecars and flags, and bad input as rejections."""

from __future__ import annotations

import json

import pytest

from sitrep.ingest import Overrides, read_sources
from sitrep.models import Document, Rejection
from sitrep.settings import Settings

BODY = "Shelling killed four civilians in the town of Avdiivka on Tuesday, the governor said.\n"


DEFAULT = Settings()


def read(*paths, settings=DEFAULT, overrides=None):
    return list(read_sources(paths, settings=settings, overrides=overrides))


def test_ingest_txt_with_sidecar_and_flags(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(
        {"title": "Town shelled", "url": "https://www.example.test/x", "published": "2024-02-13T10:00:00Z"}))
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.published == "2024-02-13" and doc.source == "example.test" and doc.language == "en"
    assert doc.text.startswith("Town shelled\n\n")  # the headline is part of what the outlet states
    (doc2,) = read(path, overrides=Overrides(published="2024-02-14", title="Other"))
    assert doc2.published == "2024-02-14" and doc2.title == "Other"


def test_ingest_document_id_is_stable_and_ref_echoes_the_path(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY.replace(" ", "  "), encoding="utf-8")
    a, b = read(tmp_path / "a.txt", tmp_path / "b.txt")
    assert a.id == b.id and a.ref.endswith("a.txt") and b.ref.endswith("b.txt")


def test_ingest_jsonl_ref_is_the_record_id_and_bad_lines_are_rejected(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "r1", "text": BODY, "date": "2024-02-13"}),
        "{not json",
        json.dumps({"id": "r3"}),
        json.dumps({"id": "r4", "html": f"<html><body><article><p>{BODY}</p></article></body></html>"}),
    ]), encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "Rejection", "Rejection", "Document"]
    assert items[0].ref == "r1" and items[0].published == "2024-02-13"
    assert items[1].ref.endswith("c.jsonl:2") and items[1].code == "bad_json"
    assert items[2].ref.endswith("c.jsonl:3")
    assert items[3].ref == "r4" and "Avdiivka" in items[3].text


@pytest.mark.parametrize(
    "name, data, code",
    [("empty.txt", b"", "empty"), ("blank.txt", b"  \n\n ", "empty"), ("bin.txt", b"\x00\x01PNG" * 50, "binary"),
     ("latin.txt", "Caf\xe9 shelled".encode("latin-1"), "encoding"), ("odd.pdf", b"%PDF-1.4", "unsupported"),
     ("nobody.html", b"<html><head><title>t</title></head><body></body></html>", "no_body"),
     ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary")],
)
def test_ingest_bad_inputs_are_rejections_with_one_line(tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    (good := tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    items = read(path, good)
    assert isinstance(items[0], Rejection) and items[0].code == code
    assert "\n" not in items[0].message and items[0].ref == str(path)
    assert isinstance(items[1], Document)


def test_ingest_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    (item,) = read(path, settings=Settings(max_bytes=100))
    assert isinstance(item, Rejection) and item.code == "too_large"


def test_ingest_a_headline_alone_is_a_text_and_a_shorter_one_is_not(tmp_path):
    path = tmp_path / "h.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                              [("h1", "Two die in Kabul blast"), ("h2", "n/a")]), encoding="utf-8")
    headline, short = read(path)
    assert isinstance(headline, Document) and headline.text == "Two die in Kabul blast"
    assert isinstance(short, Rejection) and short.code == "no_body"
    assert all(isinstance(i, Rejection) for i in read(path, settings=Settings(min_chars=40)))


def test_ingest_directory_walk_skips_sidecars_gold_and_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "x.gold.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / "notes.md").write_text("# notes")
    items = read(tmp_path)
    assert len(items) == 1 and items[0].ref.endswith("x.txt")


def test_ingest_missing_path_is_a_rejection():
    (item,) = read("/nonexistent/nowhere.txt")
    assert isinstance(item, Rejection) and item.code == "input"


def test_ingest_gva_records_keep_their_ids(gva_path):
    items = read(gva_path)
    assert len(items) == 200
    assert all(isinstance(i, Document) and i.ref.startswith("gva:") for i in items)


def test_ingest_hostile_html_pages_never_crash(html_dir):
    items = read(html_dir)
    assert len(items) == len(list(html_dir.glob("*.htm*")))
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) >= 0.9 * len(items)
    for doc in docs:
        assert doc.text and doc.id
