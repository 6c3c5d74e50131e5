"""Year over year: every 2020 -> 2021 comparison, with point and relative change."""

import streamlit as st

from cxdash import app, data, i18n, panel, yoy

ctx = app.context()
st.title(i18n.t("page_yoy", ctx.lang))
st.caption(i18n.t("intro_yoy", ctx.lang))
if not app.survey_excluded("apac", ctx):
    pairs = data.run(
        "yoy_pairs", tiers=list(ctx.filters.tiers), countries=list(ctx.filters.countries)
    )
    if ctx.filters.years and not {2020, 2021} <= set(ctx.filters.years):
        st.info(i18n.t("yoy_needs_both_years", ctx.lang), icon="ℹ️")
    elif pairs.empty or ctx.filters.channels:
        st.info(i18n.t("not_published_page", ctx.lang, asked=ctx.filters.describe(ctx.lang)))
    else:
        st.altair_chart(yoy.dumbbell(pairs, ctx.lang), width="stretch")
        st.dataframe(yoy.table(pairs, ctx.lang), hide_index=True, width="stretch")
    panel.figures(data.figures_for("yoy"), ctx.filters, ctx.lang, ctx.show_ci)
