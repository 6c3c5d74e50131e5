"""Metrics guide: the six KPIs with definitions, formulas and benchmark bands, each linked to
the charts in the app that measure it."""

import streamlit as st

from cxdash import data, i18n
from cxdash.ui import panel, shell

view = shell.page("metrics_guide")
lang, zh = view.lang, view.lang == "zh"
catalog = data.catalog()
for _, kpi in data.run("kpis").iterrows():
    abbr = f" ({kpi['abbr']})" if isinstance(kpi["abbr"], str) else ""
    st.header(kpi["name_zh" if zh else "name_en"] + abbr)
    st.markdown(kpi["definition_zh" if zh else "definition_en"])
    formula = kpi["formula_zh" if zh else "formula_en"]
    formula = formula if isinstance(formula, str) else i18n.t("no_formula", lang)
    st.markdown(f"**{i18n.t('formula', lang)}:** {formula}")
    st.caption(i18n.t(kpi["direction"], lang))
    linked = catalog[catalog["figure_id"].isin(kpi["figure_ids"])]
    guide = linked[linked["survey_id"] == "metrics"]
    if not guide.empty:
        panel.figures_of(guide, view)
    measured = linked[linked["survey_id"] != "metrics"]
    st.markdown(f"**{i18n.t('measured_by', lang)}**")
    if measured.empty:
        st.caption(i18n.t("measured_by_none", lang))
    for _, fig in measured.iterrows():
        st.page_link(
            shell.page_link("explore"),
            label=fig["title_zh" if zh else "title_en"],
            query_params={"figure": fig["figure_id"]},
            icon=":material/insights:",
        )
