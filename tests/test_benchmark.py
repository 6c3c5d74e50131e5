"""Benchmark yourself: the Champion rule, placements on the published tier values and the
guide's bands, the share-link form, hostile answers, and the page in AppTest. Every company
answer here is made up for the test (fictional); every published number is the documents'."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from cxdash import benchmark, data, view
from cxdash.benchmark import Profile
from tests.test_app import open_page


@pytest.fixture(scope="module")
def measures() -> pd.DataFrame:
    return data.run("benchmark_measures").set_index("measure_id", drop=False)


@pytest.fixture(scope="module")
def points() -> pd.DataFrame:
    return data.run("benchmark_points")


def _of(points: pd.DataFrame, measure_id: str, kind: str | None = None) -> pd.DataFrame:
    mine = points[points["measure_id"] == measure_id]
    if kind == "tier":
        return mine[mine["point_kind"] == "tier"]
    return mine if kind is None else mine[mine["point_kind"] != "tier"]


def test_the_seven_practices_and_the_champion_rule_as_published():
    practices = data.run("practices")
    assert len(practices) == 7
    assert practices["text_zh"].iloc[0] == "服務團隊接受執行工作所需的相關培訓。"
    assert list(practices["pillar"].unique()) == ["people", "process", "data_technology"]
    (rule,) = practices["rules"].iloc[0]
    assert (rule["tier"], rule["min_practices"], rule["of_practices"]) == ("Champion", 6, 7)
    assert "至少符合 6 項" in rule["source_zh"]
    # only the Champion cut is published: no rule for Emerging or Starter
    assert [r["tier"] for r in practices["rules"].iloc[0]] == ["Champion"]
    assert not benchmark.champion_rule(5, rule)
    assert benchmark.champion_rule(6, rule)
    assert benchmark.champion_rule(7, rule)


def test_a_first_response_of_two_hours_sits_between_champion_and_emerging(measures, points):
    tiers = _of(points, "first_response_time", "tier")
    assert dict(zip(tiers["tier"], tiers["value"])) == {
        "Starter": 2.4,
        "Emerging": 2.1,
        "Champion": 1.7,
    }
    words = benchmark.tier_words(2.0, measures.loc["first_response_time"], tiers, "en")
    assert words == "Between Champion 1.7 h (N=62) and Emerging 2.1 h (N=70)."
    assert benchmark.tier_words(1.5, measures.loc["first_response_time"], tiers, "en").startswith(
        "Better than every tier's published value, the best being Champion 1.7 h"
    )
    assert "Starter 2.4 h (N=129)" in benchmark.tier_words(
        3.0, measures.loc["first_response_time"], tiers, "en"
    )
    # higher is better: 78% resolved in one interaction is between Champion 80% and Starter 77%
    scr = _of(points, "single_contact_resolution", "tier")
    assert benchmark.tier_words(78, measures.loc["single_contact_resolution"], scr, "en") == (
        "Between Champion 80% (N=62) and Starter 77% (N=128)."
    )


def test_bands_come_from_the_metrics_guide(points):
    csat = _of(points, "csat", "bands")
    assert benchmark.band(80, csat)["label_en"] == "Good"  # at least 75%
    assert benchmark.band(95, csat)["label_en"] == "Excellent"  # at least 90%
    assert benchmark.band(60, csat) is None
    rcr = _of(points, "repeat_contact_rate", "bands")
    assert benchmark.band(4, rcr)["label_en"] == "Excellent"  # at most 5%
    assert benchmark.band(16, rcr)["label_en"] == "Needs improvement"  # above 15%
    assert benchmark.band_words(12, rcr, "en").startswith(
        "Six-metrics guide: in none of the bands it names"
    )
    nps = _of(points, "nps", "bands")
    assert benchmark.band(50, nps) is None  # "above 50" is excellent, 50 is not above
    assert benchmark.band(70, nps)["label_en"] == "World-class"


def test_answers_round_trip_through_a_share_link(measures):
    profile = Profile(
        (True, True, False, True, True, True, None),
        (("first_response_time", 2.0), ("csat", 85.0), ("nps", -12.0)),
    )
    code = benchmark.encode(profile)
    assert code == "p:110111-,first_response_time:2,csat:85,nps:-12"
    back, problems = benchmark.decode(code, 7, measures)
    assert back == profile and not problems
    # through the view: the URL carries it on the benchmark page only
    vocab = data.vocabulary()
    v = view.parse_text(f"benchmark?answers={code}", vocab)
    assert v.answers == code
    assert view.parse_text(v.path(), vocab) == v
    with pytest.raises(view.ViewError):
        view.parse_text(f"tiers?answers={code}", vocab)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("-3", "bm_out_of_range"),
        ("1e9", "bm_out_of_range"),
        ("1000000000", "bm_out_of_range"),
        ("abc", "bm_not_a_number"),
        ("nan", "bm_out_of_range"),
        ("inf", "bm_out_of_range"),
        ("[x](https://evil.example/)", "bm_not_a_number"),
    ],
)
def test_hostile_answers_get_a_message_not_an_exception(measures, raw, key):
    value, problem = benchmark.check(raw, measures.loc["first_response_time"])
    assert value is None and problem.key == key
    assert problem.text("en") and problem.text("zh")
    _, problems = benchmark.decode(f"first_response_time:{raw},p:12,bogus:1", 7, measures)
    assert [p.key for p in problems] == [key, "bm_bad_practices", "bm_unknown_answer"]


def test_percentages_must_be_0_to_100(measures):
    assert benchmark.check("101", measures.loc["csat"])[1].key == "bm_out_of_range"
    assert benchmark.check(" 85 ", measures.loc["csat"]) == (85.0, None)
    assert benchmark.check("", measures.loc["csat"]) == (None, None)


def plain(markdown: str) -> str:
    """Markdown as the reader sees it (the app escapes data and URL text)."""
    unspanned = re.sub(r"(`+) (.*?) \1", r"\2", markdown)  # URL values: code spans
    return re.sub(r"\\(.)", r"\1", unspanned)


def test_the_page_places_a_shared_profile():
    code = "p:1101111,first_response_time:2,csat:80,repeat_contact_rate:-5"
    at = open_page("benchmark.py", answers=code)
    markdown = [plain(m.value) for m in at.markdown]
    assert "Between Champion 1.7 h (N=62) and Emerging 2.1 h (N=70)." in markdown
    assert any("Meets the report's Champion rule" in s.value for s in at.success)
    assert "Six-metrics guide: Good (≥ 75%)." in markdown
    # the refused answer is said, as literal text, and nothing else of it is used
    assert any("repeat_contact_rate: -5 was not used" in plain(w.value) for w in at.warning)
    assert at.text_input(key="bm_m_first_response_time").value == "2"
    assert at.checkbox(key="bm_p_all_service_data").value is False
    # changing an answer drops the share link from the view
    at.checkbox(key="bm_p_all_service_data").check().run()
    assert not at.session_state["answers"]
    assert any("7 / 7" == m.value for m in at.metric)


def test_the_page_is_private_until_asked_and_speaks_chinese():
    at = open_page("benchmark.py", lang="zh")
    at.text_input(key="bm_m_first_response_time").input("2").run()
    assert not at.query_params.get("answers")
    assert any("介於領航者 1.7 小時" in plain(m.value) for m in at.markdown)
    at.button(key="bm_share").click().run()
    assert at.session_state["answers"] == "p:0000000,first_response_time:2"
    assert at.query_params["answers"] in (
        ["p:0000000,first_response_time:2"],
        "p:0000000,first_response_time:2",
    )


def test_the_deck_and_pdf_of_a_shared_profile_carry_the_company_slide():
    import io
    import subprocess

    from pptx import Presentation
    from pptx.util import Pt

    from cxdash import deck

    v = view.parse_text(
        "benchmark?answers=p:1101111,first_response_time:2,csat:80", data.vocabulary()
    )
    prs = Presentation(io.BytesIO(deck.build_deck(v, "http://cx.example")))
    texts = [
        (shape.text_frame.text, run.font.size)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
    ]
    body = "\n".join(t for t, _ in texts)
    assert "Your company's answers (entered by you, not from the documents)" in body
    assert "Between Champion 1.7 h (N=62) and Emerging 2.1 h (N=70)." in body
    assert "Meets the report's Champion rule" in body
    assert all(size is None or size >= Pt(14) for _, size in texts)
    pdf = deck.build_report(v, "http://cx.example")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Six-metrics guide: Good (≥ 75%)." in text
    assert "ESG (Enterprise Strategy Group) for Zendesk (2021)" in text


def test_presentation_mode_of_the_page_shows_the_published_tier_mix():
    at = open_page("benchmark.py", present="1")
    assert any(m.value.startswith("## Maturity distribution of APAC SMBs") for m in at.markdown)
    # a country chosen: its Champion share (the region's mix is not published by country)
    at = open_page("benchmark.py", present="1", country="Japan")
    assert any(m.value.startswith("## Share of SMBs that are Champions") for m in at.markdown)
    assert not at.info  # never "nothing published on this page"


def test_no_verdict_on_the_champion_rule_before_a_practice_is_ticked():
    """Nothing ticked is nothing answered: no "Does not meet…" on a fresh page; one
    practice ticked (1 of 7, fictional) does not meet the rule (at least 6 of 7)."""
    at = open_page("benchmark.py")
    assert not any("Does not meet" in i.value for i in at.info)
    assert any(
        "Tick the practices your organisation has" in c.value and "at least 6 of the 7" in c.value
        for c in at.caption
    )
    at.checkbox(key="bm_p_all_service_data").check().run()
    assert any("Does not meet the report's Champion rule" in i.value for i in at.info)
