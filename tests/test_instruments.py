"""The questionnaires as data (data/instruments/): every published tier/country/HK chart that
is an answer distribution or an average has its question, every code and label checks against
the published figures, and the build leaves the folder to the respondents package."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash import build
from cxdash.csvread import DataError
from cxdash.paths import DATA_DIR
from cxdash.respondents import instrument


@pytest.fixture(scope="module")
def apac():
    return instrument.load("apac")


def _figures(survey: str) -> pd.DataFrame:
    return pd.concat(pd.read_csv(p) for p in sorted((DATA_DIR / survey).glob("figures*.csv")))


def test_every_tier_chart_and_hk_chart_has_its_question(apac):
    hk = instrument.load("hk")
    figs = _figures("apac")
    tier_charts = figs[figs.kind.isin(["tier_bars", "tier_stacked"])].figure_id
    assert set(tier_charts) <= set(apac.questions.figure_id)
    assert set(_figures("hk").figure_id) <= set(hk.questions.figure_id) | set(hk.links.figure_id)


def test_every_country_callout_of_an_answer_has_a_question_or_a_link(apac):
    figs = _figures("apac")
    callouts = set(figs[figs.kind == "country_callout"].figure_id)
    derived = {"apac_country_champion_share"}  # the tier mix by country: from the practices
    assert callouts - derived <= set(apac.links.figure_id) | set(apac.questions.figure_id)


def test_options_are_the_published_options_in_both_languages(apac):
    view = apac.options[apac.options.question_id == "customer_360_view"]
    assert list(view.option_code) == [
        "excellent",
        "good",
        "adequate_or_poor",
        "other_not_published",
    ]
    assert "Emerging 98" in apac.question("customer_360_view").note_en  # printed: 30+48+20
    assert view.option_en.iloc[0].startswith("Excellent: our customer data is a single source")
    assert view.label_zh.iloc[1] == "出色"
    assert (apac.options.label_en != "").all() and (apac.options.label_zh != "").all()
    assert apac.question("phone_handle_minutes").channel == "phone"
    assert apac.question("first_response_hours").unit == "hours"


def test_the_seven_practices_count_the_yes_answer_and_say_why(apac):
    asked = apac.questions[apac.questions.practice_id != ""]
    assert len(asked) == 7 and apac.champion_min == 6
    counted = apac.options[apac.options.question_id.isin(asked.index)]
    assert set(counted[counted.counts_as_practice == "true"].option_code) == {"yes"}
    assert asked.note_en.str.contains("FLAG: the report prints neither").all()
    assert asked.note_zh.str.contains("註記").all()


def _break(data_copy, file: str, old: str, new: str) -> DataError:
    path = data_copy / "instruments" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        instrument.load("apac", data_copy)
    return info.value


@pytest.mark.parametrize(
    ("file", "old", "new", "column", "words"),
    [
        ("questions.csv", ",apac_first_response_hours,", ",apac_no_such_chart,", "figure_id",
         "no published figure"),
        ("options.csv", ",adequate_or_poor,Adequate (room", ",excellent,Adequate (room",
         "option_code", "appears 2 times"),
        ("options.csv", "Good,出色,2,,Good", "Good,,2,,Good", "label_zh", "empty"),
        ("options.csv", "Days,按天數計算,1,,Days", "Days,按天數計算,1,,Hours", "option_en",
         "not a published option"),
        ("figure_links.csv", "Customer growth,won_more", "Customer growth,grew", "option_codes",
         "not codes of customer_base_change"),
        ("questions.csv", "numeric,hours,", "numeric,,", "unit", "needs a unit"),
        ("respondent_tiers.csv", "apac,Not Champion,", "apac,Non Champion,", "tier",
         "'Not Champion' needs its labels"),
    ],
)  # fmt: skip
def test_a_broken_instrument_is_refused_with_file_line_and_column(
    data_copy, file, old, new, column, words
):
    err = _break(data_copy, file, old, new)
    assert err.file == f"data/instruments/{file}" and err.column == column, err
    assert words in err.problem and (err.line or column in ("option_code", "tier"))


def test_the_build_leaves_data_instruments_to_the_respondents_package(data_copy):
    (data_copy / "instruments" / "synth_notes.csv").write_text("a\n1\n", encoding="utf-8")
    problems: list = []
    assert build.validate(data_copy, problems, statistics=False) is not None, problems
    (data_copy / "hk" / "synth_notes.csv").write_text("a\n1\n", encoding="utf-8")
    assert build.validate(data_copy, [], statistics=False) is None  # elsewhere: still refused
