"""Stories in the app (AppTest): a four-step story link opens on the Story page in English and
繁體中文, plays in presentation mode step by step, and exports a deck and a PDF whose steps
are the same, in the same order; editing writes the story back; hostile story links open what
they can, with notices, and show no sentence as live Markdown."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from cxdash import data, deck, documents, report, story
from cxdash.view import Filters, View
from tests.fuzz_support import check, open_view, outside_code, rendered_texts

BASE = "http://localhost:8501"
HOSTILE = "Japan lags &amp; [more](https://evil.example/) ![i](https://evil.example/i.png) **b**"
STEPS = [
    story.step(
        View(page="countries", filters=Filters(countries=("Japan", "Australia"))),
        "apac_country_champion_share",
        HOSTILE,
    ),
    story.step(
        View(page="tiers", filters=Filters(tiers=("Champion", "Starter"))),
        "apac_first_response_hours",
    ),
    story.step(View(page="tiers"), "apac_channel_switching"),
    story.step(View(page="overview"), "apac_maturity_distribution", "Where we sit."),
]
FOUR = story.encode(STEPS)
SAID = {
    "en": [
        HOSTILE,
        "Champion 1.7 h vs Starter 2.4 h: the difference was not tested (comparisons between "
        "averages: the documents publish no spread).",
        "Yes, agents can switch channels seamlessly: Champion 89% vs Starter 15%: 74 points "
        "higher, significant after the chart's Holm correction (p < 0.001).",
        "Where we sit.",
    ],
    "zh": [
        HOSTILE,
        "領航者 1.7 小時 對 入門新手 2.4 小時：此差異未經檢定"
        "（平均值之間的比較：文件未公布離散程度）。",
        "是的，客服人員能夠流暢地切換客服管道：領航者 89% 對 入門新手 15%：高出 74 個百分點，"
        "經本圖 Holm 校正後差異顯著（p < 0.001）。",
        "Where we sit.",
    ],
}


def _no_live_markdown(at) -> None:
    """Markdown: no outside address outside a code span, and no unescaped entity. HTML (the
    presenter's sentence): text only, escaped — no link, image or other tag of its own."""
    for where, text in rendered_texts(at):
        if where.startswith("html."):
            continue
        bare = outside_code(text)
        assert "evil.example" not in bare, (where, text)
        assert not re.search(r"(?<!\\)&(?:[a-z]+|#\d+);", bare), (where, text)
    for body in _html(at):
        assert not re.search(r"<(?!/?h2\b)", body), body


def _html(at) -> list[str]:
    """The bodies of the st.html elements that show a sentence."""
    return [e.proto.body for e in at.get("html") if "story-sentence" in e.proto.body]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_four_step_story_link_opens_presents_and_exports_the_same_steps(lang):
    at = open_view("story", {"story": [FOUR], "lang": [lang]})
    assert not at.exception and not at.error
    assert [a.value for a in at.text_area] == SAID[lang]
    _no_live_markdown(at)
    at.button(key="story_present").click().run()
    shown = []
    for n in range(1, 5):
        assert any(m.value == f"**{n} / 4**" for m in at.markdown)
        assert len(at.get("vega_lite_chart")) == 1
        (body,) = _html(at)
        shown.append(html.unescape(re.sub(r"<[^>]*>", "", body)))
        _no_live_markdown(at)
        if n < 4:
            at.button(key="slide_next").click().run()
    assert shown == SAID[lang]  # as typed: &amp; stays "&amp;", no link is made
    items = documents.story_items(View(page="story", lang=lang, story=FOUR), BASE)
    assert [i.sentence for i in items] == SAID[lang]
    prs = Presentation(io.BytesIO(deck.build_deck(View(page="story", lang=lang, story=FOUR), BASE)))
    slides = [
        " ".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in prs.slides
    ]
    assert len(slides) == 5
    for text, said, item in zip(slides[1:], SAID[lang], items):
        assert said in text and item.fig.title in text
        assert item.link in text  # the link back to the step's view
    assert f"{BASE}/countries?country=Japan&country=Australia" in slides[1]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_the_story_pdf_has_one_step_per_page_in_order(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(report.build_report(View(page="story", story=FOUR), BASE))
    text = subprocess.run(
        ["pdftotext", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = [" ".join(p.split()) for p in text.split("\f")[:-1]]
    assert len(pages) == 6  # cover, four steps, method notes
    for page, said in zip(pages[1:5], SAID["en"]):
        assert " ".join(said.split()) in page
    assert "(presenter's words)" in pages[1] and "(suggested by the app" in pages[2]
    assert "Open this view: http://localhost:8501/tiers?tier=Champion&tier=Starter" in pages[2]


def test_editing_a_step_makes_it_the_presenters_and_moves_and_removes_keep_the_link():
    at = open_view("story", {"story": [FOUR]})
    at.text_area[1].set_value("Champions answer first.").run()
    held = story.decode(at.session_state["story"], _vocab())[0]
    assert held[1].text == "Champions answer first." and held[1].own
    at.button(key="story_down_0").click().run()
    held = story.decode(at.session_state["story"], _vocab())[0]
    assert [s.figure for s in held][:2] == [
        "apac_first_response_hours",
        "apac_country_champion_share",
    ]
    at.button(key="story_remove_3").click().run()
    held = story.decode(at.session_state["story"], _vocab())[0]
    assert len(held) == 3
    assert at.query_params["story"] in (story.encode(held), [story.encode(held)])  # the URL


def _vocab():
    return data.vocabulary()


def test_a_bad_story_link_opens_what_it_can_and_says_what_it_left_out():
    bad = FOUR + ".AAAA" + "." + story.pack(["tiers", "nope"])
    at = open_view("story", {"story": [bad]})
    assert len(at.text_area) == 4
    warnings = " ".join(w.value for w in at.warning)
    assert "Story step 5 could not be read" in warnings
    assert "Story step 6 asked for ` figure ` = ` nope `" in warnings
    _no_live_markdown(at)


@settings(max_examples=6, deadline=None)
@given(st.data())
def test_any_cut_or_altered_story_link_opens_without_error(data_):
    at_char = data_.draw(st.integers(3, len(FOUR) - 1), label="at")
    how = data_.draw(st.sampled_from(["cut", "alter"]), label="how")
    if how == "cut":
        param = FOUR[:at_char]
    else:
        param = FOUR[:at_char] + data_.draw(st.sampled_from("A_-.x*")) + FOUR[at_char + 1 :]
    lang = data_.draw(st.sampled_from(["en", "zh"]), label="lang")
    at = open_view("story", {"story": [param], "lang": [lang]})
    check(at, {"story": [param], "lang": [lang]}, embed=False, page="story")
    _no_live_markdown(at)
    assert len(at.text_area) <= 4
