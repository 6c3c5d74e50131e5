"""The real browser: the app starts, a filter and the language change, the copied URL opens
the same view in a fresh browser, every page renders without an error (screenshots of each
page at 1440×900 go to artifacts/screenshots/, git-ignored).

Uses Debian's chromium (`.ci/run` installs it); never downloads a browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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
    page.get_by_text("▶", exact=True).click()
    settle(page)
    assert "slide=3" in page.url
    page.context.close()

    frame = new_page(
        browser, f"{server}/?chart=apac_first_response_hours&tier=Champion&lang=zh&embed=true"
    )
    assert frame.locator("[data-testid=stVegaLiteChart]").count() == 1
    assert frame.locator("[data-testid=stSidebarNav]").count() == 0
    assert "平均首次回應時間" in frame.inner_text("body")
    frame.context.close()
