"""Claim audit: every quantitative claim of the documents beside the value recomputed from
the stored figures, with its status and a link to the chart it rests on."""

import streamlit as st

from cxdash import audit, data, i18n
from cxdash.ui import shell, state, widgets

view = shell.page("claims")
lang = view.lang
claims = data.run("claims", surveys=list(view.filters.surveys))
left, right = st.columns(2)
statuses = state.coded(
    left.multiselect,
    "status",
    lang,
    list(data.STATUSES),
    label=i18n.t("col_status", lang),
    format_func=lambda s: i18n.t(f"status_{s}", lang),
    placeholder=i18n.t("filter_all", lang),
    **state.ALL_IS_EMPTY,
)
topics = state.coded(
    right.multiselect,
    "topic",
    lang,
    sorted(claims["topic"].unique()),
    label=i18n.t("col_topic", lang),
    placeholder=i18n.t("filter_all", lang),
    **state.ALL_IS_EMPTY,
)
shown = audit.filter_claims(claims, statuses, topics)
widgets.claim_counts(claims, lang)
st.dataframe(
    audit.table(shown, lang),
    hide_index=True,
    width="stretch",
    column_config=widgets.claim_columns(lang),
)
st.subheader(i18n.t("contradictions", lang))
st.caption(i18n.t("contradictions_intro", lang))
st.dataframe(audit.contradictions(lang), hide_index=True, width="stretch")
