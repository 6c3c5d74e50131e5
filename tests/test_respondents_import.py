"""Importing respondent files (FICTIONAL ones, drawn by `synth`): CSV, Parquet and .sav give
the same dataset; a bad file is refused with file, row and column, and nothing is stored."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from cxdash.__main__ import main
from cxdash.respondents import importer, store, synth
from cxdash.respondents.mapping import MappingError
from cxdash.respondents.readers import ImportProblems

FIXTURES = Path(__file__).parent / "fixtures" / "respondents"


@pytest.fixture(autouse=True)
def respondents_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "store"
    monkeypatch.setenv("CX_RESPONDENTS_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[pd.DataFrame, Path]:
    """300 FICTIONAL respondents and the mapping that imports them."""
    frame = synth.draw(300, seed=7)
    path = tmp_path_factory.mktemp("map") / "synth.mapping.toml"
    path.write_text(synth.mapping_text(frame), encoding="utf-8")
    return frame, path


def _stored(meta: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = store.root() / meta["id"]
    order = ["respondent_id", "question_id", "option_code"]
    answers = pd.read_parquet(folder / "answers.parquet").sort_values(order)
    return pd.read_parquet(folder / "respondents.parquet"), answers.reset_index(drop=True)


def _write(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        pyreadstat.write_sav(frame.astype({"year": float}), path, file_label="FICTIONAL test")
    return path


def _refused(tmp_path, frame, mapping, name="bad.csv") -> list[str]:
    path = _write(frame, tmp_path / name)
    with pytest.raises(ImportProblems) as info:
        importer.import_file(path, "apac", mapping)
    assert not store.root().exists() or not any(store.root().iterdir())  # nothing, not even tmp
    return [str(p) for p in info.value.problems]


def test_csv_parquet_and_sav_give_the_same_dataset(tmp_path, small):
    frame, mapping = small
    stored = [
        _stored(importer.import_file(_write(frame, tmp_path / f"f{ext}"), "apac", mapping))
        for ext in (".csv", ".parquet", ".sav")
    ]
    for people, answers in stored[1:]:
        pd.testing.assert_frame_equal(people, stored[0][0], check_dtype=False)
        pd.testing.assert_frame_equal(answers, stored[0][1], check_dtype=False)
    people, answers = stored[0]
    assert len(people) == 300 and people.respondent_id.is_unique
    assert set(people.tier) <= {"Champion", "Emerging", "Starter"}
    multi = answers[answers.question_id == "covid_policy_changes"]
    assert set(multi.value) == {0.0, 1.0}  # one row per option: chosen or not
    assert multi.groupby("respondent_id").size().eq(8).all()
    assert answers[answers.question_id == "first_response_hours"].option_code.isna().all()


def test_twenty_thousand_fictional_rows_round_trip_the_tier_mix(tmp_path):
    data, mapping = synth.write(20_000, 11, tmp_path / "big.parquet")
    meta = importer.import_file(data, "apac", mapping)
    assert meta["fictional"] and meta["tier_cut"] == {"emerging_min": synth.EMERGING_MIN}
    people, answers = _stored(meta)
    drawn = pd.read_parquet(data).drawn_tier.value_counts().sort_index()
    assert people.tier.value_counts().sort_index().to_dict() == drawn.to_dict()
    # the report's 2021 mix is 50 / 26 / 23 (Starter / Emerging / Champion)
    assert abs(drawn["Champion"] / 20_000 * 100 - (23 + 1 / 3)) < 1.5  # 99 printed: +⅓ each
    saved = json.loads((store.root() / meta["id"] / "dataset.json").read_text())
    assert saved["n_respondents"] == 20_000 and saved["source_file"] == "big.parquet"
    # answers follow the printed chart within the tier: Starters' satisfaction vs target is
    # printed as 2 / 39 / 43 (sum 84: 16 points of answers not printed), so the printed
    # shares are kept, not scaled up to 100 (39 would become 46)
    starters = set(people.respondent_id[people.tier == "Starter"])
    csat = answers[(answers.question_id == "csat_vs_target")
                   & answers.respondent_id.isin(starters)]  # fmt: skip
    shares = csat.option_code.value_counts(normalize=True) * 100
    assert abs(shares["in_line"] - 39) < 2.5 and abs(shares["below"] - 43) < 2.5
    assert abs(shares["other_not_published"] - 16) < 2


def test_without_a_cut_tiers_are_champion_or_not(tmp_path, small):
    frame, mapping = small
    text = mapping.read_text().replace("emerging_min = 4", "")
    plain = tmp_path / "plain.toml"
    plain.write_text(text)
    people, _ = _stored(importer.import_file(_write(frame, tmp_path / "p.csv"), "apac", plain))
    assert set(people.tier) == {"Champion", "Not Champion"}
    assert (people.tier == "Champion").eq(people.practices >= 6).all()


def test_a_wrong_code_is_named_with_file_row_and_column(tmp_path, small):
    frame, mapping = small
    bad = frame.copy()
    bad.loc[4, "customer_360_view"] = "great"
    (problem,) = _refused(tmp_path, bad, mapping)
    assert problem.startswith("bad.csv, row 6, column customer_360_view: 'great' is not a known")


def test_a_missing_column_is_named(tmp_path, small):
    frame, mapping = small
    (problem,) = _refused(tmp_path, frame.drop(columns="resolution_hours"), mapping)
    assert problem == "bad.csv, column resolution_hours: missing: the mapping names it"


def test_negative_and_missing_weights_are_named(tmp_path, small):
    frame, mapping = small
    bad = frame.copy()
    bad.loc[0, "weight"] = -1.0
    bad.loc[9, "weight"] = None
    problems = _refused(tmp_path, bad, mapping, "w.parquet")
    where = "w.parquet, row 10, column weight"
    assert f"{where}: missing weight: every respondent needs one" in problems
    assert "w.parquet, row 1, column weight: weight is not positive (must be > 0)" in problems


def test_a_billion_in_a_numeric_answer_is_named(tmp_path, small):
    frame, mapping = small
    bad = frame.copy()
    bad.loc[2, "first_response_hours"] = 1e9
    (problem,) = _refused(tmp_path, bad, mapping)
    assert problem.startswith("bad.csv, row 4, column first_response_hours: outside 0–8760 hours")


def test_a_truncated_sav_is_refused_in_one_line(tmp_path, small):
    frame, mapping = small
    path = _write(frame, tmp_path / "cut.sav")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ImportProblems) as info:
        importer.import_file(path, "apac", mapping)
    (problem,) = info.value.problems
    assert str(problem).startswith("cut.sav: cannot be read as an SPSS .sav file")
    assert "\n" not in str(problem) and not store.root().exists()


def test_sav_value_labels_stand_in_for_the_answer_mapping(tmp_path):
    frame = pd.DataFrame({"id": ["a", "b", "c"], "q7": [1.0, 2.0, 3.0], "wt": [1.0, 2.0, 0.5]})
    labels = {"q7": {1.0: "Good", 2.0: "Adequate (room for improvement) or poor", 3.0: "Good"}}
    path = tmp_path / "labelled.sav"
    pyreadstat.write_sav(frame, path, variable_value_labels=labels)
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        'instrument = "apac"\n[respondent.respondent_id]\ncolumn = "id"\n'
        '[respondent.weight]\ncolumn = "wt"\n[respondent.year]\nvalue = 2022\n'
        '[questions.customer_360_view]\ncolumn = "q7"\n'
    )
    people, answers = _stored(importer.import_file(path, "apac", mapping))
    assert list(answers.option_code) == ["good", "adequate_or_poor", "good"]
    assert list(people.weight) == [1.0, 2.0, 0.5] and set(people.year) == {2022}
    assert people.tier.isna().all()  # no practice answered: no tier, never a guess


def test_a_mapping_naming_unknown_questions_or_codes_is_refused(tmp_path, small):
    _, mapping = small
    bad = tmp_path / "bad.toml"
    bad.write_text(
        mapping.read_text()
        + '\n[questions.no_such]\ncolumn = "x"\n'
        + '[questions.hk_only]\ncolumn = "y"\ncodes = { "1" = "splendid" }\n'
    )
    with pytest.raises(MappingError) as info:
        importer.import_file(tmp_path / "any.csv", "apac", bad)
    words = "bad.toml: questions.no_such: no question 'no_such' in instrument apac"
    assert words in str(info.value)


def test_the_command_line_lists_imports_and_deletes(tmp_path, small, capsys):
    frame, mapping = small
    path = _write(frame, tmp_path / "ok.csv")
    assert main(["respondents", "import", str(path), "--instrument", "apac",
                 "--mapping", str(mapping), "--name", "Wave X"]) == 0  # fmt: skip
    (meta,) = store.datasets()
    assert meta["name"] == "Wave X" and meta["id"].startswith("wave-x-")
    assert main(["respondents", "list"]) == 0 and meta["id"] in capsys.readouterr().out
    opened = store.open_dataset(meta["id"])
    assert opened.con.execute("select count(*) from respondents").fetchall() == [(300,)]
    assert main(["respondents", "delete", meta["id"]]) == 0 and store.datasets() == []
    assert main(["respondents", "delete", "../../etc"]) == 2


def test_a_bad_file_on_the_command_line_is_lines_of_words_and_exit_2(tmp_path, small, capsys):
    frame, mapping = small
    bad = frame.copy()
    bad.loc[0, "weight"] = 0.0
    path = _write(bad, tmp_path / "bad.csv")
    code = main(["respondents", "import", str(path), "--instrument", "apac",
                 "--mapping", str(mapping)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.splitlines() == [
        "error: bad.csv, row 2, column weight: weight is not positive (must be > 0)",
        "1 problem(s); nothing was imported",
    ]


def test_synth_writes_fictional_in_a_column_and_the_metadata(tmp_path):
    import pyarrow.parquet as pq

    out, mapping = synth.write(50, 1, tmp_path / "s.parquet")
    note = json.loads(pq.read_schema(out).metadata[b"cxdash"])
    assert note["FICTIONAL"] and "by tier OR by country" in note["method"]
    assert set(pd.read_parquet(out).fictional) == {"FICTIONAL"}
    assert "fictional = true" in mapping.read_text()
    assert (FIXTURES / "synth_apac.mapping.toml").read_text() == mapping.read_text()
    assert os.environ["CX_RESPONDENTS_DIR"].endswith("store")


def test_tier_mix_and_practice_shares_queries_weight_each_respondent(tmp_path):
    """Three FICTIONAL respondents: 7, 6 and 2 practices, weights 1, 2 and 3."""
    from cxdash.respondents import instrument

    inst = instrument.load("apac")
    practices = list(inst.practices.practice_id)
    held = {"a": 7, "b": 6, "c": 2}
    rows = [
        {"id": rid, "wt": w, "country": c}
        | {f"p{j}": "yes" if j < held[rid] else "no" for j in range(7)}
        for rid, w, c in (("a", 1.0, "Japan"), ("b", 2.0, "Australia"), ("c", 3.0, "Japan"))
    ]
    path = _write(pd.DataFrame(rows), tmp_path / "three.csv")
    mapping = tmp_path / "three.toml"
    mapping.write_text(
        'instrument = "apac"\n[dataset]\nfictional = true\n'
        '[respondent.respondent_id]\ncolumn = "id"\n[respondent.weight]\ncolumn = "wt"\n'
        '[respondent.year]\nvalue = 2021\n[respondent.country]\ncolumn = "country"\n'
        + "".join(f'[questions.practice_{p}]\ncolumn = "p{j}"\n' for j, p in enumerate(practices))
    )
    opened = store.open_dataset(importer.import_file(path, "apac", mapping)["id"])
    mix = store.query(opened, "tier_mix", countries=[]).set_index("tier")
    assert mix.n.to_dict() == {"Champion": 2, "Not Champion": 1}
    assert mix.share_pct.to_dict() == {"Champion": 50.0, "Not Champion": 50.0}  # (1+2) vs 3
    japan = store.query(opened, "tier_mix", countries=["Japan"]).set_index("tier")
    assert japan.share_pct.to_dict() == {"Champion": 25.0, "Not Champion": 75.0}
    shares = store.query(opened, "practice_shares", counted=inst.counted())
    champion = shares[shares.tier == "Champion"].set_index("question_id").has_practice_pct
    # the seventh practice: a (weight 1) has it, b (weight 2) does not
    assert champion[f"practice_{practices[6]}"] == pytest.approx(100 / 3)
    assert champion[f"practice_{practices[0]}"] == 100.0


def test_an_hk_file_maps_groups_channels_and_labels_in_either_language(tmp_path):
    frame = pd.DataFrame({
        "id": ["c1", "c2", "s1"],
        "group": ["本地顧客", "hk_customers", "Frontline customer service staff"],
        "fcr_phone": ["可以", "No", None],
        "need": ["Efficient service", "Something else", "能夠解決顧客的問題"],
    })  # fmt: skip
    mapping = tmp_path / "hk.toml"
    mapping.write_text(
        'instrument = "hk"\n[respondent.respondent_id]\ncolumn = "id"\n'
        '[respondent.year]\nvalue = 2018\n[respondent.country]\nvalue = "Hong Kong"\n'
        '[respondent.respondent_group]\ncolumn = "group"\n'
        '[questions.fcr__phone]\ncolumn = "fcr_phone"\n'
        '[questions.digital_needs]\ncolumn = "need"\n'
        'codes = { "Efficient service" = "efficient", "Something else" = "other_not_published",'
        ' "能夠解決顧客的問題" = "solve_issues" }\n'
    )
    people, answers = _stored(
        importer.import_file(_write(frame, tmp_path / "hk.csv"), "hk", mapping)
    )
    assert list(people.respondent_group) == ["hk_customers", "hk_customers", "hk_staff"]
    assert set(people.country) == {"Hong Kong"} and people.tier.isna().all()
    fcr = answers[answers.question_id == "fcr__phone"].set_index("respondent_id").option_code
    assert fcr.to_dict() == {"c1": "yes", "c2": "no"}  # s1 did not answer: no row


def test_a_mapping_problem_on_the_command_line_is_one_line_and_exit_2(tmp_path, small, capsys):
    frame, _ = small
    path = _write(frame, tmp_path / "ok.csv")
    bad = tmp_path / "bad.toml"
    bad.write_text('instrument = "apac"\n[respondent.year]\nvalue = 2021\n')
    code = main(["respondents", "import", str(path), "--instrument", "apac",
                 "--mapping", str(bad)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and len(err.splitlines()) == 1
    assert "bad.toml: respondent.respondent_id: required" in err
