"""Your data: bring a survey's own respondents; every figure is redrawn from them, labelled as
yours, beside the report's values. Private to this session unless imported on the command line."""

import streamlit as st

from cxdash import i18n
from cxdash.ui import shell, uploads

view = shell.page("your_data")
lang = view.lang
st.caption(i18n.t("up_private_note", lang))
st.subheader(i18n.t("up_datasets", lang))
uploads.dataset_list(lang)
st.subheader(i18n.t("up_load", lang))
uploads.upload_form(lang)
st.subheader(i18n.t("up_cli", lang))
st.caption(i18n.t("up_cli_note", lang))
st.code(
    "python -m cxdash respondents synth --instrument apac --rows 100000 --seed 1 --out f.parquet\n"
    "python -m cxdash respondents import f.parquet --instrument apac --mapping f.mapping.toml\n"
    "python -m cxdash respondents list",
    language="bash",
)
