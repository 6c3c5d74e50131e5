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
    assert charts.fit(few, 430)["height"] == {"step": 80}  # grows at most 2x
    many = {"height": {"step": 40}, "datasets": {"values": [{"row": str(i)} for i in range(19)]}}
    assert charts.fit(many, 430)["height"]["step"] * 19 <= 430
    offset = {"height": {"step": 30, "for": "offset"}, "datasets": {"values": [{"row": "a"}] * 16}}
    assert charts.fit(offset, 430)["height"] == {"step": 26, "for": "offset"}
    assert charts.fit({"height": 110}, 430) == {"height": 110}  # a fixed height stays


def test_wrap_mixes_latin_words_and_cjk_characters():
    lines = formatting.wrap("COVID-19 爆發前，居家辦公的客戶服務與支援人員佔代表比例", 24)
    assert lines == ["COVID-19 爆發前，居家辦", "公的客戶服務與支援人員佔", "代表比例"]
    assert formatting.wrap("supercalifragilistic word", 5) == ["supercalifragilistic", "word"]
