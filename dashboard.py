"""CX Survey Explorer: page config, the shared sidebar, navigation. Nothing else."""

import streamlit as st

from cxdash import app, share, state

st.set_page_config(page_title="CX Survey Explorer", page_icon="📊", layout="wide")
if share.embedding():  # ?embed=true&figure=…: one chart for an iframe, no app chrome
    query = share.embed_query()
    app.navigation("en", position="hidden")
    share.embed(query)
    st.stop()
ctx = app.sidebar()
page = app.navigation(ctx.lang)
share.export_tools(ctx, app.page_name(page))
notices = st.container()  # filled after the page, which may add its own URL notices
try:
    page.run()
finally:
    state.notices(ctx.lang, notices)
    state.sync_url()
    app.end_run()
