"""Write query results to CSV, Parquet or JSON, safely for spreadsheets."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

FORMATS = ("csv", "parquet", "json")
# A figure's CSV download: its shown values with provenance, numbers as numbers.
FIGURE_COLUMNS = [
    "figure_id", "value_id", "title", "question", "year", "tier", "country", "channel",
    "respondent_group", "option", "value", "unit", "measure", "base_n", "ci_low", "ci_high",
    "test_status", "test_reason", "significant", "flag", "document", "source_zh", "note",
]  # fmt: skip
# test_status: significant | not_significant | not_tested (test_reason: mean, no_base,
# not_share, no_comparison); `significant` is empty when not tested, never False.
# OWASP "CSV injection": a cell starting with one of these is run as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would read as a formula with a single quote.

    Only text columns are touched: numbers stay numbers (a negative number is not text).
    """
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
            )
    return out


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Lists (e.g. catalog breakdowns) become '; '-joined text for flat formats."""
    out = df.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return out


def to_bytes(df: pd.DataFrame, fmt: str, bom: bool = False) -> bytes:
    """The frame serialised in `fmt`. CSV is neutralised against formula injection; `bom`
    adds the UTF-8 byte-order mark Excel needs to read 繁體中文 (downloads for people)."""
    if fmt == "csv":
        return neutralise(_plain(df)).to_csv(index=False).encode("utf-8-sig" if bom else "utf-8")
    if fmt == "json":
        return df.to_json(orient="records", force_ascii=False, indent=1).encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write(df: pd.DataFrame, fmt: str, out: Path | None) -> None:
    """Write to `out`, or to standard output for text formats when `out` is None."""
    data = to_bytes(df, fmt)
    if out is None:
        if fmt == "parquet":
            raise ValueError("parquet is binary: give --out PATH")
        import sys

        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)


def figure_csv(values: pd.DataFrame) -> bytes:
    """A figure's shown values as a spreadsheet-safe CSV with a BOM (for Excel)."""
    return to_bytes(values[[c for c in FIGURE_COLUMNS if c in values]], "csv", bom=True)
