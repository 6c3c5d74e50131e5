"""Executive summary: what moved most since 2020, the biggest Champion–Starter gaps (each
marked significant or not), and the four countries ranked on every country callout."""

import streamlit as st

from cxdash import app, cards, data, executive, i18n

ctx = app.context()
st.title(i18n.t("page_executive", ctx.lang))
st.caption(i18n.t("intro_executive", ctx.lang))
if not app.survey_excluded("apac", ctx):
    st.subheader(i18n.t("exec_moved", ctx.lang))
    pairs = executive.yoy_cards(data.run("yoy_pairs", tiers=[], countries=[]))
    cards.yoy_grid(pairs, ctx.lang, executive.verdict(False, False, ctx.lang))
    st.subheader(i18n.t("exec_gaps", ctx.lang))
    gaps = executive.cached_tier_gaps(data.version())
    verdicts = [
        executive.verdict(s, t, ctx.lang) for s, t in zip(gaps["significant"], gaps["testable"])
    ]
    cards.gap_grid(gaps, ctx.lang, verdicts)
    st.subheader(i18n.t("exec_scorecard", ctx.lang))
    rows = data.run("country_scorecard", countries=list(ctx.filters.countries))
    st.vega_lite_chart(executive.scorecard(rows, ctx.lang).to_dict(), width="stretch")
    st.caption(i18n.t("scorecard_note", ctx.lang))
