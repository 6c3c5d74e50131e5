"""Benchmark yourself, drawn: the practices as checkboxes by pillar, the metrics as inputs,
each answer placed in words and in a compact chart with its sources; a share link on
request. The company's answers live in widget state only (keys `bm_…`, never written to
the URL); `answers` (the view's share-link field) is set only by the share button."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash import benchmark, cite, data, formatting, i18n
from cxdash.benchmark import Problem, Profile
from cxdash.formatting import literal, verbatim
from cxdash.ui import share, widgets
from cxdash.view import View

_SEEDED, _PROBLEMS = "_bm_seeded", "_bm_problems"


def _practice_key(practice_id: str) -> str:
    return f"bm_p_{practice_id}"


def metric_key(measure_id: str) -> str:
    return f"bm_m_{measure_id}"


def seed(view: View, practices: pd.DataFrame, measures: pd.DataFrame) -> None:
    """Fill the inputs from a share link's answers, once per link."""
    s = st.session_state
    if not view.answers or s.get(_SEEDED) == view.answers:
        return
    profile, problems = benchmark.decode(view.answers, len(practices), measures)
    for pid, answer in zip(practices["practice_id"], profile.practices):
        s[_practice_key(pid)] = bool(answer)
    for mid, value in profile.metrics:
        s[metric_key(mid)] = f"{value:g}"
    s[_SEEDED], s[_PROBLEMS] = view.answers, problems
    st.toast(i18n.t("bm_from_link", view.lang))


def _forget_link() -> None:
    """An answer changed: the share link no longer says what is on screen; drop it."""
    st.session_state["answers"] = ""
    st.session_state.pop(_PROBLEMS, None)


def practices_form(practices: pd.DataFrame, lang: str) -> tuple[bool, ...]:
    """One checkbox per practice (its whole text), under its pillar; answers in report
    order."""
    zh = lang == "zh"
    pillars = list(dict.fromkeys(practices["pillar"]))
    for col, pillar in zip(st.columns(len(pillars), gap="medium"), pillars):
        rows = practices[practices["pillar"] == pillar]
        col.markdown(f"**{literal(rows['pillar_zh' if zh else 'pillar_en'].iloc[0])}**")
        for _, row in rows.iterrows():
            col.checkbox(
                literal(row["text_zh" if zh else "text_en"]),
                key=_practice_key(row["practice_id"]),
                help=literal(row["source_zh"]),
                on_change=_forget_link,
                width="stretch",
                wrap=True,
            )
    return tuple(bool(st.session_state.get(_practice_key(p))) for p in practices["practice_id"])


def rule_result(yes: int, practices: pd.DataFrame, lang: str) -> None:
    """The count, whether it meets each published rule, and what the report does not say."""
    for rule in practices["rules"].iloc[0]:
        of, low = int(rule["of_practices"]), int(rule["min_practices"])
        st.metric(i18n.t("bm_count_label", lang), f"{yes} / {of}")
        if benchmark.champion_rule(yes, rule):
            st.success(i18n.t("bm_meets", lang, min=low, of=of), icon=":material/check:")
        elif yes == 0:  # nothing ticked is nothing answered yet: no verdict
            st.caption(i18n.t("bm_unanswered", lang, min=low, of=of))
        else:
            st.info(i18n.t("bm_not_meets", lang, min=low, of=of), icon=":material/info:")
        st.caption(f"{i18n.t('source_passage', lang)}: {literal(rule['source_zh'])}")
    st.caption(i18n.t("bm_no_cut", lang))


def metric_inputs(measures: pd.DataFrame, lang: str, columns: int = 5) -> dict[str, float]:
    """One text input per measure, in a compact grid (in the measure's unit); a refused
    answer says why beneath it. Returns the accepted answers by measure id."""
    zh = lang == "zh"
    values: dict[str, float] = {}
    cols = st.columns(columns)
    for i, (_, measure) in enumerate(measures.iterrows()):
        name = measure["name_zh" if zh else "name_en"]
        unit = formatting.suffix(measure["unit"], lang)
        label = i18n.t("bm_input", lang, name=name, unit=unit) if unit else name
        with cols[i % columns]:
            raw = st.text_input(
                label, key=metric_key(measure["measure_id"]), on_change=_forget_link
            )
            value, problem = benchmark.check(raw, measure)
            if problem:
                st.error(_problem_text(problem, name, lang), icon=":material/error:")
            elif value is not None:
                values[str(measure["measure_id"])] = value
    return values


def placement(measure: pd.Series, value: float, points: pd.DataFrame, lang: str) -> None:
    """Where one answer sits: in words (tiers, then the guide's band) beside its chart."""
    name = measure["name_zh" if lang == "zh" else "name_en"]
    tiers = points[points["point_kind"] == "tier"]
    bands = points[points["point_kind"] != "tier"]
    words, chart = st.columns([2, 3], vertical_alignment="center")
    with words:
        unit = str(measure["unit"])
        st.markdown(f"**{literal(name)}: {literal(benchmark.number(value, unit, lang))}**")
        st.markdown(literal(benchmark.tier_words(value, measure, tiers, lang)))
        band = benchmark.band_words(value, bands, lang)
        if band:
            st.markdown(literal(band))
        _sources(points, lang)
    widgets.chart(benchmark.chart(value, measure, points, lang).to_dict(), chart)


def _sources(points: pd.DataFrame, lang: str) -> None:
    with st.expander(i18n.t("bm_source", lang)):
        for (survey, source), _ in points.groupby(["survey_id", "source_zh"], sort=False):
            st.caption(f"{literal(cite.citation(survey, lang))} — {literal(source)}")
        bases = [
            f"{r['label_en']} {formatting.base(r['base_n'])}"
            for _, r in points.iterrows()
            if pd.notna(r["base_n"])
        ]
        if bases:
            st.caption(", ".join(bases))


def _problem_text(problem: Problem, field: str, lang: str) -> str:
    return i18n.t(
        "bm_refused",
        lang,
        field=verbatim(field, 60),
        value=verbatim(problem.value) if problem.value.strip() else i18n.t("empty_value", lang),
        reason=problem.text(lang),
    )


def link_problems(lang: str) -> None:
    """What a share link held that could not be used, as literal text."""
    for problem in st.session_state.get(_PROBLEMS) or []:
        st.warning(_problem_text(problem, problem.field, lang), icon=":material/warning:")


def share_link(view: View, profile: Profile) -> None:
    """A button that puts the answers into the URL (and shows the link) on request."""

    def make() -> None:
        code = benchmark.encode(profile)
        st.session_state["answers"] = code
        st.session_state[_SEEDED] = code

    st.button(i18n.t("bm_share", view.lang), key="bm_share", on_click=make, icon=":material/link:")
    if view.answers:
        st.code(view.url(share.base_url()), language=None)
        st.caption(i18n.t("bm_share_note", view.lang))


def tier_mix(view: View) -> None:
    """The published tier mix (APAC, both waves) and, where chosen, the countries'."""
    from cxdash.ui import panel

    panel.figures_of(tier_mix_catalog(view), view)


def tier_mix_catalog(view: View) -> pd.DataFrame:
    """The catalog rows of the tier-mix figures the view shows (countries: only if chosen)."""
    cat = data.catalog()
    chosen = benchmark.TIER_MIX_FIGURES[: 2 if view.filters.countries else 1]
    return cat[cat["figure_id"].isin(chosen)]
