"""Figures redrawn from a respondent dataset (FICTIONAL, drawn by `synth`): the same figure
pipeline, labelled as the user's data, sliced on two dimensions at once, the report's value of
the same question beside, private to the session that loaded it."""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from cxdash import figures
from cxdash.palette import year_color
from cxdash.paths import ROOT
from cxdash.respondents import importer, source, stats, store, synth
from cxdash.respondents.sums import Slice
from cxdash.view import Filters, View, group_answers
from tests import vega_lite
from tests.conftest import PAGES
from tests.fuzz_support import FIGURES, OPTIONS

ROWS = 20_000


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> str:
    """20,000 FICTIONAL respondents imported into a module's own CX_RESPONDENTS_DIR."""
    folder = tmp_path_factory.mktemp("respondents")
    mp = pytest.MonkeyPatch()
    mp.setenv("CX_RESPONDENTS_DIR", str(folder / "store"))
    data, mapping = synth.write(ROWS, 3, folder / "fictional.parquet")
    meta = importer.import_file(data, "apac", mapping)
    yield meta["id"]
    mp.undo()


def _by(fig, *dims) -> dict[tuple, dict]:
    return {tuple(r[d] for d in dims): r for r in fig.records}


def test_a_tier_chart_is_recomputed_and_labelled_as_the_users(dataset):
    fig = figures.figure("apac_first_response_hours", View(page="tiers", dataset=dataset))
    rows = _by(fig, "tier")
    assert set(rows) == {("Starter",), ("Emerging",), ("Champion",)}
    # FICTIONAL answers drawn around the report's averages: near them, never equal by copy
    for tier, published in (("Starter", 2.4), ("Emerging", 2.1), ("Champion", 1.7)):
        r = rows[(tier,)]
        assert r["origin"] == "respondents" and r["fictional"]
        assert abs(r["value"] - published) < 0.1 and r["value"] != published
        assert r["published_value"] == published and r["published_label"] == tier
        assert r["tier_label"] == ("Champion" if tier == "Champion" else f"{tier} (your cut)")
        assert r["eff_base"] <= r["base_n"] and r["ci_low"] < r["value"] < r["ci_high"]
    assert "Your data" in fig.caption and "FICTIONAL" in fig.caption
    assert "ESG" not in fig.caption  # the report is cited only for its own values, beside
    assert fig.published_beside.startswith("The report, same question: Starter 2.4 h, ")
    assert "ESG" in fig.published_beside
    # Champions answer faster than Starters: the Champion letter is among Starter's
    assert rows[("Champion",)]["letter"] in rows[("Starter",)]["letters"]


def test_the_reports_values_beside_are_each_figures_own_published_values():
    # a figure's report is read from every published value at once (one query, not one a
    # figure); the same records, values and types as the figure's own query gives
    from cxdash import db
    from cxdash.respondents import values

    version = db.version()
    every = figures._all_values(version)
    assert len(every) == 116
    for figure_id in every:
        report = figures._report(figure_id, version)
        own = values.Report.of(figures._values_of(figure_id))
        assert (report.figure_id, report.varies, report.groups) == (
            own.figure_id,
            own.varies,
            own.groups,
        )
        assert report.records == own.records, figure_id
        assert [list(map(type, r.values())) for r in report.records] == [
            list(map(type, r.values())) for r in own.records
        ], figure_id
    frt = figures._report("apac_first_response_hours", version).records
    assert {(r["tier"], r["value"]) for r in frt} >= {("Champion", 1.7), ("Starter", 2.4)}


def test_a_base_of_thousands_is_printed_with_its_separator(dataset):
    # a user's data can count a million respondents: N=503720 was hard to read
    fig = figures.figure("apac_first_response_hours", View(page="tiers", dataset=dataset))
    bases = {r["tier"]: r["base_n"] for r in fig.records}
    assert all(n >= 1000 for n in bases.values())
    for n in bases.values():
        assert f"N={n:,}" in fig.caption and f"N={n}" not in fig.caption
        assert f"(N={n:,})" in fig.spec["description"]
    assert {r["base_text"] for r in fig.spec["datasets"]["values"]} == {
        f"N={n:,}" for n in bases.values()
    }


def test_tier_by_country_a_slice_the_report_cannot_show(dataset):
    view = View(page="tiers", dataset=dataset, filters=Filters(countries=("Japan", "Australia")))
    fig = figures.figure("apac_first_response_hours", view)
    rows = _by(fig, "tier", "country")
    assert len(rows) == 6 and ("Champion", "Japan") in rows
    # beside Champions in Japan: the report's Champions (it prints no country split)
    assert rows[("Champion", "Japan")]["published_value"] == 1.7
    # letters compare groups differing in one dimension only, within the figure
    assert len({r["letter"] for r in fig.records}) == 6
    tests, note = fig.tests()
    assert len(tests) == 2 * 3 + 3 * 1  # 3 tier pairs per country, 1 country pair per tier
    assert "Holm" in note
    # the same numbers as the SQL path (a roll-up of the cube is exact)
    ds = source.dataset(dataset)
    where = Slice(by=("country", "tier"), countries=("Australia", "Japan"))
    sql, _ = stats.crosstab(ds.con, "numeric", "first_response_hours", where)
    for r in sql.itertuples():
        assert rows[(r.tier, r.country)]["value"] == pytest.approx(r.value, rel=1e-12)


def test_an_answer_filter_keeps_only_those_respondents(dataset):
    answer = group_answers(["practice_trained_teams:no"])
    view = View(page="tiers", dataset=dataset, answer=answer)
    fig = figures.figure("apac_first_response_hours", view)
    folder = store.locate(dataset)
    expected = duckdb.sql(
        f"""select count(*) from '{folder}/answers.parquet' a
        where question_id = 'first_response_hours' and respondent_id in (
            select respondent_id from '{folder}/answers.parquet'
            where question_id = 'practice_trained_teams' and option_code = 'no')"""
    ).fetchall()[0][0]
    assert 0 < sum(r["base_n"] for r in fig.records) == expected < ROWS


def test_a_figure_the_instrument_cannot_redraw_is_listed_not_drawn(dataset):
    view = View(page="tiers", dataset=dataset)
    from cxdash import data

    cat = data.page_figures("overview")
    shown = figures.published(cat, view)
    assert "apac_cx_innovation_needed" in shown
    # the report's method figures are not answers of a question: not redrawn
    assert "apac_region_handle_time_efficiency" not in shown


def test_the_tier_mix_and_champion_shares_come_from_the_seven_answers(dataset):
    folder = store.locate(dataset)
    weighted = (
        duckdb.sql(
            f"""select tier, sum(weight) / (select sum(weight) from '{folder}/respondents.parquet'
            where tier is not null) * 100 as share
        from '{folder}/respondents.parquet' where tier is not null group by tier"""
        )
        .df()
        .set_index("tier")["share"]
    )
    fig = figures.figure("apac_maturity_distribution", View(page="tiers", dataset=dataset))
    rows = _by(fig, "tier")
    for tier in ("Starter", "Emerging", "Champion"):
        assert rows[(tier,)]["value"] == pytest.approx(weighted[tier], abs=1e-9)
    assert rows[("Champion",)]["published_value"] == 23  # the report's 2021 mix
    japan = figures.figure(
        "apac_country_champion_share",
        View(page="countries", dataset=dataset, filters=Filters(countries=("Japan",))),
    )
    assert [r["tier"] for r in japan.records] == ["Champion"]
    assert japan.records[0]["published_value"] == 6  # the report's Japan: 6% Champions


def test_the_view_round_trips_dataset_and_answers():
    view = View(page="tiers", dataset="abc-12345678", answer=group_answers(["q1:a", "q1:b"]))
    assert ("answer", "q1:b") in view.params() and ("dataset", "abc-12345678") in view.params()


def _app(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value if isinstance(value, list) else [value]
    at.switch_page(str(ROOT / "pages" / params.pop("page", "tiers.py"))).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_link_to_a_dataset_draws_it_with_the_banner(dataset):
    at = _app(dataset=dataset, country=["Japan", "Australia"], lang="zh")
    banner = " ".join(i.value for i in at.info)
    assert "您的資料" in banner and "FICTIONAL" in banner and "您的分界" in banner
    captions = " ".join(c.value for c in at.caption)
    assert "報告同一題" in captions


def test_an_upload_is_private_to_its_session(dataset, monkeypatch):
    mine = _app(page="your_data.py")
    mine.button(key="up_synth").click().run()  # draw a FICTIONAL dataset, for this session
    assert not mine.exception
    uploaded = set(mine.session_state["_uploads"])
    assert len(uploaded) == 1
    other = _app(dataset=next(iter(uploaded)))
    warned = " ".join(w.value for w in other.warning)
    assert "dataset" in warned  # another session's upload is not opened by its id
    assert not other.session_state["dataset"]


def _hk_file(folder, n: int = 400):
    """A FICTIONAL Hong Kong file: random answers to every question, customers and staff."""
    import numpy as np
    import pandas as pd

    from cxdash.respondents import instrument

    inst = instrument.load("hk")
    rng = np.random.default_rng(5)
    frame = {"id": [f"F{i}" for i in range(n)], "group": rng.choice(inst.groups, n)}
    lines = ['instrument = "hk"', "[dataset]", 'name = "FICTIONAL HK"', "fictional = true"]
    lines += ['[respondent.respondent_id]\ncolumn = "id"', "[respondent.year]\nvalue = 2018"]
    lines += ['[respondent.country]\nvalue = "Hong Kong"']
    lines += ['[respondent.respondent_group]\ncolumn = "group"']
    for qid, q in inst.questions.iterrows():
        codes = inst.codes(qid)
        if q["kind"] == "multi":
            for c in codes:
                frame[f"{qid}__{c}"] = rng.integers(0, 2, n)
            pairs = ", ".join(f'{c} = "{qid}__{c}"' for c in codes)
            lines.append(f"[questions.{qid}]\ncolumns = {{ {pairs} }}")
        elif q["kind"] != "numeric":
            frame[qid] = rng.choice(codes, n)
            lines.append(f'[questions.{qid}]\ncolumn = "{qid}"')
    pd.DataFrame(frame).to_parquet(folder / "hk.parquet")
    (folder / "hk.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "hk.parquet", folder / "hk.toml"


def test_the_hong_kong_page_redraws_customers_and_staff(tmp_path, monkeypatch):
    from cxdash import data

    monkeypatch.setenv("CX_RESPONDENTS_DIR", str(tmp_path / "store"))
    path, mapping = _hk_file(tmp_path)
    meta = importer.import_file(path, "hk", mapping)
    assert meta["fictional"]
    view = View(page="hong_kong", dataset=meta["id"])
    shown = figures.published(data.page_figures("hong_kong"), view)
    assert "hk_fcr_by_channel" in shown
    fig = figures.figure("hk_fcr_by_channel", view)
    groups = {r["respondent_group"] for r in fig.records}
    channels = {r["channel"] for r in fig.records}
    assert groups == {"hk_customers"} and len(channels) == 5  # the report asked customers
    assert "FICTIONAL" in fig.caption
    at = _app(page="hong_kong.py", dataset=meta["id"])
    assert not at.exception and at.get("vega_lite_chart")


def test_the_csv_of_a_respondent_figure_says_whose_data_it_is(dataset):
    import io

    import pandas as pd

    from cxdash import export

    fig = figures.figure("apac_first_response_hours", View(page="tiers", dataset=dataset))
    table = pd.read_csv(io.BytesIO(export.figure_csv(fig.values)), encoding="utf-8-sig")
    assert set(table["origin"]) == {"respondents"} and table["fictional"].all()
    champion = table[table["tier"] == "Champion"].iloc[0]
    assert champion["published_value"] == 1.7 and champion["value"] != round(champion["value"], 1)
    assert champion["eff_base"] < champion["base_n"]


def test_a_page_the_dataset_does_not_redraw_says_it_shows_the_reports(dataset):
    at = _app(page="executive.py", dataset=dataset)
    said = " ".join(i.value for i in at.info)
    assert "published reports only" in said and "Drawn from" not in said
    overview = _app(page="overview.py", dataset=dataset)
    captions = " ".join(c.value for c in overview.caption)
    assert "From the published reports, not your data" in captions  # above the KPI cards


def test_the_text_alternative_names_the_users_data(dataset):
    view = View(page="tiers", dataset=dataset, filters=Filters(tiers=("Starter", "Champion")))
    said = figures.figure("apac_first_response_hours", view).spec["description"]
    assert "Your data" in said and "FICTIONAL" in said and "Champion 1.7 hours (N=" in said


def test_an_upload_folder_goes_when_its_session_state_does():
    import gc

    from cxdash.ui import uploads

    folder = uploads._Folder()
    path = folder.path
    (path / "respondents.parquet").write_bytes(b"FICTIONAL")
    del folder  # Streamlit drops a session's state when the session ends
    gc.collect()
    assert not path.exists()


def test_a_year_over_year_figure_from_one_wave_is_drawn_with_the_reports_values_beside(dataset):
    # The FICTIONAL respondents answered in 2021 only; the report's figure has APAC's 2020 and
    # 2021 averages (5.2 and 6.4 channels). The one estimate is over every tier, so it has no
    # tier label (a missing label once raised here, then drew a colour scale over a missing
    # label, invalid Vega-Lite): it is named and coloured by its year, as 2021 is in the
    # report's dumbbells.
    fig = figures.figure("apac_yoy_channels_offered", View(page="year_over_year", dataset=dataset))
    (row,) = fig.spec["datasets"]["values"]
    assert row["row"] == "2021"
    colour = fig.spec["layer"][0]["encoding"]["color"]
    assert colour["field"] == "year_label" and colour["scale"]["domain"] == ["2021"]
    assert colour["scale"]["range"] == [year_color(2021)]
    assert vega_lite.errors(fig.spec) == []
    assert fig.marks_key == []  # one group: no letters to explain, no pairs to look for
    (record,) = fig.records
    assert record["year"] == 2021 and record["published_value"] == 6.4


@pytest.mark.parametrize("page", PAGES)
def test_every_page_drawn_from_a_dataset_opens_without_an_error(dataset, page):
    _app(page=f"{page}.py", dataset=dataset)  # asserts no exception


def test_an_answer_list_longer_than_the_palette_is_stacked_per_tier(dataset):
    # grouped by two chosen tiers, the industry question (19 answers) becomes a stacked bar:
    # more answers than the answer palette has colours, which once raised a KeyError
    view = View(page="explore", dataset=dataset, filters=Filters(tiers=("Starter", "Champion")))
    fig = figures.figure("apac_demo_industry", view)
    rows = fig.spec["datasets"]["values"]
    assert {r["tier"] for r in rows} == {"Starter", "Champion"}
    assert len({r["option"] for r in rows}) == 19


@pytest.fixture(scope="module")
def redrawn(dataset) -> list[str]:
    """The figures the FICTIONAL dataset's questions redraw."""
    return source.figures(source.dataset(dataset), FIGURES)


@settings(max_examples=settings.default.max_examples * 12)
@given(data=st.data())
def test_any_figure_the_dataset_redraws_with_any_filters(dataset, redrawn, data):
    # the space the two bugs above were in: any figure redrawn, any members of every dimension
    def members(key: str) -> tuple:
        return tuple(data.draw(st.lists(st.sampled_from(OPTIONS[key]), unique=True, max_size=3)))

    figure_id = data.draw(st.sampled_from(redrawn), label="figure")
    filters = Filters(
        tiers=members("tier"),
        countries=members("country"),
        channels=members("channel"),
        years=tuple(int(y) for y in members("year")),
    )
    lang = data.draw(st.sampled_from(["en", "zh"]), label="lang")
    view = View(page="explore", dataset=dataset, filters=filters, lang=lang)
    fig = figures.figure(figure_id, view)  # None: nothing of it left for these filters
    if fig is not None:
        rows = fig.spec["datasets"]["values"]
        assert rows and all(r["row"] for r in rows)
        assert all(r["origin"] == "respondents" for r in fig.records)
        assert vega_lite.errors(fig.spec) == []


def test_a_rerun_drawn_from_a_dataset_reads_no_instrument_and_makes_no_table_again(
    dataset, monkeypatch
):
    # a rerun (any widget touched) of a view already drawn: the instrument was read and
    # checked three times a run, and every chart's hidden table made again, most of a 1 M
    # dataset's rerun (bench/speed.py b); now both are the dataset's and its figures' own
    from cxdash import access
    from cxdash.respondents import instrument

    at = _app(dataset=dataset, tier=["Starter", "Champion"])
    charts = len(at.get("vega_lite_chart"))
    made = []
    monkeypatch.setattr(instrument, "load", lambda *a, **k: made.append(("load", a)))
    hidden = access.hidden_table
    monkeypatch.setattr(access, "hidden_table", lambda *a: made.append("table") or hidden(*a))
    at.run()
    assert not at.exception and len(at.get("vega_lite_chart")) == charts > 20
    assert made == []


def test_a_language_or_interval_switch_re_estimates_nothing_and_draws_what_a_fresh_run_does(
    dataset, monkeypatch
):
    # the estimates of a slice depend on neither the language nor the interval setting: a
    # reader's switch to 繁體中文, or intervals off, reuses them (it re-estimated all 26)
    view = View(page="tiers", dataset=dataset, filters=Filters(tiers=("Starter", "Emerging")))
    fid = "apac_first_response_hours"
    first = figures.figure(fid, view)
    switched = [replace(view, lang="zh"), replace(view, show_ci=False)]
    switched.append(replace(view, lang="zh", show_ci=False))
    made = []
    estimate = source.figure_values
    monkeypatch.setattr(source, "figure_values", lambda *a: made.append(a) or estimate(*a))
    drawn = [figures.figure(fid, v) for v in switched]
    assert made == []
    # ... and draws what they draw made afresh
    for made_once in (figures._from_respondents, figures._respondent_shape):
        made_once.cache_clear()
    figures._respondent_values.cache_clear()
    for v, fig in zip(switched, drawn):
        fresh = figures.figure(fid, v)
        assert fig.spec == fresh.spec and fig.records == fresh.records
    assert len(made) == 1
    zh, no_ci = drawn[0], drawn[1]
    assert [r["value"] for r in zh.records] == [r["value"] for r in first.records]
    assert zh.title != first.title and zh.records[0]["tier_label"] != first.records[0]["tier_label"]
    assert all(r["ci_low"] is not None for r in first.spec["datasets"]["values"])
    rows = no_ci.spec["datasets"]["values"]
    assert len(rows) == 2 and all(r["ci_low"] is None and r["ci_high"] is None for r in rows)
