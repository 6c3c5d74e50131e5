"""The database refuses bad rows, names where they are, and never loses the old file."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from cxdash import build


def _edit(path: Path, row_id: str, **changes: str) -> int:
    """Change columns of the row whose first cell is row_id; returns its line number."""
    rows = list(csv.reader(path.open(encoding="utf-8")))
    header = rows[0]
    for i, row in enumerate(rows):
        if row[0] == row_id:
            for col, val in changes.items():
                row[header.index(col)] = val
            line = i + 1
            break
    else:
        raise AssertionError(row_id)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return line


def _error(data_dir: Path) -> build.DataError:
    with pytest.raises(build.DataError) as info:
        build.validate(data_dir)
    return info.value


VALUES = "apac/values_charts.csv"
ROW = "apac_first_response_hours.champion"


def test_real_data_validates():
    report = build.validate()
    assert report.tables["published_values"] > 400
    assert report.tables["claims"] > 100


def test_percent_over_100_is_refused_with_file_line_column(data_copy):
    line = _edit(data_copy / VALUES, "apac_customer_360_view.champion_very_good", value="150")
    err = _error(data_copy)
    assert (err.file, err.line) == (f"data/{VALUES}", line)
    assert (err.column, err.problem) == (
        "value",
        "150 is outside what the unit percent (Percent) allows: 0 to 100",
    )


@pytest.mark.parametrize(
    ("column", "bad"), [("tier", "Platinum"), ("channel", "fax"), ("country", "Atlantis")]
)
def test_unknown_dimension_member_is_refused(data_copy, column, bad):
    line = _edit(data_copy / VALUES, ROW, **{column: bad})
    err = _error(data_copy)
    assert (err.line, err.column) == (line, column)
    assert bad in err.problem and "foreign key" in err.problem


def test_duplicate_key_is_refused(data_copy):
    _edit(data_copy / VALUES, "apac_first_response_hours.emerging", value_id=ROW)
    err = _error(data_copy)
    assert err.column == "value_id" and "duplicate key" in err.problem.lower()


def test_duplicate_natural_key_is_refused(data_copy):
    line = _edit(data_copy / VALUES, ROW, tier="Emerging")  # the Emerging row comes first
    err = _error(data_copy)
    assert (err.line, err.column) == (line, "natural key")
    assert "duplicate key" in err.problem.lower()


def test_missing_provenance_is_refused(data_copy):
    line = _edit(data_copy / VALUES, ROW, source_zh="")
    err = _error(data_copy)
    assert (err.line, err.column) == (line, "source_zh")
    assert "empty, but a value is required" in err.problem


def test_value_with_a_percent_sign_is_refused(data_copy):
    line = _edit(data_copy / VALUES, ROW, value="1.7%")
    err = _error(data_copy)
    assert (err.line, err.column) == (line, "value")


def test_claim_citing_a_missing_value_is_refused(data_copy):
    line = _edit(
        data_copy / "apac/claims.csv",
        "apac_c_first_response_29_body",
        a_value_ids="apac_first_response_hours.nobody",
    )
    err = _error(data_copy)
    assert (err.line, err.column) == (line, "a_value_ids")


def test_unflagged_distribution_off_100_fails_a_check(data_copy):
    _edit(data_copy / VALUES, "apac_customer_360_view.champion_very_good", value="60")
    err = _error(data_copy)
    assert "distributions_off_100" in err.file and "apac_customer_360_view" in err.problem


def test_ragged_row_and_bad_header_are_refused(data_copy):
    path = data_copy / "hk/values.csv"
    path.write_text(path.read_text(encoding="utf-8") + "only,three,fields\n", encoding="utf-8")
    err = _error(data_copy)
    assert err.file == "data/hk/values.csv" and "fields" in err.problem
    path.write_text("value_id,wrong\n", encoding="utf-8")
    assert "header" in _error(data_copy).problem


def test_not_utf8_is_refused(data_copy):
    path = data_copy / "taiwan/values.csv"
    path.write_bytes(path.read_bytes() + "錯誤\n".encode("big5"))
    err = _error(data_copy)
    assert "UTF-8" in err.problem and err.line and err.line > 1


def test_failed_build_leaves_old_database_byte_identical(data_copy, tmp_path):
    target = tmp_path / "cx.duckdb"
    build.build(target, data_copy)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    _edit(data_copy / VALUES, ROW, tier="Platinum")
    with pytest.raises(build.DataError):
        build.build(target, data_copy)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert build.spare(target).read_bytes() == target.read_bytes()  # the last good copy
    hidden = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert hidden == [build.spare(target).name]  # no temporary file left behind


def test_stale_database_is_rebuilt(data_copy, tmp_path, monkeypatch):
    target = tmp_path / "cx.duckdb"
    assert build.is_stale(target, data_copy)
    build.build(target, data_copy)
    assert not build.is_stale(target, data_copy)
    newer = target.stat().st_mtime_ns + 10**9
    import os

    os.utime(data_copy / VALUES, ns=(newer, newer))
    assert build.is_stale(target, data_copy)
