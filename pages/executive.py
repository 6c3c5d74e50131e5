"""Executive summary, one screen: a one-sentence takeaway, the country scorecard (its key
above it) beside the questions where Champions lead Starters most (each with its test);
below, what moved since 2020, said once whether the moves can be tested."""

import streamlit as st

from cxdash import access, data, executive, i18n
from cxdash.ui import cards, shell, widgets

view = shell.page("executive", intro=False)  # the takeaway is its first line
if shell.survey_shown("apac", view):
    lang = view.lang
    rows = data.run("country_scorecard", countries=list(view.filters.countries))
    tests = data.run("figure_tests", figure_ids=sorted(set(rows["figure_id"])))
    sentence = executive.takeaway(rows, tests, lang)
    if sentence:
        st.markdown(f"**{sentence}**")
    scorecard, gaps = st.columns([3, 2], gap="medium")
    with scorecard:
        st.subheader(i18n.t("exec_scorecard", lang))
        st.caption(i18n.t("scorecard_note", lang))  # the key, on the first screen
        spec = executive.scorecard(rows, lang).to_dict()
        said = access.scorecard_text(i18n.t("exec_scorecard", lang), rows, lang)
        widgets.chart({**spec, **access.described(spec, said)})
    with gaps:
        all_gaps = data.run("tier_gaps")
        st.subheader(i18n.t("exec_gaps_year", lang, year=executive.latest_year(all_gaps)))
        cards.gap_cards(executive.gap_rows(all_gaps.head(executive.TOP_GAPS), lang), lang)
        st.caption(i18n.t("exec_more_gaps", lang, n=len(all_gaps)))
    st.subheader(i18n.t("exec_moved", lang))
    pairs = executive.yoy_cards(data.run("yoy_pairs", tiers=[], countries=[]))
    if not executive.testable_moves(pairs):
        st.caption(i18n.t("moves_untestable", lang))
    cards.yoy_grid(pairs, lang, columns=3)
