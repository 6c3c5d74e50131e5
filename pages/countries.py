"""Countries: Australia, Japan, Singapore and South Korea side by side; APAC vs other regions."""

import streamlit as st

from cxdash import app, data, i18n, panel

ctx = app.context()
st.title(i18n.t("page_countries", ctx.lang))
st.caption(i18n.t("intro_countries", ctx.lang))
if not app.survey_excluded("apac", ctx):
    panel.figures(data.figures_for("countries"), ctx.filters, ctx.lang, ctx.show_ci)
