"""Channels: every figure published for a specific customer-service channel, all surveys."""

import streamlit as st

from cxdash import app, data, i18n, panel

ctx = app.context()
st.title(i18n.t("page_channels", ctx.lang))
st.caption(i18n.t("intro_channels", ctx.lang))
panel.figures(data.figures_for("channels", ctx.filters.surveys), ctx.filters, ctx.lang, ctx.show_ci)
