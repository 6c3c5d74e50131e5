"""Executive summary: what moved most since 2020, the biggest Champion–Starter gaps (each
marked significant or not), and the four countries ranked on every country callout."""

import streamlit as st

from cxdash import data, executive, i18n
from cxdash.ui import cards, shell

view = shell.page("executive")
if shell.survey_shown("apac", view):
    lang = view.lang
    st.subheader(i18n.t("exec_moved", lang))
    pairs = executive.yoy_cards(data.run("yoy_pairs", tiers=[], countries=[]))
    cards.yoy_grid(pairs, lang, executive.verdict(False, False, lang))
    st.subheader(i18n.t("exec_gaps", lang))
    gaps = data.run("tier_gaps").head(6)
    verdicts = [
        executive.verdict(s, t, lang) for s, t in zip(gaps["gap_significant"], gaps["testable"])
    ]
    cards.gap_grid(gaps, lang, verdicts)
    st.subheader(i18n.t("exec_scorecard", lang))
    rows = data.run("country_scorecard", countries=list(view.filters.countries))
    st.vega_lite_chart(executive.scorecard(rows, lang).to_dict(), width="stretch")
    st.caption(i18n.t("scorecard_note", lang))
