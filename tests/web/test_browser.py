"""End to end in a real browser: headless Chromium (Debian's package) driven by Playwright
against `sitrep serve` on 127.0.0.1, on a ledger of the examples. Screenshots of each step go
to ``$SITREP_ARTIFACTS`` (default ``build/screenshots``). Skipped when Chromium or Playwright is
missing, except under CI=true, where the README's test command installs Chromium first."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from sitrep import Workspace

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("SITREP_ARTIFACTS", ROOT / "build" / "screenshots"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None


def _need_browser() -> None:
    missing = sync_playwright is None or not Path(CHROMIUM).exists()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true needs Chromium (/usr/bin/chromium) and playwright for the browser tests")
        pytest.skip("Chromium or playwright is not installed (apt-get install chromium; pip install playwright)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    import uvicorn

    from sitrep.web import create_app

    db = tmp_path_factory.mktemp("e2e") / "e2e.db"
    with Workspace.open(db) as ws:
        ws.ingest([ROOT / "examples"])
        token = ws.store.create_token("tester")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}", token
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        # nothing may be fetched from anywhere but the app itself
        outside: list[str] = []
        pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server[0]) else None)
        yield pg
        assert not outside, f"the page fetched from outside: {outside[:3]}"
        browser.close()


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_browse_filter_map_event_and_evidence(server, page: Page) -> None:
    base, _ = server
    page.goto(base + "/")
    expect(page.locator("table.events tbody tr").first).to_be_visible()
    total = page.locator("table.events tbody tr").count()
    _shot(page, "1-event-list")
    page.select_option("select[name=country]", "UA")
    page.click("form.filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"country=UA"))
    filtered = page.locator("table.events tbody tr").count()
    assert 0 < filtered < total
    _shot(page, "2-filtered-UA")
    page.goto(base + "/map")
    markers = page.locator("svg.map circle.marker")
    expect(markers.first).to_be_visible()
    assert markers.count() >= 10
    if os.environ.get("CI") == "true":  # the test command installs the basemap
        assert page.locator("svg.map path.land").count() > 50, "no country outlines (npm world-atlas)"
    _shot(page, "3-map")
    page.goto(base + "/?q=Pavlohrad&sort=sources&order=desc")
    page.locator("table.events tbody tr a").first.click()
    expect(page.locator("h1")).to_contain_text("Pavlohrad")
    expect(page.locator("blockquote.evidence mark").first).to_be_visible()
    expect(page.locator("svg.chart").first).to_be_visible()
    _shot(page, "4-event")
    page.locator("blockquote.evidence").first.locator("xpath=..").locator("a").first.click()
    focus = page.locator("article.text mark.focus")
    expect(focus).to_be_visible()
    _shot(page, "5-article-evidence")


def test_login_confirm_correct_and_see_the_estimate_change(server, page: Page) -> None:
    base, token = server
    page.goto(base + "/?q=Sagaing")
    page.locator("table.events tbody tr a").first.click()
    event_url = page.url
    high_cell = page.locator("table tr:has(td:text-is('killed')) td.num").nth(2)
    high = int(high_cell.inner_text())
    page.click("text=log in to review")
    page.fill("input[name=token]", token)
    page.click("form button[type=submit]")
    expect(page).to_have_url(event_url)
    expect(page.locator("header .user")).to_contain_text("tester")
    # confirm the first claim
    first = page.locator("ol.claims > li").first
    first.locator("button[value=confirm]").click()
    expect(page.locator("ol.claims > li").first.locator(".status")).to_have_text("confirmed")
    _shot(page, "6-confirmed")
    # correct the claim that gives the highest killed figure
    claim = page.locator("ol.claims > li", has=page.locator("strong", has_text=re.compile(rf"\b{high} killed"))).first
    claim.locator("input[name=central]").fill(str(high + 100))
    claim.locator("button[value=correct]").click()
    new_high = int(page.locator("table tr:has(td:text-is('killed')) td.num").nth(2).inner_text())
    assert new_high == high + 100
    expect(page.locator("table.audit")).to_contain_text("correct")
    _shot(page, "7-corrected-estimate")
