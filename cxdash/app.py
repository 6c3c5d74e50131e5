"""The shell every page shares: the sidebar (language, filters, interval toggle), the page
list, and the context pages read."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from cxdash import data, i18n, state
from cxdash.paths import ROOT

# (file in pages/, title key, section key). The url path is the file's stem, so a cold deep
# link that Streamlit's legacy pages/ mode runs directly still finds its page (see context()).
PAGES = [
    ("overview.py", "page_overview", "nav_findings"),
    ("executive.py", "page_executive", "nav_findings"),
    ("tiers.py", "page_tiers", "nav_findings"),
    ("countries.py", "page_countries", "nav_findings"),
    ("channels.py", "page_channels", "nav_findings"),
    ("year_over_year.py", "page_yoy", "nav_findings"),
    ("hong_kong.py", "page_hongkong", "nav_findings"),
    ("more_reports.py", "page_more", "nav_findings"),
    ("metrics_guide.py", "page_metrics", "nav_reference"),
    ("explore.py", "page_explore", "nav_reference"),
    ("claims.py", "page_claims", "nav_reference"),
    ("sources.py", "page_sources", "nav_reference"),
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
    state.select(
        "lang",
        i18n.t("language", lang),
        list(i18n.LANGUAGES),
        i18n.DEFAULT_LANGUAGE,
        format_func=i18n.LANGUAGES.get,
        container=side,
        widget=lambda *a, **k: side.radio(*a, horizontal=True, **k),
    )
    lang = st.session_state["lang"]
    side.markdown(f"**{i18n.t('filters', lang)}**")
    chosen = {}
    for dim, key in (
        ("survey", "survey"),
        ("tier", "tier"),
        ("country", "country"),
        ("channel", "channel"),
        ("year", "year"),
    ):
        chosen[dim] = state.multiselect(
            key,
            i18n.t(f"filter_{dim}", lang),
            data.options(dim),
            _labeller(dim, lang),
            container=side,
        )
    show_ci = state.toggle("ci", i18n.t("intervals_toggle", lang), True, container=side)
    side.caption(i18n.t("share_hint", lang))
    filters = data.Filters(
        surveys=tuple(chosen["survey"]),
        tiers=tuple(chosen["tier"]),
        countries=tuple(chosen["country"]),
        channels=tuple(chosen["channel"]),
        years=tuple(int(y) for y in chosen["year"]),
    )
    ctx = Context(lang=lang, filters=filters, show_ci=show_ci)
    st.session_state["ctx"] = ctx
    return ctx


def navigation(lang: str, position: str = "sidebar"):
    """st.navigation over the pages, titles in the current language. The Overview is the
    default page at "/"; a hidden twin answers a typed or legacy-mode "/overview" link."""
    sections: dict[str, list] = {}
    pages = {}
    for file, title, section in PAGES:
        url = file.removesuffix(".py")
        default = url == "overview"
        page = st.Page(
            str(ROOT / "pages" / file),
            title=i18n.t(title, lang),
            url_path="home" if default else url,
            default=default,
        )
        pages[url] = page
        sections.setdefault(i18n.t(section, lang), []).append(page)
    twin = st.Page(
        str(ROOT / "pages" / "overview.py"),
        title=i18n.t("page_overview", lang),
        url_path="overview",
        visibility="hidden",
    )
    sections[next(iter(sections))].append(twin)
    st.session_state["_pages"] = pages
    return st.navigation(sections, position=position)


def page_name(page) -> str:
    """The pages/ file stem a navigation page runs (the default page lives at "/")."""
    return {"": "overview", "home": "overview"}.get(page.url_path, page.url_path)


def page(name: str):
    """The st.Page of pages/<name>.py, for st.page_link."""
    return st.session_state["_pages"][name]


def context() -> Context:
    """The context the sidebar drew for this run (pages call this).

    On a server's very first session Streamlit runs in its legacy `pages/` mode, and a deep
    link runs the page file directly, without dashboard.py. Then nothing has drawn the
    sidebar in this run: switch that mode off and rerun, which runs dashboard.py and
    st.navigation resolves the same url path to the same page.
    """
    if "ctx" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["ctx"]


def end_run() -> None:
    """Forget this run's context, so a page run without dashboard.py is detected."""
    st.session_state.pop("ctx", None)


def survey_excluded(survey_id: str, ctx: Context) -> bool:
    """True (with a notice) when the Survey filter excludes this page's survey."""
    if ctx.filters.surveys and survey_id not in ctx.filters.surveys:
        name = _labeller("survey", ctx.lang)(survey_id)
        st.info(i18n.t("survey_filtered_out", ctx.lang, survey=name), icon="ℹ️")
        return True
    return False
