"""Write query results to CSV, Parquet or JSON, safely for spreadsheets.

A number the documents print is written as printed in CSV and JSON (`57`, `1.7`, `8.0`, not
`57.0`): its precision comes from the column beside it (`PRINTED`), which the build read from
the text of the data CSV. Parquet keeps the typed double and the decimals column."""

from __future__ import annotations

import io
import json
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
# A printed number -> the column that holds how many decimals the document printed.
PRINTED = {"value": "value_decimals", "published_value": "published_decimals"}


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


def _printed(df: pd.DataFrame) -> dict[str, list[str | None]]:
    """Each printed number column (with its decimals beside it) as the document prints it."""
    return {
        col: [
            None if pd.isna(v) or pd.isna(d) else f"{v:.{int(d)}f}"
            for v, d in zip(df[col], df[decimals])
        ]
        for col, decimals in PRINTED.items()
        if col in df and decimals in df
    }


def _csv(df: pd.DataFrame, columns: list[str] | None) -> str:
    out = neutralise(_plain(df))  # before the numbers become text: '-5' is a number
    for col, texts in _printed(df).items():
        out[col] = pd.Series(texts, index=out.index, dtype=object)
    return out[columns or list(out.columns)].to_csv(index=False)


def _json(df: pd.DataFrame, columns: list[str] | None) -> str:
    """Records as pandas writes them, printed numbers written as printed (JSON keeps `8.0`)."""
    printed = _printed(df)
    df = df[columns] if columns else df
    records = json.loads(df.to_json(orient="records", force_ascii=False))

    def field(i: int, key: str, value: object) -> str:
        text = printed[key][i] if key in printed else None
        return f"  {json.dumps(key, ensure_ascii=False)}: " + (
            text if text is not None else json.dumps(value, ensure_ascii=False)
        )

    rows = [
        " {\n" + ",\n".join(field(i, k, v) for k, v in r.items()) + "\n }"
        for i, r in enumerate(records)
    ]
    return "[\n" + ",\n".join(rows) + "\n]" if rows else "[]"


def to_bytes(
    df: pd.DataFrame, fmt: str, bom: bool = False, columns: list[str] | None = None
) -> bytes:
    """The frame serialised in `fmt` (only `columns`, when given). CSV is neutralised against
    formula injection; `bom` adds the UTF-8 byte-order mark Excel needs to read 繁體中文
    (downloads for people)."""
    if fmt == "csv":
        return _csv(df, columns).encode("utf-8-sig" if bom else "utf-8")
    if fmt == "json":
        return _json(df, columns).encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        (df[columns] if columns else df).to_parquet(buf, index=False)
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


# a value recomputed from a user's respondents: what it is, its effective base, letters and
# the report's value beside it; its value is exported whole (it was never printed rounded)
RESPONDENT_COLUMNS = [
    "origin", "dataset_name", "fictional", "eff_base", "letter", "letters",
    "published_value", "published_label",
]  # fmt: skip


def figure_csv(values: pd.DataFrame) -> bytes:
    """A figure's shown values as a spreadsheet-safe CSV with a BOM (for Excel)."""
    if "origin" in values:
        values = values.drop(columns="value_decimals")
    columns = [c for c in FIGURE_COLUMNS + RESPONDENT_COLUMNS if c in values]
    return to_bytes(values, "csv", bom=True, columns=columns)
