"""Reading a respondent file (CSV, Parquet, SPSS .sav) into one table of cells, with the
.sav value labels, and naming a problem by file, row and column in words.

Rows are numbered as the tool that shows the file numbers them: a CSV row as a spreadsheet
shows it (the header is row 1, so the first respondent is row 2); a Parquet or .sav row by
its case number (the first respondent is row 1, as SPSS's Data View shows it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

SUFFIXES = (".csv", ".parquet", ".sav")
_WHOLE = re.compile(r"^(-?\d+)\.0+$")  # the ".0" a spreadsheet or pandas adds to a whole number
SHOWN_ROWS = 8  # a problem on many rows names this many, then a count


@dataclass(frozen=True)
class Problem:
    file: str
    rows: list[int] | None
    column: str | None
    text: str

    def __str__(self) -> str:
        where = [self.file]
        if self.rows:
            shown = ", ".join(map(str, self.rows[:SHOWN_ROWS]))
            more = len(self.rows) - SHOWN_ROWS
            tail = f" and {more:,} more" if more > 0 else ""
            where.append(f"row{'s' if len(self.rows) > 1 else ''} {shown}{tail}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.text}"


class ImportProblems(Exception):
    """Nothing was imported: every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems[:3])))


@dataclass
class Table:
    file: str  # the name only: messages and dataset.json never carry the folder
    cells: pd.DataFrame
    first_row: int  # the row number of the first respondent
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # .sav: column -> key -> label
    fictional: bool = False  # the file says FICTIONAL in its metadata

    def rows(self, mask: pd.Series | np.ndarray) -> list[int]:
        return [int(i) + self.first_row for i in np.flatnonzero(np.asarray(mask, dtype=bool))]


def read(path: Path, wanted: set[str] | None = None) -> Table:
    """The file's cells (only the `wanted` columns, when given: a wide file costs only what
    the mapping reads); ImportProblems (one, naming the file) if it cannot be read."""
    keep = None if wanted is None else wanted.__contains__
    file, suffix = path.name, path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportProblems([Problem(file, None, None, f"not one of {', '.join(SUFFIXES)}")])
    try:
        if suffix == ".csv":
            cells = pd.read_csv(
                path, dtype=str, keep_default_na=False, encoding="utf-8-sig", usecols=keep
            )
            table = Table(file, cells.reset_index(drop=True), 2)
        else:
            table = _parquet(path, wanted) if suffix == ".parquet" else _sav(path, wanted)
    except Exception as err:  # every reader's own error: said in one line, never a traceback
        kind = {".csv": "a CSV", ".parquet": "a Parquet", ".sav": "an SPSS .sav"}[suffix]
        text = f"cannot be read as {kind} file (truncated or damaged?): {_first_line(err)}"
        raise ImportProblems([Problem(file, None, None, text)]) from None
    for col in table.cells.columns:  # an empty text cell is a missing answer, in every format
        if not pd.api.types.is_numeric_dtype(table.cells[col]):
            table.cells[col] = table.cells[col].replace("", pd.NA)
    return table


def _first_line(err: Exception) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else err.__class__.__name__
    return text[:200]


def _parquet(path: Path, wanted: set[str] | None) -> Table:
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    meta = schema.metadata or {}
    columns = None if wanted is None else [c for c in schema.names if c in wanted]
    fictional = b"FICTIONAL" in meta.get(b"cxdash", b"")
    cells = pd.read_parquet(path, columns=columns).reset_index(drop=True)
    return Table(path.name, cells, 1, fictional=fictional)


def _sav(path: Path, wanted: set[str] | None) -> Table:
    import pyreadstat

    names = None
    if wanted is not None:
        _, head = pyreadstat.read_sav(str(path), metadataonly=True)
        names = [c for c in head.column_names if c in wanted]
    cells, meta = pyreadstat.read_sav(str(path), usecols=names)
    labels = {
        col: {key(v): str(lab) for v, lab in values.items()}
        for col, values in meta.variable_value_labels.items()
    }
    fictional = "FICTIONAL" in (meta.file_label or "")
    return Table(path.name, cells.reset_index(drop=True), 1, labels, fictional)


def key(value: object) -> str:
    """A cell as a code: 1.0, "1.0" and "1" are all "1" (a spreadsheet or pandas adds ".0")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return _WHOLE.sub(r"\1", text)


def factor(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """(per row: the index of its code in the list, -1 when missing; the distinct codes).
    Codes are looked up once per distinct value, so a million rows cost one hash pass."""
    ints, uniques = pd.factorize(series, use_na_sentinel=True)
    return ints, [key(u) for u in uniques]


def keys(series: pd.Series) -> pd.Series:
    """A column as codes (strings), missing cells as None."""
    ints, uniques = factor(series)
    return pd.Series(np.array([*uniques, None], dtype=object)[ints], index=series.index)
