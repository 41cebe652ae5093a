"""The web app and JSON API on a ledger of the story corpus plus a hostile article: pages
render and filter, evidence is marked inside the article text, the API pages and validates,
and article HTML (script tags, event-handler attributes) only ever shows as text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep import Workspace
from sitrep.web import create_app

STORY = Path(__file__).resolve().parents[2] / "examples" / "story"
HOSTILE = (
    "Rockets hit Riverton <script>alert('x')</script> market\n\n"
    "Rockets struck the covered market in Kharkiv on Monday, killing at least 12 people, the "
    "regional governor said. <img src=x onerror=alert(1)> Witnesses said the stalls burned.\n"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    root = tmp_path_factory.mktemp("web")
    bad = root / "hostile.txt"
    bad.write_text(HOSTILE, encoding="utf-8")
    (root / "hostile.meta.json").write_text(json.dumps({
        "title": "<script>alert('title')</script> Market strike", "published": "2024-05-20",
        "url": "javascript:alert(3)", "source": "<b>Bad Outlet</b>"}), encoding="utf-8")
    db = root / "w.db"
    with Workspace.open(db) as ws:
        ws.ingest([STORY, bad])
    with TestClient(create_app(db)) as c:
        yield c


def _event_ids(html: str) -> list[str]:
    return re.findall(r'href="/events/([0-9a-f]+-e\d+)"', html)


def test_event_list_filters_sorts_and_pages(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "Pavlohrad" in page.text
    assert "Content-Security-Policy" in page.headers and "script-src" not in page.headers["Content-Security-Policy"]
    ua = client.get("/", params={"country": "ua", "q": "Pavlohrad"})
    assert "Pavlohrad" in ua.text and len(_event_ids(ua.text)) >= 1
    none = client.get("/", params={"date_from": "2030-01-01"})
    assert not _event_ids(none.text) and "No event matches" in none.text
    by_killed = client.get("/api/events", params={"sort": "killed", "order": "desc"}).json()
    killed = [e["killed"] for e in by_killed["items"] if e["killed"] is not None]
    assert killed == sorted(killed, reverse=True) and killed
    p1 = client.get("/api/events", params={"per_page": 1, "page": 1}).json()
    p2 = client.get("/api/events", params={"per_page": 1, "page": 2}).json()
    assert p1["total"] == p2["total"] >= 2 and p1["items"][0]["id"] != p2["items"][0]["id"]
    assert client.get("/", params={"date_from": "yesterday"}).status_code == 400
    assert client.get("/api/events", params={"per_page": 1000}).status_code == 422
    assert client.get("/api/events", params={"sort": "password"}).status_code == 422


def test_event_page_shows_estimates_timeline_contradictions_and_marked_evidence(client: TestClient) -> None:
    top = client.get("/api/events", params={"sort": "sources"}).json()["items"][0]
    page = client.get(f"/events/{top['id']}")
    assert page.status_code == 200
    text = page.text
    assert "Estimates" in text and "best:" in text and "Contradictions" in text
    assert '<svg class="chart"' in text  # the timeline of each claimant's figures
    assert re.search(r'<mark id="c-[^"]+">[^<]*\d', text)  # the evidence sentence, marked
    article = re.search(r'href="/articles/([0-9a-f]+)\?claim=([^"#]+)#', text)
    assert article
    doc_page = client.get(f"/articles/{article.group(1)}", params={"claim": article.group(2)})
    focus = re.search(r'<mark id="[^"]+" class="focus">(.*?)</mark>', doc_page.text)
    assert focus and f'id="c-{article.group(2)}"' in focus.group(0)
    brief = client.get(f"/events/{top['id']}/brief", params={"download": 1})
    assert brief.headers["content-disposition"].startswith("attachment;")
    assert brief.text.startswith("<!doctype html>")


def test_map_renders_a_marker_per_placed_event(client: TestClient) -> None:
    page = client.get("/map")
    markers = re.findall(r'<a href="/events/([^"]+)"><circle class="marker"', page.text)
    placed = [e for e in client.get("/api/events", params={"per_page": 200}).json()["items"] if e["lat"] is not None]
    assert len(markers) == len(placed) > 0


def test_hostile_article_shows_as_text_everywhere(client: TestClient) -> None:
    items = client.get("/api/events", params={"q": "Kharkiv"}).json()["items"]
    assert items, "the hostile article's event is listed"
    event = client.get(f"/events/{items[0]['id']}").text
    doc_id = re.search(r'href="/articles/([0-9a-f]+)"', event).group(1)
    pages = [client.get("/").text, event, client.get(f"/articles/{doc_id}").text,
             client.get(f"/events/{items[0]['id']}/brief").text, client.get("/map").text]
    for html in pages:
        assert "<script" not in html.lower()
        assert "<img" not in html.lower() and "<b>bad" not in html.lower()
        assert 'href="javascript:' not in html.lower()
    article = pages[2]
    assert "&lt;script&gt;" in article and "onerror=alert(1)&gt;" in article
    api = client.get(f"/api/articles/{doc_id}").json()
    assert "<script>" in api["document"]["text"]  # the API returns data as stored (JSON, not HTML)


def test_api_records_and_errors(client: TestClient) -> None:
    event_id = client.get("/api/events").json()["items"][0]["id"]
    record = client.get(f"/api/events/{event_id}").json()
    assert {"id", "estimates", "claims", "contradictions", "documents", "review"} <= record.keys()
    claims = client.get(f"/api/events/{event_id}/claims", params={"per_page": 2}).json()
    assert claims["total"] >= len(claims["items"])
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/events/nope").json()["detail"].startswith("no event")
    assert client.get("/api/articles/nope").status_code == 404
    csv = client.get("/api/export", params={"format": "acled"})
    assert csv.status_code == 200 and csv.text.startswith("event_id_cnty,")
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/export"} <= schema["paths"].keys()
    too_big = client.post("/api/events", content=b"x" * 2_000_000)
    assert too_big.status_code == 413
