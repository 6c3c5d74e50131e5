"""CX Survey Explorer: page config, the shared sidebar, navigation. Nothing else."""

import streamlit as st

from cxdash.ui import access, share, shell, slides, state, storyboard

st.set_page_config(page_title="CX Survey Explorer", page_icon="📊", layout="wide")
view = shell.start()
if "chart" in st.query_params:  # ?chart=<figure id>&embed=true: one chart for an iframe
    shell.navigation(view.lang, position="hidden")
    access.setup(view.lang)
    share.embed(view)
    st.stop()
shell.sidebar(view)
page = shell.navigation(st.session_state["lang"])
name = shell.page_name(page)
view = state.current(name)
access.setup(view.lang)
shell.remember(view)
share.export_tools(view)
notices = st.container()  # filled after the page, which may change the view
try:
    if view.present:
        (storyboard.present if name == "story" else slides.present_page)(view)
    else:
        page.run()
finally:
    shell.notices(notices)
    state.sync(name)
    shell.end_run()
