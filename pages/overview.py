"""Overview: each survey's headline findings as KPI cards, with its one-line method."""

import streamlit as st

from cxdash import data, i18n
from cxdash.ui import cards, panel, shell

view = shell.page("overview", intro=False)
st.caption(i18n.t("app_tagline", view.lang))
headlines = data.run("headlines")
for _, survey in data.run("surveys").iterrows():
    if view.filters.surveys and survey["survey_id"] not in view.filters.surveys:
        continue
    st.subheader(survey["title_zh"] if view.lang == "zh" else survey["title_en"])
    st.caption(cards.method_line(survey, view.lang))
    cards.grid(headlines[headlines["survey_id"] == survey["survey_id"]], view.lang)
    if survey["survey_id"] == "apac":
        with st.expander(i18n.t("more_apac", view.lang)):
            panel.page_figures(view)
