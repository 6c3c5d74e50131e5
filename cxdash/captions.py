"""Suggested captions that cannot overstate: one sentence about a figure as a view shows it,
computed from its shown values and the pairwise tests it already carries (the published
figure_tests, Holm-corrected over the figure's family; or a respondent figure's own).

A difference is called a difference ("74 points higher") only when its pair was tested and
is significant after the figure's correction; otherwise the sentence gives both values and
says "not significant" (with the adjusted p) or "not tested" (with why: averages published
without their spread, a base not published, a value that is not a share). No Streamlit.
"""

from __future__ import annotations

import pandas as pd

from cxdash import formatting, i18n, tables
from cxdash.figures import Figure

MAX_VALUES = 4  # a figure with no tested pair: the first values named in its sentence


def suggest(fig: Figure) -> str:
    """The suggested sentence for `fig`, in its language."""
    pairs = i18n.pick(fig.pair_rows(), fig.lang)
    if pairs.empty:
        return _untested(fig)
    row = _chosen(pairs)
    lang = fig.lang
    records = {r["value_id"]: r for r in fig.records}
    a, b = (_side(row, side, records.get(row[f"value_id_{side}"]), fig, lang) for side in "ab")
    if row["test_status"] == "significant":
        if row["value_a"] < row["value_b"]:
            a, b = b, a
        diff = abs(float(row["value_b"]) - float(row["value_a"]))
        text = i18n.t("cap_significant", lang, first=a, second=b, diff=_diff(diff, row, lang),
                      p=tables.p_text(row["p_holm"]))  # fmt: skip
    elif row["test_status"] == "not_significant":
        text = i18n.t("cap_not_significant", lang, first=b, second=a,
                      p=tables.p_text(row["p_holm"]))  # fmt: skip
    else:
        text = i18n.t("cap_not_tested", lang, first=b, second=a,
                      why=tables.why(str(row["test_reason"]), lang))  # fmt: skip
    option = row.get("option")
    if not isinstance(option, str) or not option:
        return text
    return f"{option}{'：' if lang == 'zh' else ': '}{text}"


_RANK = {"significant": 0, "not_significant": 1}  # then not tested


def _chosen(pairs: pd.DataFrame) -> pd.Series:
    """The pair a sentence is about: the largest significant difference, else the largest
    tested one, else the largest untested one (ties: the figure's own order)."""
    gap = (pairs["value_a"].astype(float) - pairs["value_b"].astype(float)).abs()
    rank = pairs["test_status"].map(_RANK).fillna(2)
    pool = gap[rank == rank.min()]
    return pairs.loc[pool.idxmax()]


# a dimension's label column in a value's record
_LABEL = {"year": "year_label", "tier": "tier_label", "country": "country_label",
          "channel": "channel_label", "respondent_group": "group_label"}  # fmt: skip


def _side(row: pd.Series, side: str, record: dict | None, fig: Figure, lang: str) -> str:
    """'Champion 89%', or 'Australia (2021) 36%' when the figure also varies by another
    dimension than the pair's: a group of the pair and its value as printed."""
    value = formatting.number(
        float(row[f"value_{side}"]), row[f"decimals_{side}"], str(row["unit"]), lang
    )
    dims = [d for d in fig.dims if d in _LABEL]
    if record is None or not dims:
        return f"{row[f'{side}_label']} {value}"
    main = row.get("dimension") if row.get("dimension") in dims else dims[0]
    label = str(record[_LABEL[main]])
    others = [d for d in dims if d != main]
    if others:
        said = ", ".join(str(record[_LABEL[d]]) for d in others)
        label += f"（{said}）" if lang == "zh" else f" ({said})"
    return f"{label} {value}"


def _diff(diff: float, row: pd.Series, lang: str) -> str:
    """'74 points' for shares; '0.7 h' in other units."""
    decimals = max(int(row["decimals_a"]), int(row["decimals_b"]))
    if row["unit"] == "percent":
        return i18n.t("cap_points", lang, n=formatting.number(diff, decimals, "count", lang))
    return formatting.number(diff, decimals, str(row["unit"]), lang)


def _untested(fig: Figure) -> str:
    """A figure with no pair of shown values tested: its first values, and that."""
    by_option = len({r["option"] for r in fig.records}) > 1  # a stacked or multi-answer chart
    shown = [_named(r, by_option, fig.lang) for r in fig.records[:MAX_VALUES]]
    more = "…" if len(fig.records) > MAX_VALUES else ""
    sep = "、" if fig.lang == "zh" else ", "
    return i18n.t("cap_no_test", fig.lang, values=sep.join(shown) + more)


def _named(record: dict, by_option: bool, lang: str) -> str:
    """'Phone / hotline – Increase 9%': a shown value with its group (and answer)."""
    name = f"{record['row']} – {record['option']}" if by_option else str(record["row"])
    value = formatting.number(record["value"], record["value_decimals"], record["unit"], lang)
    return f"{name} {value}"
