"""Hong Kong: customers vs frontline staff, the perception gap, human vs digital channels."""

import streamlit as st

from cxdash import app, data, i18n, panel

ctx = app.context()
st.title(i18n.t("page_hongkong", ctx.lang))
st.caption(i18n.t("intro_hongkong", ctx.lang))
if not app.survey_excluded("hk", ctx):
    panel.figures(data.figures_for("hk"), ctx.filters, ctx.lang, ctx.show_ci)
