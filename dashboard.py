"""CX Survey Explorer: page config, the shared sidebar, navigation. Nothing else."""

import streamlit as st

from cxdash import app, state

st.set_page_config(page_title="CX Survey Explorer", page_icon="📊", layout="wide")
ctx = app.sidebar()
page = app.navigation(ctx.lang)
state.notices(ctx.lang)
try:
    page.run()
finally:
    state.sync_url()
    app.end_run()
