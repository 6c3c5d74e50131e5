"""Overview: each survey's headline findings as KPI cards, with its one-line method."""

import streamlit as st

from cxdash import app, cards, data, i18n, panel

ctx = app.context()
st.title(i18n.t("app_title", ctx.lang))
st.caption(i18n.t("app_tagline", ctx.lang))
headlines = data.run("headlines")
for _, survey in data.run("surveys").iterrows():
    if ctx.filters.surveys and survey["survey_id"] not in ctx.filters.surveys:
        continue
    st.subheader(survey["title_zh"] if ctx.lang == "zh" else survey["title_en"])
    st.caption(cards.method_line(survey, ctx.lang))
    cards.grid(headlines[headlines["survey_id"] == survey["survey_id"]], ctx.lang)
    if survey["survey_id"] == "apac":
        with st.expander(i18n.t("more_apac", ctx.lang)):
            panel.figures(data.figures_for("overview"), ctx.filters, ctx.lang, ctx.show_ci)
