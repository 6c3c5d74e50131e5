"""Benchmark yourself: a company's own practices and service metrics placed against the
published tier rule, tier values and the six-metrics guide's bands. Private by default."""

import streamlit as st

from cxdash import data, i18n
from cxdash.benchmark import Profile
from cxdash.ui import profile, shell, tickets

view = shell.page("benchmark")
lang = view.lang
practices = data.run("practices")
measures = data.run("benchmark_measures")
points = data.run("benchmark_points")
profile.seed(view, practices, measures)
st.caption(i18n.t("bm_private", lang))
profile.link_problems(lang)

st.subheader(i18n.t("bm_practices", lang))
st.caption(i18n.t("bm_practices_caption", lang))
answers = profile.practices_form(practices, lang)
result, mix = st.columns([2, 3], gap="large")
with result:
    profile.rule_result(sum(answers), practices, lang)
with mix:
    profile.tier_mix(view)

st.subheader(i18n.t("bm_metrics", lang))
st.caption(i18n.t("bm_metrics_caption", lang))
tickets.benchmark_fill(lang)
answered = profile.metric_inputs(measures, lang)
for _, measure in measures[measures["measure_id"].isin(answered)].iterrows():
    mid = measure["measure_id"]
    profile.placement(measure, answered[mid], points[points["measure_id"] == mid], lang)
metrics = [(mid, answered[mid]) for mid in measures["measure_id"] if mid in answered]

with st.expander(i18n.t("bm_cannot_say", lang), expanded=True):
    st.markdown(i18n.t("bm_caveats", lang))
profile.share_link(view, Profile(answers, tuple(metrics)))
