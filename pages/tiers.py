"""Maturity tiers: every chart broken down by Starter / Emerging / Champion."""

import streamlit as st

from cxdash import app, data, i18n, panel

ctx = app.context()
st.title(i18n.t("page_tiers", ctx.lang))
st.caption(i18n.t("intro_tiers", ctx.lang))
if not app.survey_excluded("apac", ctx):
    panel.figures(data.figures_for("tiers"), ctx.filters, ctx.lang, ctx.show_ci)
