"""The Streamlit side of accessibility: the chart's values as a table a screen reader
reaches, the page's `lang` attribute following the chosen language, a skip link to the
content, and reduced motion respected."""

from __future__ import annotations

import json

import streamlit as st

from cxdash import i18n
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
[data-testid=stSkipToContent] {{display: none;}}
.cx-skip {{position: absolute; left: -10000px; top: 0; z-index: 1000000; padding: 0.5rem 1rem;
  background: #FFFFFF; color: #1A1A1A; border: 2px solid #1A1A1A;}}
.cx-skip:focus {{left: 0.5rem; top: 0.5rem;}}
@media (prefers-reduced-motion: reduce) {{
  *, *::before, *::after {{animation-duration: 0.01ms !important;
    animation-iteration-count: 1 !important; transition-duration: 0.01ms !important;
    scroll-behavior: auto !important;}}
}}
</style>"""
# The first thing a keyboard reaches: a link past the sidebar to the page's content, in the
# reader's language. Streamlit's own ("Skip to main content", English only) points at
# #stMain, an id nothing carries (axe: skip-link, region), so it is hidden; the main area
# gets that id and takes focus. App-owned text only.
_SKIP = """
if (!document.querySelector('.cx-skip')) {
  const main = document.querySelector('[data-testid=stMain]');
  if (main) { main.id = 'stMain'; main.tabIndex = -1; }
  const a = document.createElement('a');
  a.className = 'cx-skip'; a.href = '#stMain'; a.textContent = %s;
  a.addEventListener('click', (e) => { e.preventDefault();
    document.getElementById('stMain')?.focus(); });
  document.body.prepend(a);
}
document.querySelector('.cx-skip').textContent = %s;"""

# the BCP 47 tag of each language of the app
LANG_TAGS = {"en": "en", "zh": "zh-Hant"}


def chart_text(fig: Figure) -> None:
    """The figure's description and values as a visually hidden table (after its chart)."""
    st.html(fig.text_table())


def setup(lang: str) -> None:
    """Every run's first draw: the style above, and <html lang> set to the chosen language
    (Streamlit has no API for it, streamlit/streamlit#15726: an app-owned one-line script;
    no data or URL value reaches it)."""
    tag = json.dumps(LANG_TAGS.get(lang, "en"))
    skip = json.dumps(i18n.t("skip_to_content", lang))
    st.html(_CSS)
    st.html(
        f'<span class="cx-lang"></span><script>document.documentElement.lang = {tag};'
        f"{_SKIP % (skip, skip)}</script>",
        unsafe_allow_javascript=True,
    )
