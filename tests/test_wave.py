"""A new wave: `template` writes it, a researcher fills it, `import` adds it (into a temporary
copy of data/, never the real one) and every page and export shows it with its pairs.

The wave is tests/fixtures/apac_2022/: FICTIONAL, marked so in every row (see
tests/fixtures/make_apac_2022.py), and never in data/."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cxdash import build, db, wave
from cxdash.paths import DATA_DIR, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "apac_2022"
MARK = "FICTIONAL TEST FIXTURE"
KEY = ["value_id", "figure_id", "year", "tier", "country", "channel", "respondent_group"]


def _copy_data(tmp: Path) -> Path:
    target = tmp / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb", ".*"))
    return target


def _digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in files)).hexdigest()


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """A copy of data/ with the fixture wave imported, and its database."""
    data_dir = _copy_data(tmp_path_factory.mktemp("wave"))
    target = data_dir / "cx.duckdb"
    summary = wave.import_wave(FIXTURE, data_dir, target)
    return data_dir, target, summary


def test_the_fixture_is_the_template_filled_and_marked_fictional(tmp_path):
    written = wave.template("apac", 2022, tmp_path / "t")
    assert {p.relative_to(tmp_path / "t") for p in written} == {
        p.relative_to(FIXTURE) for p in FIXTURE.rglob("*.csv")
    }
    template = {tuple(r[k] for k in KEY) for r in _rows(tmp_path / "t/apac/values_2022.csv")}
    filled = _rows(FIXTURE / "apac/values_2022.csv")
    assert filled and {tuple(r[k] for k in KEY) for r in filled} <= template
    for path in FIXTURE.rglob("*.csv"):
        for row in _rows(path):
            assert any(MARK in (v or "") for v in row.values()), (path, row)
    for path in DATA_DIR.rglob("*.csv"):
        assert "FICTIONAL" not in path.read_text(encoding="utf-8"), path


def test_template_rows_have_nothing_filled_in(tmp_path):
    wave.template("apac", 2023, tmp_path)
    rows = _rows(tmp_path / "apac/values_2023.csv")
    assert len(rows) > 300 and {r["year"] for r in rows} == {"2023"}
    assert all(not r["value"] and not r["base_n"] and not r["source_zh"] for r in rows)
    with pytest.raises(ValueError, match="already has values for 2021"):
        wave.template("apac", 2021, tmp_path / "again")


def test_template_of_a_new_survey_is_an_empty_skeleton(tmp_path):
    files = {p.name for p in wave.template("newsurvey", None, tmp_path)}
    assert files == {"survey.csv", "groups.csv", "figures.csv", "values.csv", "claims.csv"} | {
        "manifest.csv"
    }
    assert _rows(tmp_path / "newsurvey/survey.csv")[0]["survey_id"] == "newsurvey"
    header = next(csv.reader((tmp_path / "newsurvey/values.csv").open(encoding="utf-8")))
    assert header == wave.header("published_values")


def test_import_adds_the_wave_and_says_what(imported):
    data_dir, target, summary = imported
    (line,) = summary.lines
    n = len(_rows(FIXTURE / "apac/values_2022.csv"))
    assert re.fullmatch(
        rf"apac 2022: {n} values in \d+ figures; year-over-year pairs 2021→2022: \d+", line
    )
    assert (data_dir / "apac/values_2022.csv").is_file()
    assert not (data_dir / "apac/claims_2022.csv").exists()  # header-only: left out
    assert not build.is_stale(target, data_dir)


def test_pairs_span_every_wave(imported):
    _, target, _ = imported
    pairs = db.run("yoy_pairs", path=target, tiers=["Champion"], countries=["APAC"])
    tier_mix = pairs[pairs["figure_id"] == "apac_maturity_distribution"]
    steps = list(zip(tier_mix["year_from"], tier_mix["year_to"], tier_mix["step"]))
    assert steps == [
        (2020, 2021, "consecutive"),
        (2020, 2022, "first_to_last"),
        (2021, 2022, "consecutive"),
    ] or sorted(steps) == sorted(
        [(2020, 2021, "consecutive"), (2021, 2022, "consecutive"), (2020, 2022, "first_to_last")]
    )
    later = pairs[pairs["year_to"] == 2022]
    assert later["source_zh_to"].str.contains(MARK).all()
    assert set(later["document_to"]) == {"999_0000000000000000.txt"}
    assert later["p"].notna().any()  # both bases printed: a test of the fictional change


def test_import_problems_name_the_wave_file_and_write_nothing(tmp_path):
    data_dir = _copy_data(tmp_path)
    before = _digest(data_dir)
    src = tmp_path / "wave"
    shutil.copytree(FIXTURE, src)
    path = src / "apac/values_2022.csv"
    rows = _rows(path)
    rows[0]["value"], rows[2]["base_n"] = "inf", "1.5"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(wave.ImportProblems) as info:
        wave.import_wave(src, data_dir, data_dir / "cx.duckdb")
    found = {(p.file, p.line, p.column) for p in info.value.problems}
    assert found == {(str(path), 2, "value"), (str(path), 4, "base_n")}
    rows[0]["value"], rows[2]["base_n"] = "5", rows[2]["base_n"] and "62"
    rows[5]["figure_id"] = "apac_no_such_figure"
    rows[5]["value_id"] = "apac_no_such_figure.x_2022"
    rows[7]["source_zh"] = ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(wave.ImportProblems) as info:
        wave.import_wave(src, data_dir, data_dir / "cx.duckdb")
    found = {(p.file, p.line, p.column) for p in info.value.problems}
    assert found == {(str(path), 7, "figure_id"), (str(path), 9, "source_zh")}
    assert _digest(data_dir) == before and not (data_dir / "cx.duckdb").exists()


def test_a_wave_cannot_be_imported_twice(imported):
    data_dir, target, _ = imported
    with pytest.raises(wave.ImportProblems) as info:
        wave.import_wave(FIXTURE, data_dir, target)
    messages = [str(p) for p in info.value.problems]
    assert any("values_2022.csv exists" in m for m in messages)


APP = """
import json, sys
import pyarrow as pa
from streamlit.testing.v1 import AppTest
from cxdash import db
from cxdash.__main__ import main
root = sys.argv[1]
at = AppTest.from_file(root + "/dashboard.py", default_timeout=120)
at.switch_page(root + "/pages/year_over_year.py").run()
table = at.table[0].value  # st.table: its text wraps
rows = []
for c in at.get("vega_lite_chart")[:1]:  # the page's own chart: every measure's waves
    for d in json.loads(c.proto.spec).get("datasets", {}).values():
        rows += d
    for d in c.proto.datasets:
        rows += pa.ipc.open_stream(d.data.data).read_all().to_pylist()
main(["export", "--format", "json", "--out", sys.argv[2]])
print(json.dumps({
    "errors": [str(e.value) for e in at.exception] + [str(e.value) for e in at.error],
    "waves": sorted(set(table.iloc[:, 1])),
    "chart_years": sorted({str(r["year"]) for r in rows if r.get("year") is not None}),
}))
"""


def test_the_wave_is_on_the_year_over_year_page_and_in_the_export(imported, tmp_path):
    data_dir, target, _ = imported
    env = {**os.environ, "CX_DATA_DIR": str(data_dir), "CX_DB_PATH": str(target)}
    out = tmp_path / "export.json"
    done = subprocess.run(
        [sys.executable, "-c", APP, str(ROOT), str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["errors"] == []
    assert "2021 → 2022" in shown["waves"] and "2020 → 2021" in shown["waves"]
    assert any(w.startswith("2020 → 2022") for w in shown["waves"])  # first → latest
    assert {"2020", "2021", "2022"} <= set(shown["chart_years"])
    exported = json.loads(out.read_text(encoding="utf-8"))
    later = [r for r in exported if r["year"] == 2022]
    assert later and all(MARK in r["source_zh"] for r in later)
    assert not build.is_stale(target, data_dir)  # the page never rebuilt the import's database
