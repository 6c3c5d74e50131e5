"""Year over year: every 2020 -> 2021 comparison, with point and relative change."""

import streamlit as st

from cxdash import data, i18n, yoy
from cxdash.ui import panel, shell

view = shell.page("year_over_year")
if shell.survey_shown("apac", view):
    f = view.filters
    pairs = data.run("yoy_pairs", tiers=list(f.tiers), countries=list(f.countries))
    if f.years and not {2020, 2021} <= set(f.years):
        st.info(i18n.t("yoy_needs_both_years", view.lang), icon=":material/info:")
    elif pairs.empty or f.channels:
        st.info(i18n.t("not_published_page", view.lang, asked=shell.asked(view)))
    else:
        st.altair_chart(yoy.dumbbell(pairs, view.lang), width="stretch")
        table = yoy.table(pairs, view.lang)
        measure = st.column_config.TextColumn(width="medium")  # the other columns stay whole
        st.dataframe(
            table, hide_index=True, width="stretch", column_config={table.columns[0]: measure}
        )
    panel.page_figures(view)
