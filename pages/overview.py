"""Overview: each survey's headline findings as KPI cards, with its one-line method."""

import streamlit as st

from cxdash import data, i18n
from cxdash.ui import cards, panel, shell

view = shell.page("overview", intro=False)
lang = view.lang
st.caption(i18n.t("app_tagline", lang))
cards_now = data.run("headlines", **view.filters.slice_params())
cards_all = data.run("headlines", tiers=[], countries=[], channels=[], years=[])
for _, survey in data.run("surveys").iterrows():
    sid = survey["survey_id"]
    if view.filters.surveys and sid not in view.filters.surveys:
        continue
    st.subheader(survey["title_zh"] if lang == "zh" else survey["title_en"])
    st.caption(
        " · ".join(
            filter(None, [cards.method_line(survey, lang), cards.population_line(survey, lang)])
        )
    )
    mine = cards_now[cards_now["survey_id"] == sid]
    shell.published_part(view)
    cards.grid(mine, lang)
    hidden = int((cards_all["survey_id"] == sid).sum()) - len(mine)
    if hidden:
        st.caption(i18n.t("cards_hidden", lang, n=hidden, asked=shell.asked(view)))
    if sid == "apac":
        with st.expander(i18n.t("more_apac", lang)):
            panel.page_figures(view)
    st.page_link(
        shell.page_link("explore"),
        label=i18n.t("explore_survey", lang, n=int(survey["n_figures"])),
        query_params={"survey": sid, **({"lang": "zh"} if lang == "zh" else {})},
        icon=":material/travel_explore:",
    )
