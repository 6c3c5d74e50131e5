"""The Streamlit side of accessibility: the chart's values as a table a screen reader
reaches, and the page's `lang` attribute following the chosen language."""

from __future__ import annotations

import json

import streamlit as st

from cxdash import access
from cxdash.figures import Figure

# An element that only carries accessible text takes no room (no flex gap) in the page.
_CSS = """<style>
[data-testid=stElementContainer]:has(.cx-sr-only),
[data-testid=stElementContainer]:has(.cx-lang) {position: absolute; width: 1px; height: 1px;
  overflow: hidden; margin: 0;}
</style>"""

# the BCP 47 tag of each language of the app
LANG_TAGS = {"en": "en", "zh": "zh-Hant"}


def chart_text(fig: Figure) -> None:
    """The figure's description and values as a visually hidden table (after its chart)."""
    st.html(access.hidden_table(fig.spec["description"], fig.table()))


def page_language(lang: str) -> None:
    """Set <html lang> to the chosen language (Streamlit has no API for it: a one-line
    script, app-owned, no data or URL value reaches it), and the style above."""
    tag = json.dumps(LANG_TAGS.get(lang, "en"))
    st.html(_CSS)
    st.html(
        f'<span class="cx-lang"></span><script>document.documentElement.lang = {tag};</script>',
        unsafe_allow_javascript=True,
    )
