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

from cxdash import build, db, wave, yoy
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


def test_the_template_carries_every_note_in_both_languages(tmp_path):
    """A wave's notes reach 繁體中文 readers too: every file the template writes has each note
    as an English / 繁體中文 pair, never a lone `note`."""
    wave.template("apac", 2023, tmp_path)
    files = ["apac/values_2023.csv", "apac/figures_2023.csv", "apac/claims_2023.csv"]
    files += ["apac/waves.csv", "dimensions/years.csv"]
    for name in files:
        header = next(csv.reader((tmp_path / name).open(encoding="utf-8")))
        assert {"note_en", "note_zh"} <= set(header) and "note" not in header, name
    header = next(csv.reader((tmp_path / "apac/figures_2023.csv").open(encoding="utf-8")))
    assert {"flag_note_en", "flag_note_zh"} <= set(header) and "flag_note" not in header


def test_a_wave_note_is_refused_without_its_chinese_and_read_in_the_readers_language(
    tmp_path, imported
):
    data_dir = _copy_data(tmp_path)
    src = tmp_path / "wave"
    shutil.copytree(FIXTURE, src)
    path = src / "apac/waves.csv"
    rows = _rows(path)
    rows[0]["note_zh"] = ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(wave.ImportProblems) as info:
        wave.import_wave(src, data_dir, data_dir / "cx.duckdb")
    found = {(p.file, p.line, p.column): p.problem for p in info.value.problems}
    assert "繁體中文" in found[(str(path), 2, "note_zh")]
    _, target, _ = imported
    pairs = db.run("yoy_pairs", path=target, tiers=["Champion"], countries=["APAC"])
    later = pairs[pairs["year_to"] == 2022]
    said = {
        lang: yoy.wave_notes(later, lang) for lang in ("en", "zh")
    }  # said once, under the table
    assert "2022 年：虛構測試資料" in said["zh"] and MARK not in said["zh"]  # years.csv note_zh
    assert f"2022: {MARK}" in said["en"]
    assert "SMBs (<100 staff)" not in said["zh"] and "員工少於 100 人" in said["zh"]  # 2021


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
    assert set(later["document_to"]) == {
        "FICTIONAL TEST FIXTURE - APAC SMB CX maturity 2022 (no such report).pdf"
    }
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


def _edited(tmp_path: Path, edits: dict[str, object]) -> Path:
    """A copy of the fixture wave with `edits` (wave file -> function of its rows) applied."""
    src = tmp_path / "wave"
    shutil.copytree(FIXTURE, src)
    for name, edit in edits.items():
        path = src / name
        rows = _rows(path)
        rows = edit(rows) or rows
        columns = next(csv.reader(path.open(encoding="utf-8")))
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return src


def _refused(tmp_path: Path, src: Path) -> dict[tuple, str]:
    """(wave file, line, column) -> message, for every problem of importing `src`."""
    data_dir = _copy_data(tmp_path)
    before = _digest(data_dir)
    with pytest.raises(wave.ImportProblems) as info:
        wave.import_wave(src, data_dir, data_dir / "cx.duckdb")
    assert _digest(data_dir) == before  # nothing written
    return {(Path(p.file).name, p.line, p.column): p.problem for p in info.value.problems}


SQL_WORDS = re.compile(r"CHECK|constraint|Constraint|Conversion|ENUM|COALESCE|CAST|\(\(|IS NULL")


def test_refusals_say_what_to_write_in_words(tmp_path):
    def waves(rows):
        rows[0]["document"] = "../reports/2022.pdf"

    def values(rows):
        rows[1]["flag"] = "maybe"
        rows[2]["tier"] = "Gold"
        rows[3]["base_n"] = "0"
        rows[4]["value_id"] = "apac_other.x_2022"
        rows[5]["source_zh"] = "x"
        rows.append(dict(rows[6], value_id=rows[6]["value_id"] + "_again"))

    src = _edited(tmp_path, {"apac/waves.csv": waves, "apac/values_2022.csv": values})
    last = len(_rows(src / "apac/values_2022.csv")) + 1
    said = _refused(tmp_path, src)
    assert set(said) == {
        ("waves.csv", 2, "document"),
        ("values_2022.csv", 3, "flag"),
        ("values_2022.csv", 4, "tier"),
        ("values_2022.csv", 5, "base_n"),
        ("values_2022.csv", 6, "value_id"),
        ("values_2022.csv", 7, "source_zh"),
        ("values_2022.csv", last, "value_id"),
    }
    for message in said.values():
        assert not SQL_WORDS.search(message), message
    assert "is not a document name" in said[("waves.csv", 2, "document")]
    assert "web address" in said[("waves.csv", 2, "document")]
    assert "sum_off" in said[("values_2022.csv", 3, "flag")]  # the flags one may write
    assert "Starter, Emerging, Champion or All" in said[("values_2022.csv", 4, "tier")]
    assert "whole number above 0" in said[("values_2022.csv", 5, "base_n")]
    assert "quote the sentence" in said[("values_2022.csv", 7, "source_zh")]
    assert "written once" in said[("values_2022.csv", last, "value_id")]


def test_a_percentage_over_100_is_said_at_its_line(tmp_path):
    """A unit's range is a data check (queries/checks/values_outside_unit_range.sql), run once
    the rows load: said at the wave file's line, in words."""

    def values(rows):
        rows[0]["value"] = "150"  # a percent: FICTIONAL

    said = _refused(tmp_path, _edited(tmp_path, {"apac/values_2022.csv": values}))
    assert list(said) == [("values_2022.csv", 2, "value")]
    assert said[("values_2022.csv", 2, "value")].startswith("150 is outside what the unit percent")
    assert not SQL_WORDS.search(said[("values_2022.csv", 2, "value")])


def test_a_wave_cites_a_web_address_and_a_failed_check_is_located(tmp_path):
    """The document by its address; a single-choice group of the wave that does not add up
    to 100 is said at its first line in the wave's file, in words (not a check's tuple)."""
    url = "https://www.example.com/FICTIONAL/apac-smb-cx-2022.pdf"
    template = _rows(_template_values(tmp_path))
    group = [r for r in template if r["value_id"].startswith("apac_customer_360_view.champion")]
    assert len(group) == 3

    def waves(rows):
        rows[0]["document"] = url

    def values(rows):
        for row, value in zip(group, ("50", "20", "20")):  # 90, not 100: FICTIONAL
            rows.append(
                row
                | {
                    "value": value,
                    "source_zh": f"{MARK}：虛構",
                    "note_en": MARK,
                    "note_zh": "虛構測試資料",
                }
            )

    src = _edited(tmp_path, {"apac/waves.csv": waves, "apac/values_2022.csv": values})
    first = len(_rows(FIXTURE / "apac/values_2022.csv")) + 2
    said = _refused(tmp_path, src)
    assert list(said) == [("values_2022.csv", first, "value")]
    message = said[("values_2022.csv", first, "value")]
    assert "apac_customer_360_view (2022, Champion, APAC, All) add up to 90" in message
    assert "sum_off" in message and not SQL_WORDS.search(message)


def _template_values(tmp_path: Path) -> Path:
    wave.template("apac", 2022, tmp_path / "template")
    return tmp_path / "template/apac/values_2022.csv"


def test_every_refusal_rule_names_a_real_table_or_check():
    from cxdash import refusals
    from cxdash.layout import SOURCES
    from cxdash.paths import QUERIES_DIR

    tables = {t for t, _ in SOURCES}
    for rule in refusals.rules():
        assert rule["kind"] in ("constraint", "check") and rule["words"], rule
        assert rule["table"] in tables | {"*"}, rule
        if rule["kind"] == "check":
            assert (QUERIES_DIR / "checks" / f"{rule['match']}.sql").is_file(), rule
