"""CX Survey Explorer: page config, the shared sidebar, navigation. Nothing else."""

import streamlit as st

from cxdash import app, state

st.set_page_config(page_title="CX Survey Explorer", page_icon="📊", layout="wide")
ctx = app.sidebar()
page = app.navigation(ctx.lang)
notices = st.container()  # filled after the page, which may add its own URL notices
try:
    page.run()
finally:
    state.notices(ctx.lang, notices)
    state.sync_url()
    app.end_run()
