"""Year over year: every measure published in more than one wave, each wave against the next
(and the first against the latest), with point and relative change; said once, at the top,
which waves print no base so that their changes cannot be tested."""

import streamlit as st

from cxdash import data, formatting, i18n, yoy
from cxdash.ui import panel, shell

view = shell.page("year_over_year")
f = view.filters
every = data.run("yoy_pairs", tiers=list(f.tiers), countries=list(f.countries))
pairs = yoy.shown(every, f.surveys, f.years)
if f.years and pairs.empty and not yoy.shown(every, f.surveys, ()).empty:
    st.info(i18n.t("yoy_needs_two_years", view.lang), icon=":material/info:")
elif pairs.empty or f.channels:
    st.info(i18n.t("not_published_page", view.lang, asked=shell.asked(view)))
else:
    shell.published_part(view)
    note = yoy.untestable_note(pairs, view.lang)
    if note:
        st.info(note, icon=":material/info:")
    st.altair_chart(yoy.dumbbell(pairs, view.lang), width="stretch")
    st.table(yoy.table(pairs, view.lang), hide_index=True)  # wraps its text: nothing is cut
    st.caption(formatting.literal(yoy.wave_notes(pairs, view.lang)))
panel.page_figures(view)
