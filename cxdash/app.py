"""The shell every page shares: the sidebar (language, filters, interval toggle), the page
list, and the context pages read."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from cxdash import data, i18n, state
from cxdash.paths import ROOT

# (file in pages/, url path, title key, section key). url paths differ from file names on
# purpose (see stack notes: a cold deep link would otherwise run the file without sidebar).
PAGES = [
    ("overview.py", "overview", "page_overview", "nav_findings"),
    ("tiers.py", "maturity-tiers", "page_tiers", "nav_findings"),
    ("countries.py", "country-comparison", "page_countries", "nav_findings"),
    ("channels.py", "channel-comparison", "page_channels", "nav_findings"),
    ("year_over_year.py", "yoy", "page_yoy", "nav_findings"),
    ("hong_kong.py", "hk", "page_hongkong", "nav_findings"),
    ("metrics_guide.py", "kpi-guide", "page_metrics", "nav_reference"),
    ("explore.py", "explore-figures", "page_explore", "nav_reference"),
    ("claims.py", "claim-audit", "page_claims", "nav_reference"),
    ("sources.py", "sources-method", "page_sources", "nav_reference"),
]


@dataclass(frozen=True)
class Context:
    lang: str
    filters: data.Filters
    show_ci: bool


def _labeller(dimension: str, lang: str):
    labels = data.dimension_labels(lang)
    return lambda code: labels.get((dimension, str(code)), str(code))


def sidebar() -> Context:
    """Draw the shared sidebar and remember the context for the page."""
    state.begin_run()
    lang = state.language()
    side = st.sidebar
    state.select("lang", i18n.t("language", lang), list(i18n.LANGUAGES), i18n.DEFAULT_LANGUAGE,
                 format_func=i18n.LANGUAGES.get, container=side,
                 widget=lambda *a, **k: side.radio(*a, horizontal=True, **k))
    lang = st.session_state["lang"]
    side.markdown(f"**{i18n.t('filters', lang)}**")
    chosen = {}
    for dim, key in (("survey", "survey"), ("tier", "tier"), ("country", "country"),
                     ("channel", "channel"), ("year", "year")):
        chosen[dim] = state.multiselect(key, i18n.t(f"filter_{dim}", lang), data.options(dim),
                                        _labeller(dim, lang), container=side)
    show_ci = state.toggle("ci", i18n.t("intervals_toggle", lang), True, container=side)
    side.caption(i18n.t("share_hint", lang))
    filters = data.Filters(surveys=tuple(chosen["survey"]), tiers=tuple(chosen["tier"]),
                           countries=tuple(chosen["country"]),
                           channels=tuple(chosen["channel"]),
                           years=tuple(int(y) for y in chosen["year"]))
    ctx = Context(lang=lang, filters=filters, show_ci=show_ci)
    st.session_state["ctx"] = ctx
    return ctx


def navigation(lang: str):
    """st.navigation over the pages, titles in the current language."""
    sections: dict[str, list] = {}
    for file, url, title, section in PAGES:
        page = st.Page(str(ROOT / "pages" / file), title=i18n.t(title, lang), url_path=url,
                       default=url == "overview")
        sections.setdefault(i18n.t(section, lang), []).append(page)
    return st.navigation(sections)


def context() -> Context:
    """The context the sidebar drew for this run (pages call this)."""
    return st.session_state["ctx"]


def survey_excluded(survey_id: str, ctx: Context) -> bool:
    """True (with a notice) when the Survey filter excludes this page's survey."""
    if ctx.filters.surveys and survey_id not in ctx.filters.surveys:
        name = _labeller("survey", ctx.lang)(survey_id)
        st.info(i18n.t("survey_filtered_out", ctx.lang, survey=name), icon="ℹ️")
        return True
    return False
