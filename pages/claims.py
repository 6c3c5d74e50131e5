"""Claim audit: every quantitative claim of the documents beside the value recomputed from
the stored figures, with its status and a link to the chart it rests on."""

import streamlit as st

from cxdash import app, audit, data, i18n, state

ctx = app.context()
st.title(i18n.t("page_claims", ctx.lang))
st.caption(i18n.t("intro_claims", ctx.lang))
claims = data.run("claims", surveys=list(ctx.filters.surveys))
statuses = ["matches", "differs", "not_recomputable"]
left, right = st.columns(2)
chosen_status = state.multiselect(
    "status",
    i18n.t("col_status", ctx.lang),
    statuses,
    lambda s: i18n.t(f"status_{s}", ctx.lang),
    container=left,
)
topics = sorted(claims["topic"].unique())
chosen_topic = state.multiselect(
    "topic", i18n.t("col_topic", ctx.lang), topics, str, container=right
)
shown = audit.filter_claims(claims, chosen_status, chosen_topic)
audit.summary(claims, ctx.lang)
st.dataframe(
    audit.table(shown, ctx.lang),
    hide_index=True,
    width="stretch",
    column_config=audit.column_config(ctx.lang),
)
st.subheader(i18n.t("contradictions", ctx.lang))
st.caption(i18n.t("contradictions_intro", ctx.lang))
st.dataframe(audit.contradictions(ctx.lang), hide_index=True, width="stretch")
