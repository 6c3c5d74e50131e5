"""Hardening: the CSV reader refuses what would be stored wrong, with file, line and column,
and accepts what spreadsheets write (a byte-order mark)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cxdash import build, csvread
from cxdash.paths import ROOT
from tests.test_build import VALUES, _edit

ROW = "apac_first_response_hours.champion"


def _error(data_dir: Path) -> build.DataError:
    with pytest.raises(build.DataError) as info:
        build.validate(data_dir)
    return info.value


def test_a_byte_order_mark_in_any_file_is_accepted(data_copy):
    for path in data_copy.rglob("*.csv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    problems: list = []
    assert build.validate(data_copy, problems, statistics=False) is not None, problems


def test_a_byte_order_mark_inside_a_code_is_refused_where_it_is(data_copy):
    path = data_copy / "dimensions/tiers.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\nStarter,", "\n\ufeffStarter,"))
    err = _error(data_copy)
    assert (err.file, err.line, err.column) == ("data/dimensions/tiers.csv", 2, "tier")
    assert "U+FEFF" in err.problem


def test_a_file_cut_inside_a_quoted_field_is_refused(data_copy):
    path = data_copy / "apac/claims.csv"
    text = path.read_text(encoding="utf-8")
    cut = text.index('"', int(len(text) * 0.7)) + 5  # inside a quoted field
    path.write_text(text[:cut], encoding="utf-8")
    err = _error(data_copy)
    assert err.file == "data/apac/claims.csv" and err.line and err.line > 60
    assert "unterminated" in err.problem


@pytest.mark.parametrize("extra", ["a,b,c", "x," * 20 + "x"])
def test_short_and_long_rows_are_refused_with_their_line(data_copy, extra):
    path = data_copy / "hk/values.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, extra + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    err = _error(data_copy)
    assert (err.file, err.line) == ("data/hk/values.csv", 4) and "fields" in err.problem


@pytest.mark.parametrize(
    ("column", "bad"),
    [
        ("value", "inf"),
        ("value", "Infinity"),
        ("value", "nan"),
        ("value", "-inf"),
        ("value", "1e3"),
        ("value", " 2.4 "),
        ("base_n", "1.5"),
        ("base_n", " 62"),
        ("source_zh", "入門\x00新手"),
        ("note_en", "tab\there"),
        ("source_zh", "zero\u200bwidth"),
    ],
)
def test_bad_fields_are_refused_with_file_line_column(data_copy, column, bad):
    line = _edit(data_copy / VALUES, ROW, **{column: bad})
    err = _error(data_copy)
    assert (err.file, err.line, err.column) == (f"data/{VALUES}", line, column)


def test_precision_comes_from_the_printed_digits():
    assert csvread.check_field("value", "2.40") == "2.40"  # two decimals, as printed
    assert csvread.check_field("value", "-3") == "-3"
    assert csvread.check_field("suffix", " pts") == " pts"  # a unit suffix keeps its space
    with pytest.raises(ValueError, match="whole number"):
        csvread.check_field("year", "2021.0")


@pytest.mark.parametrize("size", [200_000, 1_000_000, csvread.MAX_FIELD_CHARS + 1])
def test_oversized_fields_are_refused_with_file_and_line(data_copy, size):
    line = _edit(data_copy / VALUES, ROW, note_en="x" * size)
    err = _error(data_copy)
    assert (err.file, err.line) == (f"data/{VALUES}", line)
    assert f"{csvread.MAX_FIELD_CHARS:,}" in err.problem


def test_the_command_line_reports_an_oversized_field_without_a_traceback(data_copy):
    _edit(data_copy / VALUES, ROW, note_en="x" * 1_000_000)
    env = {"CX_DATA_DIR": str(data_copy), "CX_DB_PATH": str(data_copy / "cx.duckdb")}
    done = subprocess.run(
        [sys.executable, "-m", "cxdash", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, **env},
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"data/{VALUES}, line" in done.stderr


def test_an_emptied_claims_file_is_refused_unless_declared_empty(data_copy):
    path = data_copy / "hk/claims.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    err = _error(data_copy)
    assert err.file == "data/hk/claims.csv" and "empty_files" in err.problem
    manifest = data_copy / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("\nhk,,", "\nhk,claims.csv,"),
        encoding="utf-8",
    )
    problems: list = []
    build._read_all(data_copy, problems)
    assert problems == []
    path.write_bytes(b"")  # not even a header: never a valid empty file
    assert "header row is required" in _error(data_copy).problem


def test_a_declared_empty_file_with_rows_is_refused(data_copy):
    path = data_copy / "taiwan/claims.csv"
    other = (data_copy / "hk/claims.csv").read_text(encoding="utf-8").splitlines()[1]
    path.write_text(path.read_text(encoding="utf-8") + other + "\n", encoding="utf-8")
    assert "declares this file empty" in _error(data_copy).problem


def test_a_deleted_or_undeclared_survey_folder_is_refused(data_copy):
    import shutil

    shutil.rmtree(data_copy / "hk")
    err = _error(data_copy)
    assert err.file == "data/manifest.csv" and "hk/" in err.problem
    shutil.copytree(data_copy / "taiwan", data_copy / "taiwan2")
    problems: list = []
    build._read_all(data_copy, problems)
    assert any("taiwan2" in p.file and "not listed" in p.problem for p in problems)


def test_an_unknown_csv_file_is_refused(data_copy):
    (data_copy / "apac/valeus_2022.csv").write_text("value_id\n", encoding="utf-8")
    assert "not a data file" in _error(data_copy).problem


def test_every_problem_is_collected(data_copy):
    _edit(data_copy / VALUES, ROW, value="nan", base_n="1.5")
    _edit(data_copy / "hk/values.csv", "hk_fcr_expectation.important_or_very", value=" 2 ")
    problems: list = []
    assert build.validate(data_copy, problems) is None
    assert {(p.file, p.column) for p in problems} == {
        (f"data/{VALUES}", "value"),
        (f"data/{VALUES}", "base_n"),
        ("data/hk/values.csv", "value"),
    }


@pytest.mark.parametrize(
    ("file", "row", "column", "zh", "says"),
    [
        ("apac/figures_charts.csv", "apac_first_response_hours", "flag_note_zh", "", "is empty"),
        ("apac/figures_charts.csv", "apac_first_response_hours", "note_zh", "", "is empty"),
        ("apac/values_text.csv", "apac_global_sample_size.global", "note_zh", "", "is empty"),
        (
            "hk/figures.csv",
            "hk_expected_use_3y",
            "note_zh",
            "Two panels of one chart.",
            "no Chinese",
        ),
        ("dimensions/years.csv", "2018", "note_zh", "", "is empty"),
    ],
)
def test_an_english_text_without_its_chinese_twin_is_refused_in_words(
    data_copy, file, row, column, zh, says
):
    """An English note whose 繁體中文 twin is empty, or holds English, never loads: the reader
    of 繁體中文 would get English. Refused with file, line and column, saying what to write."""
    line = _edit(data_copy / file, row, **{column: zh})
    err = _error(data_copy)
    assert (err.file, err.line, err.column) == (f"data/{file}", line, column)
    assert says in err.problem and "繁體中文" in err.problem and "_en" in err.problem


def test_a_twin_may_be_empty_when_the_english_is_empty(data_copy):
    """No English text, nothing to translate: a value without a note loads."""
    _edit(data_copy / VALUES, ROW, note_en="", note_zh="")
    problems: list = []
    assert build.validate(data_copy, problems, statistics=False) is not None, problems
