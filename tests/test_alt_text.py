"""A chart's text alternative (cxdash/access.py): made from the rows the chart draws, in the
reader's language, carried by the Vega-Lite spec and the hidden table. Values are the APAC
report's (data/apac/values.csv): first response 2.4 h Starter (N=129), 1.7 h Champion (N=62)."""

from __future__ import annotations

import pytest

from cxdash import access, data, figures, formatting, view
from tests.conftest import PAGES

FIRST_RESPONSE = "apac_first_response_hours"
STARTER_CHAMPION = "tiers?tier=Starter&tier=Champion"


def fig(figure_id: str, text: str) -> figures.Figure:
    return figures.figure(figure_id, view.parse_text(text, data.vocabulary()))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Starter 2.4 hours (N=129), Champion 1.7 hours (N=62); averages, not tested"),
        ("zh", "入門新手 2.4 小時 (N=129)、領航者 1.7 小時 (N=62)；平均值，未檢定"),
    ],
)
def test_first_response_chart_says_its_values_bases_and_that_they_were_not_tested(lang, expected):
    f = fig(FIRST_RESPONSE, f"{STARTER_CHAMPION}&lang={lang}")
    assert access.sentence(f.records, f.dims, lang) == expected
    assert f.spec["description"].endswith(expected)
    assert f.spec["description"].startswith(f.title)
    assert f.spec["config"]["aria"] is False  # Vega's own "value: 2.4; row: …" left out


def test_significant_groups_are_named_and_the_rest_said_not_significant():
    # time to add a channel: Starter Days 20% and Champion Days 39% differ (Holm), the rest do not
    f = fig("apac_time_to_add_channel", "tiers")
    text = access.tests_text(f.records, f.dims, "en")
    assert text == (
        "significantly different from another group: Starter Days, Champion Days; "
        "no significant difference for the others"
    )


def test_a_share_without_a_printed_base_says_so():
    f = fig("apac_country_seamless_channel_switching", "countries?country=Japan&lang=zh")
    assert access.sentence(f.records, f.dims, "zh") == "日本 13%；未公布樣本數，未檢定"


def test_grouped_values_give_a_shared_base_once():
    f = fig("apac_channel_switching", "tiers?tier=Champion")
    text = access.values_text(f.records, f.dims, "en")
    assert text.startswith("Champion (N=62): Yes, agents can switch channels seamlessly 89%")
    assert text.count("N=") == 1


@pytest.mark.parametrize("page", PAGES)
def test_every_value_a_chart_draws_is_in_its_description(page):
    """Checked against the chart's own rows: each drawn value (as the chart's label prints
    it, in spoken units) appears in the description, in both languages."""
    for lang in ("en", "zh"):
        v = view.parse_text(f"{page}?lang={lang}", data.vocabulary())
        shown, _, _ = figures.page_figures(v)
        for f in shown:
            text = f.spec["description"]
            drawn = f.spec["datasets"]["values"]
            assert len(drawn) == len(f.records)
            for r in f.records:
                said = formatting.number(
                    r["value"], r["value_decimals"] or 0, r["unit"], lang, spoken=True
                )
                assert said in text, (f.figure_id, lang, said)


def test_hidden_table_escapes_and_carries_the_description():
    f = fig(FIRST_RESPONSE, STARTER_CHAMPION)
    out = access.hidden_table('a <b> & "c"', f.table().to_dict("list"))
    assert "<caption>a &lt;b&gt; &amp; &quot;c&quot;</caption>" in out
    assert out.count("<tr>") == 1 + len(f.records)  # header + one row per value
    assert "<td>1.7 h</td>" in out and "<td>62</td>" in out


def test_spoken_units():
    assert formatting.number(1.7, 1, "hours", "en", spoken=True) == "1.7 hours"
    assert formatting.number(1.7, 1, "hours", "en") == "1.7 h"
    assert formatting.number(5.3, 1, "multiplier", "zh", spoken=True) == "5.3 倍"


def test_the_decks_chart_pictures_carry_the_text_as_alt_text():
    import io

    from pptx import Presentation

    from cxdash import deck

    v = view.parse_text(
        f"explore?figure={FIRST_RESPONSE}&tier=Starter&tier=Champion", data.vocabulary()
    )
    prs = Presentation(io.BytesIO(deck.build_deck(v, "http://cx.example")))
    alts = [
        shape._element.nvPicPr.cNvPr.get("descr")
        for slide in prs.slides
        for shape in slide.shapes
        if shape.shape_type == 13  # a picture
    ]
    assert alts and all(alts)
    assert any(
        a.endswith("Starter 2.4 hours (N=129), Champion 1.7 hours (N=62); averages, not tested")
        for a in alts
    )


def test_the_executive_scorecard_is_said_in_words_in_both_languages():
    import json

    from streamlit.testing.v1 import AppTest

    from cxdash import data
    from cxdash.paths import ROOT

    rows = data.run("country_scorecard", countries=[])
    en = access.scorecard_text("Country scorecard", rows, "en")
    assert "(2021): Australia 36% (N=83), Japan 6% (N=66), Singapore 27% (N=60)" in en
    assert "日本 6% (N=66)" in access.scorecard_text("國家評分", rows, "zh")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page(str(ROOT / "pages" / "executive.py")).run()
    said = [json.loads(c.proto.spec).get("description", "") for c in at.get("vega_lite_chart")]
    assert any("Japan 6% (N=66)" in d for d in said)
