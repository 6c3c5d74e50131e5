"""The command line and the exports: round trips, required columns, safe CSV."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from cxdash import export as exp
from cxdash.paths import ROOT

REQUIRED = [
    "survey_id",
    "figure_id",
    "title_en",
    "title_zh",
    "question_en",
    "question_zh",
    "unit",
    "year",
    "tier",
    "country",
    "channel",
    "respondent_group",
    "option_en",
    "option_zh",
    "value",
    "base_n",
    "source",
    "note_en",
    "note_zh",
]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args], cwd=ROOT, capture_output=True, timeout=300
    )


def test_export_has_required_columns(export):
    assert set(REQUIRED) <= set(export.columns)
    assert export["value_id"].is_unique


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_round_trips(export, fmt):
    data = exp.to_bytes(export, fmt)
    back = {
        "csv": lambda b: pd.read_csv(io.BytesIO(b)),
        "parquet": lambda b: pd.read_parquet(io.BytesIO(b)),
        "json": lambda b: pd.DataFrame(json.loads(b)),
    }[fmt](data)
    assert len(back) == len(export)
    assert back["value"].astype(float).tolist() == export["value"].astype(float).tolist()
    assert back["value_id"].tolist() == export["value_id"].tolist()


def test_csv_neutralises_formulas_but_keeps_numbers():
    df = pd.DataFrame({"text": ["=1+1", "+cmd", "-x", "@a", "\tt", "ok"], "n": [-1, 2, 3, 4, 5, 6]})
    back = pd.read_csv(io.BytesIO(exp.to_bytes(df, "csv")))
    assert back["text"].tolist() == ["'=1+1", "'+cmd", "'-x", "'@a", "'\tt", "ok"]
    assert back["n"].tolist() == [-1, 2, 3, 4, 5, 6]


def test_cli_export_and_claims(tmp_path):
    out = tmp_path / "all.parquet"
    assert cli("export", "--format", "parquet", "--out", str(out)).returncode == 0
    assert len(pd.read_parquet(out)) > 400
    claims = cli("claims", "--format", "json")
    assert claims.returncode == 0
    rows = json.loads(claims.stdout)
    assert {
        "claim_id",
        "text_zh",
        "text_en",
        "published_value",
        "recomputed_value",
        "status",
    } <= set(rows[0])


def test_cli_validate_and_bad_arguments():
    assert cli("validate").returncode == 0
    bad = cli("export", "--format", "xlsx")
    assert bad.returncode != 0 and b"Traceback" not in bad.stderr
    assert cli("export", "--format", "parquet").returncode == 2  # binary needs --out
