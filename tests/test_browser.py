"""The real browser: the app starts, a filter and the language change, the copied URL opens
the same view in a fresh browser, every page renders without an error (screenshots of each
page at 1440×900 go to artifacts/screenshots/, git-ignored).

Uses Debian's chromium (`.ci/run` installs it); never downloads a browser."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cxdash import data, i18n
from cxdash.paths import ROOT
from tests.conftest import PAGES

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("chromium not installed", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard.py` on `port`, once it answers its health check."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.headless=true",
            f"--server.port={port}",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError("streamlit did not start")


@pytest.fixture(scope="module")
def server():
    proc, url = start_server(_free_port())
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def settle(page) -> None:
    """Wait for a rerun to finish, as Streamlit's own e2e suite does. Twice: a server's
    first deep link runs the page, then reruns it through dashboard.py (see shell.page)."""
    for _ in range(2):
        page.wait_for_timeout(300)
        page.wait_for_selector(
            "[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=60_000
        )
        page.wait_for_selector("[data-test-script-state=notRunning]", timeout=120_000)
        page.wait_for_function(
            "!document.querySelector('[data-testid=stSkeleton]')", timeout=60_000
        )


def new_page(browser, url: str):
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(url)
    settle(page)
    return page


def pick(page, label: str, option: str) -> None:
    box = page.locator("[data-testid=stMultiSelect]").filter(has_text=label).first
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)


def test_filter_language_and_link_reopen_the_same_view(server, browser):
    page = new_page(browser, f"{server}/tiers")
    assert page.locator("[data-testid=stVegaLiteChart]").count() > 10
    pick(page, "Maturity tier", "Champion")
    page.get_by_text("繁體中文", exact=True).click()
    settle(page)
    url = page.url
    assert "tier=Champion" in url and "lang=zh" in url and "/tiers" in url
    heading = page.locator("h1").first.inner_text()
    page.context.close()

    again = new_page(browser, url)  # a fresh context: no cookies, no session
    assert again.locator("h1").first.inner_text() == heading == "成熟度等級"
    chips = again.locator("[data-testid=stMultiSelect]").filter(has_text="成熟度等級")
    assert "領航者" in chips.first.inner_text()
    assert again.locator("[data-testid=stException]").count() == 0
    again.context.close()


def test_unknown_url_value_shows_a_notice(server, browser):
    page = new_page(browser, f"{server}/countries?tier=Platinum&lang=xx")
    text = page.locator("[data-testid=stAlert]").all_inner_texts()
    assert any("Platinum" in t for t in text)
    assert page.locator("[data-testid=stException]").count() == 0
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders(server, browser, lang):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(browser, f"{server}/?lang={lang}")
    for name in PAGES:
        page.goto(f"{server}/{'' if name == 'overview' else name}?lang={lang}")
        settle(page)
        assert page.locator("[data-testid=stException]").count() == 0, name
        assert page.locator("h1").count() >= 1, name
        page.screenshot(path=str(SHOTS / f"{name}-{lang}.png"))
    page.context.close()


def test_presentation_and_embed_modes(server, browser):
    page = new_page(browser, f"{server}/countries?country=Japan&present=1&slide=2")
    assert page.locator("[data-testid=stVegaLiteChart]").count() == 1
    assert not page.locator("[data-testid=stSidebar]").is_visible()
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "2 / " in main
    page.locator("[data-testid=stHeader]").wait_for(state="hidden")  # nothing covers the bar
    box = page.locator("[data-testid=stButton]").filter(has_text="Next").bounding_box()
    assert box["y"] >= 0 and box["height"] > 20
    page.get_by_role("button", name="Next").click()
    settle(page)
    assert "slide=3" in page.url
    for key, slide in [("ArrowRight", "slide=4"), ("ArrowLeft", "slide=3"), ("End", None)]:
        page.keyboard.press(key)
        settle(page)
        assert slide is None or slide in page.url, (key, page.url)
    last = page.locator("[data-testid=stMain]").inner_text()
    assert re.search(r"(\d+) / \1\b", last), "End goes to the last slide"
    page.keyboard.press("Home")
    settle(page)
    assert "slide=" not in page.url or "slide=1" in page.url
    page.keyboard.press("Escape")
    settle(page)
    assert "present" not in page.url and page.locator("[data-testid=stSidebar]").is_visible()
    page.context.close()

    frame = new_page(
        browser, f"{server}/?chart=apac_first_response_hours&tier=Champion&lang=zh&embed=true"
    )
    assert frame.locator("[data-testid=stVegaLiteChart]").count() == 1
    assert frame.locator("[data-testid=stSidebarNav]").count() == 0
    assert "平均首次回應時間" in frame.inner_text("body")
    frame.context.close()


def _chips(page, label: str) -> str:
    return page.locator("[data-testid=stMultiSelect]").filter(has_text=label).first.inner_text()


@pytest.mark.parametrize("pause_ms", [None, 0, 120, 600])  # None: wait for every rerun
def test_language_switches_keep_filters_as_codes(server, browser, pause_ms):
    """Issue 17.1: en ↔ 繁體中文 with filters set, at several click speeds, never turns a
    code into a label (tier=領航者, year '2021 年' → ValueError)."""
    page = new_page(browser, f"{server}/tiers?year=2021&tier=Champion&lang=zh")
    for lang in ["English", "繁體中文", "English", "繁體中文", "English"]:
        page.get_by_text(lang, exact=True).click()
        if pause_ms is None:
            settle(page)
        else:
            page.wait_for_timeout(pause_ms)
    settle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    if page.get_by_role("radio", name="繁體中文").is_checked():  # a click lost to a busy rerun
        page.get_by_text("English", exact=True).click()
        settle(page)
    page.get_by_text("Maturity tier", exact=True).first.wait_for(timeout=90_000)
    query = page.url.split("?", 1)[1]
    assert sorted(query.split("&")) == ["tier=Champion", "year=2021"], page.url
    assert "Champion" in _chips(page, "Maturity tier")
    year = _chips(page, "Year")
    assert "2021" in year and "年" not in year
    assert page.locator("[data-testid=stVegaLiteChart]").count() > 10
    page.get_by_text("繁體中文", exact=True).click()
    settle(page)
    pick(page, "成熟度等級", "入門新手")  # a filter changed in zh is stored as its code
    assert "tier=Starter" in page.url and "tier=Champion" in page.url and "lang=zh" in page.url
    page.reload()
    settle(page)
    assert "領航者" in _chips(page, "成熟度等級") and "入門新手" in _chips(page, "成熟度等級")
    assert "2021 年" in _chips(page, "年份")
    assert page.locator("[data-testid=stException]").count() == 0
    page.context.close()


HOSTILE_LINKS = [
    "/tiers?tier=Session%20expired%20-%20sign%20in%20again%20at%20https%3A//evil.example/login",
    "/tiers?tier=www.evil.example/login",
    "/countries?country=name%40evil.example",
    "/executive?year=x%0D%3D%3D%3D%0D",
    "/tiers?tier=%26lt%3Bscript%26gt%3B",
    "/tiers?tier=%5Bc%5D(https%3A//evil.example)&lang=zh",
    "/?chart=apac_first_response_hours&embed=true&tier=https%3A//evil.example/x",
    "/benchmark?answers=first_response_time%3Ahttps%3A//evil.example,www.evil.example%3A3",
]


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_url_values_never_become_links_or_headings(server, browser, link):
    """Issue 17.2, read from the rendered DOM: no <a>, <img> or heading comes from a URL
    value, and an entity is shown as typed."""
    page = new_page(browser, server + link)
    main = page.locator("[data-testid=stMain]")
    hrefs = main.locator("a").evaluate_all("els => els.map(e => e.href)")
    outside = [h for h in hrefs if "evil" in (urlsplit(h).hostname or "") or "mailto:" in h]
    assert not outside, outside
    assert main.locator("img[src*='evil']").count() == 0
    heads = " ".join(main.locator("h1, h2, h3, h4, h5, h6").all_inner_texts())
    assert "evil" not in heads and "===" not in heads and "x" not in heads.split()
    alerts = " ".join(page.locator("[data-testid=stAlert]").all_inner_texts())
    assert "evil.example" in alerts or "===" in alerts or "&lt;script&gt;" in alerts
    if "lt%3B" in link:
        assert "&lt;script&gt;" in alerts and "<script>" not in alerts
    assert page.locator("[data-testid=stException]").count() == 0
    page.context.close()


def test_the_first_tab_is_a_skip_link_to_the_content_in_the_readers_language(server, browser):
    page = new_page(browser, f"{server}/tiers?lang=zh")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.className, document.activeElement.textContent]"
    )
    assert focused == ["cx-skip", "跳至主要內容"]
    assert page.locator(".cx-skip").bounding_box()["x"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.testid") == "stMain"
    reduced = page.evaluate(
        "[...document.querySelectorAll('style')].some(s => s.textContent.includes("
        "'prefers-reduced-motion'))"
    )
    assert reduced


def test_the_link_to_the_view_is_drawn_when_its_menu_is_opened(server, browser):
    # no code block until asked for: one costs every newly opened page the browser's code
    # highlighter's start-up (cxdash/ui/share.py export_tools)
    page = new_page(browser, f"{server}/tiers?tier=Champion&year=2021&lang=zh")
    side = page.locator("[data-testid=stSidebar]")
    assert page.locator("[data-testid=stCode]").count() == 0
    side.get_by_role("button", name=i18n.t("share_link", "zh")).click()
    settle(page)
    link = page.locator("[data-testid=stPopoverBody] code").inner_text()
    assert link.startswith(server) and "/tiers?" in link
    assert all(p in link for p in ("tier=Champion", "year=2021", "lang=zh"))
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_charts_download_menu_is_drawn_when_opened_and_downloads(server, browser, lang):
    # the menu's contents are drawn only once it is opened (cxdash/ui/panel.py _downloads)
    page = new_page(browser, f"{server}/tiers?tier=Champion&lang={lang}")
    title = data.catalog().set_index("figure_id").loc["apac_first_response_hours", f"title_{lang}"]
    heading = page.locator("h4", has_text=title).first
    box = page.locator("[data-testid=stVerticalBlock]").filter(has=heading).last
    assert page.locator("[data-testid=stDownloadButton]").count() == 0  # nothing until opened
    box.get_by_role("button", name=i18n.t("download_embed", lang)).click()
    settle(page)
    body = page.locator("[data-testid=stPopoverBody]")
    assert "<iframe" in body.locator("code").inner_text()  # the embed snippet
    with page.expect_download() as got:
        body.get_by_role("button", name=i18n.t("download_csv", lang)).click()
    assert got.value.suggested_filename == "apac_first_response_hours.csv"
    text = open(got.value.path(), encoding="utf-8-sig").read()
    assert "Champion" in text and "1.7" in text  # Champion's first response: 1.7 hours
    with page.expect_download() as got:
        body.get_by_role("button", name=i18n.t("download_svg", lang)).click()
    assert open(got.value.path(), encoding="utf-8").read().lstrip().startswith("<svg")
    page.context.close()
