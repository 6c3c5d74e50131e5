"""The six-metrics guide's metrics of a ticket log, pure: definitions as data
(`data/tickets/metrics.csv`, the guide's formula and passage through `kpis.csv`), the choices
the guide leaves open (`choices.csv`), and each metric as a sum divided by a count of the
cube (`engines.cube`), so any set of channels and months rolls up exactly."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from cxdash.paths import DATA_DIR

SCALE = {"hours": 1 / 3600, "percent": 100.0, "score": 100.0}  # the cube's sums are seconds
WINDOWS = (1, 3, 7, 14, 30)


@cache
def definitions() -> pd.DataFrame:
    """One row per metric, with the guide's formula in words (both languages)."""
    rows = pd.read_csv(DATA_DIR / "tickets" / "metrics.csv", dtype={"decimals": int})
    kpis = pd.read_csv(DATA_DIR / "metrics" / "kpis.csv")
    guide = kpis[["kpi_id", "formula_en", "formula_zh", "definition_en", "definition_zh"]]
    return rows.merge(guide, on="kpi_id", how="left").sort_values("sort_order", ignore_index=True)


@cache
def choices() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "tickets" / "choices.csv", dtype=str)


@dataclass(frozen=True)
class Choices:
    """The choices a user may change: business or calendar hours, and the repeat window."""

    business: bool = False
    window_days: int = 7

    def params(self) -> dict:
        return {"business": self.business, "window_s": float(self.window_days * 86400)}


def values(cube: pd.DataFrame) -> pd.DataFrame:
    """Each metric over every row of `cube` (already cut to the channels and months wanted):
    metric_id, value (None where its count is 0), base (the count), tickets."""
    sums = cube.drop(columns=["channel", "month"]).sum()
    out = []
    for _, m in definitions().iterrows():
        base = int(sums[m["denominator"]])
        value = float(sums[m["numerator"]]) / base * SCALE[m["unit"]] if base else None
        out.append({"metric_id": m["metric_id"], "value": value, "base": base})
    frame = pd.DataFrame(out)
    frame["tickets"] = int(sums["tickets"])
    return frame


def by_group(cube: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """`values` for each group of `by` (e.g. ["channel", "month"]), one row per group and
    metric."""
    parts = [
        values(rows).assign(**dict(zip(by, key if isinstance(key, tuple) else (key,))))
        for key, rows in cube.groupby(by, sort=True)
    ]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def cut(cube: pd.DataFrame, channels: list[str] | None = None, months=None) -> pd.DataFrame:
    """The cube's rows of some channels and an inclusive (first, last) month range."""
    keep = pd.Series(True, index=cube.index)
    if channels:
        keep &= cube["channel"].isin(channels)
    if months:
        keep &= (cube["month"] >= months[0]) & (cube["month"] <= months[1])
    return cube[keep]
