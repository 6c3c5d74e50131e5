"""FICTIONAL respondents drawn from the published 2021 APAC figures, to prove the importer,
the statistics and the pages on a file of any size. Nothing drawn here is a finding.

How the published numbers are combined (the report publishes each chart by tier OR by
country, never both): the tier is drawn from the report's 2021 tier mix; the country, on its
own, from the report's country sample sizes; each answer from its chart's distribution within
the respondent's tier (a chart printed by country only, by country; one printed for all
respondents only, for all). A tier the chart does not print (Emerging on a Starter-vs-Champion
chart) gets no answer. The practice count is drawn within the tier: Champion 6-7 (the report's
rule), and under this file's own FICTIONAL cut (`EMERGING_MIN`, declared in its mapping)
Emerging 4-5 and Starter 0-3. Means: a gamma (shape 4) or, for percentages, a beta
(concentration 8) with the published mean. Printed shares (and the tier mix) whose sum is off
100 by no more than their rounding explains (0.5 each) are moved equally, each within its own
rounding (89 of a chart summing to 101 is drawn at 88.67, not scaled to 88.1); shares summing
to less by more
leave the rest to the answer the report does not print; otherwise they are scaled to 100.
Weights: uniform 0.5-1.5, independent of all else."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from cxdash.paths import DATA_DIR
from cxdash.respondents import instrument

YEAR = 2021
EMERGING_MIN = 4  # this FICTIONAL file's cut; the report publishes none
TIERS = ("Starter", "Emerging", "Champion")
COUNTRIES = ("Australia", "Japan", "Singapore", "South Korea")
ROUNDING = 0.5  # a printed share is within this of the true one
METHOD = __doc__.split("\n\n", 1)[1].replace("\n", " ")


def _values(data_dir: Path) -> pd.DataFrame:
    files = sorted((data_dir / "apac").glob("values*.csv"))
    v = pd.concat([pd.read_csv(p, dtype={"option_en": str}) for p in files]).fillna(
        {"option_en": ""}
    )
    return v[v.year == YEAR]


def _mix(v: pd.DataFrame, figure: str, by: str, members: tuple[str, ...]) -> np.ndarray:
    rows = v[(v.figure_id == figure) & v[by].isin(members)].set_index(by).value
    p = _within_rounding(np.array([rows[m] for m in members], dtype=float))
    return p / p.sum()  # the printed shares are rounded (50 + 26 + 23 = 99: 50⅓, 26⅓, 23⅓)


def _within_rounding(p: np.ndarray) -> np.ndarray:
    """Printed shares (percent) moved equally to sum to 100 when rounding explains the gap
    (0.5 each at most); unchanged otherwise."""
    off = 100 - p.sum()
    return np.maximum(p + off / len(p), 0.0) if abs(off) <= ROUNDING * len(p) else p


def draw(rows: int, seed: int, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """`rows` FICTIONAL respondents, one column per mapped answer (see `mapping_text`)."""
    if rows < 1:
        raise ValueError("--rows must be at least 1")
    inst = instrument.load("apac", data_dir)
    v, rng = _values(data_dir), np.random.default_rng(seed)
    tier = np.array(TIERS)[
        rng.choice(3, rows, p=_mix(v, "apac_maturity_distribution", "tier", TIERS))
    ]
    country_p = _mix(v, "apac_sample_by_country", "country", COUNTRIES)
    out = pd.DataFrame({
        "respondent_id": [f"F{i:07d}" for i in range(1, rows + 1)],
        "weight": rng.uniform(0.5, 1.5, rows).round(6),
        "year": YEAR,
        "country": np.array(COUNTRIES)[rng.choice(4, rows, p=country_p)],
        "drawn_tier": tier,
        "fictional": "FICTIONAL",
    })  # fmt: skip
    out = pd.concat([out, _practices(inst, tier, rng)], axis=1)
    groups = {"tier": out.drawn_tier.to_numpy(), "country": out.country.to_numpy()}
    answers = {}
    asked = (inst.questions.figure_id != "") & (inst.questions.index != instrument.TIER)
    for qid, q in inst.questions[asked].iterrows():
        answers |= _question(qid, q, inst, v, groups, rng)
    return pd.concat([out, pd.DataFrame(answers)], axis=1)


def _practices(inst, tier: np.ndarray, rng) -> pd.DataFrame:
    low = {"Starter": 0, "Emerging": EMERGING_MIN, "Champion": inst.champion_min}
    high = {"Starter": EMERGING_MIN - 1, "Emerging": inst.champion_min - 1, "Champion": 7}
    lo, hi = np.vectorize(low.get)(tier), np.vectorize(high.get)(tier)
    count = rng.integers(lo, hi + 1)
    ranks = rng.random((len(tier), len(inst.practices))).argsort(axis=1).argsort(axis=1)
    has = ranks < count[:, None]
    return pd.DataFrame({
        f"practice_{p}": np.where(has[:, j], "yes", "no")
        for j, p in enumerate(inst.practices.practice_id)
    })  # fmt: skip


def _published(qid: str, q: pd.Series, v: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """(the dimension the chart is printed by, its rows): tier, else country, else all."""
    rows = v[(v.figure_id == q.figure_id) & (v.channel == q.channel)]
    by_tier = rows[rows.tier.isin(TIERS)]
    by_country = rows[rows.country.isin(COUNTRIES)]
    if len(by_tier):
        return "tier", by_tier
    if len(by_country):
        return "country", by_country
    return "all", rows


def _question(qid, q, inst, v, groups, rng) -> dict[str, np.ndarray]:
    by, rows = _published(qid, q, v)
    n = len(groups["tier"])
    key = groups[by] if by != "all" else np.full(n, "All")
    rows = rows.assign(group=rows[by] if by != "all" else "All")
    options = inst.options[inst.options.question_id == qid]
    if q.kind == "numeric":
        col = np.full(n, np.nan)
    elif q.kind == "multi":
        cols = {f"{qid}__{c}": np.full(n, np.nan) for c in options.option_code}
    else:
        col = np.full(n, None, dtype=object)
    for group, g in rows.groupby("group"):
        who = np.flatnonzero(key == group)
        if q.kind == "numeric":
            col[who] = _numbers(float(g.value.iloc[0]), q.unit, len(who), inst, rng)
        elif q.kind == "multi":
            share = dict(zip(g.option_en, g.value / 100))
            for code, en in zip(options.option_code, options.option_en):
                cols[f"{qid}__{code}"][who] = rng.random(len(who)) < share[en]
        else:
            col[who] = _choose(g, options, len(who), rng)
    if q.kind == "multi":  # 1 chosen, 0 not, empty: not asked (whole numbers in any format)
        return {k: pd.array(np.where(np.isnan(c), None, c), dtype="Int8") for k, c in cols.items()}
    return {qid: col}


def _choose(g: pd.DataFrame, options: pd.DataFrame, n: int, rng) -> np.ndarray:
    share = dict(zip(g.option_en, g.value.astype(float)))
    p = np.array([share.get(en, 0.0) if en else 0.0 for en in options.option_en])
    unprinted = (options.option_en == "").to_numpy()
    printed = np.array([bool(en) and en in share for en in options.option_en])
    off = 100 - p.sum()
    if abs(off) <= ROUNDING * printed.sum():  # rounding: each printed share within its own
        p[printed] = _within_rounding(p[printed])
    elif unprinted.any() and off > 0:
        p[unprinted] = off / unprinted.sum()  # what the printed answers leave
    return options.option_code.to_numpy()[rng.choice(len(p), n, p=p / p.sum())]


def _numbers(mean: float, unit: str, n: int, inst, rng) -> np.ndarray:
    lo, hi = inst.limits.loc[unit, ["min_value", "max_value"]]
    if unit == "percent":
        m = mean / 100
        return (rng.beta(m * 8, (1 - m) * 8, n) * 100).round(4)
    return np.clip(rng.gamma(4.0, mean / 4.0, n), lo, hi).round(4)


def mapping_text(frame: pd.DataFrame, data_dir: Path = DATA_DIR) -> str:
    """The TOML mapping that imports a file `draw` wrote (its columns are the question ids)."""
    inst = instrument.load("apac", data_dir)
    lines = [
        "# Mapping of a FICTIONAL file written by `python -m cxdash respondents synth`.",
        'instrument = "apac"', "", "[dataset]", 'name = "FICTIONAL synthetic APAC respondents"',
        "fictional = true", f"emerging_min = {EMERGING_MIN}  # this file's own cut", "",
    ]  # fmt: skip
    for name in ("respondent_id", "weight", "year", "country"):
        lines += [f"[respondent.{name}]", f'column = "{name}"', ""]
    for qid, q in inst.questions.drop(index=instrument.TIER, errors="ignore").iterrows():
        if q.kind == "multi":
            cols = [c for c in frame.columns if c.startswith(f"{qid}__")]
            pairs = ", ".join(f'{c.split("__", 1)[1]} = "{c}"' for c in cols)
            lines += [f"[questions.{qid}]", f"columns = {{ {pairs} }}", ""]
        elif qid in frame.columns:
            lines += [f"[questions.{qid}]", f'column = "{qid}"', ""]
    return "\n".join(lines)


def write(rows: int, seed: int, out: Path, data_dir: Path = DATA_DIR) -> tuple[Path, Path]:
    """The Parquet file (FICTIONAL in a column and in its metadata) and its mapping beside it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = draw(rows, seed, data_dir)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    note = {"FICTIONAL": True, "rows": rows, "seed": seed, "method": METHOD}
    table = table.replace_schema_metadata(
        {**(table.schema.metadata or {}), b"cxdash": json.dumps(note).encode()}
    )
    pq.write_table(table, out)
    mapping = out.with_name(out.stem + ".mapping.toml")
    mapping.write_text(mapping_text(frame, data_dir), encoding="utf-8")
    return out, mapping
