"""Explore: any figure, found by search over titles in both languages, with its table and
sources."""

import streamlit as st

from cxdash import data, i18n
from cxdash.ui import panel, shell, state

view = shell.page("explore", intro=False)
lang = view.lang
catalog = data.catalog(view.filters.surveys)
query = st.text_input(
    i18n.t("search", lang), key="q", placeholder=i18n.t("search_hint", lang), max_chars=100
)
matches = data.search(catalog, query)
st.caption(i18n.t("n_matches", lang, n=len(matches), total=len(catalog)))
if matches.empty:
    st.info(i18n.t("no_matches", lang))
else:
    titles = dict(zip(catalog["figure_id"], catalog["title_zh" if lang == "zh" else "title_en"]))
    ids = list(matches["figure_id"])
    if st.session_state.get("figure") not in ids:
        st.session_state["figure"] = ids[0]
    chosen = state.coded(
        st.selectbox, "figure", lang, ids, label=i18n.t("figure", lang), format_func=titles.get
    )
    # one figure, read closely: its table and source open beneath it
    panel.figures_of(matches[matches["figure_id"] == chosen], view, opened=True)
