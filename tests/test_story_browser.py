"""A story made in the real browser: four charts added with "Add to story" in English and
繁體中文 (one sentence the presenter's own), the story's link reopened in a fresh browser,
played in presentation mode by keyboard, and exported as a deck and a PDF whose steps match
the screens, in order. Screenshots go to artifacts/screenshots/ (git-ignored)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from pptx import Presentation

from cxdash import data, documents, i18n, story
from cxdash.view import View
from tests.test_browser import SHOTS, _free_port, browser, settle, start_server  # noqa: F401

OWN = "領航者切換管道流暢得多 & [見](https://evil.example/)"
ADDED = [  # (language, page to add from, figure, the presenter's sentence or None)
    ("en", None, "apac_first_response_hours", None),
    ("zh", None, "apac_channel_switching", OWN),
    ("zh", "countries", "apac_country_champion_share", None),
    ("zh", None, "apac_region_champion_share", "Where we sit: **all** of us."),
]


@pytest.fixture(scope="module")
def server():
    proc, url = start_server(int(os.environ.get("CX_BROWSER_PORT") or _free_port()))
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def _title(figure_id: str, lang: str) -> str:
    return data.catalog().set_index("figure_id").loc[figure_id, f"title_{lang}"]


def _add(page, lang: str, figure_id: str, sentence: str | None) -> None:
    """Open the chart's "Add to story", write the sentence if given, add."""
    heading = page.locator("h4", has_text=_title(figure_id, lang)).first
    box = page.locator("[data-testid=stVerticalBlock]").filter(has=heading).last
    box.get_by_role("button", name=i18n.t("story_add", lang)).click()
    settle(page)
    body = page.locator("[data-testid=stPopoverBody]")
    if sentence:
        body.locator("textarea").fill(sentence)
        body.locator("textarea").press("Control+Enter")
        settle(page)
    body.get_by_role("button", name=i18n.t("story_add", lang)).click()
    settle(page)
    page.keyboard.press("Escape")  # close the popover (a click elsewhere would only close it)
    settle(page)


def _make_story(browser, server) -> str:  # noqa: F811
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(f"{server}/tiers?tier=Champion&tier=Starter")
    settle(page)
    for n, (lang, go, figure_id, sentence) in enumerate(ADDED, start=1):
        if lang == "zh" and "lang=zh" not in page.url:
            page.get_by_text("繁體中文", exact=True).click()
            settle(page)
        if go:
            nav = page.locator("[data-testid=stSidebarNav]")
            nav.get_by_text(i18n.t(f"page_{go}", lang), exact=True).click()
            settle(page)
        _add(page, lang, figure_id, sentence)
        side = page.locator("[data-testid=stSidebar]").inner_text()
        assert i18n.t("story_sidebar", lang, n=n) in side, side
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "story-added.png"))
    page.get_by_text(i18n.t("story_open", "zh"), exact=True).click()
    settle(page)
    assert "/story?" in page.url
    url = page.url
    page.context.close()
    return url


def test_a_story_made_in_the_browser_reopens_presents_and_exports(server, browser, tmp_path):  # noqa: F811
    url = _make_story(browser, server)
    param = parse_qs(urlsplit(url).query)["story"][0]
    steps, problems = story.decode(param, data.vocabulary())
    assert [s.figure for s in steps] == [f for _, _, f, _ in ADDED] and not problems
    assert steps[0].view.filters.tiers == ("Champion", "Starter") and steps[0].view.lang == "en"
    assert [s.text for s in steps] == [s or "" for _, _, _, s in ADDED]
    items = documents.story_items(View(page="story", lang="zh", story=param), server)
    said = [i.sentence for i in items]
    assert said[0] == (
        "領航者 1.7 小時 對 入門新手 2.4 小時：此差異未經檢定"
        "（平均值之間的比較：文件未公布離散程度）。"
    )
    assert said[1] == OWN

    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()  # fresh
    page.goto(url)
    settle(page)
    areas = page.locator("[data-testid=stTextArea] textarea")
    assert [areas.nth(i).input_value() for i in range(areas.count())] == said
    page.screenshot(path=str(SHOTS / "story-editor-zh.png"), full_page=True)
    _present(page, said)
    _export(page, said, items, tmp_path)
    page.context.close()


def _present(page, said: list[str]) -> None:
    page.get_by_role("button", name=i18n.t("story_present", "zh")).click()
    settle(page)
    for n in range(1, 5):
        main = page.locator("[data-testid=stMain]")
        assert f"{n} / 4" in main.inner_text()
        assert main.locator("h2").first.inner_text() == said[n - 1]
        assert main.locator("[data-testid=stVegaLiteChart]").count() == 1
        assert not main.locator("a[href*='evil.example']").count()
        page.screenshot(path=str(SHOTS / f"story-present-{n}.png"))
        if n < 4:
            page.keyboard.press("ArrowRight")
            settle(page)
    page.keyboard.press("Home")
    settle(page)
    assert "1 / 4" in page.locator("[data-testid=stMain]").inner_text()
    page.keyboard.press("End")
    settle(page)
    assert "4 / 4" in page.locator("[data-testid=stMain]").inner_text()
    page.keyboard.press("Escape")
    settle(page)
    assert page.locator("[data-testid=stSidebar]").is_visible()


def _download(page, kind: str, tmp_path) -> bytes:
    side = page.locator("[data-testid=stSidebar]")
    side.get_by_role("button", name=i18n.t(f"make_{kind}", "zh")).click()
    settle(page)
    with page.expect_download(timeout=120_000) as got:
        side.get_by_role("button", name=i18n.t(f"download_{kind}", "zh")).click()
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    return path.read_bytes()


def _export(page, said: list[str], items, tmp_path) -> None:
    prs = Presentation(io.BytesIO(_download(page, "deck", tmp_path)))
    slides = [
        " ".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in prs.slides
    ]
    assert len(slides) == 5
    for text, sentence, item in zip(slides[1:], said, items):
        assert sentence in text and item.fig.title in text
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(_download(page, "report", tmp_path))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        pages = [" ".join(p.split()) for p in text.split("\f")[:-1]]
        for p, sentence in zip(pages[1:5], said):
            assert " ".join(sentence.split()) in p
