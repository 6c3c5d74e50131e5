"""Refusals in words: a database error about a data row, or a failed data check, said as what
to write instead, at the file, line and column it is about.

The words are data, beside the schema: `queries/refusals.csv`, one rule per constraint or
check (`kind`, the `table` it is about or `*`, the text of DuckDB's message it `match`es, the
`column` it points at, the `words`). The first matching rule wins, so specific rules come
first. `{value}` is the offending cell, `{column}` its column, `{allowed}` an enum's members;
any other `{name}` is a field of the refused row (or of the failed check's row). A problem no
rule matches is left as it was.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Mapping
from fnmatch import fnmatch
from pathlib import Path

import duckdb

from cxdash.csvread import DataError, read
from cxdash.layout import SOURCES
from cxdash.paths import QUERIES_DIR

RULES_FILE = QUERIES_DIR / "refusals.csv"
MAX_SHOWN = 80  # the offending cell is shown, cut to this many characters; nothing else


@functools.cache
def rules() -> tuple[dict[str, str], ...]:
    with RULES_FILE.open(encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def table_of(file: str) -> str | None:
    """The table a data file loads into ('data/apac/values_2022.csv' -> published_values)."""
    rel = file.split("data/", 1)[-1]
    return next((table for table, pattern in SOURCES if fnmatch(rel, pattern)), None)


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _words(rule: Mapping[str, str], fields: Mapping[str, object]) -> str:
    return rule["words"].format_map(_Fields({k: _text(v) for k, v in fields.items()}))


def explain(err: DataError, row: Mapping[str, str | None] | None = None) -> DataError:
    """`err` (a refused row of a data file) in words, or `err` itself when no rule fits."""
    table = table_of(err.file)
    for rule in rules():
        if rule["kind"] != "constraint" or rule["table"] not in ("*", table):
            continue
        if rule["match"] not in err.problem:
            continue
        column = rule["column"] or err.column
        allowed = re.search(r"ENUM\((.*?)\)", err.problem)
        fields = {
            **(row or {}),
            "value": ((row or {}).get(column or "") or "")[:MAX_SHOWN],
            "column": column or "",
            "allowed": allowed.group(1).replace("'", "") if allowed else "",
        }
        return DataError(err.file, err.line, column, _words(rule, fields))
    return err


def located(
    con: duckdb.DuckDBPyConnection, check: str, data_dir: Path, columns: Mapping[str, set[str]]
) -> list[DataError]:
    """The rows of a failed check (`queries/checks/<check>.sql`), each in words at the first
    line of data/ it is about (`columns`: table -> the CSV columns its load reads). Empty
    when no rule covers the check or a row is found in no file."""
    rule = next((r for r in rules() if r["kind"] == "check" and r["match"] == check), None)
    if rule is None:
        return []
    found = con.execute((QUERIES_DIR / "checks" / f"{check}.sql").read_text(encoding="utf-8"))
    names = [d[0] for d in found.description]
    out = []
    for values in found.fetchall():
        fields = dict(zip(names, values))
        where = _first_line(fields, rule["table"], data_dir, columns[rule["table"]])
        if where is None:
            return []
        out.append(DataError(where[0], where[1], rule["column"], _words(rule, fields)))
    return out


def _first_line(
    fields: Mapping[str, object], table: str, data_dir: Path, wanted: set[str]
) -> tuple[str, int] | None:
    keys = {k: _text(v) for k, v in fields.items() if k in wanted}
    for pattern in (p for t, p in SOURCES if t == table):
        for path in sorted(data_dir.glob(pattern)):
            rel = str(path.relative_to(data_dir.parent))
            for line, row in read(path, rel, wanted, []):
                if all((row.get(k) or "") == v for k, v in keys.items()):
                    return rel, line
    return None
