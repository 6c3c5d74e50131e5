"""Stories (cxdash/story.py): the one URL parameter round-trips, and hostile parameters
(tampered, truncated, unknown version, unknown page / figure / filter, 500 steps, 100 KB of
text) open what can be opened, with a notice for what was left out — never an exception.
Suggested captions (cxdash/captions.py) are checked against the figures' own tests."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxdash import captions, data, figures, story
from cxdash.paths import ROOT
from cxdash.view import Filters, View, ViewError

VOCAB = data.vocabulary()
FIGURES = sorted(VOCAB.figures)
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400
) | st.sampled_from(
    [
        "[click](https://evil.example/) ![i](https://evil.example/x.png)",
        "<script>alert(1)</script> &amp; &#60;b&#62;",
        "Heading\n===\n# h1 **bold** `code` $x^2$ :material/home:",
        "領航者回應快 29%（1.7 小時對 2.4 小時）",
    ]
)


@st.composite
def steps(draw) -> story.Step:
    page = draw(st.sampled_from(list(VOCAB.pages)))
    chosen = {
        d: tuple(draw(st.lists(st.sampled_from(list(VOCAB.options[k])), max_size=3, unique=True)))
        for d, k in (("tiers", "tier"), ("countries", "country"), ("years", "year"))
    }
    chosen["years"] = tuple(int(y) for y in chosen["years"])
    view = View(
        page=page,
        filters=Filters(**chosen),
        lang=draw(st.sampled_from(["en", "zh"])),
        show_ci=draw(st.booleans()),
        answers="p=1101010" if page == "benchmark" else "",
        present=True,  # a step keeps none of these
        slide=3,
        q="x",
        story="v1.abc",
    )
    answers = draw(st.booleans())
    return story.step(view, draw(st.sampled_from(FIGURES)), draw(TEXT), answers=answers)


STORIES = st.lists(steps(), max_size=story.MAX_STEPS)


@settings(max_examples=60, deadline=None)
@given(STORIES)
def test_a_story_round_trips_through_its_parameter(made):
    param = story.encode(made)
    assert story.decode(param, VOCAB) == (made, [])
    assert all(s.view.present is False and s.view.story == "" and s.view.q == "" for s in made)
    assert all(len(s.text) <= story.MAX_SENTENCE for s in made)
    if made:
        assert param.startswith("v1.") and param.count(".") == len(made)
        assert set(param) <= set("v1.-_" + "".join(map(chr, range(48, 58))) + _LETTERS)


_LETTERS = "".join(map(chr, range(65, 91))) + "".join(map(chr, range(97, 123)))


def test_a_step_from_explore_links_back_to_its_figure():
    made = story.step(View(page="explore", figure="apac_agent_retention"), "apac_channel_switching")
    assert made.view.path() == "explore?figure=apac_channel_switching"
    assert story.decode(story.encode([made]), VOCAB)[0] == [made]


def test_benchmark_answers_travel_only_when_the_presenter_opts_in():
    view = View(page="benchmark", answers="p=1101010")
    assert story.step(view, FIGURES[0]).view.answers == ""
    kept = story.step(view, FIGURES[0], answers=True)
    assert kept.view.answers == "p=1101010"
    assert story.decode(story.encode([kept]), VOCAB)[0] == [kept]


@settings(max_examples=80, deadline=None)
@given(STORIES.filter(bool), st.data())
def test_a_cut_link_opens_the_steps_before_the_cut(made, data_):
    param = story.encode(made)
    cut = param[: data_.draw(st.integers(0, len(param) - 1), label="cut at")]
    opened, notices = story.decode(cut, VOCAB)
    assert opened == made[: len(opened)]
    whole = max(cut.count(".") - 1, 0)  # tokens followed by another: not damaged
    assert len(opened) >= whole
    if len(opened) < cut.count("."):
        assert any(n.key == "story_unreadable" for n in notices)


@settings(max_examples=80, deadline=None)
@given(STORIES.filter(bool), st.data())
def test_a_tampered_link_opens_only_valid_steps(made, data_):
    param = story.encode(made)
    at = data_.draw(st.integers(0, len(param) - 1), label="at")
    char = data_.draw(st.characters(codec="ascii"), label="char")
    tampered = param[:at] + char + param[at + 1 :]
    opened, notices = story.decode(tampered, VOCAB)
    assert len(opened) <= len(made)
    for s in opened:
        assert s.figure in VOCAB.figures and s.view.page in VOCAB.pages
        assert len(s.text) <= story.MAX_SENTENCE
    if tampered != param and len(opened) < len(made):
        assert notices


def test_two_steps_run_together_are_one_unreadable_token_not_the_first_step():
    """A tampered separator ('.' -> '0', found by the property test above in CI) joined two
    tokens; the first one's deflate stream ended early and its trailing bytes were ignored,
    so one step opened silently. Bytes after the stream's end make a token unreadable."""
    made = [
        story.step(View(page="story", lang="zh", filters=Filters(countries=("Australia", "Taiwan"),
                                                                 years=(2001,))),
                   "apac_country_agent_throughput"),
        story.step(View(page="overview", show_ci=False), "agility_agent_single_view"),
    ]  # fmt: skip
    param = story.encode(made)
    joined = param[: param.rindex(".")] + "0" + param[param.rindex(".") + 1 :]
    opened, notices = story.decode(joined, VOCAB)
    assert opened == [] and any(n.key == "story_unreadable" for n in notices)


@given(st.text(max_size=300))
def test_any_text_as_a_story_parameter_is_never_an_exception(param):
    opened, notices = story.decode(param, VOCAB)
    assert len(opened) <= story.MAX_STEPS
    assert opened == [] or param.startswith("v1.")


def test_an_unknown_version_opens_nothing_and_says_so():
    steps_, notices = story.decode("v9." + story.encode([_step()])[3:], VOCAB)
    assert steps_ == [] and [(n.key, n.value) for n in notices] == [("story_version", "v9")]


def _step(**kw) -> story.Step:
    view = View(page="tiers", filters=Filters(tiers=("Champion", "Starter")))
    return story.step(view, "apac_first_response_hours", **kw)


def test_five_hundred_steps_open_the_first_twenty():
    param = "v1." + ".".join([story.pack(["tiers", "apac_first_response_hours"])] * 500)
    opened, notices = story.decode(param, VOCAB)
    assert len(opened) == story.MAX_STEPS == 20
    assert [(n.key, n.value, n.limit) for n in notices] == [("story_too_many", "500", 20)]


def test_a_hundred_kilobytes_of_text_is_cut_and_said():
    huge = "**bold** [x](https://evil.example/) " * 2800  # ≈ 100 KB
    assert len(huge) > 100_000
    param = "v1." + story.pack(["tiers?tier=Champion", "apac_first_response_hours", huge])
    opened, notices = story.decode(param, VOCAB)
    assert len(param) < story.MAX_PARAM  # it compresses: the step opens, its sentence cut
    assert len(opened) == 1 and opened[0].text == huge[: story.MAX_SENTENCE]
    assert [n.key for n in notices] == ["story_text_cut"]
    raw = "v1." + "A" * 100_000  # 100 KB that does not compress: read up to the cap
    opened, notices = story.decode(raw, VOCAB)
    assert opened == [] and {n.key for n in notices} == {"story_too_long", "story_unreadable"}


def test_a_step_with_unknown_page_figure_or_filter_opens_what_it_can():
    tokens = [
        story.pack(["nowhere?tier=Platinum&tier=Champion", "apac_first_response_hours", "a"]),
        story.pack(["tiers", "no_such_figure", "b"]),
        story.pack(["tiers?lang=fr", "apac_channel_switching"]),
        story.pack(["tiers"]),  # not a step
        "not base64 !",
    ]
    opened, notices = story.decode("v1." + ".".join(tokens), VOCAB)
    assert [(s.view.page, s.view.filters.tiers, s.figure, s.text) for s in opened] == [
        ("overview", ("Champion",), "apac_first_response_hours", "a"),
        ("tiers", (), "apac_channel_switching", ""),
    ]
    said = [(n.key, n.step, n.param, n.value) for n in notices]
    assert said == [
        ("story_step_value", 1, "page", "nowhere"),
        ("story_step_value", 1, "tier", "Platinum"),
        ("story_step_value", 2, "figure", "no_such_figure"),
        ("story_step_value", 3, "lang", "fr"),
        ("story_unreadable", 4, "story", tokens[3]),
        ("story_unreadable", 5, "story", "not base64 !"),
    ]


def test_a_deflate_bomb_is_not_inflated_past_the_cap():
    param = "v1." + story.pack(["tiers", "apac_first_response_hours", "x" * 2_000_000])
    opened, notices = story.decode(param, VOCAB)
    assert opened == [] and [n.key for n in notices] == ["story_unreadable"]


def test_the_command_line_refuses_a_story_it_cannot_open_whole(tmp_path):
    with pytest.raises(ViewError, match="Story step 1 could not be read"):
        story.check("v1.garbage", VOCAB)
    story.check(story.encode([_step()]), VOCAB)  # a good one passes
    out = subprocess.run(
        [sys.executable, "-m", "cxdash", "deck", "--view", "story?story=v2.x",
         "--out", str(tmp_path / "d.pptx")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 2 and "format this app does not know ('v2')" in out.stderr
    assert "Traceback" not in out.stderr and not (tmp_path / "d.pptx").exists()


def test_editing_a_story():
    a, b, c = _step(text="a"), _step(text="b"), _step(text="c")
    assert story.moved([a, b, c], 2, -1) == [a, c, b]
    assert story.moved([a, b, c], 0, -1) == [a, b, c]
    assert story.removed([a, b, c], 1) == [a, c]
    told = story.retold([a, b, c], 1, "  Japan\nlags  ")
    assert told[1].text == "Japan lags" and told[1].own
    assert not story.retold([a], 0, "")[0].own  # back to the suggested sentence


# --- suggested captions -----------------------------------------------------------------------


def _caption(figure_id: str, lang: str = "en", **chosen) -> str:
    return captions.suggest(figures.figure(figure_id, View(lang=lang, filters=Filters(**chosen))))


def test_first_response_averages_are_said_not_tested_with_the_published_hours():
    # APAC report: first response 2.4 h (Starter, N=129) vs 1.7 h (Champion, N=62), averages
    # without a spread: no test, so no "faster" claim
    assert _caption("apac_first_response_hours") == (
        "Champion 1.7 h vs Starter 2.4 h: the difference was not tested (comparisons between "
        "averages: the documents publish no spread)."
    )
    assert _caption("apac_first_response_hours", "zh") == (
        "領航者 1.7 小時 對 入門新手 2.4 小時：此差異未經檢定"
        "（平均值之間的比較：文件未公布離散程度）。"
    )
    assert "faster" not in _caption("apac_resolution_hours")
    assert "7.5 h" in _caption("apac_resolution_hours")


def test_a_significant_difference_is_claimed_with_its_holm_p():
    # seamless channel switching: Champion 89% (N=62) vs Starter 15% (N=123)
    text = _caption("apac_channel_switching")
    assert text == (
        "Yes, agents can switch channels seamlessly: Champion 89% vs Starter 15%: 74 points "
        "higher, significant after the chart's Holm correction (p < 0.001)."
    )
    assert "74 個百分點" in _caption("apac_channel_switching", "zh")


def test_a_difference_that_is_not_significant_is_not_claimed():
    # Champion share 2021: Australia 36% (N=83) vs Singapore 27% (N=60), Holm p = 0.512
    text = _caption("apac_country_champion_share", countries=("Australia", "Singapore"))
    assert text == (
        "Singapore (2021) 27% vs Australia (2021) 36%: the difference is not significant "
        "after the chart's Holm correction (p = 0.512)."
    )
    assert "higher" not in text


def test_every_caption_claims_only_what_its_figure_tested():
    """Over every published figure: 'higher' appears only when the figure has a significant
    pair among its shown values; 'not tested' only when it has an untested one or none."""
    for figure_id in FIGURES:
        fig = figures.figure(figure_id, View())
        if fig is None:
            continue
        text = captions.suggest(fig)
        statuses = set(fig.pair_rows()["test_status"])
        assert ("higher" in text) == ("significant" in statuses), (figure_id, text)
        if "not significant" in text:
            assert statuses == {"not_significant"} or "not_tested" in statuses
        if "not tested" in text:
            assert not statuses & {"significant", "not_significant"}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> str:
    """20,000 FICTIONAL respondents (synth, seed 3) in a module's own CX_RESPONDENTS_DIR."""
    from cxdash.respondents import importer, synth

    folder = tmp_path_factory.mktemp("respondents")
    mp = pytest.MonkeyPatch()
    mp.setenv("CX_RESPONDENTS_DIR", str(folder / "store"))
    rows, mapping = synth.write(20_000, 3, folder / "fictional.parquet")
    yield importer.import_file(rows, "apac", mapping)["id"]
    mp.undo()


def test_a_respondent_figures_caption_rests_on_its_own_tests(dataset):
    """From respondents, averages are tested (Welch's t): the FICTIONAL first-response gap
    may be claimed, with the user's tier cut named as such."""
    fig = figures.figure("apac_first_response_hours", View(page="tiers", dataset=dataset))
    pair = fig.pair_rows()
    assert set(pair["test_status"]) == {"significant"}
    assert captions.suggest(fig) == (
        "Starter (your cut) 2.4 h vs Champion 1.7 h: 0.7 h higher, significant after the "
        "chart's Holm correction (p < 0.001)."
    )
