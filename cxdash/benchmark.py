"""Benchmark yourself, pure: a company's own answers (the seven practices, service metrics)
placed against the published tier rule, tier values and the guide's bands.

Which measures exist, their units, directions, accepted ranges, tier figures and bands come
from the data layer (`benchmark_measures`, `benchmark_points`, `practices`); nothing about a
particular measure is written here. A company's answers are never stored: they live in the
session, and in the URL only as `answers=` when the user asks for a share link
(`encode` / `decode`, one compact string)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from cxdash import charts, formatting, i18n
from cxdash.lazy import altair as alt
from cxdash.palette import TIER_COLORS
from cxdash.view import MAX_ANSWERS

# the published tier mix drawn beside the practices (and in presentation mode): the region's
# two waves, and, when countries are chosen, each country's Champion share
TIER_MIX_FIGURES = ("apac_maturity_distribution", "apac_country_champion_share")


@dataclass(frozen=True)
class Profile:
    """A company's answers: one yes / no / unanswered (None) per practice in the report's
    order, and the metrics it entered (measure id -> value in the measure's unit)."""

    practices: tuple[bool | None, ...] = ()
    metrics: tuple[tuple[str, float], ...] = ()

    @property
    def yes(self) -> int:
        return sum(1 for p in self.practices if p)

    def metric(self, measure_id: str) -> float | None:
        return dict(self.metrics).get(measure_id)


@dataclass(frozen=True)
class Problem:
    """An answer the app refused, with the i18n key and values of its message."""

    field: str
    value: str
    key: str
    fmt: dict = field(default_factory=dict, hash=False)

    def text(self, lang: str) -> str:
        return i18n.t(self.key, lang, **self.fmt)


# ---------------------------------------------------------------------------------------------
# Answers: validation and the share-link form


def check(raw: object, measure: pd.Series) -> tuple[float | None, Problem | None]:
    """A metric as typed (text or number) -> its value, or the reason it is refused."""
    mid = str(measure["measure_id"])
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None, None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None, Problem(mid, text[:40], "bm_not_a_number")
    lo, hi = float(measure["min_value"]), float(measure["max_value"])
    if not math.isfinite(value) or not lo <= value <= hi:
        unit = str(measure["unit"])
        return None, Problem(
            mid,
            text[:40],
            "bm_out_of_range",
            {"low": number(lo, unit), "high": number(hi, unit)},
        )
    return value, None


def encode(profile: Profile) -> str:
    """'p:1101110,first_response_time:2,csat:85' ('-' = a practice not answered)."""
    marks = "".join("-" if p is None else "1" if p else "0" for p in profile.practices)
    parts = [f"p:{marks}"] if marks.strip("-") else []
    parts += [f"{mid}:{value:g}" for mid, value in profile.metrics]
    return ",".join(parts)


def decode(text: str, n_practices: int, measures: pd.DataFrame) -> tuple[Profile, list[Problem]]:
    """The inverse of `encode`, lenient: what can be read is kept, every other part is a
    Problem (shown to the user as literal text)."""
    problems: list[Problem] = []
    practices: tuple[bool | None, ...] = (None,) * n_practices
    metrics: dict[str, float] = {}
    by_id = {str(m["measure_id"]): m for _, m in measures.iterrows()}
    for part in filter(None, (text or "")[:MAX_ANSWERS].split(",")):
        key, _, raw = part.partition(":")
        if key == "p" and len(raw) == n_practices and set(raw) <= set("01-"):
            practices = tuple(None if c == "-" else c == "1" for c in raw)
        elif key == "p":
            problems.append(Problem("p", raw[:40], "bm_bad_practices", {"n": n_practices}))
        elif key in by_id:
            value, problem = check(raw, by_id[key])
            if problem:
                problems.append(problem)
            elif value is not None:
                metrics[key] = value
        else:
            problems.append(Problem(key[:40], raw[:40], "bm_unknown_answer"))
    order = [m for m in by_id if m in metrics]
    return Profile(practices, tuple((m, metrics[m]) for m in order)), problems


# ---------------------------------------------------------------------------------------------
# Placement


def champion_rule(yes: int, rule: dict) -> bool:
    """Whether `yes` practices meet a published rule ('at least 6 of the 7')."""
    return yes >= int(rule["min_practices"])


def number(value: float, unit: str, lang: str = "en", decimals: int | None = None) -> str:
    """A company's answer in its unit, with the decimals it was typed with."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(f"{value:g}".partition(".")[2])
    return formatting.number(value, decimals, unit, lang)


def _point(row: pd.Series, lang: str) -> str:
    """'Champion 1.7 h (N=62)'."""
    label = row["label_zh" if lang == "zh" else "label_en"]
    base = "" if pd.isna(row["base_n"]) else f" ({formatting.base(row['base_n'])})"
    return (
        f"{label} {formatting.number(row['value'], row['value_decimals'], row['unit'], lang)}{base}"
    )


def tier_words(value: float, measure: pd.Series, tiers: pd.DataFrame, lang: str) -> str:
    """Where `value` sits among the tiers' published values, in words, better and worse
    told by the measure's direction."""
    if tiers.empty:
        return i18n.t("bm_no_tier_values", lang)
    lower_better = measure["direction"] == "lower_is_better"
    ranked = tiers.sort_values("value", ascending=lower_better)  # best first
    better_than = [r for _, r in ranked.iterrows() if _beats(value, r["value"], lower_better)]
    equal = [r for _, r in ranked.iterrows() if math.isclose(value, r["value"])]
    if equal:
        return i18n.t("bm_equal_tier", lang, tier=_point(equal[0], lang))
    if len(better_than) == len(ranked):
        return i18n.t("bm_better_all", lang, tier=_point(ranked.iloc[0], lang))
    if not better_than:
        return i18n.t("bm_behind_all", lang, tier=_point(ranked.iloc[-1], lang))
    first_beaten = better_than[0]
    ahead = ranked[ranked["value_id"] != first_beaten["value_id"]]
    ahead = ahead[[not _beats(value, v, lower_better) for v in ahead["value"]]]
    return i18n.t(
        "bm_between",
        lang,
        better=_point(ahead.iloc[-1], lang),
        worse=_point(first_beaten, lang),
    )


def _beats(value: float, other: float, lower_better: bool) -> bool:
    return value < other if lower_better else value > other


_TEST = {
    ">=": lambda v, t: v >= t,
    ">": lambda v, t: v > t,
    "<=": lambda v, t: v <= t,
    "<": lambda v, t: v < t,
}


def band(value: float, bands: pd.DataFrame) -> pd.Series | None:
    """The guide's band `value` falls in: the first (best) band whose condition holds."""
    for _, row in bands[bands["point_kind"] == "band"].sort_values("sort_order").iterrows():
        if _TEST[row["comparator"]](value, row["value"]):
            return row
    return None


def band_words(value: float, bands: pd.DataFrame, lang: str) -> str:
    """The band in words with its threshold, or that the guide names none for this value."""
    if bands.empty:
        return ""
    named = bands[bands["point_kind"] == "band"].sort_values("sort_order")
    every = "; ".join(_condition(r, lang) for _, r in named.iterrows())
    hit = band(value, bands)
    if hit is None:
        return i18n.t("bm_no_band", lang, bands=every)
    return i18n.t("bm_band", lang, band=_condition(hit, lang))


def _condition(row: pd.Series, lang: str, short: bool = False) -> str:
    """'Good (≥ 75%)', or short: '≥ 75%'."""
    label = row["label_zh" if lang == "zh" else "label_en"]
    sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}[row["comparator"]]
    number = formatting.number(row["value"], row["value_decimals"], row["unit"], lang)
    return f"{sign} {number}" if short else f"{label} ({sign} {number})"


def _tick(unit: str) -> str:
    """Axis labels in the measure's unit (a Vega expression)."""
    return "datum.value + '%'" if unit == "percent" else "datum.label"


# ---------------------------------------------------------------------------------------------
# Chart


def chart(value: float, measure: pd.Series, points: pd.DataFrame, lang: str) -> alt.Chart:
    """One compact row per measure: the tiers' values as coloured dots, the guide's band
    thresholds and references as dashed rules, the company's answer as a black diamond.
    Labels of published points sit above in up to three lanes (close values never print on
    each other), the company's below."""
    zh = lang == "zh"
    unit = str(measure["unit"])
    rows = [
        {
            "label": r["label_zh" if zh else "label_en"],
            "kind": r["point_kind"],
            "value": float(r["value"]),
            "text": _condition(r, lang, short=True)
            if r["point_kind"] != "tier"
            else f"{r['label_zh' if zh else 'label_en']} "
            + formatting.number(r["value"], r["value_decimals"], unit, lang),
            "full": _condition(r, lang) if r["point_kind"] != "tier" else _point(r, lang),
            "colour": TIER_COLORS.get(str(r["tier"]), "#555555"),
        }
        for _, r in points.sort_values("value").iterrows()
    ]
    for i, row in enumerate(rows):
        row["lane"] = 1 + i % 3
    you = {"label": i18n.t("bm_you", lang), "kind": "you", "value": value, "colour": "#000000"}
    text = f"{you['label']}: {number(value, unit, lang)}"
    rows.append({**you, "text": text, "full": text, "lane": -1.2})
    df = pd.DataFrame(rows)
    low = min(float(measure["min_value"]), float(df["value"].min()))
    high = 100.0 if unit == "percent" else max(float(df["value"].max()) * 1.15, 1.0)
    x = alt.X(
        "value:Q",
        title=None,
        scale=alt.Scale(domain=[low, high], nice=False),
        axis=alt.Axis(tickCount=5, labelExpr=_tick(unit)),
    )
    lane = alt.Y("lane:Q", axis=None, scale=alt.Scale(domain=[-1.8, 3.5]))
    base = alt.Chart(df).encode(x=x)
    tooltip = [alt.Tooltip("full:N", title=str(measure["name_zh" if zh else "name_en"]))]
    published = base.transform_filter(alt.datum.kind != "you")
    rules = base.transform_filter((alt.datum.kind == "band") | (alt.datum.kind == "reference"))
    dots = base.transform_filter(alt.datum.kind == "tier")
    mine = base.transform_filter(alt.datum.kind == "you")
    layers = [
        rules.mark_rule(strokeDash=[4, 3], color="#777777").encode(
            y=alt.YDatum(-0.7, type="quantitative", axis=None),
            y2=alt.Y2Datum(0.7),
            tooltip=tooltip,
        ),
        dots.mark_circle(size=150, opacity=1).encode(
            y=alt.YDatum(0, type="quantitative", axis=None),
            color=alt.Color("colour:N", scale=None),
            tooltip=tooltip,
        ),
        published.mark_text(fontSize=12).encode(
            y=lane, text="text:N", color=alt.Color("colour:N", scale=None)
        ),
        mine.mark_point(shape="diamond", size=220, filled=True, color="#000000").encode(
            y=alt.YDatum(0, type="quantitative", axis=None), tooltip=tooltip
        ),
        mine.mark_text(fontSize=12, fontWeight="bold").encode(y=lane, text="text:N"),
    ]
    return charts.themed(alt.layer(*layers).properties(height=130))


# ---------------------------------------------------------------------------------------------
# The profile in words (the deck's and the PDF's company slide)


def profile_lines(answers: str, lang: str) -> tuple[list[str], list[str]]:
    """(lines saying the company's answers and where each sits, the sources they are placed
    against) for a share link's `answers`. Every line about the company is labelled as the
    user's own answer."""
    from cxdash import cite, data  # the pure core's query layer (no Streamlit)

    practices = data.run("practices")
    measures = data.run("benchmark_measures")
    points = data.run("benchmark_points")
    profile, problems = decode(answers, len(practices), measures)
    zh = lang == "zh"
    lines, sources = [], []
    for rule in practices["rules"].iloc[0] if len(practices) else []:
        of, low = int(rule["of_practices"]), int(rule["min_practices"])
        verdict = "bm_meets" if champion_rule(profile.yes, rule) else "bm_not_meets"
        lines.append(
            f"{i18n.t('bm_count_label', lang)}: {profile.yes} / {of} — "
            + i18n.t(verdict, lang, min=low, of=of)
        )
        sources += [
            cite.citation(practices["survey_id"].iloc[0], lang),
            f"« {rule['source_zh']} »",
        ]
    for mid, value in profile.metrics:
        measure = measures[measures["measure_id"] == mid].iloc[0]
        mine = points[points["measure_id"] == mid]
        tiers, bands = mine[mine["point_kind"] == "tier"], mine[mine["point_kind"] != "tier"]
        words = [tier_words(value, measure, tiers, lang), band_words(value, bands, lang)]
        name = measure["name_zh" if zh else "name_en"]
        lines.append(
            f"{name}: {number(value, str(measure['unit']), lang)} — "
            + " ".join(w for w in words if w)
        )
        sources += [cite.citation(sid, lang) for sid in dict.fromkeys(mine["survey_id"])]
    lines += [
        i18n.t("bm_refused", lang, field=p.field, value=p.value, reason=p.text(lang))
        for p in problems
    ]
    return lines, list(dict.fromkeys(sources))
