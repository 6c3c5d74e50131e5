"""A figure's values recomputed from a respondent dataset, in the shape of the published
values relation (queries/figure_values.sql), so the figure pipeline draws them unchanged.

Which question a figure asks is data (data/instruments/): a question's own `figure_id`
(every answer, or its mean), or a row of figure_links.csv (the share choosing any of some
answers, or the mean of a numeric question). A figure is grouped by what its published values
vary by (tier, country, year, respondent group), plus every dimension the reader chose two or
more members of: on the tiers page with Japan and Australia chosen, tier × country. The other
chosen members restrict the respondents (Champions in Japan).

Every row says what it is: `origin` = "respondents", the dataset's name and whether it is
FICTIONAL, its unweighted N and Kish effective base, its significance letter and the letters
of the groups it is significantly higher than, and `published_value` — the report's value of
the same question, answer and group, when the report prints one — so "yours vs the report"
is one glance. Nothing here reads or changes the published database.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxdash import formatting
from cxdash.respondents import stats, sums
from cxdash.respondents.instrument import Instrument
from cxdash.respondents.sums import Slice

GROUPED = ("tier", "country", "year", "respondent_group")  # sums.DIMENSIONS, as the view names
_FILTERS = {"tier": "tiers", "country": "countries", "year": "years"}  # view dimension -> Slice
TIER_ORDER = {"Starter": 1, "Emerging": 2, "Not Champion": 2.5, "Champion": 3}
DECIMALS = 1  # an estimate from respondents is shown to one decimal (published: as printed)
EXTRA = [
    "origin", "dataset_id", "dataset_name", "fictional", "question_id", "eff_base", "letter",
    "letters", "published_value", "published_decimals", "published_base_n",
    "published_label_en", "published_label_zh", "question_text_en", "question_text_zh",
]  # fmt: skip


@dataclass(frozen=True)
class Part:
    """One question a figure asks: every answer's share (`options` None), the share choosing
    any of `codes` shown as the published answer `option_en`, or a numeric mean."""

    question_id: str
    kind: str
    channel: str
    options: tuple[tuple[str | None, tuple[str, ...]], ...] | None = None


@dataclass(frozen=True, eq=False)
class Report:
    """A figure's published values as its respondent rows read them, made once per figure and
    data version (figures._report): the rows as records, the dimensions (and channel, answer)
    they vary by, the respondent groups they were asked of."""

    figure_id: str
    records: list[dict]
    varies: frozenset[str]
    groups: tuple[str, ...]

    @classmethod
    def of(cls, published: pd.DataFrame) -> Report:
        dims = (*GROUPED, "channel", "option_en")
        return cls(
            published["figure_id"].iloc[0],
            formatting.records(published),
            frozenset(d for d in dims if published[d].nunique() > 1),
            tuple(published["respondent_group"].dropna().unique()),
        )


@dataclass(frozen=True)
class Question:
    """A question's words and answers as its respondent rows take them (source.Dataset reads
    each once): option code -> (option_en, option_zh or None, sort order)."""

    text_en: str
    text_zh: str
    options: dict[str, tuple[str, str | None, int]]


def question(inst: Instrument, question_id: str) -> Question:
    """The question's words, and each answer as the published values name it where the
    instrument says which published answer it is (its option_en; else its own label)."""
    q = inst.questions.loc[question_id]
    o = inst.options[inst.options["question_id"] == question_id]
    columns = ("option_code", "option_en", "label_en", "label_zh", "sort_order")
    return Question(
        q["text_en"],
        q["text_zh"],
        {
            code: (option_en or label_en, None if option_en else label_zh, int(order))
            for code, option_en, label_en, label_zh, order in zip(*(o[c] for c in columns))
        },
    )


def parts(inst: Instrument, figure_id: str) -> list[Part]:
    """The questions (and answers) that reproduce a figure; [] when the instrument has none."""
    q = inst.questions
    out = []
    for qid, row in q[q["figure_id"] == figure_id].iterrows():
        out.append(Part(qid, row["kind"], row["channel"]))
    for link in inst.links[inst.links["figure_id"] == figure_id].itertuples():
        row = q.loc[link.question_id]
        codes = tuple(c for c in (link.option_codes or "").split(";") if c)
        option = (link.option_en or None, codes)
        kind = "single" if codes and row["kind"] == "likert" else row["kind"]
        out.append(Part(link.question_id, kind, row["channel"], (option,) if codes else None))
    return out


def group_by(report: Report, chosen: dict[str, tuple]) -> tuple[str, ...]:
    """What a figure's respondent values are grouped by: the dimensions its published values
    vary by, and each dimension with two or more chosen members (`chosen`: key -> codes)."""
    by = [d for d in GROUPED if d in report.varies]
    by += [d for d in _FILTERS if len(chosen.get(d, ())) > 1 and d not in by]
    return tuple(d for d in GROUPED if d in by)


def where(
    by: tuple[str, ...], chosen: dict[str, tuple], answers: tuple, groups: tuple = ()
) -> Slice:
    """The respondents a figure is drawn from: the chosen members, the answers, and (`groups`)
    the one respondent group the report asked it of (Hong Kong's customers, not its staff)."""
    kept = {_FILTERS[d]: tuple(chosen.get(d, ())) for d in _FILTERS}
    return Slice(by=by, answers=answers, groups=groups, **kept)


def asked_of(report: Report, by: tuple[str, ...]) -> tuple[str, ...]:
    """The one respondent group a figure's published values were asked of, unless grouped."""
    groups = report.groups
    return groups if len(groups) == 1 and "respondent_group" not in by else ()


def estimate(cells: sums.Cube, part: Part, slice_: Slice) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, pairs) of one part from its question's cube (sums.Cube): each answer's share,
    the share of the part's chosen answers together, or the mean."""
    rolled = sums.rollup(cells, part.kind, slice_)
    if rolled.empty:
        return rolled, rolled
    if part.options:  # one answer made of several codes: its y-sums add within a group
        _, codes = part.options[0]
        key = rolled[list(sums.DIMENSIONS)].apply(lambda r: "|".join(map(str, r)), axis=1)
        base = rolled.assign(_k=key).drop_duplicates("_k")
        base = base[[*sums.DIMENSIONS, "_k", *sums.BASE_SUMS, "design_n"]]
        chose = rolled[rolled["option_code"].isin(codes)].assign(_k=key)
        y = chose.groupby("_k")[list(sums.Y_SUMS)].sum()
        rolled = base.merge(y, left_on="_k", right_index=True, how="left").drop(columns="_k")
        rolled = rolled.fillna({c: 0.0 for c in sums.Y_SUMS})
        rolled["option_code"] = "+".join(codes)
    return stats.table(rolled, part.kind, slice_.by)


def tier_shares(
    cells: sums.Cube, part: Part, by: tuple[str, ...], chosen: dict, answers: tuple,
    groups: tuple = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """(values, pairs) of the derived question `tier`: each tier's share of the respondents
    with a tier (the tier is the answer, so it is never a group), the chosen tiers kept."""
    others = {k: v for k, v in chosen.items() if k != "tier"}
    slice_ = where(tuple(d for d in by if d != "tier"), others, answers, groups)
    est, pairs = estimate(cells, part, slice_)
    if est.empty:
        return est, pairs
    est = est.assign(tier=est["option_code"], option_code=None)
    keep = est["tier"].isin(chosen["tier"]) if chosen.get("tier") else est["tier"].notna()
    ids = {old: new for new, old in enumerate(keep[keep].index)}
    pairs = pairs[pairs["id_a"].isin(ids) & pairs["id_b"].isin(ids)]
    pairs = pairs.assign(id_a=pairs["id_a"].map(ids), id_b=pairs["id_b"].map(ids))
    return est[keep].reset_index(drop=True), pairs.reset_index(drop=True)


def tier_labels(inst: Instrument) -> dict[tuple[str, str], dict]:
    """The respondent tiers' labels ("Emerging (your cut)", "Not Champion"), as labels."""
    t = inst.tiers
    return {
        ("tier", tier): {"en": en, "zh": zh, "order": TIER_ORDER.get(tier, 9)}
        for tier, en, zh in zip(t["tier"], t["label_en"], t["label_zh"])
    }


def frame(
    est: pd.DataFrame,
    part: Part,
    report: Report,
    question: Question,
    labels: dict[tuple[str, str], dict[str, str]],
    meta: dict,
) -> list[dict]:
    """The estimates of one part as rows of the published values relation (labelled in both
    languages, the figure's own columns from its published rows), with the EXTRA columns: as
    records, which `source.figure_values` puts in order."""
    figure_id, published, varies = report.figure_id, report.records, report.varies
    rows = []
    for r in formatting.records(est):
        option_en, option_zh, order = _option(r["option_code"], part, question)
        template = _template(published, option_en, part.channel)
        if option_zh is None and _text(template["option_en"]) == (option_en or ""):
            option_zh = template["option_zh"]  # the published answer's own words
        row = dict(template)
        channel = template["channel"] if part.channel == "All" else part.channel
        row |= {
            "value_id": "|".join(
                map(str, (meta["id"], figure_id, part.question_id, r["option_code"],
                          *(r[d] for d in GROUPED)))
            ),  # fmt: skip
            "channel": channel,
            "option_en": option_en,
            "option_zh": option_zh,
            "option_order": order,
            "value": r["value"],
            "value_decimals": DECIMALS,
            "base_n": r["base_n"],
            "ci_low": r["ci_low"],
            "ci_high": r["ci_high"],
            "low_base": bool(r["low_base"]),
            "significant": r["significant"],
            "test_status": r["test_status"],
            "test_reason": r["test_reason"],
            "base_moe_pts": np.nan,
            "document": meta.get("source_file"),
            "caption_zh": None,
            "source_zh": question.text_zh,
            "question_text_en": question.text_en,
            "question_text_zh": question.text_zh,
            "group_base_n": None,
            **dict.fromkeys(_NOTES),
            "flag": None, "figure_flag": None, "flag_note_for": None,
            "wave_title_en": None, "wave_title_zh": None,
            "origin": "respondents", "dataset_id": meta["id"], "dataset_name": meta["name"],
            "fictional": bool(meta.get("fictional")), "question_id": part.question_id,
            "eff_base": r["eff_base"], "letter": r["letter"], "letters": r["letters"],
        }  # fmt: skip
        for dim in GROUPED:
            row |= _dimension(dim, r[dim], labels)
        if channel != template["channel"]:
            row |= _dimension("channel", channel, labels)
        row |= _published(published, varies, row)
        rows.append(row)
    return rows


ORDER = ("year", "tier_order", "country_order", "channel_order", "option_order")


def ordered(rows: list[dict]) -> list[dict]:
    """Rows in the figure's order (`ORDER`, each missing value last, ties as they came):
    `sort_values(ORDER, kind="stable")` of their frame, without making it first."""

    def key(row: dict) -> list[tuple]:
        return [(True, 0) if formatting.missing(row[c]) else (False, row[c]) for c in ORDER]

    return sorted(rows, key=key)


_NOTES = [f"{k}_{g}" for k in ("note", "figure_note", "flag_note") for g in ("en", "zh")]
_LABEL_COLUMNS = {
    "tier": ("tier_label", "tier_order"),
    "country": ("country_label", "country_order"),
    "year": ("year_label", None),
    "respondent_group": ("group_label", None),
    "channel": ("channel_label", "channel_order"),
}


def _dimension(dim: str, code: object, labels: dict) -> dict:
    """A dimension's code with its labels in both languages and its order."""
    label, order = _LABEL_COLUMNS[dim]
    if code is None or (isinstance(code, float) and np.isnan(code)):
        out = {dim: None, f"{label}_en": None, f"{label}_zh": None}
        return out | ({order: 99} if order else {})
    code = int(code) if dim == "year" else code
    names = labels.get((dim, str(code)), {})
    out = {dim: code, f"{label}_en": names.get("en", str(code)), f"{label}_zh": names.get("zh")}
    if order:
        out[order] = TIER_ORDER.get(code, 9) if dim == "tier" else names.get("order", 9)
    return out


def _option(code: str | None, part: Part, question: Question) -> tuple:
    """(option_en, option_zh, order) of an estimate's answer (`question`'s options)."""
    if code is None:
        return None, None, 1
    if part.options:
        option_en = part.options[0][0]
        return option_en, None, 1
    return question.options[code]


def _template(report: list[dict], option_en: str | None, channel: str) -> dict:
    """The published row whose figure columns (title, question, unit, kind, option labels) a
    respondent row takes: the same answer (and channel) where published, else the first."""
    same = [
        r for r in report
        if _text(r["option_en"]) == (option_en or "") and channel in ("All", r["channel"])
    ]  # fmt: skip
    return dict((same or report)[0])


_REPORT_LABELS = (
    ("tier_label", "tier"), ("country_label", "country"), ("group_label", "respondent_group"),
    ("channel_label", "channel"), ("option", "option_en"),
)  # fmt: skip


def _published(report: list[dict], varies: frozenset[str], row: dict) -> dict:
    """The report's value of the same answer, channel and group, when it prints exactly one:
    groups are matched on what the report breaks the figure down by (`varies`: Champions in
    Japan are beside the report's Champions); a year not grouped by: the latest published."""
    cand = [
        r for r in report
        if _text(r["option_en"]) == (row["option_en"] or "") and r["channel"] == row["channel"]
        and all(r[d] == row[d] for d in ("tier", "country", "respondent_group") if d in varies)
    ]  # fmt: skip
    if row["year"] is not None:
        cand = [r for r in cand if r["year"] == row["year"]]
    elif len(cand) > 1:
        latest = max((r["year"] for r in cand if r["year"] is not None), default=None)
        cand = [r for r in cand if r["year"] == latest]
    if len(cand) != 1:
        none = ("published_value", "published_decimals", "published_base_n")
        return dict.fromkeys((*none, "published_label_en", "published_label_zh"))
    hit = cand[0]
    shown = [c for c, d in _REPORT_LABELS if d in varies]
    return {
        **{
            f"published_label_{lang}": " · ".join(
                str(hit[f"{c}_{lang}"]) for c in shown if isinstance(hit[f"{c}_{lang}"], str)
            )
            for lang in ("en", "zh")
        },
        "published_value": float(hit["value"]),
        "published_decimals": int(hit["value_decimals"]),
        "published_base_n": None if hit["base_n"] is None else int(hit["base_n"]),
    }


def _text(x: object) -> str:
    return x if isinstance(x, str) else ""


def tests(rows: list[dict], pairs: pd.DataFrame) -> pd.DataFrame:
    """A part's pairwise tests (stats.pairwise, ids: positions in `rows`, `frame`'s records)
    in the columns of the published figure_tests (tables.tests_table reads both): each side's
    labels in both languages, value, decimals and unweighted base."""
    if pairs.empty:
        return pd.DataFrame()
    a = [rows[i] for i in pairs["id_a"]]
    b = [rows[i] for i in pairs["id_b"]]
    out = pd.DataFrame({
        "value_id_a": [r["value_id"] for r in a], "value_id_b": [r["value_id"] for r in b],
        "option_en": [r["option_en"] for r in a], "option_zh": [r["option_zh"] for r in a],
        "value_a": pairs["value_a"].to_numpy(), "value_b": pairs["value_b"].to_numpy(),
        "decimals_a": DECIMALS, "decimals_b": DECIMALS, "unit": [r["unit"] for r in a],
        "base_a": [r["base_n"] for r in a], "base_b": [r["base_n"] for r in b],
        "p_holm": pairs["p_holm"].to_numpy(), "family_size": pairs["family_size"].to_numpy(),
        "test_status": pairs["test_status"].to_numpy(),
        "test_reason": pairs["test_reason"].to_numpy(),
    })  # fmt: skip
    for lang in ("en", "zh"):
        out[f"a_label_{lang}"] = _group_label(a, lang)
        out[f"b_label_{lang}"] = _group_label(b, lang)
    return out


def _group_label(rows: list[dict], lang: str) -> list[str]:
    """'Champion · Japan (A)': a row's group in words, with its letter."""
    cols = [f"{c}_{lang}" for c in ("tier_label", "country_label", "year_label", "group_label")]
    labels = []
    for r in rows:
        own = cols + ([f"channel_label_{lang}"] if r["channel"] != "All" else [])
        words = dict.fromkeys(str(r[c]) for c in own if isinstance(r.get(c), str) and r[c])
        labels.append(f"{' · '.join(words)} ({r['letter']})")
    return labels
