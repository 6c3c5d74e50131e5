"""Executive summary, one screen: the country scorecard beside the questions where Champions
lead Starters most (each with its test); below, what moved since 2020, said once whether
the moves can be tested."""

import streamlit as st

from cxdash import data, executive, i18n
from cxdash.ui import cards, shell

view = shell.page("executive")
if shell.survey_shown("apac", view):
    lang = view.lang
    scorecard, gaps = st.columns([3, 2], gap="medium")
    with scorecard:
        st.subheader(i18n.t("exec_scorecard", lang))
        rows = data.run("country_scorecard", countries=list(view.filters.countries))
        st.vega_lite_chart(executive.scorecard(rows, lang).to_dict(), width="stretch")
        st.caption(i18n.t("scorecard_note", lang))
    with gaps:
        st.subheader(i18n.t("exec_gaps", lang))
        all_gaps = data.run("tier_gaps")
        cards.gap_cards(executive.gap_rows(all_gaps.head(executive.TOP_GAPS), lang), lang)
        st.caption(i18n.t("exec_more_gaps", lang, n=len(all_gaps)))
    st.subheader(i18n.t("exec_moved", lang))
    pairs = executive.yoy_cards(data.run("yoy_pairs", tiers=[], countries=[]))
    if not executive.testable_moves(pairs):
        st.caption(i18n.t("moves_untestable", lang))
    cards.yoy_grid(pairs, lang, columns=3)
