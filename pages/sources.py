"""Sources & method: every survey's publisher, population, fieldwork, sample and margin of
error (recomputed from n), subgroup margins, demographics, and the data downloads."""

import streamlit as st

from cxdash import app, data, i18n, method, panel

ctx = app.context()
st.title(i18n.t("page_sources", ctx.lang))
surveys = data.run("surveys")
st.dataframe(method.survey_table(surveys, ctx.lang), hide_index=True, width="stretch")
st.subheader(i18n.t("subgroup_margins", ctx.lang))
st.caption(i18n.t("subgroup_margins_intro", ctx.lang))
st.dataframe(
    method.subgroup_margins(data.run("export"), ctx.lang), hide_index=True, width="stretch"
)
st.subheader(i18n.t("downloads", ctx.lang))
method.downloads(ctx)
st.subheader(i18n.t("respondents", ctx.lang))
panel.figures(data.figures_for("sources"), ctx.filters, ctx.lang, ctx.show_ci)
