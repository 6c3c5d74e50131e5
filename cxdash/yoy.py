"""Year-over-year pairs across any number of waves: a dumbbell chart with one row per measure
and one dot per wave, and a table with one row per pair of waves (each wave with the next,
and the first with the latest) giving the point change, the relative change and whether the
change is testable."""

from __future__ import annotations

import pandas as pd

from cxdash import charts, formatting, i18n, palette
from cxdash.dumbbell import dodge
from cxdash.dumbbell import marks as dumbbell_marks
from cxdash.lazy import altair as alt


def _label(pairs: pd.DataFrame, lang: str, short: bool = False) -> pd.Series:
    """Country · tier · answer · title without its waves (which the years show); `short`
    (the chart's rows): the answer stands for the title when there is one."""
    zh = lang == "zh"
    title = pairs["title_zh" if zh else "title_en"].map(formatting.short_title)
    option = pairs["option_zh" if zh else "option_en"].fillna("")
    if short:
        title, option = option.where(option != "", title), pd.Series("", index=pairs.index)
    tier = pairs["tier_label_zh" if zh else "tier_label_en"].where(pairs["tier"] != "All", "")
    country = pairs["country_label_zh" if zh else "country_label_en"].where(
        pairs["country"] != "APAC", ""
    )
    parts = pd.concat([country, tier, option, title], axis=1).astype(str)  # what differs first
    return parts.apply(lambda r: " · ".join(p for p in r if p), axis=1)


def shown(pairs: pd.DataFrame, surveys: tuple[str, ...], years: tuple[int, ...]) -> pd.DataFrame:
    """The pairs of the surveys asked for whose two waves are both among the years asked for
    (nothing asked: every pair)."""
    keep = pairs["survey_id"].isin(surveys) if surveys else pd.Series(True, index=pairs.index)
    if years:
        keep &= pairs["year_from"].isin(years) & pairs["year_to"].isin(years)
    return pairs[keep]


def waves(pairs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per measure and wave (row, year, value), from both sides of the pairs, with
    each row's change from its first to its latest wave and its dots' `dodge` slots."""
    ends = [
        pairs.assign(year=pairs[f"year_{side}"], value=pairs[f"value_{side}"])
        for side in ("from", "to")
    ]
    long = pd.concat(ends, ignore_index=True)
    long["row"] = _label(long, lang, short=True)
    long = long.drop_duplicates(["row", "year"])[["row", "figure_order", "year", "value"]]
    long = long.sort_values(["row", "year"], kind="stable").reset_index(drop=True)
    by_row = long.groupby("row")["value"]
    long["change"] = by_row.transform("last") - by_row.transform("first")
    long["dodge"] = dodge(long, 100.0)
    long["year"] = long["year"].astype(int).astype(str)
    long["value_text"] = long["value"].map(lambda v: formatting.number(v, 0, "percent", lang))
    return long


LABEL_COLUMNS = 60  # a row label wraps at this many columns (a CJK character is two)
LINE_PX = 13  # a row label's line height


def dumbbell(pairs: pd.DataFrame, lang: str) -> alt.Chart:
    """Every percentage measure on one chart: a dot per wave, joined; the largest rise
    first, the largest fall last; labels wrapped, never cut."""
    pct = pairs[(pairs["unit"] == "percent") & (pairs["measure"] == "share")]
    long = waves(pct, lang)
    long["row"] = ["\n".join(formatting.wrap(r, LABEL_COLUMNS)) for r in long["row"]]
    order = list(dict.fromkeys(long.sort_values("change", ascending=False, kind="stable")["row"]))
    years = sorted(long["year"].unique())
    # rows as tall as the most lines of a label, wide (LABEL_COLUMNS) or on a phone
    lines = max(
        (max(r.count("\n") + 1, len(formatting.wrap(r, charts.ROW_COLUMNS))) for r in order),
        default=1,
    )

    def y(position: float = 0.5) -> alt.Y:
        return alt.Y(
            "row:N",
            sort=order,
            title=None,
            axis=charts.rows_axis(
                order,
                palette.WEB,
                wide="split(datum.label, '\\n')",
                labelLineHeight=LINE_PX,
                limit=0,  # the wide labels are wrapped at LABEL_COLUMNS, never cut
                labelPadding=8,
            ),
            scale=alt.Scale(type="band", paddingOuter=0.1),  # as tall as the former point scale
            bandPosition=position,
        )

    x = alt.X(
        "value:Q",
        title=None,
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(labelExpr="datum.value + '%'", tickCount=5),
    )
    color = alt.Color(
        "year:N",
        scale=alt.Scale(domain=years, range=[palette.year_color(int(y)) for y in years]),
        legend=alt.Legend(orient="bottom", title=None),
    )
    tooltip = ["row:N", "year:N", "value_text:N"]
    height = alt.Step(max(48, LINE_PX * lines + 8))
    marks = alt.layer(
        *dumbbell_marks(alt.Chart(long), y, x, color, tooltip, palette.WEB, 100), height=height
    )
    return charts.themed(marks)


def untestable_note(pairs: pd.DataFrame, lang: str) -> str | None:
    """Said once, above the chart: for which waves the report prints no base, so that no
    change (or no change involving them) can be tested. None when every change is tested."""
    if pairs.empty or pairs["p"].notna().all():
        return None
    sides = pd.concat(
        [
            pd.DataFrame({"year": pairs[f"year_{s}"], "missing": pairs[f"base_n_{s}"].isna()})
            for s in ("from", "to")
        ]
    )
    by_year = sides.groupby("year")["missing"]
    never = [int(y) for y, all_missing in by_year.all().items() if all_missing]
    years = never or [int(y) for y, any_missing in by_year.any().items() if any_missing]
    joined = "、".join(map(str, years)) if lang == "zh" else " and ".join(map(str, years))
    key = "yoy_none_testable" if pairs["p"].isna().all() else "yoy_some_untestable"
    return i18n.t(key, lang, years=joined)


def _test(row: pd.Series, lang: str) -> str:
    if pd.isna(row["p"]):
        return i18n.t("not_testable_base", lang)
    return f"p = {row['p']:.3f}"


def _base(n: object, lang: str) -> str:
    return i18n.t("base_not_published", lang) if pd.isna(n) else str(int(n))


def steps(pairs: pd.DataFrame, lang: str) -> list[str]:
    """'2021 → 2022', and '2020 → 2022 (first → latest wave)' for the widest pair."""
    return [
        f"{int(a)} → {int(b)}"
        + (f" ({i18n.t('step_first_to_last', lang)})" if s != "consecutive" else "")
        for a, b, s in zip(pairs["year_from"], pairs["year_to"], pairs["step"])
    ]


def table(pairs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pair, both values with bases, point and relative change, test, comparability."""
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    pairs = i18n.pick(pairs, lang)  # the years' notes in the reader's language
    out = pd.DataFrame({t("col_measure"): _label(pairs, lang), t("col_waves"): steps(pairs, lang)})
    for side, key in (("from", "col_earlier"), ("to", "col_later")):
        out[t(key)] = [
            formatting.number(v, 1 if u != "percent" else 0, u, lang)
            for v, u in zip(pairs[f"value_{side}"], pairs["unit"])
        ]
        out[f"N ({t(key)})"] = pairs[f"base_n_{side}"].map(lambda n: _base(n, lang))
    unit_pts = pairs["unit"].map(lambda u: "points" if u == "percent" else u)
    out[t("col_change_points")] = [
        formatting.number(c, 0 if u == "points" else 1, u, lang, signed=True)
        for c, u in zip(pairs["change_points"], unit_pts)
    ]
    out[t("col_change_relative")] = [
        "–" if pd.isna(r) else formatting.number(r, 0, "percent", lang, signed=True)
        for r in pairs["change_relative_pct"]
    ]
    if pairs["p"].notna().any():  # none tested: said once above the chart, not per row
        out[t("col_test_waves")] = [_test(r, lang) for _, r in pairs.iterrows()]
    return out


def wave_notes(pairs: pd.DataFrame, lang: str) -> str:
    """What data/dimensions/years.csv states about each wave the pairs compare, said once
    (the bases are the table's N columns), in the reader's language."""
    pairs = i18n.pick(pairs, lang)
    notes = {}
    for side in ("from", "to"):
        for year, note in zip(pairs[f"year_{side}"], pairs[f"year_note_{side}"]):
            notes.setdefault(int(year), note if isinstance(note, str) else "–")
    if lang == "zh":
        body = "".join(f"{y} 年：{n.rstrip('。.')}。" for y, n in sorted(notes.items()))
    else:
        body = " ".join(f"{y}: {n.rstrip('.')}." for y, n in sorted(notes.items()))
    return f"{i18n.t('col_comparability', lang)} — {body}"
