"""More reports: the Zendesk agility guide's statistics and the Taiwan industry overview."""

import streamlit as st

from cxdash import app, data, i18n, panel

ctx = app.context()
st.title(i18n.t("page_more", ctx.lang))
st.caption(i18n.t("intro_more", ctx.lang))
for survey_id in ("agility", "taiwan"):
    if not app.survey_excluded(survey_id, ctx):
        figs = data.figures_for("more")
        panel.figures(figs[figs["survey_id"] == survey_id], ctx.filters, ctx.lang, ctx.show_ci)
