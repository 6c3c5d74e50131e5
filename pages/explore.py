"""Explore: any figure, found by search over titles in both languages, with its table and
sources."""

import streamlit as st

from cxdash import app, data, i18n, panel, state

ctx = app.context()
st.title(i18n.t("page_explore", ctx.lang))
catalog = data.catalog(ctx.filters.surveys)
query = state.text("q", i18n.t("search", ctx.lang), i18n.t("search_hint", ctx.lang))
matches = data.search(catalog, query)
st.caption(i18n.t("n_matches", ctx.lang, n=len(matches), total=len(catalog)))
if matches.empty:
    st.info(i18n.t("no_matches", ctx.lang))
else:
    titles = dict(
        zip(catalog["figure_id"], catalog["title_zh" if ctx.lang == "zh" else "title_en"])
    )
    ids = list(matches["figure_id"])
    chosen = state.select(
        "figure",
        i18n.t("figure", ctx.lang),
        ids,
        ids[0],
        format_func=titles.get,
        widget=st.selectbox,
    )
    panel.figures(matches[matches["figure_id"] == chosen], ctx.filters, ctx.lang, ctx.show_ci)
