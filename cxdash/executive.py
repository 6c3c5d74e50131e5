"""The executive summary, pure: the largest Champion–Starter gaps (each marked significant or
not), the country scorecard, and the year-over-year moves — as rows and Vega-Lite charts in
a web page's or a presentation screen's type sizes."""

from __future__ import annotations

import pandas as pd

from cxdash import charts, cite, formatting, i18n
from cxdash.lazy import altair as alt
from cxdash.palette import TIER_COLORS, WEB, Type

TOP_GAPS = 3  # what fits beside the scorecard on one screen
RANK_COLORS = ["#1B7837", "#A6DBA0", "#E7D4E8", "#AF8DC3"]


def yoy_cards(pairs: pd.DataFrame) -> pd.DataFrame:
    """Region-wide share pairs from each measure's first to its latest wave (the widest
    pair, whatever the number of waves), largest point change first."""
    shares = pairs[(pairs["measure"] == "share") & (pairs["country"] == "APAC")]
    key = ["figure_id", "tier", "country", "channel", "respondent_group", "option_en"]
    widest = (shares["year_to"] - shares["year_from"]).rename("span")
    shares = shares.assign(span=widest).sort_values("span", ascending=False, kind="stable")
    shares = shares.drop_duplicates(key).drop(columns="span")
    return shares.reindex(shares["change_points"].abs().sort_values(ascending=False).index)


def latest_year(rows: pd.DataFrame) -> str:
    """'2021': the latest wave among the rows ('' when none has a year)."""
    years = rows["year"].dropna()
    return str(int(years.max())) if len(years) else ""


def testable_moves(pairs: pd.DataFrame) -> bool:
    """Whether any year-over-year pair has a test (both years' bases printed)."""
    return bool(pairs["p"].notna().any()) if "p" in pairs else False


def verdict(significant: bool, testable: bool, lang: str) -> str:
    if not testable:
        return i18n.t("not_testable_base", lang)
    return i18n.t("sig_yes" if significant else "sig_no", lang)


def _lines(look: Type, labels: list[str] = (), phone: int = 0) -> alt.Axis:
    """An axis whose labels break at the newlines put in by `wrap`; `phone`: on a phone,
    labels rewrapped at that many columns, in smaller type (the scorecard's cells keep
    room for their values)."""
    wide = "split(datum.label, '\\n')"
    expr = charts.narrow_wrap(labels, phone, wide) if phone else None
    small = {
        "labelFontSize": alt.ExprRef(f"{charts.NARROW} ? {PHONE_PX} : {look.label}"),
        "labelLineHeight": alt.ExprRef(f"{charts.NARROW} ? {PHONE_PX + 1} : {_line(look)}"),
    }
    return alt.Axis(
        labelExpr=expr or wide,
        labelLimit=0,
        labelOverlap=False,
        labelFlush=False,  # the first row's label stays on its row
        **(small if phone else {"labelLineHeight": _line(look)}),
    )


PHONE_PX = 10  # the scorecard's type on a phone
PHONE_COLUMNS = 34  # ... and where its row labels wrap


def _line(look: Type) -> int:
    """Line height of a wrapped label, px."""
    return look.label + 1


def callout_label(title: str, year: int, waves: int, lang: str) -> str:
    """A callout's row label: its title without the repeated 'by country' and, for a callout
    printed for more than one wave (the maturity ranking), the one wave the row shows."""
    label = formatting.short_title(title)
    if waves > 1:
        label += f"，{year} 年" if lang == "zh" else f", {year}"
    return label


def scorecard(rows: pd.DataFrame, lang: str, look: Type = WEB) -> alt.Chart:
    """Callouts × countries: colour = rank among the countries reported, text = value."""
    zh = lang == "zh"
    width = 42 if look is WEB else 80
    df = rows.assign(
        callout=[
            "\n".join(formatting.wrap(callout_label(t, y, w, lang), width))
            for t, y, w in zip(
                rows["title_zh" if zh else "title_en"], rows["year"], rows["waves_published"]
            )
        ],
        country_name=rows["country_label_zh" if zh else "country_label_en"],
        value_text=[
            formatting.number(v, d, u, lang)
            for v, d, u in zip(rows["value"], rows["value_decimals"], rows["unit"])
        ],
    )
    order = list(dict.fromkeys(df.sort_values("figure_order")["callout"]))
    countries = list(dict.fromkeys(df.sort_values("country_order")["country_name"]))
    base = alt.Chart(df).encode(
        x=alt.X(
            "country_name:N",
            sort=countries,
            title=None,
            axis=_countries_axis(countries, look),
        ),
        y=alt.Y(
            "callout:N",
            sort=order,
            title=None,
            axis=_lines(look, order, PHONE_COLUMNS if look is WEB else 0),
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "country_rank:O",
            title=i18n.t("rank", lang),
            scale=alt.Scale(domain=[1, 2, 3, 4], range=RANK_COLORS),
            # the key sits above the rows, on the first screen however many rows follow
            legend=alt.Legend(orient="top", direction="horizontal", offset=4),
        ),
        tooltip=[
            alt.Tooltip("title_zh:N" if zh else "title_en:N", title=i18n.t("col_figure", lang)),
            "country_name:N",
            "value_text:N",
            "country_rank:O",
            "base_n:Q",
        ],
    )
    size = (
        alt.ExprRef(f"{charts.NARROW} ? {PHONE_PX} : {look.label}") if look is WEB else look.label
    )
    text = base.mark_text(fontSize=size).encode(text="value_text:N")
    lines = max((c.count("\n") + 1 for c in order), default=1)
    step = max(look.row, _line(look) * lines + 6)
    return charts.themed((cells + text).properties(height=alt.Step(step)), look)


def _countries_axis(countries: list[str], look: Type) -> alt.Axis:
    """Country names over the columns; on a phone in smaller type, broken at spaces."""
    if look is not WEB:
        return alt.Axis(orient="top", labelAngle=0, labelOverlap=False, labelLimit=0)
    return alt.Axis(
        orient="top",
        labelAngle=0,
        labelOverlap=False,
        labelLimit=0,
        labelExpr=charts.narrow_wrap(countries, 6) or "datum.label",
        labelFontSize=alt.ExprRef(f"{charts.NARROW} ? {PHONE_PX} : {look.label}"),
    )


def gap_rows(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per gap: the question, the answer, both values and the test, in words."""
    zh = lang == "zh"
    out = pd.DataFrame(
        {
            "question": [
                q if isinstance(q, str) else t
                for q, t in zip(
                    gaps["question_zh" if zh else "question_en"],
                    gaps["title_zh" if zh else "title_en"],
                )
            ],
            "answer": gaps["option_zh" if zh else "option_en"].fillna(""),
            "champion": [formatting.number(v, 0, "percent", lang) for v in gaps["value"]],
            "starter": [formatting.number(v, 0, "percent", lang) for v in gaps["starter_value"]],
            "gap": [
                formatting.number(v, 0, "points", lang, signed=True) for v in gaps["gap_points"]
            ],
            "verdict": [
                verdict(s, t, lang) for s, t in zip(gaps["gap_significant"], gaps["testable"])
            ],
            "base_n": gaps["base_n"],
            "source_zh": gaps["source_zh"],
            "source": [cite.citation(s, lang) for s in gaps["survey_id"]],
        }
    )
    return out.reset_index(drop=True)


def gaps_chart(gaps: pd.DataFrame, lang: str, look: Type = WEB) -> alt.Chart:
    """Starter and Champion shares of each gap's answer as a dumbbell, largest gap first."""
    rows = gap_rows(gaps, lang)
    width = 36 if look is WEB else 56
    # each row names its question (the figure's title) before the answer: an answer alone
    # ("Yes, in every respect") does not say what was asked
    titles = gaps["title_zh" if lang == "zh" else "title_en"].fillna("").map(formatting.short_title)
    zh = lang == "zh"
    asked = [
        t + ("" if zh else " " if t.endswith("?") else ": ") + a
        if t.endswith(("?", "？"))
        else f"{t}{'：' if zh else ': '}{a}"
        for t, a in zip(titles, rows["answer"])
    ]
    labels = ["\n".join(formatting.wrap(a, width)) for a in asked]
    tiers = [i18n.t("tier_starter_short", lang), i18n.t("tier_champion_short", lang)]
    long = pd.DataFrame(
        {
            "answer": labels * 2,
            "tier": [tiers[0]] * len(rows) + [tiers[1]] * len(rows),
            "value": [*gaps["starter_value"], *gaps["value"]],
            "value_text": [
                *rows["starter"],
                *(
                    v + ("*" if sig else "")
                    for v, sig in zip(rows["champion"], gaps["gap_significant"])
                ),
            ],
            "question": [*rows["question"]] * 2,
        }
    )
    y = alt.Y("answer:N", sort=labels, title=None, axis=_lines(look))
    x = alt.X(
        "value:Q",
        title=None,
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(labelExpr="datum.value + '%'", tickCount=5),
    )
    colour = alt.Color(
        "tier:N",
        sort=tiers,
        scale=alt.Scale(domain=tiers, range=[TIER_COLORS["Starter"], TIER_COLORS["Champion"]]),
        legend=alt.Legend(orient="bottom", title=None),
    )
    base = alt.Chart(long).encode(y=y, x=x)
    line = base.mark_line(color="#BBBBBB", strokeWidth=3).encode(detail="answer:N")
    dots = base.mark_circle(size=look.label * 13, opacity=1).encode(
        color=colour, tooltip=["question:N", "answer:N", "tier:N", "value_text:N"]
    )
    text = base.mark_text(dy=-(look.label + 3), fontSize=look.label).encode(
        text="value_text:N", color=colour
    )
    lines = max((a.count("\n") + 1 for a in labels), default=1)
    step = max(look.row * 2, _line(look) * lines + look.label + 12)
    return charts.themed((line + dots + text).properties(height=alt.Step(step)), look)


def gaps_caption(gaps: pd.DataFrame, lang: str) -> str:
    """What the gaps chart shows, its bases and source, and what the star means."""
    bases = sorted({int(n) for n in gaps["base_n"].dropna()})
    base = formatting.base(bases[0]) if bases else ""
    if len(bases) > 1:
        base = f"{base}–{bases[-1]:,}"
    sources = dict.fromkeys(cite.citation(s, lang) for s in gaps["survey_id"])
    return i18n.t("exec_gaps_caption", lang, base=base, document=" ".join(sources))


def _sole(values: pd.Series, best: str) -> str | None:
    """The index label holding the strict maximum (or minimum) of `values`, None on a tie."""
    target = values.max() if best == "max" else values.min()
    hits = values.index[values == target]
    return hits[0] if len(hits) == 1 else None


def takeaway(rows: pd.DataFrame, tests: pd.DataFrame, lang: str) -> str | None:
    """One sentence from the scorecard's rows and the ranking's published-base tests: the
    country with the highest Champion share (the report's maturity ranking), which of its
    leads are significant, and the country lowest on the most callouts. Nothing is said that
    the values or the tests do not show; None when fewer than two countries are shown."""
    zh = lang == "zh"
    name = dict(zip(rows["country"], rows["country_label_zh" if zh else "country_label_en"]))
    if len(name) < 2:
        return None
    parts = []
    ranking = rows[rows["tier"] == "Champion"].set_index("country")
    leader = _sole(ranking["value"], "max") if len(ranking) > 1 else None
    if leader is not None:
        won = _significant_leads(ranking, tests, leader)
        others = [c for c in ranking.index if c != leader]
        key = "none" if not won else "all" if len(won) == len(others) else "some"
        parts.append(
            i18n.t(
                f"takeaway_leader_{key}",
                lang,
                country=name[leader],
                value=formatting.number(ranking.loc[leader, "value"], 0, "percent", lang),
                year=int(ranking.loc[leader, "year"]),
                over=_join([name[c] for c in won], lang) if won else "",
            )
        )
    lowest = [
        _sole(g.set_index("country")["value"], "min")
        for _, g in rows.groupby("figure_id")
        if len(g) > 1  # a callout that reports one of the countries shown ranks nothing
    ]
    counts = pd.Series([c for c in lowest if c is not None]).value_counts()
    if not counts.empty and _sole(counts, "max") is not None:
        k, n = int(counts.iloc[0]), len(lowest)
        key = "takeaway_lowest_all" if k == n else "takeaway_lowest"
        parts.append(i18n.t(key, lang, country=name[counts.index[0]], k=k, n=n))
    if not parts:
        return None
    return ("；" if zh else "; ").join(parts) + ("。" if zh else ".")


def _join(names: list[str], lang: str) -> str:
    """'Japan', 'Japan and Singapore', 'A, B and C' (zh: '日本、新加坡')."""
    if lang == "zh":
        return "、".join(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _significant_leads(ranking: pd.DataFrame, tests: pd.DataFrame, leader: str) -> list[str]:
    """Countries whose value in the ranking's shown wave the leader's is significantly above
    (two-proportion test on the printed bases, Holm-corrected); untested pairs are not."""
    ids = dict(zip(ranking["value_id"], ranking.index))
    mine = tests[tests["value_id_a"].isin(ids) & tests["value_id_b"].isin(ids)]
    mine = mine[mine["significant"].fillna(False).astype(bool) & mine["p"].notna()]
    won = set()
    for a, b in zip(mine["value_id_a"], mine["value_id_b"]):
        if leader in (ids[a], ids[b]):
            won.add(ids[b] if ids[a] == leader else ids[a])
    return [c for c in ranking.index if c in won]
