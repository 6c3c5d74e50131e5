"""Your ticket log: a help desk's own service metrics from its ticket export, by the
six-metrics guide's definitions, placed on the published tiers and bands. Private to this
session unless imported on the command line; never mixed with the published numbers."""

import streamlit as st

from cxdash import i18n
from cxdash.tickets import metrics
from cxdash.ui import shell, tickets

view = shell.page("ticket_log")
lang = view.lang
st.caption(i18n.t("tk_private", lang))
chosen = tickets.chooser(lang)
if chosen is not None:
    folder, meta = chosen
    tickets.banner(meta, lang)
    tickets.delete_button(meta["id"], lang)
    whole = tickets.cube_of(folder, metrics.Choices())
    cut = tickets.controls(whole, meta, lang)
    cube = tickets.cube_of(folder, cut.choice)
    chosen_rows = metrics.cut(cube, list(cut.channels), cut.months)
    if chosen_rows.empty:
        st.warning(i18n.t("tk_nothing", lang), icon=":material/filter_alt_off:")
    else:
        values = metrics.values(chosen_rows)
        st.subheader(i18n.t("tk_metrics", lang))
        tickets.headline(values, meta, lang)
        st.subheader(i18n.t("tk_placed", lang))
        st.caption(i18n.t("tk_placed_caption", lang))
        tickets.use_button(values, meta, cut, lang)
        tickets.placements(values, lang)
        st.subheader(i18n.t("tk_by_month", lang))
        tickets.monthly(cube, cut, meta, lang)
    with st.expander(i18n.t("tk_how", lang)):
        tickets.definitions(meta, lang)
st.subheader(i18n.t("tk_load", lang))
tickets.upload_form(lang)
st.subheader(i18n.t("tk_cli", lang))
st.caption(i18n.t("tk_cli_note", lang))
st.code(
    "python -m cxdash tickets import export.csv --mapping data/tickets/zendesk_csv.mapping.toml\n"
    "python -m cxdash tickets list\n"
    "python -m cxdash tickets metrics LOG_ID --out metrics.csv\n"
    "python -m cxdash tickets metrics LOG_ID --engine spark --master spark://host:7077",
    language="bash",
)
