"""The executive summary's pure core: gap rows in words, wrapped labels, charts."""

from __future__ import annotations

from cxdash import charts, data, executive, formatting
from cxdash.palette import PRESENT, WEB


def test_wrap_breaks_at_spaces_and_counts_cjk_double():
    assert formatting.wrap("Customer issues resolved in a single interaction", 20) == [
        "Customer issues",
        "resolved in a single",
        "interaction",
    ]
    # no spaces: broken between characters, a CJK character two columns wide
    assert formatting.wrap("單次互動即解決的客戶問題百分比", 10) == [
        "單次互動即",
        "解決的客戶",
        "問題百分比",
    ]
    assert formatting.wrap("short", 40) == ["short"]
    # nothing is lost, whatever the width
    text = "Share of technology budget for CX next fiscal year"
    for width in range(1, 60):
        assert " ".join(formatting.wrap(text, width)) == text


def test_gap_rows_say_the_question_the_answer_and_the_test():
    rows = executive.gap_rows(data.run("tier_gaps"), "en")
    switching = rows[rows["answer"] == "Yes, agents can switch channels seamlessly"].iloc[0]
    assert switching["question"].startswith("Are your agents able to switch seamlessly")
    assert (switching["champion"], switching["starter"], switching["gap"]) == (
        "89%",
        "15%",
        "+74 pts",
    )
    assert switching["verdict"] == "significant"
    zh = executive.gap_rows(data.run("tier_gaps"), "zh")
    assert "是的，客服人員能夠流暢地切換客服管道" in set(zh["answer"])


def test_scorecard_labels_drop_the_repeated_by_country():
    rows = data.run("country_scorecard", countries=[])
    for look in (WEB, PRESENT):
        values = executive.scorecard(rows, "en", look).to_dict()["datasets"]
        labels = {r["callout"] for table in values.values() for r in table}
        assert "Cross-channel visibility" in labels
        assert not any(", by country" in label for label in labels)
    zh = executive.scorecard(rows, "zh").to_dict()["datasets"]
    assert not any("（依國家）" in r["callout"] for table in zh.values() for r in table)


def test_fit_grows_few_rows_and_shares_the_height_among_many():
    few = {"height": {"step": 40}, "datasets": {"values": [{"row": "a"}, {"row": "b"}]}}
    assert charts.fit(few, 430)["height"] == {"step": 150}  # two rows fill 70% of the plot
    one = {"height": {"step": 40}, "datasets": {"values": [{"row": "a"}]}}
    assert charts.fit(one, 430)["height"] == {"step": 80}  # one (under its big number): 2x
    many = {"height": {"step": 40}, "datasets": {"values": [{"row": str(i)} for i in range(19)]}}
    assert charts.fit(many, 430)["height"]["step"] * 19 <= 430
    offset = {"height": {"step": 30, "for": "offset"}, "datasets": {"values": [{"row": "a"}] * 16}}
    assert charts.fit(offset, 430)["height"] == {"step": 26, "for": "offset"}
    assert charts.fit({"height": 110}, 430) == {"height": 110}  # a fixed height stays


def test_wrap_mixes_latin_words_and_cjk_characters():
    lines = formatting.wrap("COVID-19 爆發前，居家辦公的客戶服務與支援人員佔代表比例", 24)
    assert lines == ["COVID-19 爆發前，居家辦", "公的客戶服務與支援人員佔", "代表比例"]
    assert formatting.wrap("supercalifragilistic word", 5) == ["supercalifragilistic", "word"]


def _ranking(rows):
    champions = rows[rows["figure_id"] == "apac_country_champion_share"]
    return dict(zip(champions["country"], champions["value"])), set(champions["year"])


def test_scorecard_carries_the_reports_maturity_ranking_of_the_latest_wave():
    """Champion share by country, 2021 (000, 各國家與地區的成熟度排名): Australia 36%,
    Singapore 27%, South Korea 21%, Japan 6% — not the 2020 values (25%, 15%, 0%)."""
    rows = data.run("country_scorecard", countries=[])
    values, years = _ranking(rows)
    assert values == {"Australia": 36, "Singapore": 27, "South Korea": 21, "Japan": 6}
    assert years == {2021}
    spec = executive.scorecard(rows, "en").to_dict()
    drawn = [r for table in spec["datasets"].values() for r in table]
    first = {r["callout"] for r in drawn if r["figure_id"] == "apac_country_champion_share"}
    assert first == {"Share of SMBs that are Champions (maturity\nranking), 2021"}
    assert {r["value_text"] for r in drawn if r["country"] == "Australia"} >= {"36%", "84%"}
    # a callout printed for one wave keeps its title
    assert "Cross-channel visibility" in {r["callout"] for r in drawn}


def test_takeaway_says_only_what_the_values_and_tests_show():
    rows = data.run("country_scorecard", countries=[])
    tests = data.run("figure_tests", figure_ids=sorted(set(rows["figure_id"])))
    assert executive.takeaway(rows, tests, "en") == (
        "Australia has the highest Champion share (36% in 2021), significantly above Japan "
        "only; Japan has the lowest value on 15 of the 16 country callouts."
    )  # Australia vs Singapore (36% vs 27%) and vs South Korea (21%) are not significant
    assert executive.takeaway(rows, tests, "zh") == (
        "澳洲的領航者比例最高（2021 年 36%），僅顯著高於日本；"
        "日本在 16 則區域差異中有 15 則數值最低。"
    )
    two = data.run("country_scorecard", countries=["Singapore", "South Korea"])
    # 27% vs 21% is not significant; callouts reporting only one of them rank nothing
    assert executive.takeaway(two, tests, "en") == (
        "Singapore has the highest Champion share (27% in 2021), though no lead over another "
        "country is significant; South Korea has the lowest value on 10 of the 14 country "
        "callouts."
    )
    assert (
        executive.takeaway(data.run("country_scorecard", countries=["Japan"]), tests, "en") is None
    )


def test_takeaway_claims_no_significance_for_an_untested_pair():
    """FICTIONAL: the same scorecard with every test's p removed (untested) claims no lead."""
    rows = data.run("country_scorecard", countries=[])
    tests = data.run("figure_tests", figure_ids=sorted(set(rows["figure_id"])))
    untested = tests.assign(p=float("nan"))
    assert "though no lead over another country is significant" in executive.takeaway(
        rows, untested, "en"
    )


def test_a_zero_move_has_no_arrow():
    """Emerging 26% in 2020 and 2021 (apac_maturity_distribution): '0 pts', neither up nor down."""
    from cxdash.ui import cards

    pairs = executive.yoy_cards(data.run("yoy_pairs", tiers=[], countries=[]))
    emerging = pairs[
        (pairs["figure_id"] == "apac_maturity_distribution") & (pairs["tier"] == "Emerging")
    ]
    assert emerging["change_points"].tolist() == [0]
    assert cards.arrow(0) == "off"
    assert cards.arrow(-7) == cards.arrow(6) == "auto"


def test_the_printed_ranking_that_disagrees_with_its_shares_is_flagged():
    """The report ranks 2. South Korea (21%) above 3. Singapore (27%): kept as printed, those
    two values flagged `inconsistent` with a note in both languages naming both numbers."""
    from cxdash import figures
    from cxdash.view import parse

    for lang in ("en", "zh"):
        view = parse({"lang": [lang], "year": ["2021"]}, data.vocabulary())[0]
        fig = figures.figure("apac_country_champion_share", view)
        shares = {r["country"]: r["value"] for r in fig.records}
        assert shares == {"Australia": 36, "Singapore": 27, "South Korea": 21, "Japan": 6}
        flagged = {r["country"]: r for r in fig.records if r.get("flag") == "inconsistent"}
        assert set(flagged) == {"South Korea", "Singapore"}
        assert [f for f, _ in fig.flags] == ["inconsistent", "inconsistent"]
        assert all("21%" in why and "27%" in why for _, why in fig.flags)
        japan = figures.figure(
            "apac_country_champion_share",
            view.with_(filters=view.filters.__class__(countries=("Japan",), years=(2021,))),
        )
        assert japan.flags == []  # a Japan-only view is not told about the others' ranks
