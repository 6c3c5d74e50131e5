"""The command line and the exports: round trips, required columns, safe CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from cxdash import export as exp
from cxdash.paths import DATA_DIR, ROOT

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


def _printed_in(pattern: str, column: str, key: str) -> dict[str, str]:
    """id -> the number exactly as written in data/ (the document's printed text)."""
    out = {}
    for path in DATA_DIR.glob(pattern):
        with path.open(encoding="utf-8-sig") as fh:
            out |= {r[key]: r[column] for r in csv.DictReader(fh)}
    return out


def test_export_writes_every_value_as_printed(export):
    printed = _printed_in("*/values*.csv", "value", "value_id")
    rows = list(csv.DictReader(io.StringIO(exp.to_bytes(export, "csv").decode("utf-8"))))
    assert {r["value_id"]: r["value"] for r in rows} == printed
    records = json.loads(exp.to_bytes(export, "json"), parse_float=str, parse_int=str)
    assert {r["value_id"]: r["value"] for r in records} == printed
    shown = {r["value_id"]: r["value"] for r in records}
    assert shown["apac_maturity_distribution.starter_2020"] == "57"  # not 57.0
    assert shown["apac_global_sample_size.global"] == "3250"
    assert shown["apac_first_response_hours.champion"] == "1.7"
    assert shown["apac_phone_handle_minutes.champion"] == "8.0"  # printed with its decimal
    assert shown["apac_country_cx_tech_budget_next_year.japan"] == "6.2"
    parquet = pd.read_parquet(io.BytesIO(exp.to_bytes(export, "parquet")))
    assert parquet["value"].dtype == "float64" and "value_decimals" in parquet  # typed


def test_claims_write_published_values_and_inputs_as_printed(q):
    claims = q("claims", surveys=[])
    printed = _printed_in("*/claims*.csv", "published_value", "claim_id")
    for fmt in ("csv", "json"):
        data = exp.to_bytes(claims, fmt).decode("utf-8")
        rows = (
            list(csv.DictReader(io.StringIO(data)))
            if fmt == "csv"
            else json.loads(data, parse_float=str, parse_int=str)
        )
        assert {r["claim_id"]: r["published_value"] for r in rows} == printed, fmt
        ces = next(r for r in rows if r["claim_id"] == "apac_c_ces_12_body")
        assert ces["published_value"] == "12"
        assert ces["inputs"] == (
            "A: apac_customer_effort_easy.champion=86 ; B: apac_customer_effort_easy.starter=77"
        )


def test_a_figures_csv_download_keeps_the_printed_precision():
    from cxdash import figures
    from cxdash.view import View

    for figure_id, want in (
        ("apac_maturity_distribution", {"apac_maturity_distribution.starter_2020": "57"}),
        ("apac_first_response_hours", {"apac_first_response_hours.champion": "1.7"}),
        ("apac_chat_handle_minutes", {"apac_chat_handle_minutes.emerging": "8.9"}),
        ("apac_phone_handle_minutes", {"apac_phone_handle_minutes.champion": "8.0"}),
    ):
        fig = figures.figure(figure_id, View())
        text = exp.figure_csv(fig.values).decode("utf-8-sig")
        rows = {r["value_id"]: r for r in csv.DictReader(io.StringIO(text))}
        assert {k: rows[k]["value"] for k in want} == want
        assert list(rows[next(iter(want))]) == [c for c in exp.FIGURE_COLUMNS if c in fig.values]


def test_printed_numbers_are_not_neutralised_as_formulas():
    df = pd.DataFrame({"value": [-5.0, 3.25], "value_decimals": [0, 2], "t": ["-x", "ok"]})
    rows = list(csv.DictReader(io.StringIO(exp.to_bytes(df, "csv").decode("utf-8"))))
    assert [(r["value"], r["t"]) for r in rows] == [("-5", "'-x"), ("3.25", "ok")]
    assert json.loads(exp.to_bytes(df, "json"), parse_float=str, parse_int=str)[0]["value"] == "-5"


def test_a_figures_csv_keeps_a_base_a_whole_number_where_another_value_has_none():
    # APAC's base is printed (N=265), other regions' is not: the base column stays whole in
    # the download and in the figure's values (it read 265.0, a float beside a missing base)
    from cxdash import figures
    from cxdash.view import View

    fig = figures.figure("apac_region_champion_share", View())
    text = exp.figure_csv(fig.values).decode("utf-8-sig")
    rows = {r["value_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["apac_region_champion_share.apac"]["base_n"] == "265"
    assert rows["apac_region_champion_share.other_regions"]["base_n"] == ""
    assert [r["base_n"] for r in fig.records] == [265, None]
    assert type(fig.records[0]["base_n"]) is int
