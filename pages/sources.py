"""Sources & method: the health of the data files (what failed to build: file, line, column,
reason), every survey's publisher, population, fieldwork, sample and margin of error
(recomputed from n), subgroup margins, demographics, and the data downloads."""

import streamlit as st

from cxdash import data, i18n, method
from cxdash.ui import panel, shell, widgets

view = shell.page("sources", intro=False)
lang = view.lang
widgets.data_health(lang)
st.table(method.survey_table(data.run("surveys"), lang), hide_index=True)  # wraps: nothing cut
st.subheader(i18n.t("subgroup_margins", lang))
st.caption(i18n.t("subgroup_margins_intro", lang))
values = data.run("figure_values", figure_ids=[], tiers=[], countries=[], channels=[], years=[])
st.dataframe(method.subgroup_margins(values, lang), hide_index=True, width="stretch")
st.subheader(i18n.t("downloads", lang))
widgets.downloads(view)
st.subheader(i18n.t("respondents", lang))
panel.page_figures(view)
