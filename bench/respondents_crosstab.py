"""How fast a tier x country x answer crosstab of respondent data is, with intervals, tests and
letters (cxdash/respondents/stats.crosstab, SQL sums over Parquet to letters): p50/p95 over 50
random slices at 100k and 1M FICTIONAL respondents (random data drawn here by DuckDB, nothing
from any document). Target (issue 18): p95 <= 250 ms at 1M rows on the 2-core machine.

    .venv/bin/python bench/respondents_crosstab.py [--rows 100000 1000000] [--slices 50]

Answers are written twice, in respondent order (as an import writes them) and sorted by
question (so Parquet row groups of other questions are skipped), to show what the order costs.
Each slice is timed three ways: SQL sums for the slice (`crosstab`); from a finest-grain cube
cached per question and answer filter (`cube` + `rollup`), its build counted when first needed;
and the roll-up with statistics alone (a cube already cached).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxdash.respondents import stats, sums  # noqa: E402
from cxdash.respondents.sums import Slice  # noqa: E402

COUNTRIES = ["AU", "JP", "SG", "NZ", "IN", "TH", "MY", "KR", "ID", "PH"]
SINGLES = [f"single_{k}" for k in range(4)]  # 5 options each
PRACTICES = [f"practice_{k}" for k in range(1, 8)]  # yes / no
MULTI = "multi"  # 6 options, a row per option

_RESPONDENTS = """
select *, case when practices >= 6 then 'Champion' else 'Not Champion' end as tier
from (
    select
        'r' || lpad(i::varchar, 8, '0') as respondent_id,
        exp(random() * 2 - 1) as weight,
        2020 + (random() < 0.5)::integer as year,
        $countries[1 + floor(random() * 10)::integer] as country,
        'smb' as respondent_group,
        floor(random() * 8)::integer as practices
    from range($rows) as t(i)
)
"""

_ANSWERS = """
select respondent_id, question_id, option_code, value from (
    select r.respondent_id, 'single_' || k as question_id,
        chr(65 + floor(random() * 5)::integer) as option_code, 1.0 as value
    from respondents as r, range(4) as q(k) where random() < 0.9
    union all
    select r.respondent_id, 'practice_' || k, if(random() < 0.4, 'yes', 'no'), 1.0
    from respondents as r, range(1, 8) as q(k)
    union all
    select r.respondent_id, 'multi', chr(97 + k::integer), (random() < 0.35)::double
    from respondents as r, range(6) as o(k) where hash(r.respondent_id) % 5 <> 0
    union all
    select r.respondent_id, 'hours', null, round(exp(random() * 3), 2)
    from respondents as r where random() < 0.85
)
"""


def write_dataset(folder: Path, rows: int) -> None:
    """FICTIONAL respondents.parquet and answers parquet files (both orders) in `folder`."""
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    con.execute("select setseed(0.18)").fetchall()
    params = {"rows": rows, "countries": COUNTRIES}
    # relations, not SQL text: the folder's path and the tables' names are never spliced in
    con.sql(_RESPONDENTS, params=params).create("respondents")
    con.sql(_ANSWERS).create("answers")
    con.table("respondents").write_parquet(str(folder / "respondents.parquet"))
    answers = con.table("answers")
    answers.order("respondent_id").write_parquet(str(folder / "by_respondent.parquet"))
    answers.order("question_id").write_parquet(str(folder / "by_question.parquet"))
    con.close()


def open_views(folder: Path, answers_file: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.read_parquet(str(folder / "respondents.parquet")).create_view("respondents")
    con.read_parquet(str(folder / answers_file)).create_view("answers")
    return con


def random_slice(rng: random.Random) -> tuple[str, str, Slice]:
    """A tier x country crosstab of one answer, sometimes narrowed by year, countries, or a
    practice ("has practice k")."""
    question = rng.choice([*SINGLES, MULTI])
    where = Slice(
        by=("tier", "country"),
        years=(rng.choice([2020, 2021]),) if rng.random() < 0.3 else (),
        countries=tuple(rng.sample(COUNTRIES, rng.randint(2, 6))) if rng.random() < 0.5 else (),
        answers=((rng.choice(PRACTICES), ("yes",)),) if rng.random() < 0.4 else (),
    )
    return ("multi" if question == MULTI else "single"), question, where


def timings(con: duckdb.DuckDBPyConnection, slices: int) -> dict[str, list[float]]:
    """Milliseconds per slice three ways: SQL for each slice; from a cube cached per question
    and answer filter, built when first needed (its build counted); the roll-up alone."""
    rng = random.Random(18)
    stats.crosstab(con, "single", SINGLES[0], Slice(by=("tier", "country")))  # warm: not counted
    out: dict[str, list[float]] = {"sql each slice": [], "cached cube": [], "roll-up only": []}
    cubes: dict[tuple, object] = {}
    for _ in range(slices):
        kind, question, where = random_slice(rng)
        start = time.perf_counter()
        values, _ = stats.crosstab(con, kind, question, where)
        out["sql each slice"].append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        key = (question, where.answers)
        if key not in cubes:
            cubes[key] = sums.cube(con, kind, question, where.answers)
        built = time.perf_counter()
        rolled, _ = stats.table(sums.rollup(cubes[key], kind, where), kind, where.by)
        done = time.perf_counter()
        out["cached cube"].append(1000 * (done - start))
        out["roll-up only"].append(1000 * (done - built))
        assert len(values) == len(rolled) > 0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--slices", type=int, default=50)
    args = parser.parse_args()
    print("respondent crosstab (tier x country x answer, intervals, tests, letters); FICTIONAL")
    print(f"  machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            write_dataset(Path(tmp), rows)
            made = time.perf_counter() - start
            count = f"select count(*) from '{tmp}/by_question.parquet'"
            answers = duckdb.sql(count).fetchall()[0][0]
            print(f"  {rows:>9,} respondents, {answers:,} answer rows (drawn in {made:.1f} s)")
            for name in ("by_respondent.parquet", "by_question.parquet"):
                order = name.removesuffix(".parquet").replace("_", " ")
                for how, ms in timings(open_views(Path(tmp), name), args.slices).items():
                    p50, p95 = np.percentile(ms, [50, 95])
                    print(f"    answers {order:<13} {how:<15} p50 {p50:6.0f} ms  p95 {p95:6.0f} ms")


if __name__ == "__main__":
    main()
