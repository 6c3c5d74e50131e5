"""The Streamlit side of accessibility: the chart's values as a table a screen reader
reaches, and the page's `lang` attribute following the chosen language."""

from __future__ import annotations

import json

import streamlit as st

from cxdash import access
from cxdash.figures import Figure
from cxdash.palette import MUTED_TEXT

# App-owned CSS (no data or URL value reaches it): an element that only carries accessible
# text takes no room (no flex gap) in the page; captions and the buttons' keyboard hints at
# WCAG AA contrast (Streamlit draws them in the text colour at opacity 0.6: 3.9:1).
_CSS = f"""<style>
[data-testid=stElementContainer]:has(.cx-sr-only),
[data-testid=stElementContainer]:has(.cx-lang) {{position: absolute; width: 1px; height: 1px;
  overflow: hidden; margin: 0;}}
[data-testid=stCaptionContainer], [data-testid=stButton] kbd {{color: {MUTED_TEXT};
  opacity: 1;}}
</style>"""

# the BCP 47 tag of each language of the app
LANG_TAGS = {"en": "en", "zh": "zh-Hant"}


def chart_text(fig: Figure) -> None:
    """The figure's description and values as a visually hidden table (after its chart)."""
    st.html(access.hidden_table(fig.spec["description"], fig.table()))


def setup(lang: str) -> None:
    """Every run's first draw: the style above, and <html lang> set to the chosen language
    (Streamlit has no API for it, streamlit/streamlit#15726: an app-owned one-line script;
    no data or URL value reaches it)."""
    tag = json.dumps(LANG_TAGS.get(lang, "en"))
    st.html(_CSS)
    st.html(
        f'<span class="cx-lang"></span><script>document.documentElement.lang = {tag};</script>',
        unsafe_allow_javascript=True,
    )
