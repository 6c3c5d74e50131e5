"""The sums respondent statistics are made from, for any slice of a dataset.

queries/respondents/crosstab_{shares,means}.sql give, per group x option, n, Σw, Σw², Σw·y,
Σw²·y (and Σw²·y² for means) and the dataset's size (design_n). Sums add, so `merge` joins the
sums of disjoint partitions of respondents exactly (one machine or many), and `rollup` slices
and regroups a finest-grain `cube` of a question without SQL (worth caching per dataset,
question and answer filter). cxdash/respondents/stats.py turns them into values and tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cxdash.paths import QUERIES_DIR

DIMENSIONS = ("year", "country", "tier", "respondent_group")
BASE_SUMS = ("n", "sum_w", "sum_w2")  # over a group's respondents who answered
Y_SUMS = ("sum_wy", "sum_w2y", "sum_w2y2")  # over the same, times the answer y
# a question's kind (data/instruments/questions.csv) -> what its values are
MEASURES = {"single": "share", "likert": "share", "multi": "share", "numeric": "mean"}


@dataclass(frozen=True)
class Slice:
    """Which respondents, grouped how. Empty tuples mean all. `answers` holds (question_id,
    option codes) pairs: a respondent must have chosen one of the options of every question
    listed ("has practice 3", "answered Excellent on visibility"). Hashable, for caches."""

    by: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    answers: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def params(self, question_id: str) -> dict:
        unknown = set(self.by) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"cannot group by {sorted(unknown)}: one of {DIMENSIONS}")
        pairs = [(q, o) for q, opts in self.answers for o in opts]
        return {
            "question_id": question_id,
            "by": list(self.by),
            "years": [int(y) for y in self.years],
            "countries": list(self.countries),
            "tiers": list(self.tiers),
            "groups": list(self.groups),
            "filter_questions": [q for q, _ in pairs],
            "filter_options": [o for _, o in pairs],
        }


def query(con, kind: str, question_id: str, where: Slice = Slice()) -> pd.DataFrame:
    """The sums of a question of `kind` over a slice, from a connection with views
    `respondents` and `answers` (cxdash/respondents/store.py opens one per dataset)."""
    if kind not in MEASURES:
        raise ValueError(f"unknown question kind {kind!r}: one of {sorted(MEASURES)}")
    params = where.params(question_id)
    if MEASURES[kind] == "share":
        name, params["multiple"] = "crosstab_shares", kind == "multi"
    else:
        name = "crosstab_means"
    sql = (QUERIES_DIR / "respondents" / f"{name}.sql").read_text(encoding="utf-8")
    with con.cursor() as cur:
        out = cur.execute(sql, params).df()
    if "option_code" not in out:
        out.insert(len(DIMENSIONS), "option_code", pd.Series([None] * len(out), dtype=object))
    if "sum_w2y2" not in out:  # a share's y is 0/1: y² = y
        out["sum_w2y2"] = out["sum_w2y"]
    return out


def tier_cube(con, answers: tuple = ()) -> pd.DataFrame:
    """The cube of the derived question `tier` (queries/respondents/tier_cube.sql): the tier
    is the answer, so the cube's tier column is null; `answers` as Slice.answers."""
    params = Slice(answers=answers).params("tier")
    keep = {k: params[k] for k in ("filter_questions", "filter_options")}
    sql = (QUERIES_DIR / "respondents" / "tier_cube.sql").read_text(encoding="utf-8")
    with con.cursor() as cur:
        return cur.execute(sql, keep).df()


def merge(parts: list[pd.DataFrame], kind: str, design_n: int | None = None) -> pd.DataFrame:
    """The sums of the union of disjoint partitions of respondents, grouped as they are.
    design_n adds each partition's once; pass it when a partition has respondents but none
    in the slice (its sums are empty)."""
    full = [p for p in parts if not p.empty]
    if not full:
        raise ValueError("no sums to merge")
    total = design_n or sum(int(p["design_n"].iloc[0]) for p in full)
    return _combine(full, kind, DIMENSIONS, total)


def cube(con, kind: str, question_id: str, answers: tuple = ()) -> pd.DataFrame:
    """The sums at the finest grain (every dimension), for `rollup` to slice without SQL:
    worth caching per dataset, question and answer filter (`Slice.answers`)."""
    return query(con, kind, question_id, Slice(by=DIMENSIONS, answers=answers))


_COLUMNS = (*DIMENSIONS, "option_code", *BASE_SUMS, *Y_SUMS)


@dataclass(frozen=True, eq=False)
class Cube:
    """A `cube` read once as plain rows (`_COLUMNS`, None where missing), for `rollup` to
    slice: a question's cube is a few dozen rows, where a frame's per-call cost was most of
    a slice's time. With the dtypes DuckDB gave, the dataset's size and the empty frame."""

    rows: list[tuple]
    dtypes: dict
    design_n: int
    empty: pd.DataFrame

    @classmethod
    def of(cls, cells: pd.DataFrame) -> Cube:
        rows = list(zip(*(_values(cells[c]) for c in _COLUMNS)))
        dtypes = {c: cells[c].dtype for c in _COLUMNS}
        design_n = int(cells["design_n"].iloc[0]) if len(cells) else 0
        return cls(rows, dtypes, design_n, cells.iloc[:0])


def rollup(cells: pd.DataFrame | Cube, kind: str, where: Slice) -> pd.DataFrame:
    """The sums of a slice (its dimension filters and grouping; its answer filter is the
    cube's) from a `cube` (or its `Cube`): equal to `query` with that slice, since sums add."""
    cube = cells if isinstance(cells, Cube) else Cube.of(cells)
    members = (where.years, where.countries, where.tiers, where.groups)
    chosen = [(i, set(m)) for i, m in enumerate(members) if m]
    kept = [row for row in cube.rows if all(row[i] in m for i, m in chosen)]
    if not kept:
        return cube.empty
    return _summed([kept], kind, where.by, cube.dtypes, cube.design_n)


def _combine(parts: list[pd.DataFrame], kind: str, by: tuple, design_n: int) -> pd.DataFrame:
    """`_summed` of frames of sums (`merge`'s partitions)."""
    rows = [list(zip(*(_values(part[c]) for c in _COLUMNS))) for part in parts]
    dtypes = {c: parts[0][c].dtype for c in _COLUMNS}
    return _summed(rows, kind, by, dtypes, design_n)


def _summed(
    parts: list[list[tuple]], kind: str, by: tuple, dtypes: dict, design_n: int
) -> pd.DataFrame:
    """Add sums of disjoint respondents (each part's rows in `_COLUMNS`) into groups of `by`
    (plain loops: a few hundred rows, where pandas' per-call cost dominates). A single
    choice's base is its cell's answerers, the same on each option row of a part, so it adds
    once per cell and the choices per option (an option missing from a cell adds zero); a
    multiple choice's base is per option. `dtypes`: the columns' as DuckDB gave them."""
    multi, keep = kind == "multi", [d in by for d in DIMENSIONS]
    base: dict[tuple, list] = {}
    picked: dict[tuple, list] = {}
    for part in parts:
        seen = set()
        for row in part:
            cell, option = row[:4], row[4]
            group = tuple(v if k else None for v, k in zip(cell, keep))
            if (cell, option if multi else None) not in seen:
                seen.add((cell, option if multi else None))
                _add(base, (group, option if multi else None), row[5:8])
            _add(picked, (group, option), row[8:])
    options = list(dict.fromkeys(option for _, option in picked))
    rows = []
    for group, option in list(base) if multi else [(g, o) for g, _ in base for o in options]:
        totals = base[(group, option if multi else None)]
        rows.append((*group, option, *totals, *picked.get((group, option), (0.0, 0.0, 0.0))))
    rows.sort(key=lambda row: [(v is None, v) for v in row[:5]])
    kept = [*by, "option_code", *BASE_SUMS]  # the dtypes DuckDB gave (an all-null one: object)
    dtypes = {c: dtypes[c] for c in kept if dtypes[c] != "object"}
    dtypes |= {d: object for d in DIMENSIONS if d not in by}
    names = [*DIMENSIONS, "option_code", *BASE_SUMS, *Y_SUMS]
    cols = list(zip(*rows)) or [()] * len(names)
    columns = {c: pd.Series(list(col), dtype=dtypes.get(c)) for c, col in zip(names, cols)}
    return pd.DataFrame(columns).assign(design_n=design_n)


def _values(col: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in col.tolist()]


def _add(into: dict[tuple, list], key: tuple, values: tuple) -> None:
    if key in into:
        into[key] = [a + b for a, b in zip(into[key], values)]
    else:
        into[key] = list(values)
