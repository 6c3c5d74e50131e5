"""Hong Kong: customers vs frontline staff, the perception gap, human vs digital channels;
last, satisfaction and first-contact resolution by channel side by side (published values
of both figures, the channels both publish), with its table and both figures' sources."""

import streamlit as st

from cxdash import access, i18n, side_by_side
from cxdash.formatting import literal
from cxdash.ui import panel, shell

view = shell.page("hong_kong")
if shell.survey_shown("hk", view):
    panel.page_figures(view)
    rows, only = side_by_side.values("hk", view.filters)
    if not rows.empty:
        st.subheader(i18n.t("side_by_side_hk", view.lang))
        shell.published_part(view)
        st.caption(literal(side_by_side.caption(rows, view.lang)))
        st.altair_chart(side_by_side.chart(rows, view.lang), width="stretch")
        title, table = i18n.t("side_by_side_hk", view.lang), side_by_side.table(rows, view.lang)
        st.html(access.hidden_table(title, table.to_dict("list")))  # for a screen reader
        missing = side_by_side.missing_note(only, view.lang)
        if missing:
            st.caption(literal(missing))
        more = panel.table_and_source("more_side_by_side_hk", view.lang)
        if more is not None:
            with more:
                st.dataframe(table, hide_index=True, width="stretch")
                for drawn in side_by_side.records(rows, view.lang).values():
                    st.markdown(f"##### {literal(drawn[0]['title'])}")
                    panel.cited(drawn, view.lang)
